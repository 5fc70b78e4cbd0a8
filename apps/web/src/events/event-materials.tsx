// The materials tab: compendium entries (only those the reader may see reach the browser) and
// external links, for the whole event or one session; the event's editors attach and remove them.
import type { EventDetail } from "@bulwark/contracts";
import {
  ActionIcon,
  Anchor,
  Badge,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconBook2, IconExternalLink, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client, fieldErrorsOf } from "../app/api.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { EntryPicker, PartForm, useEventChange } from "./event-editing.tsx";

type Material = EventDetail["materials"][number];

export function MaterialLink({ material }: { material: Material }) {
  return material.entry ? (
    <Group gap={6} wrap="nowrap">
      <IconBook2 size={16} color="var(--mantine-color-indigo-6)" style={{ flexShrink: 0 }} />
      <Anchor component={Link} to={`/compendium/${material.entry.slug}`} size="sm">
        {material.entry.title}
      </Anchor>
    </Group>
  ) : (
    <Group gap={6} wrap="nowrap">
      <IconExternalLink size={16} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
      <Anchor href={material.url ?? "#"} target="_blank" rel="noopener noreferrer" size="sm">
        {material.title}
      </Anchor>
    </Group>
  );
}

export function EventMaterials({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const sessionTitle = new Map(event.sessions.map((session) => [session.id, session.title]));
  const remove = useEventChange(event.id, (itemId: string) =>
    client.call("removeEventMaterial", { params: { id: event.id, itemId } }),
  );
  return (
    <Stack gap="md">
      {event.materials.length === 0 && <EmptyState>{t("events.materials.empty")}</EmptyState>}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {event.materials.map((material) => (
          <Group key={material.id} component="li" justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <MaterialLink material={material} />
              {material.sessionId && (
                <Text size="xs" c="dimmed" ms={22}>
                  {t("events.materials.forSession", { session: sessionTitle.get(material.sessionId) ?? "" })}
                </Text>
              )}
            </Stack>
            <Group gap="xs" wrap="nowrap">
              <Badge variant="light" color={material.entry ? "indigo" : "gray"} radius="sm">
                {material.entry ? t("events.materials.entry") : t("events.materials.link")}
              </Badge>
              {event.abilities.edit && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("events.materials.remove")}
                  onClick={() => remove.mutate(material.id)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
          </Group>
        ))}
      </Stack>
      <ProblemAlert error={remove.error} />
      {event.abilities.edit && <MaterialForm event={event} />}
    </Stack>
  );
}

function MaterialForm({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<"entry" | "link">("entry");
  const [entrySlug, setEntrySlug] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [url, setUrl] = useState("");
  const [sessionId, setSessionId] = useState<string | null>(null);
  const add = useEventChange(event.id, () =>
    client.call("addEventMaterial", {
      params: { id: event.id },
      body:
        kind === "entry" ? { kind, entrySlug: entrySlug ?? "", sessionId } : { kind, title, url, sessionId },
    }),
  );
  const errors = fieldErrorsOf(add.error);
  return (
    <PartForm
      title={t("events.materials.add")}
      submit={t("events.materials.add")}
      pending={add.isPending}
      error={add.error}
      errorFields={Object.keys(errors).map((field) => `body.${field}`)}
      onSubmit={() =>
        add.mutate(undefined, {
          onSuccess: () => {
            setEntrySlug(null);
            setTitle("");
            setUrl("");
          },
        })
      }
    >
      <SegmentedControl
        value={kind}
        onChange={(value) => setKind(value === "link" ? "link" : "entry")}
        data={[
          { value: "entry", label: t("events.materials.entry") },
          { value: "link", label: t("events.materials.link") },
        ]}
      />
      {kind === "entry" ? (
        <EntryPicker
          label={t("events.materials.entrySlug")}
          value={entrySlug}
          onChange={setEntrySlug}
          error={errors.entrySlug}
        />
      ) : (
        <>
          <TextInput
            label={t("events.materials.linkTitle")}
            required
            value={title}
            onChange={(change) => setTitle(change.currentTarget.value)}
            error={errors.title}
          />
          <TextInput
            label={t("events.materials.url")}
            required
            value={url}
            onChange={(change) => setUrl(change.currentTarget.value)}
            error={errors.url}
          />
        </>
      )}
      <Select
        label={t("events.materials.session")}
        placeholder={t("events.materials.wholeEvent")}
        clearable
        value={sessionId}
        onChange={setSessionId}
        data={event.sessions.map((session) => ({ value: session.id, label: session.title }))}
      />
    </PartForm>
  );
}
