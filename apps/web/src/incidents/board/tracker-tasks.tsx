// Incident tasks in the follow-up tracker (/events/actions): the tasks of every incident the reader
// may see (the server reads them under the incident rule), overdue first and counted, with a link to
// the incident's board, where they are accepted and moved on.
import { Anchor, Badge, Checkbox, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../../app/api.ts";
import { useFormat } from "../../app/format.ts";
import { ListTable } from "../../app/page-parts.tsx";
import { ProblemAlert } from "../../app/problem-alert.tsx";
import { incidentsKey } from "../incident-parts.tsx";
import { TaskStatusBadge } from "./tasks-panel.tsx";

export function IncidentTasksTracker() {
  const { t } = useTranslation();
  const format = useFormat();
  const [mine, setMine] = useState(false);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const query = {
    limit: 200,
    ...(mine ? { mine: "true" as const } : {}),
    ...(overdueOnly ? { overdue: "true" as const } : {}),
  };
  const tasks = useQuery({
    queryKey: [...incidentsKey, "tracked-tasks", query],
    queryFn: () => client.call("listTrackedIncidentTasks", { query }),
  });
  const items = tasks.data?.items ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t("board.tracker.title")}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4">
            {t("board.tracker.title")}
          </Title>
          {tasks.data && tasks.data.overdue > 0 && (
            <Badge color="red" variant="filled">
              {t("board.tasks.overdueCount", { count: tasks.data.overdue })}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t("board.tracker.hint")}
        </Text>
        <Group gap="md">
          <Checkbox
            label={t("board.tracker.mine")}
            checked={mine}
            onChange={(change) => setMine(change.currentTarget.checked)}
          />
          <Checkbox
            label={t("board.tracker.overdueOnly")}
            checked={overdueOnly}
            onChange={(change) => setOverdueOnly(change.currentTarget.checked)}
            color="red"
          />
        </Group>
        <ProblemAlert error={tasks.error} />
        <ListTable
          loading={tasks.isPending}
          failed={tasks.isError}
          isEmpty={items.length === 0}
          empty={t("board.tracker.empty")}
          skeletonColumns={5}
          minWidth={760}
          headers={
            <>
              <Table.Th>{t("board.tracker.task")}</Table.Th>
              <Table.Th>{t("board.tracker.incident")}</Table.Th>
              <Table.Th>{t("board.tracker.assignee")}</Table.Th>
              <Table.Th>{t("board.tracker.due")}</Table.Th>
              <Table.Th>{t("board.tracker.status")}</Table.Th>
            </>
          }
        >
          {items.map((task) => (
            <Table.Tr key={task.id} data-overdue={task.overdue || undefined} data-testid="tracked-task">
              <Table.Td>
                <Text size="sm" fw={500}>
                  {task.title}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/incidents/${task.incident.id}`} size="sm">
                  {task.incident.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{task.assignee.name}</Table.Td>
              <Table.Td>
                <Text size="sm" c={task.overdue ? "red.9" : undefined} fw={task.overdue ? 700 : undefined}>
                  {task.dueAt ? format.dateTime(task.dueAt) : "—"}
                </Text>
                {task.overdue && (
                  <Badge color="red" variant="filled" size="xs">
                    {t("board.tasks.overdue")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <TaskStatusBadge status={task.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </Stack>
    </Paper>
  );
}
