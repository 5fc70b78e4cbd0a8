// The people you may see: search, filter by organisation; create, edit and reset passwords where
// the abilities allow.
import type { User } from "@bulwark/contracts";
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
import { IconKey, IconPencil, IconPlus, IconSearch, IconShieldCheck } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useCan } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { ListTable, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { useOrganisationOptions } from "../organisations/organisation-options.ts";
import { PasswordReset } from "./password-reset.tsx";
import { UserCreateForm } from "./user-create-form.tsx";
import { UserEditForm } from "./user-edit-form.tsx";

const PAGE_SIZE = 25;

export function PeoplePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const canManage = useCan("user:manage");
  const organisations = useOrganisationOptions();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const query = {
    q: q || undefined,
    organisationId: organisationId ?? undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: ["users", "list", query],
    queryFn: () => client.call("listUsers", { query }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t("people.title")}
        subtitle={t("people.subtitle")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("people.new")}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          aria-label={t("common.search")}
          placeholder={t("people.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={{ base: "100%", sm: 280 }}
        />
        <Select
          aria-label={t("people.organisation")}
          placeholder={t("people.allOrganisations")}
          data={organisations.options}
          value={organisationId}
          onChange={(value) => {
            setOrganisationId(value);
            setPage(1);
          }}
          searchable
          clearable
          w={{ base: "100%", sm: 300 }}
        />
      </Group>
      <ProblemAlert error={list.error} />
      <ListTable
        loading={list.isPending}
        failed={list.isError}
        isEmpty={items.length === 0}
        empty={t("people.empty")}
        skeletonColumns={8}
        minWidth={1000}
        headers={
          <>
            <Table.Th>{t("people.name")}</Table.Th>
            <Table.Th>{t("people.email")}</Table.Th>
            <Table.Th>{t("people.organisation")}</Table.Th>
            <Table.Th>{t("people.roles")}</Table.Th>
            <Table.Th>{t("people.active")}</Table.Th>
            <Table.Th>{t("people.twoFactor")}</Table.Th>
            <Table.Th>{t("people.lastSignIn")}</Table.Th>
            {canManage && (
              <Table.Th>
                <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
              </Table.Th>
            )}
          </>
        }
      >
        {items.map((user) => (
          <Table.Tr key={user.id}>
            <Table.Td fw={500}>
              <bdi>{user.name}</bdi>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ wordBreak: "break-all" }}>
                {user.email}
              </Text>
            </Table.Td>
            <Table.Td>{user.organisationName}</Table.Td>
            <Table.Td miw={190}>
              <Group gap={4}>
                {user.roles.map((role) => (
                  <Badge key={role} variant="light" size="sm" radius="sm" tt="none">
                    {labels.role(role)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td miw={110}>
              <Badge color={user.active ? "teal" : "gray"} variant="dot" tt="none">
                {user.active ? t("people.active") : t("people.inactive")}
              </Badge>
            </Table.Td>
            <Table.Td>
              {user.totpEnabled ? (
                <Tooltip label={t("account.twoFactorOn")} withArrow>
                  <IconShieldCheck
                    size={18}
                    color="var(--mantine-color-teal-7)"
                    aria-label={t("common.yes")}
                  />
                </Tooltip>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("common.no")}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={user.lastSignInAt ? undefined : "dimmed"}>
                {user.lastSignInAt ? format.dateTime(user.lastSignInAt) : t("common.never")}
              </Text>
            </Table.Td>
            {canManage && (
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Tooltip label={t("common.edit")} withArrow>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`${t("common.edit")} ${user.name}`}
                      onClick={() => setEditing(user)}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t("people.resetPassword")} withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="orange"
                      aria-label={`${t("people.resetPassword")} ${user.name}`}
                      onClick={() => setResetting(user)}
                    >
                      <IconKey size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </ListTable>
      <PageControls page={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={setPage} />
      <UserCreateForm opened={creating} onClose={() => setCreating(false)} />
      <UserEditForm user={editing} onClose={() => setEditing(null)} />
      <PasswordReset user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
