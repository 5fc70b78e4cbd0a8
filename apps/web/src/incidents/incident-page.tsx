// One incident: its TLP banner, state (with the next state the reader may move it to), what
// happened, the assets affected with their status (and recording a new one), what the cascade takes
// down next, the reporting obligations with the time left, the reports filed (and filing one), the
// recovery, and the STIX export. Live: any change to the incident refetches all of it.
import type { Incident } from "@bulwark/contracts";
import {
  INCIDENT_ASSET_STATUSES,
  INCIDENT_SEVERITIES,
  type IncidentAssetStatus,
  type IncidentSeverity,
} from "@bulwark/core";
import {
  Anchor,
  Button,
  Grid,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconArrowRight } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client } from "../app/api.ts";
import { DownloadButton } from "../app/download-button.tsx";
import { useFormat } from "../app/format.ts";
import { LiveBadge, useLiveEvents } from "../app/live.tsx";
import { ListTable } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { LoadFailure } from "../compendium/entry-parts.tsx";
import { ExerciseBanner } from "../exercises/exercise-parts.tsx";
import { TlpBanner } from "../sharing/tlp-banner.tsx";
import { ContactsPanel } from "./board/contacts-panel.tsx";
import { EvidencePanel } from "./board/evidence-panel.tsx";
import { LogPanel, logKey } from "./board/log-panel.tsx";
import { ResourcesPanel } from "./board/resources-panel.tsx";
import { ReviewPanel } from "./board/review-panel.tsx";
import { SitrepsPanel } from "./board/sitreps-panel.tsx";
import { TasksPanel } from "./board/tasks-panel.tsx";
import { AttachmentsPanel } from "./incident-attachments-panel.tsx";
import { LinksPanel } from "./incident-links-panel.tsx";
import { ObligationsPanel, ProjectionPanel, RecoveryPanel, Section } from "./incident-panels.tsx";
import {
  AssetStatusBadge,
  fromLocalInput,
  incidentKey,
  incidentsKey,
  LIVE_TYPES,
  LIVE_URL,
  localInput,
  SeverityBadge,
  StateBadge,
  useTypeLabel,
} from "./incident-parts.tsx";
import { MergedIntoNotice, MergePanel } from "./merge-panel.tsx";

/** The incident's own changes, and its activity log's new entries. */
const PAGE_LIVE_TYPES = [...LIVE_TYPES, "incident-log"] as const;

export function IncidentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const incident = useQuery({
    queryKey: incidentKey(id),
    queryFn: () => client.call("getIncident", { params: { id } }),
  });
  // One stream for the page (a sign-in may hold only a few): `ready` (after each reconnection) or a
  // change to this incident refetches it and its panels; a new entry of its activity log (announced
  // only to those who may read it) refetches the log.
  const live = useLiveEvents(
    LIVE_URL,
    (event) => {
      if (event.type === "ready") void queryClient.invalidateQueries({ queryKey: incidentKey(id) });
      else if ("id" in event && event.id === id)
        void queryClient.invalidateQueries({
          queryKey: event.type === "incident-log" ? logKey(id) : incidentKey(id),
        });
    },
    PAGE_LIVE_TYPES,
  );
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Anchor component={Link} to="/incidents" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden="true" />
            {t("incidents.page.back")}
          </Group>
        </Anchor>
        <LiveBadge status={live} />
      </Group>
      {incident.error && <LoadFailure error={incident.error} notFound={t("incidents.page.notFound")} />}
      {incident.data?.exercise && <ExerciseBanner />}
      {incident.data && <IncidentView incident={incident.data} />}
    </Stack>
  );
}

function IncidentView({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const typeLabel = useTypeLabel();
  return (
    <Stack gap="md">
      <TlpBanner tlp={incident.tlp} label={incident.banner.label} text={incident.banner.text} />
      {incident.mergedIntoId && <MergedIntoNotice mergedIntoId={incident.mergedIntoId} />}
      <Stack gap={4}>
        <Group gap="xs">
          <StateBadge state={incident.state} />
          <SeverityBadge severity={incident.severity} assessed={incident.severityAssessed} />
          <TlpBadge marking={incident.tlp} />
          <Text size="sm" fw={600}>
            {typeLabel(incident.type)}
          </Text>
        </Group>
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={2}>{incident.title}</Title>
          <Group gap="xs">
            {/* An exercise incident raises no real alert: exercise CAP messages are injects (status Exercise). */}
            {!incident.exercise && (
              <Button
                component={Link}
                to={`/sharing/new?incident=${incident.id}`}
                variant="default"
                data-testid="incident-raise-cap"
              >
                {t("incidents.cap.raise")}
              </Button>
            )}
            <DownloadButton href={client.url(`/api/incidents/${incident.id}/stix`)} testId="incident-stix">
              {t("incidents.page.stix")}
            </DownloadButton>
            <DownloadButton
              href={client.url(`/api/incidents/${incident.id}/report.pdf`)}
              testId="incident-report"
            >
              {t(
                incident.state === "closed" ? "incidents.page.closingReport" : "incidents.page.interimReport",
              )}
            </DownloadButton>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t("incidents.page.began", { date: format.dateTime(incident.startedAt) })} ·{" "}
          {t("incidents.page.aware", { date: format.dateTime(incident.awareAt) })} ·{" "}
          {t("incidents.page.filedBy", {
            person: incident.filer.name,
            organisation: incident.organisation.name,
          })}
        </Text>
      </Stack>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <SummaryPanel incident={incident} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <StatePanel incident={incident} />
            <SeverityPanel incident={incident} />
          </Stack>
        </Grid.Col>
      </Grid>
      <LogPanel incident={incident} />
      <TasksPanel incident={incident} />
      <AssetsPanel incident={incident} />
      <ObligationsPanel incident={incident} />
      <ProjectionPanel incident={incident} />
      <RecoveryPanel incident={incident} />
      <LinksPanel incident={incident} />
      <AttachmentsPanel incident={incident} />
      {incident.abilities.merge && <MergePanel incident={incident} />}
      <ReportsPanel incident={incident} />
      <ContactsPanel incident={incident} />
      <SitrepsPanel incident={incident} />
      <ResourcesPanel incident={incident} />
      <EvidencePanel incident={incident} />
      <ReviewPanel incident={incident} />
    </Stack>
  );
}

/** Keeps the answer of a change as the incident shown, and refreshes what depends on it. */
function useRefresh(incident: Incident) {
  const queryClient = useQueryClient();
  return (next: Incident) => {
    queryClient.setQueryData(incidentKey(incident.id), next);
    void queryClient.invalidateQueries({ queryKey: incidentKey(incident.id) });
    void queryClient.invalidateQueries({ queryKey: [...incidentsKey, "list"] });
  };
}

function StatePanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const refresh = useRefresh(incident);
  const advance = useMutation({
    mutationFn: (state: NonNullable<Incident["abilities"]["advance"]>) =>
      client.call("changeIncidentState", { params: { id: incident.id }, body: { state } }),
    onSuccess: refresh,
  });
  const next = incident.abilities.advance;
  return (
    <Section title={t("incidents.state.title")} testId="incident-state-panel">
      <Group gap="xs">
        <StateBadge state={incident.state} />
      </Group>
      {next ? (
        <Button
          onClick={() => advance.mutate(next)}
          loading={advance.isPending}
          rightSection={<IconArrowRight size={16} aria-hidden="true" />}
        >
          {t("incidents.state.advance", { state: t(`incidents.states.${next}`) })}
        </Button>
      ) : (
        <Text size="sm" c="dimmed">
          {incident.state === "closed" ? t("incidents.state.final") : t("incidents.state.noRight")}
        </Text>
      )}
      <ProblemAlert error={advance.error} />
      <Title order={4} size="h5">
        {t("incidents.state.history")}
      </Title>
      <Timeline active={incident.states.length - 1} bulletSize={14} lineWidth={2}>
        {incident.states.map((entry) => (
          <Timeline.Item key={`${entry.state}-${entry.at}`} title={t(`incidents.states.${entry.state}`)}>
            <Text size="xs" c="dimmed">
              {format.dateTime(entry.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}

/** The severity, what it means, and (for the authority, while open) setting it. */
function SeverityPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const refresh = useRefresh(incident);
  const [chosen, setChosen] = useState<IncidentSeverity | null>(incident.severity);
  const set = useMutation({
    mutationFn: (severity: IncidentSeverity) =>
      client.call("setIncidentSeverity", { params: { id: incident.id }, body: { severity } }),
    onSuccess: refresh,
  });
  return (
    <Section title={t("incidents.severity.title")} testId="incident-severity-panel">
      <Group gap="xs">
        <SeverityBadge severity={incident.severity} assessed={incident.severityAssessed} />
      </Group>
      {incident.severity && <Text size="sm">{t(`incidents.severity.meanings.${incident.severity}`)}</Text>}
      {incident.severity && (
        <Text size="xs" c="dimmed">
          {t(incident.severityAssessed ? "incidents.severity.assessed" : "incidents.severity.proposed")}
        </Text>
      )}
      {incident.abilities.setSeverity ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) set.mutate(chosen);
          }}
        >
          <Group gap="xs" align="flex-end">
            <Select
              label={t("incidents.severity.choose")}
              data={INCIDENT_SEVERITIES.map((value) => ({
                value,
                label: t(`incidents.severity.levels.${value}`),
              }))}
              value={chosen}
              onChange={(value) => setChosen(isOneOf(INCIDENT_SEVERITIES, value) ? value : null)}
              allowDeselect={false}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={set.isPending} disabled={!chosen}>
              {t("incidents.severity.set")}
            </Button>
          </Group>
        </form>
      ) : (
        <Text size="sm" c="dimmed">
          {incident.state === "closed" ? t("incidents.state.final") : t("incidents.severity.noRight")}
        </Text>
      )}
      <ProblemAlert error={set.error} />
    </Section>
  );
}

function SummaryPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t("incidents.page.none");
  const rows: [string, string][] = [
    [
      t("incidents.page.cause"),
      [
        t(`incidents.causes.${incident.suspectedCause}`),
        incident.threatFamily ? t(`compendium.threats.${incident.threatFamily}`) : "",
        incident.causeDetails,
      ]
        .filter(Boolean)
        .join(" · "),
    ],
    [t("incidents.page.services"), incident.servicesAffected.join(", ") || none],
    [
      t("incidents.page.people"),
      incident.peopleAffected === null ? none : format.number(incident.peopleAffected),
    ],
    [
      t("incidents.page.abroad"),
      [incident.effectsAbroad.map(format.country).join(", "), incident.effectsAbroadDetails]
        .filter(Boolean)
        .join(" · ") || none,
    ],
  ];
  return (
    <Section title={t("incidents.page.summary")} testId="incident-summary">
      {incident.description && (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {incident.description}
        </Text>
      )}
      <Table variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={180}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function AssetsPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Section title={t("incidents.assets.title")} testId="incident-assets">
      <ListTable
        loading={false}
        failed={false}
        isEmpty={incident.assets.length === 0}
        empty="—"
        skeletonColumns={4}
        minWidth={640}
        headers={
          <>
            <Table.Th>{t("incidents.assets.columnAsset")}</Table.Th>
            <Table.Th>{t("incidents.assets.columnStatus")}</Table.Th>
            <Table.Th>{t("incidents.assets.columnSince")}</Table.Th>
            <Table.Th>{t("incidents.assets.columnHistory")}</Table.Th>
          </>
        }
      >
        {incident.assets.map((asset) => (
          <Table.Tr key={asset.id} data-testid="incident-asset">
            <Table.Td>
              <Anchor component={Link} to={`/assets/${asset.id}`} size="sm">
                {asset.name}
              </Anchor>{" "}
              <Text span size="xs" c="dimmed">
                ({asset.ref})
              </Text>
            </Table.Td>
            <Table.Td>
              <AssetStatusBadge status={asset.status} />
            </Table.Td>
            <Table.Td>{format.dateTime(asset.since)}</Table.Td>
            <Table.Td>
              <Text size="xs">
                {asset.history
                  .map(
                    (entry) => `${t(`incidents.assetStatuses.${entry.status}`)} ${format.dateTime(entry.at)}`,
                  )
                  .join(" → ")}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {incident.hiddenAssets > 0 && (
        <Text size="sm" c="dimmed">
          {t("incidents.assets.hidden", { count: incident.hiddenAssets })}
        </Text>
      )}
      {incident.abilities.recordAssetStatus && incident.assets.length > 0 && (
        <RecordAssetStatus incident={incident} />
      )}
    </Section>
  );
}

function RecordAssetStatus({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const refresh = useRefresh(incident);
  const [assetId, setAssetId] = useState<string | null>(incident.assets[0]?.id ?? null);
  const [status, setStatus] = useState<IncidentAssetStatus>("restored");
  const [at, setAt] = useState(() => localInput(new Date()));
  const record = useMutation({
    mutationFn: (body: { assetId: string; status: IncidentAssetStatus; at: string }) =>
      client.call("recordIncidentAssetStatus", { params: { id: incident.id }, body }),
    onSuccess: refresh,
  });
  const time = fromLocalInput(at);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (assetId && time) record.mutate({ assetId, status, at: time });
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t("incidents.assets.record")}
        </Title>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t("incidents.assets.columnAsset")}
            data={incident.assets.map((asset) => ({
              value: asset.id,
              label: `${asset.name} (${asset.ref})`,
            }))}
            value={assetId}
            onChange={setAssetId}
            allowDeselect={false}
            w={280}
          />
          <Select
            label={t("incidents.assets.columnStatus")}
            data={INCIDENT_ASSET_STATUSES.map((value) => ({
              value,
              label: t(`incidents.assetStatuses.${value}`),
            }))}
            value={status}
            onChange={(value) => isOneOf(INCIDENT_ASSET_STATUSES, value) && setStatus(value)}
            allowDeselect={false}
            w={160}
          />
          <TextInput
            type="datetime-local"
            label={t("incidents.form.since")}
            value={at}
            onChange={(e) => setAt(e.currentTarget.value)}
            required
            w={220}
          />
          <Button type="submit" loading={record.isPending} disabled={!assetId || !time}>
            {t("incidents.assets.save")}
          </Button>
        </Group>
        <ProblemAlert error={record.error} />
      </Stack>
    </form>
  );
}

/** The notification regimes (content that changes only with a release). */
function useRegimes() {
  return useQuery({
    queryKey: ["notification-regimes"],
    queryFn: () => client.call("listNotificationRegimes", {}),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function ReportsPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regimes = useRegimes();
  const titles = new Map(
    (regimes.data?.find((regime) => regime.id === incident.regime)?.reports ?? []).map((report) => [
      report.id,
      report.title,
    ]),
  );
  return (
    <Section title={t("incidents.reports.title")} testId="incident-reports">
      {incident.reports.length === 0 ? (
        <Text size="sm">{t("incidents.reports.empty")}</Text>
      ) : (
        <Stack gap="sm">
          {incident.reports.map((report) => (
            <Stack key={report.id} gap={2} data-testid="incident-report">
              <Text fw={600} size="sm">
                {titles.get(report.report) ?? report.report}
              </Text>
              <Text size="xs" c="dimmed">
                {t("incidents.reports.by", {
                  person: report.filer.name,
                  organisation: report.organisation.name,
                  date: format.dateTime(report.filedAt),
                })}
              </Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {report.body}
              </Text>
            </Stack>
          ))}
        </Stack>
      )}
      {incident.abilities.fileReport && <FileReport incident={incident} />}
    </Section>
  );
}

function FileReport({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const refresh = useRefresh(incident);
  const regimes = useRegimes();
  const options = useMemo(
    () =>
      (regimes.data?.find((regime) => regime.id === incident.regime)?.reports ?? []).map((report) => ({
        value: report.id,
        label: report.title,
      })),
    [regimes.data, incident.regime],
  );
  const [report, setReport] = useState<string | null>(null);
  const [body, setBody] = useState("");
  const chosen = report ?? options[0]?.value ?? null;
  const file = useMutation({
    mutationFn: (input: { report: string; body: string }) =>
      client.call("fileIncidentReport", { params: { id: incident.id }, body: input }),
    onSuccess: (next) => {
      setBody("");
      refresh(next);
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen && body.trim()) file.mutate({ report: chosen, body });
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t("incidents.reports.file")}
        </Title>
        <Select
          label={t("incidents.reports.which")}
          data={options}
          value={chosen}
          onChange={setReport}
          allowDeselect={false}
        />
        <Textarea
          label={t("incidents.reports.body")}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={3}
          required
        />
        <ProblemAlert error={file.error} />
        <Group>
          <Button type="submit" loading={file.isPending} disabled={!chosen || !body.trim()}>
            {t("incidents.reports.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
