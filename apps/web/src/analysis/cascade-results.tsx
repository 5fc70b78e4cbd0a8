// The answer of a cascade: totals as big numbers, losses per sector, the timeline as a step chart,
// and every failed asset in the order it fails, with the hour and the supplier whose loss caused it.
import type { CascadeReport } from "@bulwark/contracts";
import { SECTORS } from "@bulwark/core";
import { Anchor, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { isOneOf, useLabels } from "../app/vocabulary.ts";
import { StepChart } from "./step-chart.tsx";

function BigNumber({ label, value, colour }: { label: string; value: string; colour: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={36} fw={700} c={colour} lh={1.2}>
        {value}
      </Text>
    </Paper>
  );
}

export function CascadeResults({ report }: { report: CascadeReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const { totals, failed, scope } = report;
  const names = new Map(failed.map((asset) => [asset.id, asset.name]));
  const sectors = Object.entries(totals.bySector).sort(([, a], [, b]) => b.assets - a.assets);
  const mostAssets = Math.max(1, ...sectors.map(([, total]) => total.assets));
  const sectorName = (id: string) => (isOneOf(SECTORS, id) ? labels.sector(id) : id);
  const hours = (value: number) => t("analysis.hoursValue", { hours: format.number(value) });

  return (
    <Stack gap="md" component="section" aria-labelledby="cascade-results">
      <Stack gap={2}>
        <Title order={3} id="cascade-results">
          {t("analysis.results")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("analysis.scope", {
            assets: format.number(scope.assets),
            dependencies: format.number(scope.dependencies),
          })}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <BigNumber label={t("analysis.assetsFailed")} value={format.number(totals.assets)} colour="red.7" />
        <BigNumber
          label={t("analysis.populationAffected")}
          value={format.number(totals.population)}
          colour="orange.7"
        />
      </SimpleGrid>
      {failed.length === 0 ? (
        <EmptyState>{t("analysis.noFailure")}</EmptyState>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md">
              <Title order={4} size="h5" mb="sm">
                {t("analysis.bySector")}
              </Title>
              <Table verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("assets.sector")}</Table.Th>
                    <Table.Th ta="end">{t("analysis.assetsFailed")}</Table.Th>
                    <Table.Th ta="end">{t("analysis.populationAffected")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sectors.map(([sector, total]) => (
                    <Table.Tr key={sector}>
                      <Table.Td>
                        <Text size="sm">{sectorName(sector)}</Text>
                        <Progress value={(total.assets / mostAssets) * 100} color="red" size="sm" mt={4} />
                      </Table.Td>
                      <Table.Td ta="end">{format.number(total.assets)}</Table.Td>
                      <Table.Td ta="end">{format.number(total.population)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder p="md">
              <Title order={4} size="h5">
                {t("analysis.timeline")}
              </Title>
              <Text size="xs" c="dimmed" mb="sm">
                {t("analysis.timelineHint")}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 1 }}>
                <StepChart
                  title={t("analysis.assetsFailed")}
                  points={totals.timeline.map((step) => ({ x: step.hours, y: step.assets }))}
                  colour="#e03131"
                  formatX={hours}
                  formatY={format.number}
                  xLabel={t("analysis.hoursAxis")}
                />
                <StepChart
                  title={t("analysis.populationAffected")}
                  points={totals.timeline.map((step) => ({ x: step.hours, y: step.population }))}
                  colour="#f08c00"
                  formatX={hours}
                  formatY={format.number}
                  xLabel={t("analysis.hoursAxis")}
                />
              </SimpleGrid>
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md">
            <Title order={4} size="h5" mb="sm">
              {t("analysis.failedList")}
            </Title>
            <Table.ScrollContainer minWidth={700}>
              <Table striped verticalSpacing={6} aria-label={t("analysis.failedList")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th ta="end">#</Table.Th>
                    <Table.Th>{t("analysis.asset")}</Table.Th>
                    <Table.Th>{t("assets.sector")}</Table.Th>
                    <Table.Th ta="end">{t("analysis.hours")}</Table.Th>
                    <Table.Th>{t("analysis.cause")}</Table.Th>
                    <Table.Th ta="end">{t("assets.population")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {failed.map((asset, index) => (
                    <Table.Tr key={asset.id}>
                      <Table.Td ta="end" c="dimmed">
                        {format.number(index + 1)}
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/assets/${asset.id}`} size="sm" fw={500}>
                          {asset.name}
                        </Anchor>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {asset.ref}
                        </Text>
                      </Table.Td>
                      <Table.Td>{labels.sector(asset.sector)}</Table.Td>
                      <Table.Td ta="end">{hours(asset.hours)}</Table.Td>
                      <Table.Td>
                        {asset.causeId === null ? (
                          <Text size="sm" c="red.7" fw={600}>
                            {t("analysis.causeAttacked")}
                          </Text>
                        ) : (
                          (names.get(asset.causeId) ?? "—")
                        )}
                      </Table.Td>
                      <Table.Td ta="end">{format.number(asset.populationServed)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </>
      )}
    </Stack>
  );
}
