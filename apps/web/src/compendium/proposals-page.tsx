// The review queue: proposed entries and edits by state. Moderators see every proposal; others
// see their organisation's (the server decides). The tab is in the address.
import type { PROPOSAL_STATES } from "@bulwark/contracts";
import { Anchor, Badge, Stack, Table, Tabs, Text } from "@mantine/core";
import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useCan } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { ListTable, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { BackToSearch } from "./entry-page.tsx";

const PAGE_SIZE = 25;
/** Withdrawn proposals show under "all": nothing withdraws one yet. */
const TABS = ["open", "changes-requested", "approved", "rejected"] as const;

export const STATE_COLOURS: Record<(typeof PROPOSAL_STATES)[number], string> = {
  open: "blue",
  "changes-requested": "yellow",
  approved: "teal",
  rejected: "red",
  withdrawn: "gray",
};

export function StateBadge({ state }: { state: (typeof PROPOSAL_STATES)[number] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATE_COLOURS[state]} tt="none" miw="max-content">
      {t(`compendium.states.${state}`)}
    </Badge>
  );
}

export function ProposalsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const moderator = useCan("compendium:moderate");
  const [params, setParams] = useSearchParams();
  const stateParam = params.get("state");
  const tab = isOneOf(TABS, stateParam) || stateParam === "all" ? stateParam : "open";
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const query = {
    state: tab === "all" ? undefined : tab,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: ["compendium", "proposals", query],
    queryFn: () => client.call("listProposals", { query }),
    placeholderData: keepPreviousData,
  });
  const counts = useQueries({
    queries: TABS.map((state) => ({
      queryKey: ["compendium", "proposals", { state, limit: 1, offset: 0 }],
      queryFn: () => client.call("listProposals", { query: { state, limit: 1 } }),
    })),
  });
  const items = list.data?.items ?? [];

  return (
    <Stack gap="md">
      <BackToSearch />
      <PageHeader
        title={t("compendium.proposals.title")}
        subtitle={
          moderator ? t("compendium.proposals.subtitleModerator") : t("compendium.proposals.subtitleMember")
        }
      />
      <Tabs value={tab} onChange={(value) => setParams(value && value !== "open" ? { state: value } : {})}>
        <Tabs.List>
          {TABS.map((state, index) => (
            <Tabs.Tab
              key={state}
              value={state}
              rightSection={
                counts[index]?.data ? (
                  <Badge size="xs" variant="light" color={STATE_COLOURS[state]} circle={false}>
                    {format.number(counts[index].data.total)}
                  </Badge>
                ) : null
              }
            >
              {t(`compendium.states.${state}`)}
            </Tabs.Tab>
          ))}
          <Tabs.Tab value="all">{t("compendium.proposals.all")}</Tabs.Tab>
        </Tabs.List>
        {/* Each tab controls a panel (ARIA): the chosen tab's holds the list, the others stay empty. */}
        {[...TABS, "all"]
          .filter((value) => value !== tab)
          .map((value) => (
            <Tabs.Panel key={value} value={value}>
              {null}
            </Tabs.Panel>
          ))}
        <Tabs.Panel value={tab} pt="md">
          <Stack gap="md">
            <ProblemAlert error={list.error} />
            <ListTable
              loading={list.isPending}
              failed={list.isError}
              isEmpty={items.length === 0}
              empty={t("compendium.proposals.empty")}
              skeletonColumns={4}
              minWidth={760}
              headers={
                <>
                  <Table.Th>{t("compendium.proposals.entry")}</Table.Th>
                  <Table.Th>{t("compendium.proposals.author")}</Table.Th>
                  <Table.Th>{t("compendium.proposals.updated")}</Table.Th>
                  <Table.Th>{t("compendium.proposals.state")}</Table.Th>
                </>
              }
            >
              {items.map((proposal) => (
                <Table.Tr key={proposal.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/compendium/proposals/${proposal.id}`} fw={600} size="sm">
                      {proposal.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {proposal.entry
                        ? t("pattern.labelValue", {
                            label: t("compendium.proposals.editOf"),
                            value: proposal.entry.title,
                          })
                        : t("compendium.proposals.newEntry")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{proposal.author.name}</Text>
                    <Text size="xs" c="dimmed">
                      {proposal.organisation.name}
                    </Text>
                  </Table.Td>
                  <Table.Td fz="sm" style={{ whiteSpace: "nowrap" }}>
                    {format.dateTime(proposal.updatedAt)}
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={proposal.state} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
            <PageControls
              page={page}
              pageSize={PAGE_SIZE}
              total={list.data?.total ?? 0}
              onChange={(next) =>
                setParams({ ...(tab === "open" ? {} : { state: tab }), page: String(next) })
              }
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
