// The MSEL as controllers and evaluators see it (every inject with its status, live while the clock
// runs), the controller's form to add an inject, and the player's inbox of delivered injects.
import type { Exercise, Inject, InjectList } from "@bulwark/contracts";
import { INJECT_CHANNELS, type InjectChannel } from "@bulwark/core";
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { RespondButton } from "./exercise-answer.tsx";
import { clockText, injectsKey } from "./exercise-parts.tsx";

export function MselTable({ exercise, injects }: { exercise: Exercise; injects: InjectList | undefined }) {
  const { t } = useTranslation();
  const objectiveTitle = (id: string | null | undefined) =>
    exercise.objectives.find((objective) => objective.id === id)?.title ?? "";
  const items = injects?.items ?? [];
  const queryClient = useQueryClient();
  const editable = exercise.abilities.control && exercise.status !== "completed";
  const [editing, setEditing] = useState<Inject | null>(null);
  const [removing, setRemoving] = useState<Inject | null>(null);
  const remove = useMutation({
    mutationFn: (inject: Inject) =>
      client.call("deleteExerciseInject", { params: { id: exercise.id, injectId: inject.id } }),
    onSuccess: () => {
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey: injectsKey(exercise.id) });
    },
  });
  return (
    <Stack gap="sm">
      <Title order={3}>{t("exercises.msel.title")}</Title>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t("exercises.msel.edit")}
        size="xl"
      >
        {editing && <InjectForm exercise={exercise} inject={editing} onDone={() => setEditing(null)} />}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={t("exercises.msel.remove")}
        message={t("exercises.msel.removeText", { content: removing?.content ?? "" })}
        confirmLabel={t("exercises.msel.remove")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
      {items.length === 0 ? (
        <EmptyState>{t("exercises.msel.empty")}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs" aria-label={t("exercises.msel.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("exercises.msel.offset")}</Table.Th>
                <Table.Th>{t("exercises.msel.sender")}</Table.Th>
                <Table.Th>{t("exercises.msel.recipients")}</Table.Th>
                <Table.Th>{t("exercises.msel.channel")}</Table.Th>
                <Table.Th>{t("exercises.msel.content")}</Table.Th>
                <Table.Th>{t("exercises.msel.expected")}</Table.Th>
                <Table.Th>{t("exercises.msel.objective")}</Table.Th>
                <Table.Th>{t("exercises.msel.status")}</Table.Th>
                {editable && <Table.Th>{t("exercises.msel.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((inject) => (
                <Table.Tr key={inject.id} aria-label={inject.content}>
                  <Table.Td dir="ltr" ff="monospace">
                    {clockText(inject.offsetMs)}
                  </Table.Td>
                  <Table.Td>{inject.sender}</Table.Td>
                  <Table.Td>{(inject.recipients ?? []).map((r) => r.name).join(", ")}</Table.Td>
                  <Table.Td>{t(`exercises.channels.${inject.channel}`)}</Table.Td>
                  <Table.Td>{inject.content}</Table.Td>
                  <Table.Td>{inject.expectedAction}</Table.Td>
                  <Table.Td>{objectiveTitle(inject.objectiveId)}</Table.Td>
                  <Table.Td>
                    <Badge
                      color={inject.status === "delivered" ? "green" : "gray"}
                      variant="light"
                      radius="sm"
                    >
                      {t(`exercises.msel.${inject.status}`)}
                    </Badge>
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      {inject.status === "pending" && (
                        <Group gap={4} wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            aria-label={t("exercises.msel.edit")}
                            onClick={() => setEditing(inject)}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t("exercises.msel.remove")}
                            onClick={() => setRemoving(inject)}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Adds an inject to the MSEL or, given `inject`, rewrites that one. */
export function InjectForm({
  exercise,
  inject,
  onDone,
}: {
  exercise: Exercise;
  inject?: Inject;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState<number>(inject ? inject.offsetMs / 60_000 : 0);
  const [sender, setSender] = useState(inject?.sender ?? "");
  const [recipients, setRecipients] = useState<string[]>((inject?.recipients ?? []).map((r) => r.id));
  const [channel, setChannel] = useState<InjectChannel>(inject?.channel ?? "platform");
  const [content, setContent] = useState(inject?.content ?? "");
  const [expectedAction, setExpectedAction] = useState(inject?.expectedAction ?? "");
  const [objectiveId, setObjectiveId] = useState<string | null>(inject?.objectiveId ?? null);
  const label = inject ? t("exercises.msel.edit") : t("exercises.msel.add");
  const players = exercise.participants.filter((participant) => participant.role === "player");
  const save = useMutation({
    mutationFn: () => {
      const body = {
        offsetMs: Math.round(minutes * 60_000),
        sender,
        recipientOrganisationIds: recipients,
        channel,
        content,
        expectedAction,
        objectiveId,
      };
      return inject
        ? client.call("updateExerciseInject", { params: { id: exercise.id, injectId: inject.id }, body })
        : client.call("createExerciseInject", { params: { id: exercise.id }, body });
    },
    onSuccess: () => {
      if (!inject) {
        setContent("");
        setExpectedAction("");
      }
      notifications.show({
        color: "teal",
        message: inject ? t("exercises.msel.changed") : t("exercises.msel.added"),
      });
      void queryClient.invalidateQueries({ queryKey: injectsKey(exercise.id) });
      onDone?.();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder={!inject} p={inject ? 0 : "md"} radius="md">
      <form onSubmit={submit} aria-label={label}>
        <Stack gap="sm">
          {!inject && <Title order={3}>{label}</Title>}
          <Group grow align="flex-start">
            <NumberInput
              label={t("exercises.msel.offsetMinutes")}
              min={0}
              step={1}
              value={minutes}
              onChange={(value) => typeof value === "number" && setMinutes(value)}
              error={errors.offsetMs}
            />
            <TextInput
              label={t("exercises.msel.sender")}
              required
              value={sender}
              onChange={(event) => setSender(event.currentTarget.value)}
              error={errors.sender}
            />
            <Select
              label={t("exercises.msel.channel")}
              allowDeselect={false}
              value={channel}
              onChange={(value) => isOneOf(INJECT_CHANNELS, value) && setChannel(value)}
              data={INJECT_CHANNELS.map((value) => ({ value, label: t(`exercises.channels.${value}`) }))}
            />
          </Group>
          <MultiSelect
            label={t("exercises.msel.recipientsPick")}
            required
            value={recipients}
            onChange={setRecipients}
            data={players.map((player) => ({
              value: player.organisation.id,
              label: player.organisation.name,
            }))}
            error={errors.recipientOrganisationIds}
          />
          <Textarea
            label={t("exercises.msel.content")}
            required
            autosize
            minRows={2}
            value={content}
            onChange={(event) => setContent(event.currentTarget.value)}
            error={errors.content}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t("exercises.msel.expected")}
              value={expectedAction}
              onChange={(event) => setExpectedAction(event.currentTarget.value)}
              error={errors.expectedAction}
            />
            <Select
              label={t("exercises.msel.objective")}
              placeholder={t("exercises.msel.noObjective")}
              clearable
              value={objectiveId}
              onChange={setObjectiveId}
              data={exercise.objectives.map((objective) => ({ value: objective.id, label: objective.title }))}
            />
          </Group>
          <ProblemAlert error={save.error} fields={Object.keys(errors)} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {inject ? t("exercises.msel.saveChanges") : t("exercises.msel.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function InjectCard({ inject, respondIn }: { inject: Inject; respondIn: string | null }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={inject.content}>
      <Stack gap={6}>
        <Text size="xs" fw={800} c="orange.9">
          {inject.mark}
        </Text>
        <Text size="sm" c="dimmed">
          {t("exercises.inbox.from", {
            sender: inject.sender,
            channel: t(`exercises.channels.${inject.channel}`),
            time: clockText(inject.offsetMs),
          })}
        </Text>
        <Text style={{ whiteSpace: "pre-wrap" }}>{inject.content}</Text>
        {respondIn && (
          <Group>
            <RespondButton exerciseId={respondIn} injectId={inject.id} />
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** A player's inbox: the injects the clock has delivered to their organisation, in order. */
export function Inbox({
  injects,
  respondIn = null,
}: {
  injects: InjectList | undefined;
  /** The exercise whose injects may be answered with an incident (null: they may not). */
  respondIn?: string | null;
}) {
  const { t } = useTranslation();
  const items = injects?.items ?? [];
  return (
    <Stack gap="sm" aria-live="polite">
      <Title order={3}>{t("exercises.inbox.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("exercises.inbox.hint")}
      </Text>
      {items.length === 0 ? (
        <EmptyState>{t("exercises.inbox.empty")}</EmptyState>
      ) : (
        items.map((inject) => <InjectCard key={inject.id} inject={inject} respondIn={respondIn} />)
      )}
    </Stack>
  );
}
