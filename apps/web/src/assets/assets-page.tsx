// The asset registry: search, filter by sector, operator and status, page through; register an
// asset, import and export the registry as CSV where the roles allow (the server decides).
import { ASSET_STATUSES, SECTORS } from "@bulwark/core";
import { Anchor, Badge, Button, Group, SegmentedControl, Select, Table, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconList, IconMap, IconPlus, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ListTable, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, useLabels } from "../app/vocabulary.ts";
import { prefetchGeoAssets } from "../map/geo-assets.ts";
import { type RegistryFilters, RegistryMap } from "../map/registry-map.tsx";
import { organisationOptionsQuery, useOrganisationOptions } from "../organisations/organisation-options.ts";
import { RegistryStixExport } from "../sharing/stix-export.tsx";
import { AssetForm } from "./asset-form.tsx";
import { STATUS_COLOURS, useAssetLabels, useCanEditAssets } from "./asset-vocabulary.ts";
import { RegistryExport } from "./registry-export.tsx";
import { RegistryImport } from "./registry-import.tsx";
import { TlpBadge } from "./tlp-badge.tsx";

const PAGE_SIZE = 25;

interface AssetsQuery {
  q?: string;
  sector?: (typeof SECTORS)[number];
  operatorId?: string;
  status?: (typeof ASSET_STATUSES)[number];
  limit: number;
  offset: number;
}

/** A page of the table: the page's query, and what prepareAssetsPage asks for. */
function assetsQuery(query: AssetsQuery) {
  return queryOptions({
    queryKey: ["assets", "list", query],
    queryFn: () => client.call("listAssets", { query }),
  });
}

/**
 * Called as the page's code arrives (page-code.ts): a map asked for in the address gets its assets
 * asked for now; the table (its filters start empty) its first page and the operators' options.
 */
export function prepareAssetsPage(params: URLSearchParams): void {
  if (params.get("view") === "map") {
    prefetchGeoAssets();
    return;
  }
  void queryClient.prefetchQuery(assetsQuery({ limit: PAGE_SIZE, offset: 0 }));
  void queryClient.prefetchQuery(organisationOptionsQuery);
}

export function AssetsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const assetLabels = useAssetLabels();
  const format = useFormat();
  const canEdit = useCanEditAssets();
  const operators = useOrganisationOptions();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [sector, setSector] = useState<string | null>(null);
  const [operatorId, setOperatorId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  // Table or map, kept in the address (?view=map) so that the map can be linked.
  const [params, setParams] = useSearchParams();
  const view = params.get("view") === "map" ? "map" : "table";

  const query: AssetsQuery = {
    q: q || undefined,
    sector: isOneOf(SECTORS, sector) ? sector : undefined,
    operatorId: operatorId ?? undefined,
    status: isOneOf(ASSET_STATUSES, status) ? status : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useQuery({ ...assetsQuery(query), placeholderData: keepPreviousData });
  const items = list.data?.items ?? [];
  const operatorName = operators.options.find((option) => option.value === operatorId)?.label ?? null;
  const mapFilters = useMemo(
    (): RegistryFilters => ({
      q,
      sector: query.sector ?? null,
      operator: operatorName,
      status: query.status ?? null,
    }),
    [q, query.sector, operatorName, query.status],
  );
  const filter = (set: (value: string | null) => void) => (value: string | null) => {
    set(value);
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={t("assets.title")}
        subtitle={t("assets.subtitle")}
        actions={
          <>
            <RegistryExport />
            <RegistryStixExport />
            {canEdit && (
              <Button variant="default" onClick={() => setImportOpen(true)}>
                {t("assets.import")}
              </Button>
            )}
            {canEdit && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setFormOpen(true)}>
                {t("assets.new")}
              </Button>
            )}
          </>
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          aria-label={t("common.search")}
          placeholder={t("assets.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={{ base: "100%", sm: 260 }}
        />
        <Select
          aria-label={t("assets.sector")}
          placeholder={t("assets.allSectors")}
          data={labels.sectorOptions}
          value={sector}
          onChange={filter(setSector)}
          clearable
          searchable
          w={{ base: "100%", sm: 240 }}
        />
        <Select
          aria-label={t("assets.operator")}
          placeholder={t("assets.allOperators")}
          data={operators.options}
          value={operatorId}
          onChange={filter(setOperatorId)}
          clearable
          searchable
          w={{ base: "100%", sm: 260 }}
        />
        <Select
          aria-label={t("assets.status")}
          placeholder={t("assets.allStatuses")}
          data={assetLabels.statusOptions}
          value={status}
          onChange={filter(setStatus)}
          clearable
          w={{ base: "100%", sm: 180 }}
        />
        <SegmentedControl
          aria-label={t("assets.view")}
          value={view}
          onChange={(value) => setParams(value === "map" ? { view: "map" } : {}, { replace: true })}
          data={[
            {
              value: "table",
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconList size={16} />
                  {t("assets.viewTable")}
                </Group>
              ),
            },
            {
              value: "map",
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconMap size={16} />
                  {t("assets.viewMap")}
                </Group>
              ),
            },
          ]}
          ms={{ sm: "auto" }}
        />
      </Group>
      {view === "map" ? (
        <RegistryMap filters={mapFilters} />
      ) : (
        <>
          <ProblemAlert error={list.error} />
          <ListTable
            loading={list.isPending}
            failed={list.isError}
            isEmpty={items.length === 0}
            empty={t("assets.empty")}
            skeletonColumns={7}
            minWidth={900}
            headers={
              <>
                <Table.Th>{t("assets.ref")}</Table.Th>
                <Table.Th>{t("assets.name")}</Table.Th>
                <Table.Th>{t("assets.sector")}</Table.Th>
                <Table.Th>{t("assets.operator")}</Table.Th>
                <Table.Th>{t("assets.status")}</Table.Th>
                <Table.Th ta="end">{t("assets.population")}</Table.Th>
                <Table.Th>{t("assets.marking")}</Table.Th>
              </>
            }
          >
            {items.map((asset) => (
              <Table.Tr key={asset.id}>
                <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: "nowrap" }}>
                  <bdi>{asset.ref}</bdi>
                </Table.Td>
                <Table.Td fw={500}>
                  <Anchor component={Link} to={`/assets/${asset.id}`} size="sm">
                    <bdi>{asset.name}</bdi>
                  </Anchor>
                </Table.Td>
                <Table.Td>{labels.sector(asset.sector)}</Table.Td>
                <Table.Td>
                  <bdi>{asset.operator.name}</bdi>
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={STATUS_COLOURS[asset.status]}
                    size="sm"
                    tt="none"
                    miw="max-content"
                  >
                    {assetLabels.status(asset.status)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="end">{format.number(asset.populationServed)}</Table.Td>
                <Table.Td>
                  <TlpBadge marking={asset.marking} />
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
          <PageControls page={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={setPage} />
        </>
      )}
      <AssetForm asset={null} opened={formOpen} onClose={() => setFormOpen(false)} />
      <RegistryImport opened={importOpen} onClose={() => setImportOpen(false)} />
    </>
  );
}
