// The four-eyes queue: items of my organisation awaiting a second person's approval, and my
// organisation's drafts (the server shows them only to their authors and approvers).
import { Anchor, Button, Group, Paper, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { LiveBadge, useLiveRefresh } from "../app/live.tsx";
import { ListTable, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { Term } from "../search/glossary.tsx";

function Queue({
  status,
  title,
  empty,
}: {
  status: "awaiting-approval" | "draft";
  title: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery({
    queryKey: ["sharing", "feed", { status }],
    queryFn: () => client.call("listSharedItems", { query: { status, limit: 200 } }),
  });
  const items = list.data?.items ?? [];
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: (id: string) => client.call("approveSharedItem", { params: { id } }),
    onSuccess: (item) => {
      notifications.show({
        color: "teal",
        message: t("sharing.approvalsPage.approved", { title: item.title }),
      });
      return queryClient.invalidateQueries({ queryKey: ["sharing", "feed"] });
    },
  });
  return (
    <Stack gap="xs">
      <Title order={4}>{title}</Title>
      <ProblemAlert error={list.error ?? approve.error} />
      <ListTable
        loading={list.isPending}
        failed={list.isError}
        isEmpty={items.length === 0}
        empty={empty}
        skeletonColumns={3}
        minWidth={560}
        headers={
          <>
            <Table.Th>{t("sharing.feed.columnTitle")}</Table.Th>
            <Table.Th>{t("sharing.feed.columnType")}</Table.Th>
            <Table.Th>{t("sharing.item.person")}</Table.Th>
            <Table.Th>{t("sharing.item.at")}</Table.Th>
            {status === "awaiting-approval" && <Table.Th>{t("sharing.approvalsPage.decision")}</Table.Th>}
          </>
        }
      >
        {items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <TlpBadge marking={item.tlp} size="xs" />
                <Anchor component={Link} to={`/sharing/${item.id}`}>
                  {item.title}
                </Anchor>
              </Group>
            </Table.Td>
            <Table.Td>{t(`sharing.types.${item.type}`)}</Table.Td>
            <Table.Td>{item.author.name}</Table.Td>
            <Table.Td>{format.dateTime(item.updatedAt)}</Table.Td>
            {status === "awaiting-approval" && (
              <Table.Td>
                {item.mayApprove ? (
                  <Button
                    size="xs"
                    color="teal"
                    loading={approve.isPending && approve.variables === item.id}
                    onClick={() => approve.mutate(item.id)}
                    aria-label={t("sharing.approvalsPage.approveTitle", { title: item.title })}
                  >
                    {t("sharing.item.approve")}
                  </Button>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t("sharing.approvalsPage.notYours")}
                  </Text>
                )}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </ListTable>
    </Stack>
  );
}

/** The organisation's four-eyes setting: shown to all, changed by its administrators. */
function FourEyesSetting() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ["sharing", "settings"],
    queryFn: () => client.call("getSharingSettings", {}),
  });
  const change = useMutation({
    mutationFn: (requiresFourEyes: boolean) =>
      client.call("updateSharingSettings", { body: { requiresFourEyes } }),
    onSuccess: (next) => queryClient.setQueryData(["sharing", "settings"], next),
  });
  if (!settings.data) return <ProblemAlert error={settings.error} />;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Switch
          label={t("sharing.approvalsPage.fourEyes")}
          description={t("sharing.approvalsPage.fourEyesHint")}
          checked={settings.data.requiresFourEyes}
          disabled={!me.roles.includes("organisation-admin") || change.isPending}
          onChange={(event) => change.mutate(event.currentTarget.checked)}
        />
        {settings.data.widestMarking && (
          <Text size="sm" c="dimmed">
            {t("sharing.composePage.widest", { marking: t(`markings.${settings.data.widestMarking}`) })}
          </Text>
        )}
        <ProblemAlert error={change.error} />
      </Stack>
    </Paper>
  );
}

export function ApprovalsPage() {
  const { t } = useTranslation();
  // Items submitted or approved by colleagues while the page is open appear without a reload.
  const live = useLiveRefresh("/api/sharing/events", [["sharing", "feed"]]);
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("sharing.approvalsPage.title")}
        subtitle={
          <>
            {t("sharing.approvalsPage.subtitle")}{" "}
            <Term id="fourEyes">{t("search.glossary.terms.fourEyes.name")}</Term>
          </>
        }
        actions={<LiveBadge status={live} />}
      />
      <FourEyesSetting />
      <Queue
        status="awaiting-approval"
        title={t("sharing.statuses.awaiting-approval")}
        empty={t("sharing.approvalsPage.empty")}
      />
      <Queue status="draft" title={t("sharing.approvalsPage.drafts")} empty={t("sharing.feed.empty")} />
    </Stack>
  );
}
