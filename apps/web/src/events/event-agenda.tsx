// The agenda tab: sessions in time order with their speakers (named only for those who may see
// the participants) and their materials; the event's editors add and remove sessions.
import type { EventDetail } from "@bulwark/contracts";
import {
  ActionIcon,
  Badge,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { EntryMarkdown } from "../compendium/entry-markdown.tsx";
import { PartForm, useEventChange } from "./event-editing.tsx";
import { MaterialLink } from "./event-materials.tsx";

/** A datetime-local value ("2026-12-01T09:00") read as UTC, the way the agenda is shown. */
const utc = (local: string) => (local ? `${local}:00Z` : "");
const time = (iso: string) => iso.slice(11, 16);

export function EventAgenda({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const remove = useEventChange(event.id, (itemId: string) =>
    client.call("removeEventSession", { params: { id: event.id, itemId } }),
  );
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Stack gap="md">
      {event.sessions.length === 0 && <EmptyState>{t("events.agenda.empty")}</EmptyState>}
      {event.sessions.map((session) => (
        <Paper key={session.id} withBorder radius="md" p="md" component="article" aria-label={session.title}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4}>
              <Text size="sm" c="dimmed" ff="monospace">
                {format.date(session.startsAt)} · {time(session.startsAt)}–{time(session.endsAt)} UTC
              </Text>
              <Title order={3} size="h5">
                {session.title}
              </Title>
            </Stack>
            {event.abilities.edit && (
              <Group gap={2} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  aria-label={t("events.agenda.edit")}
                  onClick={() => setEditing(editing === session.id ? null : session.id)}
                >
                  <IconPencil size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("events.agenda.remove")}
                  onClick={() => remove.mutate(session.id)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            )}
          </Group>
          {session.description && <EntryMarkdown>{session.description}</EntryMarkdown>}
          {session.speakers.length > 0 && (
            <Group gap={6} mt="xs">
              {session.speakers.map((speaker) => (
                <Badge key={speaker.id} variant="outline" radius="sm" tt="none">
                  {speaker.name
                    ? `${speaker.name} (${speaker.organisation})`
                    : t("events.agenda.speakerHidden", { organisation: speaker.organisation })}
                </Badge>
              ))}
            </Group>
          )}
          <Stack gap={2} mt="xs">
            {event.materials
              .filter((material) => material.sessionId === session.id)
              .map((material) => (
                <MaterialLink key={material.id} material={material} />
              ))}
          </Stack>
          {editing === session.id && (
            <Stack mt="sm">
              <SessionForm event={event} session={session} onDone={() => setEditing(null)} />
            </Stack>
          )}
        </Paper>
      ))}
      {event.abilities.edit && <SessionForm event={event} />}
      <ProblemAlert error={remove.error} />
    </Stack>
  );
}

type Session = EventDetail["sessions"][number];

/** Adds a session, or with `session` changes it. */
function SessionForm({
  event,
  session,
  onDone,
}: {
  event: EventDetail;
  session?: Session;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [startsAt, setStartsAt] = useState(
    session ? session.startsAt.slice(0, 16) : `${event.startsOn}T09:00`,
  );
  const [endsAt, setEndsAt] = useState(session ? session.endsAt.slice(0, 16) : `${event.startsOn}T10:00`);
  const [title, setTitle] = useState(session?.title ?? "");
  const [description, setDescription] = useState(session?.description ?? "");
  const [speakerIds, setSpeakerIds] = useState<string[]>(
    session?.speakers.map((speaker) => speaker.id) ?? [],
  );
  const add = useEventChange(event.id, () => {
    const body = { startsAt: utc(startsAt), endsAt: utc(endsAt), title, description, speakerIds };
    return session
      ? client.call("updateEventSession", { params: { id: event.id, itemId: session.id }, body })
      : client.call("addEventSession", { params: { id: event.id }, body });
  });
  const errors = fieldErrorsOf(add.error);
  return (
    <PartForm
      title={session ? t("events.agenda.editTitle", { title: session.title }) : t("events.agenda.add")}
      submit={session ? t("events.agenda.save") : t("events.agenda.add")}
      pending={add.isPending}
      error={add.error}
      errorFields={Object.keys(errors).map((field) => `body.${field}`)}
      onSubmit={() =>
        add.mutate(undefined, {
          onSuccess: () => {
            if (onDone) return onDone();
            setTitle("");
            setDescription("");
            setSpeakerIds([]);
          },
        })
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="datetime-local"
          label={`${t("events.agenda.start")} (UTC)`}
          value={startsAt}
          onChange={(change) => setStartsAt(change.currentTarget.value)}
          error={errors.startsAt}
        />
        <TextInput
          type="datetime-local"
          label={`${t("events.agenda.end")} (UTC)`}
          value={endsAt}
          onChange={(change) => setEndsAt(change.currentTarget.value)}
          error={errors.endsAt}
        />
      </SimpleGrid>
      <TextInput
        label={t("events.agenda.title")}
        required
        value={title}
        onChange={(change) => setTitle(change.currentTarget.value)}
        error={errors.title}
      />
      <Textarea
        label={t("events.agenda.description")}
        autosize
        minRows={2}
        value={description}
        onChange={(change) => setDescription(change.currentTarget.value)}
      />
      {event.participantList.names && (
        <MultiSelect
          label={t("events.agenda.speakers")}
          description={t("events.agenda.speakersHint")}
          data={event.participantList.items.map((person) => ({
            value: person.id,
            label: `${person.name} (${person.organisation.name})`,
          }))}
          value={speakerIds}
          onChange={setSpeakerIds}
          searchable
        />
      )}
    </PartForm>
  );
}
