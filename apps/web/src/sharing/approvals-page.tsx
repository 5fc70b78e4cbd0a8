// The four-eyes queue: items of my organisation awaiting a second person's approval, and my
// organisation's drafts (the server shows them only to their authors and approvers).
import { Anchor, Group, Stack, Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ListTable, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";

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
  return (
    <Stack gap="xs">
      <Title order={4}>{title}</Title>
      <ProblemAlert error={list.error} />
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
          </Table.Tr>
        ))}
      </ListTable>
    </Stack>
  );
}

export function ApprovalsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeader title={t("sharing.approvalsPage.title")} subtitle={t("sharing.approvalsPage.subtitle")} />
      <Queue
        status="awaiting-approval"
        title={t("sharing.statuses.awaiting-approval")}
        empty={t("sharing.approvalsPage.empty")}
      />
      <Queue status="draft" title={t("sharing.approvalsPage.drafts")} empty={t("sharing.feed.empty")} />
    </Stack>
  );
}
