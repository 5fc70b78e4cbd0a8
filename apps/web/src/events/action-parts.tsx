// Follow-up actions as a table (an event's tab and the tracker share it), with overdue ones in
// red, and the dialog that records progress: a new status or due date, always with a note.
import type { Action } from "@bulwark/contracts";
import { ACTION_STATUSES, type ActionStatus } from "@bulwark/core";
import {
  Anchor,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client, fieldErrorsOf } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { needFormFrom, useAssistanceAbilities } from "../assistance/abilities.ts";
import { eventKey, StatusBadge, trackerKey } from "./event-parts.tsx";

export function ActionsTable({ actions, showEvent }: { actions: Action[]; showEvent: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState<Action | null>(null);
  const day = (date: string) => format.date(`${date}T12:00:00Z`);
  const me = useMe();
  const assistance = useAssistanceAbilities();
  // A need is drawn from an action of one's own country (or one's organisation owns it).
  const organisation = useQuery({
    queryKey: ["organisations", me.organisation.id],
    queryFn: () => client.call("getOrganisation", { params: { id: me.organisation.id } }),
    enabled: assistance.recordNeed,
    staleTime: 5 * 60_000,
  });
  const mayRequest = (action: Action) =>
    assistance.recordNeed &&
    (action.ownerOrganisation.id === me.organisation.id || action.country === organisation.data?.country);
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("events.actions.country")}</Table.Th>
              <Table.Th>{t("events.actions.title")}</Table.Th>
              {showEvent && <Table.Th>{t("events.tracker.event")}</Table.Th>}
              <Table.Th>{t("events.actions.owner")}</Table.Th>
              <Table.Th>{t("events.actions.due")}</Table.Th>
              <Table.Th>{t("events.actions.status")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {actions.map((action) => (
              <Table.Tr key={action.id} data-overdue={action.overdue || undefined} aria-label={action.title}>
                <Table.Td>{format.country(action.country)}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {action.title}
                  </Text>
                  {action.doneOn && (
                    <Text size="xs" c="dimmed">
                      {t("events.actions.done", { date: day(action.doneOn) })}
                    </Text>
                  )}
                </Table.Td>
                {showEvent && (
                  <Table.Td>
                    <Anchor component={Link} to={`/events/${action.event.id}?tab=actions`} size="sm">
                      {action.event.title}
                    </Anchor>
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm">{action.ownerOrganisation.name}</Text>
                  {action.ownerUser && (
                    <Text size="xs" c="dimmed">
                      {action.ownerUser.name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    c={action.overdue ? "red" : undefined}
                    fw={action.overdue ? 700 : undefined}
                  >
                    {day(action.dueOn)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={action.status} overdue={action.overdue} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => setOpen(action)}>
                      {action.canUpdate ? t("events.actions.update") : t("events.actions.history")}
                    </Button>
                    {mayRequest(action) && (
                      <Button
                        component={Link}
                        to={needFormFrom({ kind: "action", actionId: action.id })}
                        size="xs"
                        variant="subtle"
                        aria-label={`${t("assistance.requestAssistance")}: ${action.title}`}
                      >
                        {t("assistance.requestAssistance")}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open?.title} size="lg">
        {open && <ActionDialog action={open} onDone={() => setOpen(null)} />}
      </Modal>
    </>
  );
}

function ActionDialog({ action, onDone }: { action: Action; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [dueOn, setDueOn] = useState(action.dueOn);
  const [note, setNote] = useState("");
  const save = useMutation({
    mutationFn: () =>
      client.call("updateEventAction", {
        params: { id: action.id },
        body: { status, note, ...(dueOn !== action.dueOn ? { dueOn } : {}) },
      }),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: eventKey(action.event.id) });
      void queryClient.invalidateQueries({ queryKey: trackerKey });
      notifications.show({
        color: "teal",
        message: t("events.actions.saved", {
          title: action.title,
          status: t(`events.statuses.${updated.status}`),
        }),
      });
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Stack gap="md">
      <Text size="sm" fw={600}>
        {t("events.actions.history")}
      </Text>
      <Timeline bulletSize={14} lineWidth={2}>
        {action.notes.map((entry) => (
          <Timeline.Item key={`${entry.at}-${entry.note}`} title={t(`events.statuses.${entry.status}`)}>
            <Text size="sm">{entry.note}</Text>
            <Text size="xs" c="dimmed">
              {format.dateTime(entry.at)}
              {entry.author ? ` · ${entry.author.name}` : ""}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      {action.canUpdate && (
        <Stack gap="sm" component="form" onSubmit={submit} aria-label={t("events.actions.update")}>
          <Select
            label={t("events.actions.status")}
            value={status}
            allowDeselect={false}
            onChange={(value) => isOneOf(ACTION_STATUSES, value) && setStatus(value)}
            data={ACTION_STATUSES.map((value) => ({ value, label: t(`events.statuses.${value}`) }))}
          />
          <TextInput
            type="date"
            label={t("events.actions.due")}
            value={dueOn}
            onChange={(change) => setDueOn(change.currentTarget.value)}
            error={errors.dueOn}
          />
          <Textarea
            label={t("events.actions.note")}
            description={t("events.actions.noteHint")}
            required
            value={note}
            onChange={(change) => setNote(change.currentTarget.value)}
            error={errors.note}
          />
          <ProblemAlert error={save.error} fields={["body.note", "body.dueOn"]} />
          <Button type="submit" loading={save.isPending}>
            {t("events.actions.save")}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
