// The outcomes tab: outcomes and recommendations in order, each with the compendium entries it
// cites (those the reader may see); the event's editors add and remove them.
import type { EventDetail } from "@bulwark/contracts";
import { ActionIcon, Anchor, Group, Paper, Stack, Text, Textarea, ThemeIcon } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconBook2, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client, fieldErrorsOf } from "../app/api.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { EntryMarkdown } from "../compendium/entry-markdown.tsx";
import { EntriesPicker, PartForm, useEventChange } from "./event-editing.tsx";

export function EventOutcomes({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const remove = useEventChange(event.id, (itemId: string) =>
    client.call("removeEventOutcome", { params: { id: event.id, itemId } }),
  );
  const move = useEventChange(event.id, ({ itemId, position }: { itemId: string; position: number }) =>
    client.call("moveEventOutcome", { params: { id: event.id, itemId }, body: { position } }),
  );
  return (
    <Stack gap="md">
      {event.outcomes.length === 0 && <EmptyState>{t("events.outcomes.empty")}</EmptyState>}
      <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: "none" }}>
        {event.outcomes.map((outcome, index) => (
          <Paper key={outcome.id} component="li" withBorder radius="md" p="md">
            <Group align="flex-start" wrap="nowrap" gap="md">
              <ThemeIcon variant="light" radius="xl" size="lg">
                <Text fw={700} size="sm">
                  {index + 1}
                </Text>
              </ThemeIcon>
              <Stack gap={4} style={{ flex: 1 }}>
                <EntryMarkdown>{outcome.text}</EntryMarkdown>
                {outcome.entries.map((entry) => (
                  <Group key={entry.slug} gap={6}>
                    <IconBook2 size={14} color="var(--mantine-color-indigo-6)" />
                    <Anchor component={Link} to={`/compendium/${entry.slug}`} size="sm">
                      {entry.title}
                    </Anchor>
                  </Group>
                ))}
              </Stack>
              {event.abilities.edit && (
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t("events.outcomes.up")}
                    disabled={index === 0}
                    onClick={() => move.mutate({ itemId: outcome.id, position: index })}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t("events.outcomes.down")}
                    disabled={index === event.outcomes.length - 1}
                    onClick={() => move.mutate({ itemId: outcome.id, position: index + 2 })}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("events.outcomes.remove")}
                    onClick={() => remove.mutate(outcome.id)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      <ProblemAlert error={remove.error ?? move.error} />
      {event.abilities.edit && <OutcomeForm event={event} />}
    </Stack>
  );
}

function OutcomeForm({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [entrySlugs, setEntrySlugs] = useState<string[]>([]);
  const add = useEventChange(event.id, () =>
    client.call("addEventOutcome", { params: { id: event.id }, body: { text, entrySlugs } }),
  );
  const errors = fieldErrorsOf(add.error);
  return (
    <PartForm
      title={t("events.outcomes.add")}
      submit={t("events.outcomes.add")}
      pending={add.isPending}
      error={add.error}
      errorFields={Object.keys(errors).map((field) => `body.${field}`)}
      onSubmit={() =>
        add.mutate(undefined, {
          onSuccess: () => {
            setText("");
            setEntrySlugs([]);
          },
        })
      }
    >
      <Textarea
        label={t("events.outcomes.text")}
        required
        autosize
        minRows={2}
        value={text}
        onChange={(change) => setText(change.currentTarget.value)}
        error={errors.text}
      />
      <EntriesPicker label={t("events.outcomes.entries")} value={entrySlugs} onChange={setEntrySlugs} />
    </PartForm>
  );
}
