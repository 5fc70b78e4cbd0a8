// One event: its kind, marking, dates and host, then tabs for the overview, agenda, participants,
// materials, outcomes and follow-up actions (the tab is kept in the address: ?tab=agenda).
import type { EventDetail } from "@bulwark/contracts";
import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { isOneOf } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { EntryMarkdown } from "../compendium/entry-markdown.tsx";
import { LoadFailure } from "../compendium/entry-parts.tsx";
import { EventActions } from "./event-actions.tsx";
import { EventAgenda } from "./event-agenda.tsx";
import { EventMaterials } from "./event-materials.tsx";
import { EventOutcomes } from "./event-outcomes.tsx";
import { EventParticipants } from "./event-participants.tsx";
import { eventKey, KindBadge, useDateRange } from "./event-parts.tsx";

const TABS = ["overview", "agenda", "participants", "materials", "outcomes", "actions"] as const;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

function Overview({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const range = useDateRange();
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Fact label={t("events.overview.dates")}>{range(event)}</Fact>
          <Fact label={t("events.overview.venue")}>{event.venue}</Fact>
          <Fact label={t("events.overview.region")}>{t(`compendium.regions.${event.region}`)}</Fact>
          <Fact label={t("events.overview.countries")}>
            {event.countries.map((code) => format.country(code)).join(", ") || "—"}
          </Fact>
        </SimpleGrid>
      </Paper>
      {event.summary ? (
        <EntryMarkdown>{event.summary}</EntryMarkdown>
      ) : (
        <Text c="dimmed">{t("events.overview.noSummary")}</Text>
      )}
    </Stack>
  );
}

function EventView({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const range = useDateRange();
  const [params, setParams] = useSearchParams();
  const requested = params.get("tab");
  const tab = isOneOf(TABS, requested) ? requested : "overview";
  const count = (value: number) =>
    value > 0 ? (
      <Badge size="xs" variant="light" circle>
        {value}
      </Badge>
    ) : null;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6}>
          <Group gap="xs">
            <KindBadge kind={event.kind} />
            <TlpBadge marking={event.marking} />
          </Group>
          <Title order={2}>{event.title}</Title>
          <Text c="dimmed" size="sm">
            {range(event)} · {event.venue} · {t("events.hostedBy", { host: event.host.name })}
          </Text>
        </Stack>
        {event.abilities.edit && (
          <Button
            component={Link}
            to={`/events/${event.id}/edit`}
            variant="default"
            leftSection={<IconPencil size={16} />}
          >
            {t("events.edit")}
          </Button>
        )}
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = new URLSearchParams(params);
          if (value && value !== "overview") next.set("tab", value);
          else next.delete("tab");
          setParams(next, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List style={{ overflowX: "auto", flexWrap: "nowrap" }}>
          <Tabs.Tab value="overview">{t("events.tabs.overview")}</Tabs.Tab>
          <Tabs.Tab value="agenda" rightSection={count(event.sessions.length)}>
            {t("events.tabs.agenda")}
          </Tabs.Tab>
          <Tabs.Tab value="participants" rightSection={count(event.participantList.total)}>
            {t("events.tabs.participants")}
          </Tabs.Tab>
          <Tabs.Tab value="materials" rightSection={count(event.materials.length)}>
            {t("events.tabs.materials")}
          </Tabs.Tab>
          <Tabs.Tab value="outcomes" rightSection={count(event.outcomes.length)}>
            {t("events.tabs.outcomes")}
          </Tabs.Tab>
          <Tabs.Tab value="actions" rightSection={count(event.actionList.length)}>
            {t("events.tabs.actions")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview event={event} />
        </Tabs.Panel>
        <Tabs.Panel value="agenda" pt="md">
          <EventAgenda event={event} />
        </Tabs.Panel>
        <Tabs.Panel value="participants" pt="md">
          <EventParticipants event={event} />
        </Tabs.Panel>
        <Tabs.Panel value="materials" pt="md">
          <EventMaterials event={event} />
        </Tabs.Panel>
        <Tabs.Panel value="outcomes" pt="md">
          <EventOutcomes event={event} />
        </Tabs.Panel>
        <Tabs.Panel value="actions" pt="md">
          <EventActions event={event} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export function EventPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const event = useQuery({
    queryKey: eventKey(id),
    queryFn: () => client.call("getEvent", { params: { id } }),
  });
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/events" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("events.back")}
        </Group>
      </Anchor>
      {event.isPending ? (
        <Loader />
      ) : event.data ? (
        <EventView event={event.data} />
      ) : (
        <LoadFailure error={event.error} notFound={t("events.notFound")} />
      )}
    </Stack>
  );
}
