// The incidents the reader may see, most recently changed first, filtered by state (kept in the
// address so a view can be bookmarked), updated live as incidents are filed or change, with the
// notices this browser still has to send.
import { INCIDENT_STATES, type IncidentState } from "@bulwark/core";
import { Anchor, Badge, Button, Chip, Group, Stack, Table, Text } from "@mantine/core";
import { IconAlertOctagon } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { LiveBadge, useLiveRefresh } from "../app/live.tsx";
import { ListTable, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import {
  incidentsKey,
  LIVE_TYPES,
  LIVE_URL,
  SeverityBadge,
  StateBadge,
  useTypeLabel,
} from "./incident-parts.tsx";
import { useNoticeOutbox } from "./notice-outbox.ts";
import { QueuedNotes } from "./report-incident-page.tsx";

const PAGE_SIZE = 25;
const OPEN: readonly IncidentState[] = INCIDENT_STATES.filter((state) => state !== "closed");

export function IncidentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const typeLabel = useTypeLabel();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const states = (params.get("state") ?? "")
    .split(",")
    .filter((value): value is IncidentState => isOneOf(INCIDENT_STATES, value));
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const query = {
    ...(states.length ? { state: states.join(",") } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: [...incidentsKey, "list", query],
    queryFn: () => client.call("listIncidents", { query }),
    placeholderData: keepPreviousData,
  });
  const live = useLiveRefresh(LIVE_URL, [[...incidentsKey, "list"]], LIVE_TYPES);
  const outbox = useNoticeOutbox(me.id, {
    onSent: () => void list.refetch(),
    onRefused: () => undefined,
  });
  const setStates = (next: readonly string[]) => {
    const copy = new URLSearchParams(params);
    if (next.length) copy.set("state", next.join(","));
    else copy.delete("state");
    copy.delete("page");
    setParams(copy, { replace: true });
  };
  const items = list.data?.items ?? [];
  const onlyOpen = states.length === OPEN.length && OPEN.every((state) => states.includes(state));

  return (
    <Stack gap="md">
      <PageHeader
        title={t("incidents.title")}
        subtitle={t("incidents.subtitle")}
        actions={
          <>
            <LiveBadge status={live} />
            <Button
              component={Link}
              to="/incidents/new"
              leftSection={<IconAlertOctagon size={16} aria-hidden="true" />}
            >
              {t("incidents.report")}
            </Button>
          </>
        }
      />
      <QueuedNotes count={outbox.waiting.length} onSend={() => void outbox.send()} />
      <Group gap="sm" wrap="wrap" role="group" aria-label={t("incidents.list.filterState")}>
        <Chip checked={onlyOpen} onChange={() => setStates(onlyOpen ? [] : OPEN)} variant="outline" size="sm">
          {t("incidents.list.openOnly")}
        </Chip>
        <Chip.Group multiple value={states} onChange={setStates}>
          {INCIDENT_STATES.map((state) => (
            <Chip key={state} value={state} size="sm" variant="outline">
              {t(`incidents.states.${state}`)}
            </Chip>
          ))}
        </Chip.Group>
      </Group>
      <ProblemAlert error={list.error} />
      <ListTable
        loading={list.isPending}
        failed={list.isError}
        isEmpty={items.length === 0}
        empty={t("incidents.list.empty")}
        skeletonColumns={8}
        minWidth={980}
        headers={
          <>
            <Table.Th>{t("incidents.list.columnTitle")}</Table.Th>
            <Table.Th>{t("incidents.list.columnState")}</Table.Th>
            <Table.Th>{t("incidents.severity.title")}</Table.Th>
            <Table.Th>{t("incidents.list.columnType")}</Table.Th>
            <Table.Th>{t("incidents.severity.columnAssets")}</Table.Th>
            <Table.Th>{t("incidents.list.columnFrom")}</Table.Th>
            <Table.Th>{t("incidents.list.columnStarted")}</Table.Th>
            <Table.Th>{t("incidents.list.columnUpdated")}</Table.Th>
          </>
        }
      >
        {items.map((incident) => (
          <Table.Tr key={incident.id} data-testid="incident-row">
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <TlpBadge marking={incident.tlp} size="xs" />
                <Anchor component={Link} to={`/incidents/${incident.id}`} fw={600}>
                  {incident.title}
                </Anchor>
                {incident.mergedIntoId && (
                  <Badge size="xs" variant="light" color="gray" miw="max-content">
                    {t("incidents.list.merged")}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <StateBadge state={incident.state} />
            </Table.Td>
            <Table.Td>
              <SeverityBadge severity={incident.severity} assessed={incident.severityAssessed} />
            </Table.Td>
            <Table.Td>{typeLabel(incident.type)}</Table.Td>
            <Table.Td data-testid="incident-asset-count">
              <Text size="sm">{format.number(incident.assetCounts.visible)}</Text>
              {incident.assetCounts.hidden > 0 && (
                <Text size="xs" c="dimmed">
                  {t("incidents.severity.assetsHidden", { count: incident.assetCounts.hidden })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{incident.organisation.name}</Text>
            </Table.Td>
            <Table.Td>{format.dateTime(incident.startedAt)}</Table.Td>
            <Table.Td>{format.dateTime(incident.updatedAt)}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <PageControls
        page={page}
        pageSize={PAGE_SIZE}
        total={list.data?.total ?? 0}
        onChange={(next) => {
          const copy = new URLSearchParams(params);
          copy.set("page", String(next));
          setParams(copy);
        }}
      />
    </Stack>
  );
}
