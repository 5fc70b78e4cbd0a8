// Small building blocks every page uses: its header, an empty state, a loading skeleton, a list
// table that shows whichever of those fits, pagination controls, and the skeleton of a whole page
// while its code arrives.
import { Group, Pagination, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "./format.ts";

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="md">
      <Stack gap={4}>
        <Title order={2}>{title}</Title>
        {subtitle && (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="xs">
        <IconInbox size={32} stroke={1.5} color="var(--mantine-color-dimmed)" />
        <Text c="dimmed" ta="center">
          {children}
        </Text>
      </Stack>
    </Paper>
  );
}

export function TableSkeleton({ columns, rows = 5 }: { columns: number; rows?: number }) {
  const cells = Array.from({ length: columns }, (_, index) => `c${index}`);
  return (
    <Table aria-busy="true">
      <Table.Tbody>
        {Array.from({ length: rows }, (_, row) => `r${row}`).map((row) => (
          <Table.Tr key={row}>
            {cells.map((cell) => (
              <Table.Td key={cell}>
                <Skeleton height={14} radius="sm" />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function PageControls({
  page,
  pageSize,
  total,
  onChange,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed">
        {t("common.range", { from: format.number(from), to: format.number(to), total: format.number(total) })}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={onChange}
          size="sm"
          getControlProps={(control) => ({ "aria-label": t(`pagination.${control}`) })}
          getItemProps={(item) => ({ "aria-label": t("pagination.page", { page: item }) })}
        />
      )}
    </Group>
  );
}

/** A list's table: a skeleton while loading, an empty state when nothing matches, else the rows. */
export function ListTable({
  loading,
  failed,
  isEmpty,
  empty,
  skeletonColumns,
  minWidth = 900,
  headers,
  children,
}: {
  loading: boolean;
  failed: boolean;
  isEmpty: boolean;
  empty: ReactNode;
  skeletonColumns: number;
  minWidth?: number;
  headers: ReactNode;
  children: ReactNode;
}) {
  if (loading)
    return (
      <Paper withBorder>
        <TableSkeleton columns={skeletonColumns} />
      </Paper>
    );
  // A failed query shows its problem above the table; an empty state would contradict it.
  if (isEmpty) return failed ? null : <EmptyState>{empty}</EmptyState>;
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>{headers}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

// The skeleton of a page whose code is on its way: its own module, for the router (first screen).
export { PageSkeleton } from "./page-skeleton.tsx";
