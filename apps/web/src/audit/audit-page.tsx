// The audit trail, newest first, with filters, "Load older" paging and a chain check.
import type { AuditEntry } from "@bulwark/contracts";
import {
  Button,
  Code,
  Group,
  Paper,
  Popover,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { useCan } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { EmptyState, PageHeader, TableSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { auditActionName } from "./audit-action-names.ts";
import { type AuditFilter, AuditFilters } from "./audit-filters.tsx";
import { useVerifyChain, VerifyButton, VerifyResult } from "./verify-chain.tsx";

const PAGE_SIZE = 50;

function Details({ details }: { details: unknown }) {
  if (details === null || details === undefined) return <Text c="dimmed">—</Text>;
  const compact = JSON.stringify(details);
  if (compact === "{}" || compact === "[]") return <Text c="dimmed">—</Text>;
  return (
    <Popover width={420} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton aria-label={compact} maw={260}>
          <Code
            style={{ display: "block", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
          >
            {compact}
          </Code>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Code block style={{ maxHeight: 320, overflow: "auto" }}>
          {JSON.stringify(details, null, 2)}
        </Code>
      </Popover.Dropdown>
    </Popover>
  );
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {entry.seq}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(entry.at)}</Table.Td>
      <Table.Td>
        {entry.actorName ?? (
          <Text c="dimmed" size="sm">
            {entry.actorId ?? t("audit.system")}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{auditActionName(t, entry.action)}</Text>
        <Code fz="xs" c="dimmed">
          {entry.action}
        </Code>
      </Table.Td>
      <Table.Td>
        {entry.targetType ? (
          <Tooltip label={entry.targetId ?? ""} disabled={!entry.targetId} withArrow>
            <Text size="sm" span>
              {entry.targetType}
              {entry.targetId && (
                <Text c="dimmed" size="xs" span ff="monospace">
                  {" "}
                  {entry.targetId.slice(0, 8)}
                </Text>
              )}
            </Text>
          </Tooltip>
        ) : (
          <Text c="dimmed">—</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Details details={entry.details} />
      </Table.Td>
      <Table.Td>
        <Tooltip label={entry.hash} withArrow multiline w={320} style={{ wordBreak: "break-all" }}>
          <Text size="xs" ff="monospace" c="dimmed" span>
            {entry.hash.slice(0, 10)}
          </Text>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

/** The trail's pages under `filter`, newest first: the page's query, and what prepareAuditPage asks for. */
function auditQuery(filter: AuditFilter) {
  return infiniteQueryOptions({
    queryKey: ["audit", filter],
    // 0 stands for "from the newest": sequence numbers start at 1.
    queryFn: ({ pageParam }) =>
      client.call("listAudit", { query: { ...filter, before: pageParam || undefined, limit: PAGE_SIZE } }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** Asks for the newest entries with the page's code (page-code.ts), not once the page is drawn. */
export function prepareAuditPage(): void {
  void queryClient.prefetchInfiniteQuery(auditQuery({}));
}

export function AuditPage() {
  const canRead = useCan("audit:read");
  if (!canRead) return <Navigate to="/" replace />;
  return <AuditTrail />;
}

function AuditTrail() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({});
  const onFilter = useCallback((next: AuditFilter) => setFilter(next), []);
  const verify = useVerifyChain();
  const entries = useInfiniteQuery(auditQuery(filter));
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t("audit.title")}
        subtitle={t("audit.subtitle")}
        actions={<VerifyButton verify={verify} />}
      />
      <Stack gap="md">
        <VerifyResult verify={verify} />
        <AuditFilters onChange={onFilter} />
      </Stack>
      <ProblemAlert error={entries.error} />
      {entries.isPending ? (
        <Paper withBorder>
          <TableSkeleton columns={7} rows={8} />
        </Paper>
      ) : items.length === 0 ? (
        !entries.isError && <EmptyState>{t("audit.empty")}</EmptyState>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("audit.seq")}</Table.Th>
                  <Table.Th>{t("audit.time")}</Table.Th>
                  <Table.Th>{t("audit.actor")}</Table.Th>
                  <Table.Th>{t("audit.action")}</Table.Th>
                  <Table.Th>{t("audit.target")}</Table.Th>
                  <Table.Th>{t("audit.details")}</Table.Th>
                  <Table.Th>{t("audit.hash")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((entry) => (
                  <EntryRow key={entry.seq} entry={entry} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {items.length > 0 && (
        <Group justify="center" mt="md">
          {entries.hasNextPage ? (
            <Button
              variant="default"
              loading={entries.isFetchingNextPage}
              onClick={() => void entries.fetchNextPage()}
            >
              {t("audit.loadOlder")}
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {t("audit.end")}
            </Text>
          )}
        </Group>
      )}
    </>
  );
}
