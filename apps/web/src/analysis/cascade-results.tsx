// The answer of a cascade: totals as big numbers, losses per sector, the timeline as a step chart,
// and every failed asset in the order it fails, with the hour and the supplier whose loss caused it.
// The hour chosen on the map's timeline control (CascadeTimeControl) is echoed here: the totals by
// then under the chart, and the assets that fail later dimmed in the list.
import type { CascadeReport } from "@bulwark/contracts";
import { SECTORS } from "@bulwark/core";
import {
  ActionIcon,
  Anchor,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Slider,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconPlayerPause, IconPlayerPlay } from "@tabler/icons-react";
import { useEffect, useState } from "react";
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

/** Milliseconds between two steps when the cascade plays. */
const STEP_MS = 900;

function useHoursText() {
  const { t } = useTranslation();
  const format = useFormat();
  return (step: CascadeReport["totals"]["timeline"][number] | undefined) =>
    t("analysis.map.atHour", {
      hours: format.number(step?.hours ?? 0),
      assets: format.number(step?.assets ?? 0),
      population: format.number(step?.population ?? 0),
    });
}

/**
 * Play and a slider over the moments something fails (the steps of the report's timeline). Mounted
 * afresh for each report: it plays once from the attack, or shows the end at once to those who ask
 * for reduced motion.
 */
export function CascadeTimeControl({
  report,
  step,
  onStep,
}: {
  report: CascadeReport;
  step: number;
  onStep: (step: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const atHour = useHoursText();
  const timeline = report.totals.timeline;
  const last = Math.max(0, timeline.length - 1);
  const [playing, setPlaying] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per report (the parent keys this by run).
  useEffect(() => {
    const still = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
    onStep(still ? last : 0);
    setPlaying(!still && last > 0);
  }, []);
  useEffect(() => {
    if (!playing) return;
    if (step >= last) {
      setPlaying(false);
      return;
    }
    const timer = window.setTimeout(() => onStep(step + 1), STEP_MS);
    return () => window.clearTimeout(timer);
  }, [playing, step, last, onStep]);

  const hoursOf = (index: number) =>
    t("analysis.hoursValue", { hours: format.number(timeline[index]?.hours ?? 0) });
  return (
    <Group gap="sm" wrap="nowrap" px={4} pb={4} data-testid="cascade-time" data-step={step} data-last={last}>
      <ActionIcon
        variant="filled"
        size="lg"
        radius="xl"
        aria-label={playing ? t("analysis.map.pause") : t("analysis.map.play")}
        onClick={() => {
          if (playing) setPlaying(false);
          else {
            if (step >= last) onStep(0);
            setPlaying(last > 0);
          }
        }}
      >
        {playing ? <IconPlayerPause size={18} /> : <IconPlayerPlay size={18} />}
      </ActionIcon>
      <Stack gap={2} style={{ flex: 1 }}>
        <Slider
          min={0}
          max={last}
          step={1}
          value={Math.min(step, last)}
          onChange={(value) => {
            setPlaying(false);
            onStep(value);
          }}
          disabled={last === 0}
          label={hoursOf}
          thumbLabel={t("analysis.map.hour")}
          marks={timeline.length <= 60 ? timeline.map((_, index) => ({ value: index })) : undefined}
          color="red"
        />
        <Text size="xs" c="dimmed">
          {atHour(timeline[step])}
        </Text>
      </Stack>
    </Group>
  );
}

export function CascadeResults({ report, hours }: { report: CascadeReport; hours?: number | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const { totals, failed, scope } = report;
  const names = new Map(failed.map((asset) => [asset.id, asset.name]));
  const sectors = Object.entries(totals.bySector).sort(([, a], [, b]) => b.assets - a.assets);
  const mostAssets = Math.max(1, ...sectors.map(([, total]) => total.assets));
  const sectorName = (id: string) => (isOneOf(SECTORS, id) ? labels.sector(id) : id);
  const hoursText = (value: number) => t("analysis.hoursValue", { hours: format.number(value) });
  const atHour = useHoursText();
  // The last moment of the timeline at or before the hour the map shows.
  const shownStep =
    hours === undefined ? undefined : totals.timeline.filter((step) => step.hours <= hours).at(-1);

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
                        <Progress
                          value={(total.assets / mostAssets) * 100}
                          color="red"
                          size="sm"
                          mt={4}
                          aria-hidden="true"
                        />
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
                  formatX={hoursText}
                  formatY={format.number}
                  xLabel={t("analysis.hoursAxis")}
                />
                <StepChart
                  title={t("analysis.populationAffected")}
                  points={totals.timeline.map((step) => ({ x: step.hours, y: step.population }))}
                  colour="#f08c00"
                  formatX={hoursText}
                  formatY={format.number}
                  xLabel={t("analysis.hoursAxis")}
                />
              </SimpleGrid>
              {shownStep && (
                <Text size="sm" fw={500} c="red.8" mt="xs">
                  {atHour(shownStep)}
                </Text>
              )}
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
                    <Table.Tr
                      key={asset.id}
                      style={hours !== undefined && asset.hours > hours ? { opacity: 0.45 } : undefined}
                    >
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
                      <Table.Td ta="end">{hoursText(asset.hours)}</Table.Td>
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
