// A run's results: overall score, the radar of section scores (with the previous run dashed), the
// change since the previous submitted run, and the gaps ranked with the recommended entries.
import type { RunResults } from "@bulwark/contracts";
import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import {
  IconArrowDownRight,
  IconArrowUpRight,
  IconFileText,
  IconHeartHandshake,
  IconPencil,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { EmptyState, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { needFormFrom, useAssistanceAbilities } from "../assistance/abilities.ts";
import { RadarChart } from "./radar-chart.tsx";
import { BackToList } from "./run-page.tsx";
import { CompletenessBar, ReportPdfButton, ScoreBadge, StateBadge } from "./self-assessment-parts.tsx";

export const resultsKey = (id: string) => ["self-assessment", "results", id] as const;

export function ResultsPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: resultsKey(id),
    queryFn: () => client.call("getRunResults", { params: { id } }),
    staleTime: 0,
  });
  if (results.isPending) return <Skeleton height={400} />;
  if (results.isError || !results.data) return <ProblemAlert error={results.error} />;
  const data = results.data;
  return (
    <Stack gap="lg">
      <BackToList />
      <PageHeader
        title={t("pattern.labelValue", { label: t("selfAssessment.results"), value: data.run.title })}
        subtitle={`${data.run.framework.title} · ${data.run.organisation.name}`}
        actions={
          <>
            <StateBadge state={data.run.state} />
            <Button
              component={Link}
              to={`/self-assessment/runs/${id}`}
              variant="light"
              leftSection={<IconPencil size={16} />}
            >
              {t("selfAssessment.backToRun")}
            </Button>
            <Button
              component={Link}
              to={`/self-assessment/runs/${id}/report`}
              leftSection={<IconFileText size={16} />}
            >
              {t("selfAssessment.report")}
            </Button>
            <ReportPdfButton runId={id} />
          </>
        }
      />
      <ScoreOverview data={data} />
      <Comparison data={data} />
      <Gaps data={data} requestAssistance />
    </Stack>
  );
}

export function ScoreOverview({ data }: { data: RunResults }) {
  const { t } = useTranslation();
  const { percent } = useFormat();
  const previous = data.previous
    ? new Map(data.previous.sections.map((section) => [section.sectionId, section.before]))
    : null;
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder radius="md" p="md">
          <Stack align="center" gap="xs">
            <Group gap="xs">
              <Text fw={600}>{t("selfAssessment.overall")}</Text>
              <ScoreBadge score={data.overall} size="lg" />
            </Group>
            <Text size="xs" c="dimmed">
              {t("pattern.labelValue", {
                label: t("selfAssessment.completeness"),
                value: percent(data.completeness),
              })}
            </Text>
            <RadarChart
              labels={data.sections.map((section) => section.title)}
              current={{ scores: data.sections.map((section) => section.score) }}
              previous={
                previous
                  ? { scores: data.sections.map((section) => previous.get(section.sectionId) ?? null) }
                  : undefined
              }
            />
            {previous && (
              <Group gap="md">
                <Text size="xs" c="blue.8">
                  ■ {t("selfAssessment.chartCurrent")}
                </Text>
                <Text size="xs" c="dimmed">
                  ┅ {t("selfAssessment.chartPrevious")}
                </Text>
              </Group>
            )}
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder radius="md" p="md">
          <Title order={4} mb="sm">
            {t("selfAssessment.scoreBySection")}
          </Title>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={6} aria-label={t("selfAssessment.scoreBySection")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t("selfAssessment.section")}</Table.Th>
                  <Table.Th>{t("selfAssessment.score")}</Table.Th>
                  <Table.Th>{t("selfAssessment.completeness")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.sections.map((section, index) => (
                  <Table.Tr key={section.sectionId} data-section={section.sectionId}>
                    <Table.Td>{index + 1}</Table.Td>
                    <Table.Td fz="sm">{section.title}</Table.Td>
                    <Table.Td>
                      <ScoreBadge score={section.score} size="sm" />
                    </Table.Td>
                    <Table.Td miw={100}>
                      <Text size="xs">
                        {t("selfAssessment.questionsOf", {
                          answered: section.answered,
                          total: section.questions,
                        })}
                      </Text>
                      <CompletenessBar value={section.answered / Math.max(section.questions, 1)} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

function Delta({ delta }: { delta: number | null }) {
  if (delta === null) return <Text size="sm">—</Text>;
  const points = Math.round(delta * 100);
  const colour = points > 0 ? "teal" : points < 0 ? "red" : "gray";
  return (
    <Badge
      color={colour}
      variant="light"
      leftSection={
        points > 0 ? <IconArrowUpRight size={12} /> : points < 0 ? <IconArrowDownRight size={12} /> : null
      }
    >
      {points > 0 ? "+" : ""}
      {points}
    </Badge>
  );
}

export function Comparison({ data }: { data: RunResults }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titles = new Map(data.sections.map((section) => [section.sectionId, section.title]));
  return (
    <Stack gap="xs">
      <Title order={3}>{t("selfAssessment.comparison")}</Title>
      {!data.previous ? (
        <EmptyState>{t("selfAssessment.noPrevious")}</EmptyState>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Text size="sm" c="dimmed" mb="xs">
            {t("selfAssessment.comparisonOf", {
              title: data.previous.run.title,
              date: data.previous.run.submittedAt ? format.date(data.previous.run.submittedAt) : "",
            })}
          </Text>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("selfAssessment.section")}</Table.Th>
                  <Table.Th>{t("selfAssessment.before")}</Table.Th>
                  <Table.Th>{t("selfAssessment.after")}</Table.Th>
                  <Table.Th>{t("selfAssessment.change")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...data.previous.sections, data.previous.overall].map((change) => (
                  <Table.Tr key={change.sectionId}>
                    <Table.Td fz="sm" fw={change.sectionId === "overall" ? 700 : undefined}>
                      {change.sectionId === "overall"
                        ? t("selfAssessment.overall")
                        : titles.get(change.sectionId)}
                    </Table.Td>
                    <Table.Td fz="sm">{format.percent(change.before)}</Table.Td>
                    <Table.Td fz="sm">{format.percent(change.after)}</Table.Td>
                    <Table.Td>
                      <Delta delta={change.delta} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}

/** The gaps, largest first; on the results page each offers to turn it into an assistance need. */
export function Gaps({
  data,
  limit,
  requestAssistance = false,
}: {
  data: RunResults;
  limit?: number;
  requestAssistance?: boolean;
}) {
  const { t } = useTranslation();
  const assistance = useAssistanceAbilities();
  const me = useMe();
  // A need is drawn from a gap of one's own organisation's run.
  const mayRequest =
    requestAssistance && assistance.recordNeed && data.run.organisation.id === me.organisation.id;
  const titles = new Map(data.sections.map((section) => [section.sectionId, section.title]));
  const gaps = limit ? data.gaps.slice(0, limit) : data.gaps;
  return (
    <Stack gap="xs">
      <Title order={3}>{t("selfAssessment.gaps")}</Title>
      <Text size="sm" c="dimmed">
        {t("selfAssessment.gapsHelp")}
      </Text>
      {gaps.length === 0 && <EmptyState>{t("selfAssessment.noGaps")}</EmptyState>}
      {gaps.map((gap, index) => (
        <Card
          key={gap.questionId}
          withBorder
          radius="md"
          padding="sm"
          className="avoid-break"
          data-gap={gap.questionId}
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {index + 1}. {titles.get(gap.sectionId)}
              </Text>
              <Text fw={600} size="sm">
                {gap.question}
              </Text>
            </Stack>
            <Group gap="xs" wrap="nowrap">
              {mayRequest && (
                <Button
                  component={Link}
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconHeartHandshake size={14} />}
                  to={needFormFrom({ kind: "gap", runId: data.run.id, questionId: gap.questionId })}
                  aria-label={`${t("assistance.requestAssistance")}: ${gap.question}`}
                >
                  {t("assistance.requestAssistance")}
                </Button>
              )}
              <ScoreBadge score={gap.score} size="sm" />
            </Group>
          </Group>
          <Text size="xs" fw={600} mt="xs">
            {t("selfAssessment.recommended")}
          </Text>
          {gap.entries.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t("selfAssessment.noRecommended")}
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {gap.entries.map((entry) => (
                <List.Item key={entry.slug}>
                  <Anchor component={Link} to={`/compendium/${entry.slug}`} size="sm">
                    {entry.title}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      ))}
    </Stack>
  );
}
