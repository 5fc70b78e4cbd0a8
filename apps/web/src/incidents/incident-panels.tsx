// The parts of an incident's page computed by the server from its assets: what the cascade takes
// down next and when (/projection), the reports its regime asks for with the time left
// (/obligations) and the recovery (/recovery). Their queries sit under the incident's key, so a
// live change to the incident refetches them too.
import type { Incident, IncidentProjection, Obligation } from "@bulwark/contracts";
import { Badge, List, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ListTable } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { IncidentMap } from "./incident-map.tsx";
import { incidentKey, useSpan } from "./incident-parts.tsx";
import { RecoveryTargets } from "./recovery-targets.tsx";

const HORIZONS = ["24", "48", "72"] as const;
const HOUR = 3_600_000;

/** The current time, moving on every `everyMs` (deadlines count down on the page). */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title} data-testid={testId}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function ProjectionPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const [hours, setHours] = useState<(typeof HORIZONS)[number]>("72");
  const projection = useQuery({
    queryKey: [...incidentKey(incident.id), "projection", hours],
    queryFn: () =>
      client.call("incidentProjection", { params: { id: incident.id }, query: { hours: Number(hours) } }),
  });
  const data = projection.data;
  return (
    <Section title={t("incidents.projection.title")} testId="incident-projection">
      <SegmentedControl
        aria-label={t("incidents.projection.hours")}
        value={hours}
        onChange={(value) => {
          const found = HORIZONS.find((option) => option === value);
          if (found) setHours(found);
        }}
        data={HORIZONS.map((value) => ({
          value,
          label: t("incidents.projection.hoursOption", { hours: format.number(Number(value)) }),
        }))}
        w="fit-content"
      />
      <ProblemAlert error={projection.error} />
      {data && !data.from && <Text size="sm">{t("incidents.projection.nothingDown")}</Text>}
      {data?.from && (
        <>
          <Text size="sm" c="dimmed">
            {t("incidents.projection.hint", { date: format.dateTime(data.from) })}
          </Text>
          <Text fw={700} data-testid="projection-totals">
            {t("incidents.projection.totals", {
              assets: format.number(data.totals.assets),
              hours: format.number(data.hours),
              population: format.number(data.totals.population),
            })}
          </Text>
          <IncidentMap incident={incident} projection={data} />
          <ProjectionTimeline
            projection={data}
            from={data.from}
            incident={incident}
            sectorLabel={labels.sector}
          />
        </>
      )}
    </Section>
  );
}

function ProjectionTimeline({
  projection,
  from,
  incident,
  sectorLabel,
}: {
  projection: IncidentProjection;
  from: string;
  incident: Incident;
  sectorLabel: ReturnType<typeof useLabels>["sector"];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const start = Date.parse(from);
  const names = new Map<string, string>();
  for (const asset of incident.assets) names.set(asset.id, asset.name);
  for (const asset of projection.failed) names.set(asset.id, asset.name);
  const failed = [...projection.failed].sort((a, b) => a.hours - b.hours);
  // The cumulative count at each moment, as the server's timeline gives it.
  const byHour = new Map(projection.timeline.map((point) => [point.hours, point]));
  return (
    <ListTable
      loading={false}
      failed={false}
      isEmpty={failed.length === 0}
      empty={t("incidents.projection.nothing")}
      skeletonColumns={5}
      minWidth={760}
      headers={
        <>
          <Table.Th>{t("incidents.projection.columnWhen")}</Table.Th>
          <Table.Th>{t("incidents.projection.columnAsset")}</Table.Th>
          <Table.Th>{t("incidents.projection.columnSector")}</Table.Th>
          <Table.Th>{t("incidents.projection.columnCause")}</Table.Th>
          <Table.Th>{t("incidents.projection.columnPeople")}</Table.Th>
        </>
      }
    >
      {failed.map((asset) => {
        const point = byHour.get(asset.hours);
        return (
          <Table.Tr key={asset.id} data-testid="projected-failure">
            <Table.Td>
              <Text size="sm">
                {t("incidents.projection.at", {
                  date: format.dateTime(new Date(start + asset.hours * HOUR).toISOString()),
                  hours: format.number(Math.round(asset.hours * 10) / 10),
                })}
              </Text>
              {point && (
                <Text size="xs" c="dimmed">
                  {t("incidents.projection.cumulative", {
                    assets: format.number(point.assets),
                    population: format.number(point.population),
                  })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {asset.name}{" "}
              <Text span size="xs" c="dimmed">
                ({asset.ref})
              </Text>
            </Table.Td>
            <Table.Td>{sectorLabel(asset.sector)}</Table.Td>
            <Table.Td>{asset.causeId ? (names.get(asset.causeId) ?? "—") : "—"}</Table.Td>
            <Table.Td>{format.number(asset.populationServed)}</Table.Td>
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}

const OBLIGATION_COLOURS: Record<Obligation["status"], string> = {
  pending: "blue",
  "due-soon": "orange",
  overdue: "red",
  submitted: "teal",
  late: "grape",
};

export function ObligationsPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const span = useSpan();
  const now = useNow();
  const obligations = useQuery({
    queryKey: [...incidentKey(incident.id), "obligations"],
    queryFn: () => client.call("incidentObligations", { params: { id: incident.id } }),
  });
  const items = obligations.data ?? [];
  return (
    <Section title={t("incidents.obligations.title")} testId="incident-obligations">
      <Text size="sm" c="dimmed">
        {t("incidents.obligations.hint")}
      </Text>
      <ProblemAlert error={obligations.error} />
      <ListTable
        loading={obligations.isPending}
        failed={obligations.isError}
        isEmpty={items.length === 0}
        empty={t("incidents.obligations.empty")}
        skeletonColumns={5}
        minWidth={760}
        headers={
          <>
            <Table.Th>{t("incidents.obligations.columnReport")}</Table.Th>
            <Table.Th>{t("incidents.obligations.columnDue")}</Table.Th>
            <Table.Th>{t("incidents.obligations.columnLeft")}</Table.Th>
            <Table.Th>{t("incidents.obligations.columnStatus")}</Table.Th>
            <Table.Th>{t("incidents.obligations.columnAuthority")}</Table.Th>
          </>
        }
      >
        {items.map((obligation) => {
          const left = Date.parse(obligation.dueAt) - now;
          const overdue = obligation.status === "overdue";
          return (
            <Table.Tr key={obligation.report} data-testid="obligation" data-status={obligation.status}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {obligation.title}
                </Text>
                {obligation.condition && (
                  <Text size="xs" c="dimmed">
                    {obligation.condition}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{format.dateTime(obligation.dueAt)}</Table.Td>
              <Table.Td>
                {obligation.submittedAt ? (
                  <Text size="sm">
                    {t("incidents.obligations.submittedAt", {
                      date: format.dateTime(obligation.submittedAt),
                    })}
                  </Text>
                ) : (
                  <Text size="sm" fw={700} c={overdue ? "red.9" : undefined} data-testid="obligation-left">
                    {left >= 0
                      ? t("incidents.obligations.left", { time: span(left) })
                      : t("incidents.obligations.overdueBy", { time: span(left) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge
                  variant={overdue ? "filled" : "dot"}
                  color={overdue ? "red.9" : OBLIGATION_COLOURS[obligation.status]}
                  miw="max-content"
                >
                  {t(`incidents.obligations.statuses.${obligation.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{obligation.authority ?? "—"}</Table.Td>
            </Table.Tr>
          );
        })}
      </ListTable>
    </Section>
  );
}

export function RecoveryPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const recovery = useQuery({
    queryKey: [...incidentKey(incident.id), "recovery"],
    queryFn: () => client.call("incidentRecovery", { params: { id: incident.id } }),
  });
  const names = new Map(incident.assets.map((asset) => [asset.id, asset.name]));
  const data = recovery.data;
  return (
    <Section title={t("incidents.recovery.title")} testId="incident-recovery">
      <ProblemAlert error={recovery.error} />
      {data && (
        <>
          <Title order={4} size="h5">
            {t("incidents.recovery.priorities")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("incidents.recovery.prioritiesHint")}
          </Text>
          {data.priorities.length === 0 ? (
            <Text size="sm">{t("incidents.recovery.noPriorities")}</Text>
          ) : (
            <List type="ordered" size="sm" spacing={4}>
              {data.priorities.map((priority) => (
                <List.Item key={priority.assetId}>
                  {t("incidents.recovery.priority", {
                    asset: names.get(priority.assetId) ?? "—",
                    assets: format.number(priority.assets),
                    population: format.number(priority.population),
                  })}
                </List.Item>
              ))}
            </List>
          )}
          <Title order={4} size="h5">
            {t("incidents.recovery.curve")}
          </Title>
          <ListTable
            loading={false}
            failed={false}
            isEmpty={data.curve.length === 0}
            empty="—"
            skeletonColumns={3}
            minWidth={520}
            headers={
              <>
                <Table.Th>{t("incidents.recovery.columnAt")}</Table.Th>
                <Table.Th>{t("incidents.recovery.columnDown")}</Table.Th>
                <Table.Th>{t("incidents.recovery.columnPeople")}</Table.Th>
              </>
            }
          >
            {data.curve.map((point) => (
              <Table.Tr key={point.at}>
                <Table.Td>{format.dateTime(point.at)}</Table.Td>
                <Table.Td>{format.number(point.assetsDown)}</Table.Td>
                <Table.Td>{format.number(point.populationWithoutService)}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
          <RecoveryTargets incident={incident} targets={data.targets} />
        </>
      )}
    </Section>
  );
}
