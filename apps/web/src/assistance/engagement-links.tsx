// The events and compendium entries linked to an engagement, each a link to its own page. The server
// shows each reader only those it may see (an event or entry under its own marking); a party adds
// what it finds through the events list and the compendium's search, which answer with what it may
// see too.
import type { Engagement } from "@bulwark/contracts";
import { Anchor, Badge, Button, Group, List, Select, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { CompendiumEntrySelect } from "../risk/compendium-entry-select.tsx";
import { useEngagementChange } from "./engagement-records.tsx";

export function EngagementLinks({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [eventId, setEventId] = useState<string | null>(null);
  const [slug, setSlug] = useState<string | null>(null);
  const save = useEngagementChange(engagement, () => {
    setEventId(null);
    setSlug(null);
  });
  const editable = engagement.abilities.recordMilestones;
  const events = useQuery({
    queryKey: ["events", "pick"],
    queryFn: () => client.call("listEvents", { query: { when: "all", limit: 200 } }),
    enabled: editable,
  });
  const day = (date: string) => format.date(`${date}T12:00:00Z`);
  const add = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      ...(eventId ? { linkedEvents: { add: [eventId] } } : {}),
      ...(slug ? { linkedEntries: { add: [slug] } } : {}),
    });
  };
  const linked = new Set(engagement.linkedEvents.map((event) => event.id));
  const empty = engagement.linkedEvents.length === 0 && engagement.linkedEntries.length === 0;
  return (
    <Stack gap="xs" component="section" aria-labelledby="engagement-links">
      <Title order={3} id="engagement-links">
        {t("assistance.links.title")}
      </Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t("assistance.links.none")}
        </Text>
      ) : (
        <List spacing="xs">
          {engagement.linkedEvents.map((event) => (
            <List.Item key={event.id} data-linked-event={event.id}>
              <Group gap="sm" wrap="wrap">
                <Badge variant="light" size="sm">
                  {t(`events.kinds.${event.kind}`)}
                </Badge>
                <Anchor component={Link} to={`/events/${event.id}`} size="sm">
                  {event.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {event.startsOn === event.endsOn
                    ? day(event.startsOn)
                    : `${day(event.startsOn)} – ${day(event.endsOn)}`}
                </Text>
                {editable && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={`${t("assistance.links.remove")}: ${event.title}`}
                    disabled={save.isPending}
                    onClick={() => save.mutate({ linkedEvents: { remove: [event.id] } })}
                  >
                    {t("assistance.links.remove")}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
          {engagement.linkedEntries.map((entry) => (
            <List.Item key={entry.slug} data-linked-entry={entry.slug}>
              <Group gap="sm" wrap="wrap">
                <Badge variant="outline" size="sm">
                  {t("assistance.links.entry")}
                </Badge>
                <Anchor component={Link} to={`/compendium/${entry.slug}`} size="sm">
                  {entry.title}
                </Anchor>
                {editable && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={`${t("assistance.links.remove")}: ${entry.title}`}
                    disabled={save.isPending}
                    onClick={() => save.mutate({ linkedEntries: { remove: [entry.slug] } })}
                  >
                    {t("assistance.links.remove")}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {editable && (
        <Group component="form" onSubmit={add} align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t("assistance.links.event")}
            data={(events.data?.items ?? [])
              .filter((event) => !linked.has(event.id))
              .map((event) => ({ value: event.id, label: `${event.title} (${day(event.startsOn)})` }))}
            value={eventId}
            onChange={setEventId}
            searchable
            clearable
            nothingFoundMessage="—"
            style={{ flex: 1, minWidth: 240 }}
          />
          <div style={{ flex: 1, minWidth: 240 }}>
            <CompendiumEntrySelect
              label={t("assistance.links.compendiumEntry")}
              value={slug}
              onChange={setSlug}
            />
          </div>
          <Button type="submit" variant="light" loading={save.isPending} disabled={!eventId && !slug}>
            {t("assistance.links.add")}
          </Button>
        </Group>
      )}
      <ProblemAlert error={save.error} />
    </Stack>
  );
}
