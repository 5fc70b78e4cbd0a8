// The incident's tasks (issue 18): to an organisation or a person, with a due time, acknowledgement
// and status; overdue ones (by the server's clock) highlighted and counted. Each task carries the
// statuses the reader may move it to (the server decides); the incident's coordinators see a form
// to assign one. The query sits under the incident's key: every change of a task announces the
// incident, so the page's live stream refetches it on every open page.
import type { Incident, IncidentTask, IncidentTaskCreateInput } from "@bulwark/contracts";
import { INCIDENT_AUTHORITY_KINDS, TASK_ASSIGNER_ROLES, type TaskStatus } from "@bulwark/core";
import { Badge, Button, Group, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../../app/api.ts";
import { useMe } from "../../app/auth.tsx";
import { useFormat } from "../../app/format.ts";
import { ProblemAlert } from "../../app/problem-alert.tsx";
import { Section } from "../incident-panels.tsx";
import { fromLocalInput, incidentKey } from "../incident-parts.tsx";

export const tasksKey = (incidentId: string) => [...incidentKey(incidentId), "tasks"] as const;

const STATUS_COLOURS: Record<TaskStatus, string> = {
  open: "red",
  acknowledged: "orange",
  in_progress: "blue",
  done: "teal",
  cancelled: "gray",
};

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={STATUS_COLOURS[status]} miw="max-content" data-testid="task-status">
      {t(`board.taskStatuses.${status}`)}
    </Badge>
  );
}

export function TasksPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const me = useMe();
  const tasks = useQuery({
    queryKey: tasksKey(incident.id),
    queryFn: () => client.call("listIncidentTasks", { params: { id: incident.id }, query: { limit: 200 } }),
  });
  // The server decides (checkTaskCreate); the form shows where it would allow.
  const assigner =
    incident.state !== "closed" &&
    me.roles.some((role) => TASK_ASSIGNER_ROLES.includes(role)) &&
    (me.organisation.id === incident.organisation.id ||
      INCIDENT_AUTHORITY_KINDS.includes(me.organisation.kind));
  return (
    <Section title={t("board.tasks.title")} testId="incident-tasks">
      <ProblemAlert error={tasks.error} />
      {tasks.data && (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t("board.tasks.count", { count: tasks.data.total })}
          </Text>
          {tasks.data.overdue > 0 && (
            <Badge color="red" variant="filled" data-testid="tasks-overdue">
              {t("board.tasks.overdueCount", { count: tasks.data.overdue })}
            </Badge>
          )}
        </Group>
      )}
      {tasks.data && tasks.data.items.length === 0 && <Text size="sm">{t("board.tasks.empty")}</Text>}
      {tasks.data && tasks.data.items.length > 0 && (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {tasks.data.items.map((task) => (
            <TaskRow key={task.id} incident={incident} task={task} />
          ))}
        </Stack>
      )}
      {assigner && <AssignTask incident={incident} />}
    </Section>
  );
}

const ACTION_KEYS = {
  open: "reopen",
  acknowledged: "acknowledge",
  in_progress: "start",
  done: "finish",
  cancelled: "cancel",
} as const satisfies Record<TaskStatus, string>;

function TaskRow({ incident, task }: { incident: Incident; task: IncidentTask }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  // Assigned to me or my organisation (who were notified of it).
  const forMe =
    task.assignee.kind === "user"
      ? task.assignee.id === me.id && "forYou"
      : task.assignee.id === me.organisation.id && "forYourOrganisation";
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (status: TaskStatus) =>
      client.call("updateIncidentTask", { params: { id: incident.id, taskId: task.id }, body: { status } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tasksKey(incident.id) }),
  });
  return (
    <Stack
      component="li"
      gap={4}
      p="xs"
      aria-label={task.title}
      data-testid="incident-task"
      data-overdue={task.overdue || undefined}
      style={{
        borderInlineStart: `4px solid ${task.overdue ? "var(--mantine-color-red-7)" : "var(--mantine-color-gray-4)"}`,
        background: task.overdue ? "var(--mantine-color-red-light)" : undefined,
      }}
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600}>
            {task.title}
          </Text>
          <TaskStatusBadge status={task.status} />
          {forMe && (
            <Badge color="blue" variant="light" data-testid="task-for-me">
              {t(`board.tasks.${forMe}`)}
            </Badge>
          )}
          {task.overdue && (
            <Badge
              color="red"
              variant="filled"
              leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}
            >
              {t("board.tasks.overdue")}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {task.abilities.statuses.map((status) => (
            <Button
              key={status}
              size="xs"
              variant={status === "cancelled" ? "subtle" : "light"}
              color={status === "cancelled" ? "gray" : undefined}
              loading={move.isPending && move.variables === status}
              disabled={move.isPending}
              onClick={() => move.mutate(status)}
            >
              {t(`board.tasks.${ACTION_KEYS[status]}`)}
            </Button>
          ))}
        </Group>
      </Group>
      {task.description && (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {task.description}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t(task.assignee.kind === "organisation" ? "board.tasks.toOrganisation" : "board.tasks.toPerson", {
          name: task.assignee.name,
        })}{" "}
        ·{" "}
        {t("board.tasks.assignedBy", {
          person: task.createdBy.name,
          organisation: task.organisation.name,
          date: format.dateTime(task.createdAt),
        })}
      </Text>
      <Text size="xs" c={task.overdue ? "red.9" : "dimmed"} fw={task.overdue ? 700 : undefined}>
        {task.dueAt ? t("board.tasks.due", { date: format.dateTime(task.dueAt) }) : t("board.tasks.noDue")}
        {task.acknowledgedAt && (
          <span data-testid="task-acknowledged">
            {" · "}
            {t("board.tasks.acknowledgedAt", { date: format.dateTime(task.acknowledgedAt) })}
          </span>
        )}
      </Text>
      <ProblemAlert error={move.error} />
    </Stack>
  );
}

/** Who a task may go to: the organisations the incident names (filer, notices, audience) and its named people. */
export function assigneeOptions(incident: Incident, me: ReturnType<typeof useMe>) {
  const organisations = new Map<string, string>([[incident.organisation.id, incident.organisation.name]]);
  for (const notice of incident.notices) organisations.set(notice.organisation.id, notice.organisation.name);
  for (const member of incident.audience.members)
    if (member.kind === "organisation") organisations.set(member.id, member.name);
  organisations.set(me.organisation.id, me.organisation.name);
  const people = incident.audience.members.filter((member) => member.kind === "user");
  return { organisations: [...organisations], people };
}

function AssignTask({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const options = assigneeOptions(incident, me);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [assignee, setAssignee] = useState<string | null>(null);
  const [due, setDue] = useState("");
  const create = useMutation({
    mutationFn: (body: IncidentTaskCreateInput) =>
      client.call("createIncidentTask", { params: { id: incident.id }, body }),
    onSuccess: () => {
      setTitle("");
      setDescription("");
      setDue("");
      void queryClient.invalidateQueries({ queryKey: tasksKey(incident.id) });
    },
  });
  const errors = fieldErrorsOf(create.error);
  const dueAt = fromLocalInput(due);
  const [kind, id] = (assignee ?? ":").split(":");
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim() || !id) return;
        create.mutate({
          title,
          description,
          assignee: kind === "user" ? { userId: id } : { organisationId: id },
          dueAt,
        });
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t("board.tasks.assign")}
        </Title>
        <TextInput
          label={t("board.tasks.taskTitle")}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={300}
          required
          error={errors.title}
        />
        <Textarea
          label={t("board.tasks.description")}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t("board.tasks.assignee")}
            data={[
              {
                group: t("board.tasks.organisations"),
                items: options.organisations.map(([value, label]) => ({
                  value: `organisation:${value}`,
                  label,
                })),
              },
              ...(options.people.length > 0
                ? [
                    {
                      group: t("board.tasks.people"),
                      items: options.people.map((person) => ({
                        value: `user:${person.id}`,
                        label: person.name,
                      })),
                    },
                  ]
                : []),
            ]}
            value={assignee}
            onChange={setAssignee}
            searchable
            required
            w={340}
            error={errors.assignee}
          />
          <TextInput
            type="datetime-local"
            label={t("board.tasks.dueAt")}
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            w={220}
            error={errors.dueAt}
          />
        </Group>
        <ProblemAlert error={create.error} />
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!title.trim() || !assignee}>
            {t("board.tasks.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
