// The sharing feed: what is shared with me, newest first, with unread markers, TLP badges and
// filters (marking, type, sector, text, unread, sent) whose counts come from the server. The
// filters live in the address so a view can be bookmarked.
import { SECTORS, SHARED_ITEM_TYPES, TLP_MARKINGS, type TlpMarking } from "@bulwark/core";
import {
  Anchor,
  Badge,
  Button,
  Chip,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { IconPencilPlus, IconRss, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { LiveBadge, useLiveRefresh } from "../app/live.tsx";
import { ListTable, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, useLabels } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { Glossed } from "../search/glossary.tsx";
import { FeedStixExport } from "./stix-export.tsx";

const PAGE_SIZE = 25;

/** The feed's filters and page as the address gives them, and the query they make. */
function feedView(params: URLSearchParams) {
  const tlp = (params.get("tlp") ?? "")
    .split(",")
    .filter((value): value is TlpMarking => isOneOf(TLP_MARKINGS, value));
  const typeParam = params.get("type");
  const type = isOneOf(SHARED_ITEM_TYPES, typeParam) ? typeParam : undefined;
  const sectorParam = params.get("sector");
  const sector = isOneOf(SECTORS, sectorParam) ? sectorParam : undefined;
  const q = params.get("q") ?? "";
  const unread = params.get("unread") === "true";
  const sent = params.get("sent") === "true";
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const query = {
    ...(tlp.length ? { tlp: tlp.join(",") } : {}),
    ...(type ? { type } : {}),
    ...(sector ? { sector } : {}),
    ...(q ? { q } : {}),
    ...(unread ? { unread: "true" as const } : {}),
    ...(sent ? { sent: "true" as const } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  return { tlp, type, sector, q, unread, sent, page, query };
}

/** A page of the feed: the page's query, and what prepareSharingFeedPage asks for. */
function feedQuery(query: ReturnType<typeof feedView>["query"]) {
  return queryOptions({
    queryKey: ["sharing", "feed", query],
    queryFn: () => client.call("listSharedItems", { query }),
  });
}

/** Asks for the feed as the address filters it with the page's code (page-code.ts). */
export function prepareSharingFeedPage(params: URLSearchParams): void {
  void queryClient.prefetchQuery(feedQuery(feedView(params).query));
}

export function SharingFeedPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const { tlp, type, sector, q, unread, sent, page, query } = feedView(params);
  const feed = useQuery({ ...feedQuery(query), placeholderData: keepPreviousData });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    setParams(next, { replace: true });
  };
  // Items shared, changed or withdrawn while the page is open appear without a reload.
  const live = useLiveRefresh("/api/sharing/events", [["sharing", "feed"]]);
  const counts = feed.data?.counts;
  const items = feed.data?.items ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t("sharing.title")}
        subtitle={<Glossed text={t("sharing.subtitle")} />}
        actions={
          <>
            <LiveBadge status={live} />
            <FeedStixExport
              filter={{
                ...(tlp.length ? { tlp } : {}),
                ...(type ? { type } : {}),
                ...(sector ? { sector } : {}),
                ...(q ? { q } : {}),
                ...(unread ? { unread } : {}),
                ...(sent ? { sent } : {}),
              }}
            />
            <Button
              component="a"
              href="/api/cap/alerts.atom"
              target="_blank"
              rel="noopener"
              variant="subtle"
              leftSection={<IconRss size={16} />}
            >
              {t("sharing.warning.feed")}
            </Button>
            <Button component={Link} to="/sharing/approvals" variant="default">
              {t("sharing.approvals")}
            </Button>
            <Button component={Link} to="/sharing/taxii" variant="default">
              {t("taxii.link")}
            </Button>
            <Button component={Link} to="/sharing/stix-import" variant="default">
              {t("stix.importAction")}
            </Button>
            <Button component={Link} to="/sharing/stix-collections" variant="default">
              {t("stixCollections.action")}
            </Button>
            <Button component={Link} to="/sharing/new" leftSection={<IconPencilPlus size={16} />}>
              {t("sharing.compose")}
            </Button>
          </>
        }
      />
      <Group gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          aria-label={t("sharing.feed.search")}
          placeholder={t("sharing.feed.search")}
          leftSection={<IconSearch size={16} />}
          defaultValue={q}
          onKeyDown={(event) => {
            if (event.key === "Enter") set("q", event.currentTarget.value.trim() || null);
          }}
          onBlur={(event) => set("q", event.currentTarget.value.trim() || null)}
          w={260}
        />
        <Select
          aria-label={t("sharing.composePage.type")}
          placeholder={t("sharing.feed.allTypes")}
          clearable
          value={type ?? null}
          onChange={(value) => set("type", value)}
          data={SHARED_ITEM_TYPES.map((value) => ({
            value,
            label: `${t(`sharing.types.${value}`)} (${format.number(counts?.type[value] ?? 0)})`,
          }))}
          w={220}
        />
        <Select
          aria-label={t("sharing.composePage.sectors")}
          placeholder={t("sharing.feed.allSectors")}
          clearable
          searchable
          value={sector ?? null}
          onChange={(value) => set("sector", value)}
          data={labels.sectorOptions.map((option) => ({
            value: option.value,
            label: `${option.label} (${format.number(counts?.sector[option.value] ?? 0)})`,
          }))}
          w={260}
        />
        <Switch
          label={t("sharing.feed.unreadOnly")}
          checked={unread}
          onChange={(e) => set("unread", e.currentTarget.checked ? "true" : null)}
        />
        <Switch
          label={t("sharing.feed.sent")}
          checked={sent}
          onChange={(e) => set("sent", e.currentTarget.checked ? "true" : null)}
        />
      </Group>
      <Chip.Group multiple value={tlp} onChange={(values) => set("tlp", values.join(",") || null)}>
        <Group gap="xs" aria-label={t("sharing.composePage.marking")}>
          {TLP_MARKINGS.map((marking) => (
            <Chip key={marking} value={marking} size="sm" variant="outline">
              <Group gap={6} wrap="nowrap">
                <TlpBadge marking={marking} size="xs" />
                <Text span size="xs">
                  {format.number(counts?.tlp[marking] ?? 0)}
                </Text>
              </Group>
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {counts && counts.unread > 0 && (
        <Text size="sm" c="blue" fw={600}>
          {t("sharing.feed.unread", { count: counts.unread })}
        </Text>
      )}
      <ProblemAlert error={feed.error} />
      <ListTable
        loading={feed.isPending}
        failed={feed.isError}
        isEmpty={items.length === 0}
        empty={t("sharing.feed.empty")}
        skeletonColumns={5}
        minWidth={760}
        headers={
          <>
            <Table.Th>{t("sharing.feed.columnTitle")}</Table.Th>
            <Table.Th>{t("sharing.feed.columnType")}</Table.Th>
            <Table.Th>{t("sharing.feed.columnFrom")}</Table.Th>
            <Table.Th>{t("sharing.feed.columnPublished")}</Table.Th>
            <Table.Th>{t("sharing.feed.columnAck")}</Table.Th>
          </>
        }
      >
        {items.map((item) => (
          <Table.Tr key={item.id} data-testid="shared-item-row" fw={item.isNew ? 700 : undefined}>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <TlpBadge marking={item.tlp} size="xs" />
                <Anchor component={Link} to={`/sharing/${item.id}`} fw={item.isNew ? 700 : 500}>
                  {item.title}
                </Anchor>
                {item.isNew && (
                  <Badge size="xs" color="blue" miw="max-content">
                    {t("sharing.feed.new")}
                  </Badge>
                )}
                {item.status === "withdrawn" && (
                  <Badge size="xs" color="gray" variant="light" miw="max-content">
                    {t("sharing.statuses.withdrawn")}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>{t(`sharing.types.${item.type}`)}</Table.Td>
            <Table.Td>{item.organisation.name}</Table.Td>
            <Table.Td>{item.publishedAt ? format.dateTime(item.publishedAt) : "—"}</Table.Td>
            <Table.Td>
              {item.acknowledgement ? (
                <Badge variant="light" color={item.acknowledgement === "acted" ? "teal" : "blue"}>
                  {t(`sharing.acknowledgements.${item.acknowledgement}`)}
                </Badge>
              ) : (
                "—"
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <PageControls
        page={page}
        pageSize={PAGE_SIZE}
        total={feed.data?.total ?? 0}
        onChange={(next) => {
          const copy = new URLSearchParams(params);
          copy.set("page", String(next));
          setParams(copy);
        }}
      />
    </Stack>
  );
}
