// The follow-up tracker: every action of the events the reader may see, filtered by country,
// status, owner and overdue; counts per status, and a progress bar per country (done of all but
// dropped, overdue in red).
import { ACTION_STATUSES } from "@bulwark/core";
import {
  Badge,
  Checkbox,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState, PageHeader, TableSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { IncidentTasksTracker } from "../incidents/board/tracker-tasks.tsx";
import { ActionsTable } from "./action-parts.tsx";
import { STATUS_COLOURS, trackerKey } from "./event-parts.tsx";

export function ActionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get("status");
  const status = isOneOf(ACTION_STATUSES, statusParam) ? statusParam : undefined;
  const country = params.get("country") ?? undefined;
  const ownerOrganisationId = params.get("owner") ?? undefined;
  const overdue = params.get("overdue") === "true" ? ("true" as const) : undefined;
  const query = useQuery({
    queryKey: [...trackerKey, { status, country, ownerOrganisationId, overdue }],
    queryFn: () =>
      client.call("listEventActions", { query: { status, country, ownerOrganisationId, overdue } }),
  });
  // The filters' choices come from every visible action, whatever is filtered now.
  const all = useQuery({
    queryKey: [...trackerKey, "all"],
    queryFn: () => client.call("listEventActions", { query: {} }),
  });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const owners = new Map(
    (all.data?.items ?? []).map((action) => [action.ownerOrganisation.id, action.ownerOrganisation.name]),
  );
  const counts = query.data?.counts;
  return (
    <Stack gap="md">
      <PageHeader title={t("events.tracker.title")} subtitle={t("events.tracker.subtitle")} />
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        {ACTION_STATUSES.map((value) => (
          <Paper key={value} withBorder radius="md" p="sm" aria-label={t(`events.statuses.${value}`)}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {t(`events.statuses.${value}`)}
            </Text>
            <Text size="xl" fw={700} c={STATUS_COLOURS[value]} data-testid={`count-${value}`}>
              {counts ? format.number(counts[value]) : "…"}
            </Text>
          </Paper>
        ))}
        <Paper withBorder radius="md" p="sm" aria-label={t("events.actions.overdue")}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t("events.actions.overdue")}
          </Text>
          <Text size="xl" fw={700} c="red" data-testid="count-overdue">
            {counts ? format.number(counts.overdue) : "…"}
          </Text>
        </Paper>
      </SimpleGrid>
      <Group gap="sm" wrap="wrap">
        <Select
          aria-label={t("events.actions.country")}
          placeholder={t("events.tracker.allCountries")}
          clearable
          searchable
          value={country ?? null}
          onChange={(value) => set("country", value)}
          data={[...new Set((all.data?.items ?? []).map((action) => action.country))].sort().map((code) => ({
            value: code,
            label: format.country(code),
          }))}
          w={200}
        />
        <Select
          aria-label={t("events.actions.status")}
          placeholder={t("events.tracker.allStatuses")}
          clearable
          value={status ?? null}
          onChange={(value) => set("status", value)}
          data={ACTION_STATUSES.map((value) => ({ value, label: t(`events.statuses.${value}`) }))}
          w={180}
        />
        <Select
          aria-label={t("events.actions.owner")}
          placeholder={t("events.tracker.allOwners")}
          clearable
          searchable
          value={ownerOrganisationId ?? null}
          onChange={(value) => set("owner", value)}
          data={[...owners].map(([value, label]) => ({ value, label }))}
          w={260}
        />
        <Checkbox
          label={t("events.tracker.overdueOnly")}
          checked={overdue === "true"}
          onChange={(change) => set("overdue", change.currentTarget.checked ? "true" : null)}
          color="red"
        />
      </Group>
      <ProblemAlert error={query.error} />
      {query.data && query.data.countries.length > 0 && (
        <Paper withBorder radius="md" p="md">
          <Title order={3} size="h5" mb="sm">
            {t("events.tracker.perCountry")}
          </Title>
          <Stack gap="sm">
            {query.data.countries.map((row) => (
              <Stack key={row.country} gap={4}>
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={500}>
                    {format.country(row.country)}
                  </Text>
                  <Group gap="xs">
                    <Text size="xs" c="dimmed">
                      {t("events.tracker.progress", { done: row.done, total: row.total })}
                    </Text>
                    {row.overdue > 0 && (
                      <Badge color="red" size="xs">
                        {t("events.tracker.overdueCount", { count: row.overdue })}
                      </Badge>
                    )}
                  </Group>
                </Group>
                <Progress.Root size="lg" aria-hidden="true">
                  <Progress.Section value={(row.done / row.total) * 100} color="green" />
                  <Progress.Section value={(row.overdue / row.total) * 100} color="red" />
                </Progress.Root>
              </Stack>
            ))}
          </Stack>
        </Paper>
      )}
      {query.isPending ? (
        <TableSkeleton columns={6} />
      ) : query.data && query.data.items.length === 0 ? (
        <EmptyState>{t("events.tracker.empty")}</EmptyState>
      ) : (
        query.data && <ActionsTable actions={query.data.items} showEvent />
      )}
      <IncidentTasksTracker />
    </Stack>
  );
}
