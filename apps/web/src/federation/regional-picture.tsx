// The hub's regional picture: for each region, the countries that sent, their current needs by
// theme (bars), the self-assessment section means the anonymity rule lets through (a radar of the
// resolution's sections and a table), and engagements by status. Every figure is a sum of cells
// behind at least k organisations; the hub applies its k again as it reads.
import type { FederationRegional } from "@bulwark/contracts";
import { ENGAGEMENT_STATUSES, REGIONS, THEMES } from "@bulwark/core";
import {
  Alert,
  Badge,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { useAssistanceLabels, useResolutionSections } from "../assistance/assistance-parts.tsx";
import { RadarChart } from "../self-assessment/radar-chart.tsx";
import { ScoreBadge } from "../self-assessment/self-assessment-parts.tsx";

type Region = FederationRegional["regions"][number];

/** A labelled bar per row, longest first, scaled to the largest count. */
function CountBars({
  caption,
  rows,
}: {
  caption: string;
  rows: { key: string; label: string; count: number; organisations: number }[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const max = Math.max(1, ...rows.map((row) => row.count));
  const sorted = [...rows].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return (
    <Table verticalSpacing={4} withRowBorders={false}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="35%">{t("federation.regional.what")}</Table.Th>
          <Table.Th>{t("federation.regional.count")}</Table.Th>
          <Table.Th ta="end">{t("federation.regional.organisations")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((row) => (
          <Table.Tr key={row.key} data-cell={row.key}>
            <Table.Td>
              <Text size="sm">{row.label}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Progress
                  value={(row.count / max) * 100}
                  size="lg"
                  radius="sm"
                  style={{ flex: 1 }}
                  aria-label={`${row.label}: ${format.number(row.count)}`}
                />
                <Text size="sm" fw={600} miw={32} ta="end">
                  {format.number(row.count)}
                </Text>
              </Group>
            </Table.Td>
            <Table.Td ta="end">
              <Text size="sm" c="dimmed">
                {format.number(row.organisations)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function RegionCard({ region }: { region: Region }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAssistanceLabels();
  const sectionTitles = useResolutionSections();
  const regionName =
    region.region === "unassigned"
      ? t("federation.regional.unassigned")
      : isOneOf(REGIONS, region.region)
        ? labels.region(region.region)
        : region.region;
  const resolution = region.selfAssessment.filter((cell) => cell.framework === "unsc-2341");
  const sectionLabel = (cell: Region["selfAssessment"][number]) =>
    cell.framework === "unsc-2341"
      ? (sectionTitles.get(cell.section) ?? cell.section)
      : `${cell.framework} · ${cell.section}`;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label={regionName}
      data-region={region.region}
    >
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={4}>{regionName}</Title>
          <Text size="xs" c="dimmed">
            {t("federation.regional.lastReceived", { date: format.dateTime(region.lastReceivedAt) })}
          </Text>
        </Group>
        <Group gap={6}>
          <Text size="sm">{t("federation.regional.countries")}</Text>
          {region.countries.map((code) => (
            <Badge key={code} variant="light" tt="none">
              {format.country(code)}
            </Badge>
          ))}
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="xs">
            <Title order={5}>{t("federation.regional.needs")}</Title>
            {region.needs.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("federation.regional.noCells")}
              </Text>
            ) : (
              <CountBars
                caption={t("federation.regional.needsCaption")}
                rows={region.needs.map((cell) => ({
                  key: cell.theme,
                  label: isOneOf(THEMES, cell.theme) ? labels.theme(cell.theme) : cell.theme,
                  count: cell.needs,
                  organisations: cell.organisations,
                }))}
              />
            )}
          </Stack>
          <Stack gap="xs">
            <Title order={5}>{t("federation.regional.engagements")}</Title>
            {region.engagements.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("federation.regional.noCells")}
              </Text>
            ) : (
              <CountBars
                caption={t("federation.regional.engagementsCaption")}
                rows={region.engagements.map((cell) => ({
                  key: cell.status,
                  label: isOneOf(ENGAGEMENT_STATUSES, cell.status)
                    ? t(`assistance.engagementStatuses.${cell.status}`)
                    : cell.status,
                  count: cell.engagements,
                  organisations: cell.organisations,
                }))}
              />
            )}
          </Stack>
        </SimpleGrid>
        <Stack gap="xs">
          <Title order={5}>{t("federation.regional.selfAssessment")}</Title>
          {region.selfAssessment.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("federation.regional.noSections")}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              {resolution.length >= 3 ? (
                <RadarChart
                  labels={resolution.map(sectionLabel)}
                  current={{ scores: resolution.map((cell) => cell.mean) }}
                />
              ) : (
                <div />
              )}
              <Table verticalSpacing={4}>
                <Table.Caption>{t("federation.regional.sectionsCaption")}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t("federation.regional.section")}</Table.Th>
                    <Table.Th>{t("federation.regional.mean")}</Table.Th>
                    <Table.Th ta="end">{t("federation.regional.organisations")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {region.selfAssessment.map((cell, index) => (
                    <Table.Tr key={`${cell.framework}-${cell.version}-${cell.section}`}>
                      <Table.Td>{index + 1}</Table.Td>
                      <Table.Td>{sectionLabel(cell)}</Table.Td>
                      <Table.Td>
                        <ScoreBadge score={cell.mean} size="sm" />
                      </Table.Td>
                      <Table.Td ta="end">{format.number(cell.organisations)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </SimpleGrid>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

export function RegionalPicture() {
  const { t } = useTranslation();
  const regional = useQuery({
    queryKey: ["federation", "regional"],
    queryFn: () => client.call("getFederationRegional", {}),
  });
  return (
    <Stack gap="md" component="section" aria-labelledby="federation-regional">
      <Title order={3} id="federation-regional">
        {t("federation.regional.title")}
      </Title>
      {regional.data && (
        <Alert variant="light" color="blue">
          {t("federation.regional.rule", { k: regional.data.k })}
        </Alert>
      )}
      {regional.isPending && <Skeleton height={240} />}
      <ProblemAlert error={regional.error} />
      {regional.data && regional.data.regions.length === 0 && (
        <EmptyState>{t("federation.regional.none")}</EmptyState>
      )}
      {regional.data?.regions.map((region) => (
        <RegionCard key={region.region} region={region} />
      ))}
    </Stack>
  );
}
