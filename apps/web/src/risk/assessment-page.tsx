// /risk/:id: one assessment: its place on the matrix against the appetite line, ratings with
// their level descriptions and rationale, the engine's proposal and any override, measures,
// residual risk, and every version with its author and score.
import type { Assessment } from "@bulwark/contracts";
import { matrixCell } from "@bulwark/core";
import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconEdit } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client } from "../app/api.ts";
import { DownloadButton } from "../app/download-button.tsx";
import { useFormat } from "../app/format.ts";
import { PageHeader, PageSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { RiskMatrix } from "./risk-matrix.tsx";
import { BandBadge, ReviewBadge } from "./risk-parts.tsx";
import { ScoreTrend } from "./score-trend.tsx";

const DIMENSIONS = ["likelihood", "vulnerability", "consequence"] as const;

function Ratings({ assessment }: { assessment: Assessment }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      {DIMENSIONS.map((dimension) => {
        const level = assessment.ratings[dimension];
        const scale = assessment.methodology.scales[dimension];
        const described = scale.levels[level - 1];
        return (
          <Paper
            key={dimension}
            withBorder
            p="sm"
            radius="md"
            data-testid={`rating-${dimension}`}
            data-level={level}
          >
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {scale.label}
            </Text>
            <Text fw={700} size="lg">
              {level} – {described?.label}
            </Text>
            <Text size="xs" c="dimmed">
              {described?.description}
            </Text>
            {assessment.rationale[dimension] && (
              <Text size="sm" mt="xs">
                {assessment.rationale[dimension]}
              </Text>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

export function AssessmentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const format = useFormat();
  const labels = useLabels();
  const assessment = useQuery({
    queryKey: ["risk", "assessment", id],
    queryFn: () => client.call("getRiskAssessment", { params: { id } }),
  });
  const versions = useQuery({
    queryKey: ["risk", "versions", id],
    queryFn: () => client.call("listRiskAssessmentVersions", { params: { id } }),
  });
  if (assessment.error) return <ProblemAlert error={assessment.error} />;
  const data = assessment.data;
  if (!data) return <PageSkeleton />;
  const { proposal } = data;
  return (
    <>
      <PageHeader
        title={data.title}
        subtitle={`${data.organisation.name} · ${[
          ...data.assets.map((asset) => asset.name),
          ...(data.hiddenAssets > 0 ? [t("risk.hiddenAssets", { count: data.hiddenAssets })] : []),
        ].join(", ")} · ${labels.sector(data.sector)}`}
        actions={
          <>
            <DownloadButton
              href={client.url(`/api/risk/assessments/${encodeURIComponent(data.id)}/report.pdf`)}
              testId="assessment-pdf"
            >
              {t("risk.detail.downloadPdf")}
            </DownloadButton>
            {data.canRevise && (
              <Button component={Link} to={`/risk/${data.id}/revise`} leftSection={<IconEdit size={16} />}>
                {t("risk.detail.revise")}
              </Button>
            )}
          </>
        }
      />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" radius="md">
            <Group gap="xs" mb="sm">
              <BandBadge band={data.band} score={data.score} />
              <Badge color={data.aboveAppetite ? "red" : "green"} variant="light" tt="none">
                {data.aboveAppetite ? t("risk.detail.appetiteAbove") : t("risk.detail.appetiteWithin")}
              </Badge>
              <TlpBadge marking={data.marking} />
              <ReviewBadge item={data} />
            </Group>
            <RiskMatrix
              methodology={data.methodology}
              title={t("risk.matrix.label")}
              points={[
                {
                  ...matrixCell(data.methodology, data.residual.ratings),
                  label: t("risk.matrix.residual"),
                  hollow: true,
                },
                { ...data.cell, label: t("risk.matrix.current") },
              ]}
            />
            <Text size="xs" c="dimmed" mt="xs">
              {t("risk.detail.methodology", { name: data.methodology.name })}
            </Text>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md" radius="md">
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {t("risk.columns.scenario")}
              </Text>
              <Anchor component={Link} to="/risk/scenarios" fw={600}>
                {data.scenario.title}
              </Anchor>
            </Paper>
            <Ratings assessment={data} />
            <Paper
              withBorder
              p="md"
              radius="md"
              data-testid="assessment-proposal"
              data-level={proposal.level}
            >
              <Title order={5}>{t("risk.detail.proposal")}</Title>
              <Text size="sm">
                {t("risk.form.proposedLevel", {
                  level: proposal.level,
                  label: data.methodology.scales.consequence.levels[proposal.level - 1]?.label ?? "",
                })}{" "}
                ·{" "}
                {t("pattern.labelValue", {
                  label: t("risk.form.assetsLost"),
                  value: format.number(proposal.figures.assetsLost),
                })}{" "}
                ·{" "}
                {t("pattern.labelValue", {
                  label: t("risk.form.population"),
                  value: format.number(proposal.figures.population),
                })}{" "}
                ·{" "}
                {t("pattern.labelValue", {
                  label: t("risk.form.sectorsHit"),
                  value: format.number(proposal.figures.sectorsHit),
                })}
              </Text>
              <Text size="sm" c={data.overrideReason ? "orange" : "dimmed"} mt={4}>
                {data.overrideReason
                  ? t("risk.detail.overridden", { reason: data.overrideReason })
                  : t("risk.detail.confirmed")}
              </Text>
            </Paper>
            <Paper withBorder p="md" radius="md">
              <Group justify="space-between" mb="xs">
                <Title order={5}>{t("risk.detail.measures")}</Title>
                <Group gap="xs">
                  <Text size="sm">{t("risk.detail.residual")}:</Text>
                  <BandBadge band={data.residual.band} score={data.residual.score} />
                </Group>
              </Group>
              {data.measures.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t("risk.detail.noMeasures")}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={700}>
                  <Table striped verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("risk.form.measureTitle")}</Table.Th>
                        <Table.Th>{t("risk.form.kind")}</Table.Th>
                        <Table.Th>{t("risk.form.status")}</Table.Th>
                        <Table.Th>{t("risk.form.owner")}</Table.Th>
                        <Table.Th>{t("risk.form.dueDate")}</Table.Th>
                        <Table.Th>{t("risk.form.effect")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.measures.map((measure) => (
                        <Table.Tr key={`${measure.title}-${measure.kind}`}>
                          <Table.Td>
                            {measure.title}
                            {measure.compendiumSlug && (
                              <Anchor
                                component={Link}
                                to={`/compendium/${measure.compendiumSlug}`}
                                size="xs"
                                display="block"
                              >
                                {measure.compendiumSlug}
                              </Anchor>
                            )}
                          </Table.Td>
                          <Table.Td>{t(`risk.kinds.${measure.kind}`)}</Table.Td>
                          <Table.Td>{t(`risk.statuses.${measure.status}`)}</Table.Td>
                          <Table.Td>{measure.owner}</Table.Td>
                          <Table.Td>
                            {measure.dueDate ? format.date(`${measure.dueDate}T12:00:00Z`) : "—"}
                          </Table.Td>
                          <Table.Td>
                            L −{measure.effect.likelihood} · V −{measure.effect.vulnerability} · C −
                            {measure.effect.consequence}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
            <Paper withBorder p="md" radius="md">
              <Title order={5} mb="xs">
                {t("risk.detail.history")}
              </Title>
              {versions.data && versions.data.items.length > 1 && (
                <ScoreTrend
                  points={[...versions.data.items]
                    .reverse()
                    .map((version) => ({ at: version.createdAt, score: version.score }))}
                  label={t("risk.detail.history")}
                />
              )}
              <Table.ScrollContainer minWidth={600}>
                <Table verticalSpacing="xs" data-testid="versions">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("risk.columns.version")}</Table.Th>
                      <Table.Th>{t("risk.detail.when")}</Table.Th>
                      <Table.Th>{t("risk.detail.author")}</Table.Th>
                      <Table.Th>{t("risk.columns.score")}</Table.Th>
                      <Table.Th>{t("risk.columns.residual")}</Table.Th>
                      <Table.Th>{t("risk.detail.note")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {versions.data?.items.map((version) => (
                      <Table.Tr key={version.version}>
                        <Table.Td>{version.version}</Table.Td>
                        <Table.Td>{format.dateTime(version.createdAt)}</Table.Td>
                        <Table.Td>{version.author?.name ?? "—"}</Table.Td>
                        <Table.Td>{version.score}</Table.Td>
                        <Table.Td>{version.residualScore}</Table.Td>
                        <Table.Td>{version.note ?? ""}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
