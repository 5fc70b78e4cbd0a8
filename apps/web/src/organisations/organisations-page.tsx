// The directory of organisations: search, filter by kind and sector, page through; create, edit
// and remove where the abilities allow.
import type { Organisation } from "@bulwark/contracts";
import { ORGANISATION_KINDS, SECTORS } from "@bulwark/core";
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Select,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconPlus, IconSearch, IconTrash } from "@tabler/icons-react";
import { keepPreviousData, queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client, queryClient } from "../app/api.ts";
import { useCan, useMe } from "../app/auth.tsx";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { ListTable, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, useLabels } from "../app/vocabulary.ts";
import { OwnContactsSection } from "../incidents/board/contacts-panel.tsx";
import { OrganisationForm } from "./organisation-form.tsx";

const PAGE_SIZE = 25;

interface OrganisationsQuery {
  q?: string;
  kind?: (typeof ORGANISATION_KINDS)[number];
  sector?: (typeof SECTORS)[number];
  limit: number;
  offset: number;
}

/** A page of the directory: the page's query, and what prepareOrganisationsPage asks for. */
function organisationsQuery(query: OrganisationsQuery) {
  return queryOptions({
    queryKey: ["organisations", "list", query],
    queryFn: () => client.call("listOrganisations", { query }),
  });
}

/** Asks for the first page, unfiltered, with the page's code (page-code.ts), not once it is drawn. */
export function prepareOrganisationsPage(): void {
  void queryClient.prefetchQuery(organisationsQuery({ limit: PAGE_SIZE, offset: 0 }));
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const format = useFormat();
  const canCreate = useCan("organisation:create");
  const canRemove = useCan("organisation:remove");
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [kind, setKind] = useState<string | null>(null);
  const [sector, setSector] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [removing, setRemoving] = useState<Organisation | null>(null);

  const list = useQuery({
    ...organisationsQuery({
      q: q || undefined,
      kind: isOneOf(ORGANISATION_KINDS, kind) ? kind : undefined,
      sector: isOneOf(SECTORS, sector) ? sector : undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });

  const remove = useMutation({
    mutationFn: (organisation: Organisation) =>
      client.call("deleteOrganisation", { params: { id: organisation.id } }),
    onSuccess: (_result, organisation) => {
      void queryClient.invalidateQueries({ queryKey: ["organisations"] });
      notifications.show({ color: "teal", message: t("organisations.deleted", { name: organisation.name }) });
      setRemoving(null);
    },
  });

  // Platform administrators may edit any organisation; organisation administrators their own.
  const mayEdit = (organisation: Organisation) =>
    canCreate || (me.roles.includes("organisation-admin") && organisation.id === me.organisation.id);
  const openForm = (organisation: Organisation | null) => {
    setEditing(organisation);
    setFormOpen(true);
  };
  const resetPage = () => setPage(1);
  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t("organisations.title")}
        subtitle={t("organisations.subtitle")}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => openForm(null)}>
              {t("organisations.new")}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          aria-label={t("common.search")}
          placeholder={t("organisations.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            resetPage();
          }}
          w={{ base: "100%", sm: 260 }}
        />
        <Select
          aria-label={t("organisations.kind")}
          placeholder={t("organisations.allKinds")}
          data={labels.kindOptions}
          value={kind}
          onChange={(value) => {
            setKind(value);
            resetPage();
          }}
          clearable
          w={{ base: "100%", sm: 220 }}
        />
        <Select
          aria-label={t("organisations.sectors")}
          placeholder={t("organisations.allSectors")}
          data={labels.sectorOptions}
          value={sector}
          onChange={(value) => {
            setSector(value);
            resetPage();
          }}
          clearable
          searchable
          w={{ base: "100%", sm: 260 }}
        />
      </Group>
      <ProblemAlert error={list.error} />
      <ListTable
        loading={list.isPending}
        failed={list.isError}
        isEmpty={items.length === 0}
        empty={t("organisations.empty")}
        skeletonColumns={7}
        minWidth={900}
        headers={
          <>
            <Table.Th>{t("organisations.name")}</Table.Th>
            <Table.Th>{t("organisations.shortName")}</Table.Th>
            <Table.Th>{t("organisations.kind")}</Table.Th>
            <Table.Th>{t("organisations.country")}</Table.Th>
            <Table.Th>{t("organisations.sectors")}</Table.Th>
            <Table.Th ta="end">{t("organisations.people")}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
            </Table.Th>
          </>
        }
      >
        {items.map((organisation) => (
          <Table.Tr key={organisation.id}>
            <Table.Td fw={500}>
              <bdi>{organisation.name}</bdi>{" "}
              {organisation.verified && (
                <Badge variant="light" color="teal" size="xs" title={t("organisations.verifiedHint")}>
                  {t("organisations.verified")}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{organisation.shortName ?? "—"}</Table.Td>
            <Table.Td>{labels.kind(organisation.kind)}</Table.Td>
            <Table.Td>
              <Tooltip label={organisation.country} withArrow>
                <Text size="sm" span>
                  {format.country(organisation.country)}
                </Text>
              </Tooltip>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {organisation.sectors.map((id) => (
                  <Badge key={id} variant="light" size="sm" radius="sm" tt="none">
                    {labels.sector(id)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td ta="end">{format.number(organisation.userCount)}</Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                {mayEdit(organisation) && (
                  <Tooltip label={t("common.edit")} withArrow>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`${t("common.edit")} ${organisation.name}`}
                      onClick={() => openForm(organisation)}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
                {canRemove && (
                  <Tooltip label={t("common.remove")} withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t("common.remove")} ${organisation.name}`}
                      onClick={() => {
                        remove.reset();
                        setRemoving(organisation);
                      }}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <PageControls page={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={setPage} />
      <OwnContactsSection />
      <OrganisationForm organisation={editing} opened={formOpen} onClose={() => setFormOpen(false)} />
      <ConfirmDialog
        opened={removing !== null}
        title={t("organisations.deleteTitle")}
        message={t("organisations.deleteText", { name: removing?.name ?? "" })}
        confirmLabel={t("common.remove")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
