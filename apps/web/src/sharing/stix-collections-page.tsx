// What a community's STIX collection holds (ADR 0009): the latest version you may see of each
// object, filtered by type, TLP and name, newest first; a row opens the object's JSON in a drawer.
// Objects come from STIX imports, TAXII clients, TAXII subscriptions and items sent to the community.
import type { StixCollectionObjects } from "@bulwark/contracts";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { IconFileImport, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ListTable, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { Glossed } from "../search/glossary.tsx";

const PAGE_SIZE = 50;
const HELD = ["clear", "green", "amber", "amber+strict"] as const;
type Row = StixCollectionObjects["items"][number];

export function StixCollectionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<string | null>(null);
  const collections = useQuery({
    queryKey: ["sharing", "stix", "collections"],
    queryFn: () => client.call("listStixCollections", {}),
  });
  const readable = (collections.data?.collections ?? []).filter((collection) => collection.canRead);
  const asked = params.get("collection");
  const chosen = readable.find((collection) => collection.id === asked)?.id ?? readable[0]?.id ?? null;
  const type = params.get("type") ?? undefined;
  const tlpParam = params.get("tlp");
  const tlp = isOneOf(HELD, tlpParam) ? tlpParam : undefined;
  const q = params.get("q") ?? "";
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const query = {
    ...(type ? { type } : {}),
    ...(tlp ? { tlp } : {}),
    ...(q ? { q } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const objects = useQuery({
    queryKey: ["sharing", "stix", "collection", chosen, query],
    queryFn: () => client.call("listStixCollectionObjects", { params: { id: chosen ?? "" }, query }),
    enabled: chosen !== null,
    placeholderData: keepPreviousData,
  });
  const set = (key: string, value: string | null, keepFilters = true) => {
    const next = keepFilters ? new URLSearchParams(params) : new URLSearchParams();
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== "page") next.delete("page");
    setParams(next, { replace: true });
  };
  const items = objects.data?.items ?? [];
  const filtered = Boolean(type || tlp || q);

  return (
    <Stack gap="md">
      <PageHeader
        title={t("stixCollections.title")}
        subtitle={<Glossed text={t("stixCollections.subtitle")} />}
        actions={
          <Button
            component={Link}
            to="/sharing/stix-import"
            variant="default"
            leftSection={<IconFileImport size={16} />}
          >
            {t("stix.importAction")}
          </Button>
        }
      />
      <ProblemAlert error={collections.error} />
      {collections.isSuccess && readable.length === 0 && (
        <Alert color="gray" role="status">
          {t("stixCollections.noCollection")}
        </Alert>
      )}
      <Group gap="sm" wrap="wrap" align="flex-end">
        <Select
          label={t("stixCollections.collection")}
          data={readable.map((item) => ({ value: item.id, label: item.title }))}
          value={chosen}
          onChange={(value) => set("collection", value, false)}
          allowDeselect={false}
          disabled={readable.length === 0}
          w={260}
        />
        <TextInput
          key={`${chosen}-${q}`}
          aria-label={t("stixCollections.search")}
          placeholder={t("stixCollections.search")}
          leftSection={<IconSearch size={16} />}
          defaultValue={q}
          onKeyDown={(event) => {
            if (event.key === "Enter") set("q", event.currentTarget.value.trim() || null);
          }}
          onBlur={(event) => set("q", event.currentTarget.value.trim() || null)}
          w={260}
        />
        <Select
          aria-label={t("stixCollections.type")}
          placeholder={t("stixCollections.allTypes")}
          clearable
          searchable
          value={type ?? null}
          onChange={(value) => set("type", value)}
          data={(objects.data?.types ?? []).map((entry) => ({
            value: entry.type,
            label: `${entry.type} (${format.number(entry.count)})`,
          }))}
          w={260}
        />
        <Select
          aria-label={t("stixCollections.tlp")}
          placeholder={t("stixCollections.allTlp")}
          clearable
          value={tlp ?? null}
          onChange={(value) => set("tlp", value)}
          data={HELD.map((marking) => ({ value: marking, label: t(`markings.${marking}`) }))}
          w={200}
        />
      </Group>
      <ProblemAlert error={objects.error} />
      <ListTable
        loading={chosen !== null && objects.isPending}
        failed={objects.isError}
        isEmpty={items.length === 0}
        empty={filtered ? t("stixCollections.noMatch") : t("stixCollections.empty")}
        skeletonColumns={5}
        minWidth={760}
        headers={
          <>
            <Table.Th>{t("stixCollections.columnType")}</Table.Th>
            <Table.Th>{t("stixCollections.columnName")}</Table.Th>
            <Table.Th>{t("stixCollections.columnTlp")}</Table.Th>
            <Table.Th>{t("stixCollections.columnSource")}</Table.Th>
            <Table.Th>{t("stixCollections.columnAdded")}</Table.Th>
          </>
        }
      >
        {items.map((item) => (
          <Table.Tr key={item.stixId}>
            <Table.Td>
              <Badge variant="light" tt="none" ff="monospace">
                {item.type}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Anchor
                component="button"
                type="button"
                onClick={() => setOpen(item.stixId)}
                td={item.revoked ? "line-through" : undefined}
                ta="start"
              >
                {item.name}
              </Anchor>
              {item.revoked && (
                <Text span size="xs" c="dimmed" ms={6}>
                  {t("stixCollections.revoked")}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <TlpBadge marking={item.tlp} size="xs" />
            </Table.Td>
            <Table.Td>
              <SourceCell item={item} />
            </Table.Td>
            <Table.Td>{format.dateTime(item.dateAdded)}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <PageControls
        page={page}
        pageSize={PAGE_SIZE}
        total={objects.data?.total ?? 0}
        onChange={(next) => set("page", String(next))}
      />
      <ObjectDrawer collection={chosen} stixId={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}

function SourceCell({ item }: { item: Row }) {
  const { t } = useTranslation();
  const label = t(`stixCollections.sources.${item.source}`);
  if (item.source === "bulwark" && item.sharedItemId)
    return (
      <Anchor component={Link} to={`/sharing/${item.sharedItemId}`} size="sm">
        {label}
      </Anchor>
    );
  return <Text size="sm">{label}</Text>;
}

function ObjectDrawer({
  collection,
  stixId,
  onClose,
}: {
  collection: string | null;
  stixId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useQuery({
    queryKey: ["sharing", "stix", "object", collection, stixId],
    queryFn: () =>
      client.call("getStixCollectionObject", { params: { id: collection ?? "", stixId: stixId ?? "" } }),
    enabled: collection !== null && stixId !== null,
  });
  const data = detail.data;
  return (
    <Drawer
      opened={stixId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={data?.name ?? stixId ?? ""}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack gap="sm">
        <ProblemAlert error={detail.error} />
        {data && (
          <>
            <Group gap="xs">
              <Badge variant="light" tt="none" ff="monospace">
                {data.type}
              </Badge>
              <TlpBadge marking={data.tlp} size="xs" />
              {data.revoked && <Badge color="gray">{t("stixCollections.revoked")}</Badge>}
            </Group>
            <Text size="sm" ff="monospace">
              {data.stixId}
            </Text>
            <Text size="sm" c="dimmed">
              {t("stixCollections.versionAdded", {
                version: format.dateTime(data.version),
                added: format.dateTime(data.dateAdded),
                source: t(`stixCollections.sources.${data.source}`),
              })}
            </Text>
            {data.sharedItemId && (
              <Anchor component={Link} to={`/sharing/${data.sharedItemId}`} size="sm">
                {t("stixCollections.openItem")}
              </Anchor>
            )}
            <Code block aria-label={t("stixCollections.json")}>
              {JSON.stringify(data.object, null, 2)}
            </Code>
          </>
        )}
      </Stack>
    </Drawer>
  );
}
