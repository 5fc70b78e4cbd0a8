// TAXII subscriptions: the remote collections my communities pull from, with each one's last run;
// coordinators and organisation administrators of a member organisation add one (testing the
// connection first), pull now, change interval and switch, and delete. Credentials go in and never
// come back: the form only says whether some are set.
import type {
  TaxiiConnectionReport,
  TaxiiSubscription,
  TaxiiSubscriptionCreateInput,
} from "@bulwark/contracts";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { IconPlugConnected, IconPlus, IconRefresh } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { ListTable, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { Glossed } from "../search/glossary.tsx";

const KEY = ["sharing", "taxii-subscriptions"] as const;
const MARKINGS = ["clear", "green", "amber", "amber+strict"] as const;
type Marking = (typeof MARKINGS)[number];
type AuthKind = "none" | "basic" | "bearer";

interface Draft {
  communityId: string;
  name: string;
  apiRootUrl: string;
  collectionId: string;
  authKind: AuthKind;
  username: string;
  password: string;
  token: string;
  defaultTlp: Marking;
  intervalMinutes: number;
  enabled: boolean;
}

const emptyDraft: Draft = {
  communityId: "",
  name: "",
  apiRootUrl: "",
  collectionId: "",
  authKind: "basic",
  username: "",
  password: "",
  token: "",
  defaultTlp: "amber",
  intervalMinutes: 60,
  enabled: true,
};

const authOf = (draft: Draft): TaxiiSubscriptionCreateInput["auth"] =>
  draft.authKind === "basic"
    ? { kind: "basic", username: draft.username, password: draft.password }
    : draft.authKind === "bearer"
      ? { kind: "bearer", token: draft.token }
      : { kind: "none" };

/** Were new credentials typed (an edit keeps the stored ones otherwise)? */
const typedCredentials = (draft: Draft) =>
  draft.authKind === "none" || (draft.authKind === "basic" ? draft.password !== "" : draft.token !== "");

function ConnectionReport({ report }: { report: TaxiiConnectionReport }) {
  const { t } = useTranslation();
  return (
    <Alert color={report.ok ? "green" : "red"} role="status">
      <Stack gap={4}>
        <Text size="sm" fw={700}>
          {report.ok ? t("taxii.report.ok") : report.error}
        </Text>
        {report.apiRoot && (
          <Text size="sm">{t("taxii.report.apiRoot", { title: report.apiRoot.title })}</Text>
        )}
        {report.collections.length > 0 && (
          <>
            <Text size="sm">{t("taxii.report.collections")}</Text>
            <List size="sm">
              {report.collections.map((collection) => (
                <List.Item key={collection.id}>
                  {collection.title} ({collection.id}):{" "}
                  {collection.canRead ? t("taxii.report.canRead") : t("taxii.report.cannotRead")}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  );
}

function SubscriptionForm({
  editing,
  onClose,
}: {
  /** The subscription being edited, or null for a new one. */
  editing: TaxiiSubscription | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(
    editing
      ? {
          ...emptyDraft,
          communityId: editing.community.id,
          name: editing.name,
          apiRootUrl: editing.apiRootUrl,
          collectionId: editing.collectionId,
          authKind: editing.authKind,
          defaultTlp: editing.defaultTlp,
          intervalMinutes: editing.intervalMinutes,
          enabled: editing.enabled,
        }
      : emptyDraft,
  );
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const communities = useQuery({
    queryKey: ["communities", "mine"],
    queryFn: () => client.call("listCommunities", { query: { limit: 500 } }),
    enabled: editing === null,
  });
  const test = useMutation({
    mutationFn: () =>
      editing && !typedCredentials(draft)
        ? client.call("testTaxiiSubscription", { params: { id: editing.id } })
        : client.call("testTaxiiConnection", {
            body: {
              communityId: draft.communityId,
              apiRootUrl: draft.apiRootUrl,
              collectionId: draft.collectionId,
              auth: authOf(draft),
            },
          }),
  });
  const save = useMutation({
    mutationFn: () => {
      const common = {
        name: draft.name,
        apiRootUrl: draft.apiRootUrl,
        collectionId: draft.collectionId,
        defaultTlp: draft.defaultTlp,
        intervalMinutes: draft.intervalMinutes,
        enabled: draft.enabled,
      };
      return editing
        ? client.call("updateTaxiiSubscription", {
            params: { id: editing.id },
            body: { ...common, ...(typedCredentials(draft) ? { auth: authOf(draft) } : {}) },
          })
        : client.call("createTaxiiSubscription", {
            body: { ...common, communityId: draft.communityId, auth: authOf(draft) },
          });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: KEY });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t("taxii.form.editTitle") : t("taxii.form.createTitle")}
      size="lg"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {editing === null && (
            <Select
              label={t("taxii.form.community")}
              required
              searchable
              value={draft.communityId || null}
              onChange={(value) => set("communityId", value ?? "")}
              data={(communities.data?.items ?? []).map((community) => ({
                value: community.id,
                label: community.name,
              }))}
            />
          )}
          <TextInput
            label={t("taxii.form.name")}
            required
            value={draft.name}
            onChange={(e) => set("name", e.currentTarget.value)}
          />
          <TextInput
            label={t("taxii.form.apiRootUrl")}
            description={t("taxii.form.apiRootHint")}
            required
            value={draft.apiRootUrl}
            onChange={(e) => set("apiRootUrl", e.currentTarget.value)}
          />
          <TextInput
            label={t("taxii.form.collectionId")}
            required
            value={draft.collectionId}
            onChange={(e) => set("collectionId", e.currentTarget.value)}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t("taxii.form.auth")}
            </Text>
            <SegmentedControl
              value={draft.authKind}
              onChange={(value) => set("authKind", value as AuthKind)}
              data={[
                { value: "none", label: t("taxii.form.authNone") },
                { value: "basic", label: t("taxii.form.authBasic") },
                { value: "bearer", label: t("taxii.form.authBearer") },
              ]}
            />
            {editing?.credentialsSet && editing.authKind === draft.authKind && draft.authKind !== "none" && (
              <Text size="xs" c="dimmed">
                {t("taxii.form.keepCredentials")}
              </Text>
            )}
          </Stack>
          {draft.authKind === "basic" && (
            <Group grow>
              <TextInput
                label={t("taxii.form.username")}
                autoComplete="off"
                value={draft.username}
                onChange={(e) => set("username", e.currentTarget.value)}
              />
              <PasswordInput
                label={t("taxii.form.password")}
                autoComplete="new-password"
                value={draft.password}
                onChange={(e) => set("password", e.currentTarget.value)}
              />
            </Group>
          )}
          {draft.authKind === "bearer" && (
            <PasswordInput
              label={t("taxii.form.token")}
              autoComplete="off"
              value={draft.token}
              onChange={(e) => set("token", e.currentTarget.value)}
            />
          )}
          <Group grow align="flex-start">
            <Select
              label={t("taxii.form.defaultTlp")}
              value={draft.defaultTlp}
              onChange={(value) => set("defaultTlp", (value as Marking | null) ?? "amber")}
              data={MARKINGS.map((marking) => ({ value: marking, label: t(`markings.${marking}`) }))}
            />
            <NumberInput
              label={t("taxii.form.interval")}
              min={5}
              max={10_080}
              value={draft.intervalMinutes}
              onChange={(value) =>
                set("intervalMinutes", typeof value === "number" ? value : Number(value) || 0)
              }
            />
          </Group>
          <Switch
            label={t("taxii.form.enabled")}
            checked={draft.enabled}
            onChange={(e) => set("enabled", e.currentTarget.checked)}
          />
          {test.data && <ConnectionReport report={test.data} />}
          <ProblemAlert error={test.error} />
          <ProblemAlert error={save.error} />
          <Group justify="space-between">
            <Button
              variant="default"
              leftSection={<IconPlugConnected size={16} />}
              loading={test.isPending}
              onClick={() => test.mutate()}
            >
              {t("taxii.test")}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t("taxii.form.save")}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function LastRun({ subscription }: { subscription: TaxiiSubscription }) {
  const { t } = useTranslation();
  const format = useFormat();
  const run = subscription.lastRun;
  if (subscription.running) return <Badge color="blue">{t("taxii.running")}</Badge>;
  if (!run)
    return (
      <Text size="sm" c="dimmed">
        {t("taxii.never")}
      </Text>
    );
  const color = run.outcome === "ok" ? "green" : run.outcome === "capped" ? "yellow" : "red";
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap">
        <Badge color={color}>{t(`taxii.outcomes.${run.outcome}`)}</Badge>
        <Text size="xs" c="dimmed">
          {format.dateTime(run.at)}
        </Text>
      </Group>
      <Text size="xs">{t("taxii.counts", run)}</Text>
      {run.error && (
        <Text size="xs" c="red">
          {run.error}
        </Text>
      )}
    </Stack>
  );
}

export function TaxiiSubscriptionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<TaxiiSubscription | "new" | null>(null);
  const [removing, setRemoving] = useState<TaxiiSubscription | null>(null);
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => client.call("listTaxiiSubscriptions", { query: {} }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const pull = useMutation({
    mutationFn: (id: string) => client.call("pullTaxiiSubscription", { params: { id } }),
    onSettled: refresh,
  });
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      client.call("updateTaxiiSubscription", { params: { id }, body: { enabled } }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => client.call("deleteTaxiiSubscription", { params: { id } }),
    onSuccess: async () => {
      setRemoving(null);
      await refresh();
    },
  });
  const items = list.data ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title={t("taxii.title")}
        subtitle={<Glossed text={t("taxii.subtitle")} />}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
            {t("taxii.add")}
          </Button>
        }
      />
      <ProblemAlert error={list.error ?? pull.error ?? toggle.error} />
      <ListTable
        loading={list.isPending}
        failed={list.isError}
        isEmpty={items.length === 0}
        empty={t("taxii.empty")}
        skeletonColumns={5}
        minWidth={900}
        headers={
          <>
            <Table.Th>{t("taxii.columnName")}</Table.Th>
            <Table.Th>{t("taxii.columnCommunity")}</Table.Th>
            <Table.Th>{t("taxii.columnRemote")}</Table.Th>
            <Table.Th>{t("taxii.columnLastRun")}</Table.Th>
            <Table.Th>{t("taxii.columnNext")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </>
        }
      >
        {items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <Stack gap={2}>
                <Text size="sm" fw={500}>
                  {item.name}
                </Text>
                <Group gap={6}>
                  <TlpBadge marking={item.defaultTlp} size="xs" />
                  <Text size="xs" c="dimmed">
                    {t("taxii.every", { minutes: item.intervalMinutes })}
                  </Text>
                </Group>
              </Stack>
            </Table.Td>
            <Table.Td>{item.community.name}</Table.Td>
            <Table.Td>
              <Text size="xs" style={{ wordBreak: "break-all" }}>
                {item.apiRootUrl}
                <br />
                {item.collectionId}
              </Text>
            </Table.Td>
            <Table.Td>
              <LastRun subscription={item} />
            </Table.Td>
            <Table.Td>
              {item.enabled ? (
                <Text size="sm">{format.dateTime(item.nextRunAt)}</Text>
              ) : (
                <Badge color="gray">{t("taxii.disabled")}</Badge>
              )}
            </Table.Td>
            <Table.Td>
              {item.mayManage && (
                <Group gap="xs" wrap="nowrap">
                  <Switch
                    aria-label={t("taxii.form.enabled")}
                    checked={item.enabled}
                    onChange={(e) => toggle.mutate({ id: item.id, enabled: e.currentTarget.checked })}
                  />
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconRefresh size={14} />}
                    loading={pull.isPending && pull.variables === item.id}
                    onClick={() => pull.mutate(item.id)}
                  >
                    {t("taxii.pullNow")}
                  </Button>
                  <Anchor component="button" size="sm" onClick={() => setEditing(item)}>
                    {t("taxii.edit")}
                  </Anchor>
                  <Anchor component="button" size="sm" c="red" onClick={() => setRemoving(item)}>
                    {t("taxii.remove")}
                  </Anchor>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {editing && (
        <SubscriptionForm editing={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t("taxii.removeTitle")}
        message={t("taxii.removeText", { name: removing?.name ?? "" })}
        confirmLabel={t("taxii.remove")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}
