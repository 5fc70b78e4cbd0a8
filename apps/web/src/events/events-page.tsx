// The list of workshops and events: upcoming or past, filtered by kind and region, as cards with
// kind, dates, region, host and TLP marking.
import type { EventSummary } from "@bulwark/contracts";
import { EVENT_KINDS, REGIONS } from "@bulwark/core";
import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconCalendarEvent, IconChecklist, IconMapPin, IconPlus, IconSearch } from "@tabler/icons-react";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { EmptyState, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { eventsKey, KindBadge, useDateRange } from "./event-parts.tsx";

interface EventsView {
  when: "upcoming" | "past";
  kind?: (typeof EVENT_KINDS)[number];
  region?: (typeof REGIONS)[number];
  q: string;
}

/** What the address asks the list for (the words as typed, before any change). */
function eventsView(params: URLSearchParams): EventsView {
  const kindParam = params.get("kind");
  const regionParam = params.get("region");
  return {
    when: params.get("when") === "past" ? "past" : "upcoming",
    kind: isOneOf(EVENT_KINDS, kindParam) ? kindParam : undefined,
    region: isOneOf(REGIONS, regionParam) ? regionParam : undefined,
    q: (params.get("q") ?? "").trim(),
  };
}

/** The list: the page's query, and what prepareEventsPage asks for. */
function eventsQuery({ when, kind, region, q }: EventsView) {
  return queryOptions({
    queryKey: [...eventsKey, { when, kind, region, q }],
    queryFn: () => client.call("listEvents", { query: { when, kind, region, q: q || undefined } }),
  });
}

/** Asks for the list as the address filters it with the page's code (page-code.ts). */
export function prepareEventsPage(params: URLSearchParams): void {
  void queryClient.prefetchQuery(eventsQuery(eventsView(params)));
}

function EventCard({ event }: { event: EventSummary }) {
  const { t } = useTranslation();
  const range = useDateRange();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={event.title}>
      <Stack gap="xs" h="100%">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <KindBadge kind={event.kind} />
          <TlpBadge marking={event.marking} size="xs" />
        </Group>
        <Anchor component={Link} to={`/events/${event.id}`} fw={600} size="lg" lh={1.3}>
          {event.title}
        </Anchor>
        <Group gap={6} c="dimmed">
          <IconCalendarEvent size={16} />
          <Text size="sm">{range(event)}</Text>
        </Group>
        <Group gap={6} c="dimmed" wrap="nowrap">
          <IconMapPin size={16} />
          <Text size="sm" truncate>
            {event.venue} · {t(`compendium.regions.${event.region}`)}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t("events.hostedBy", { host: event.host.name })}
        </Text>
        <Group gap="md" mt="auto">
          <Text size="xs" c="dimmed">
            {t("events.participantsCount", { count: event.participants })}
          </Text>
          <Text size="xs" c="dimmed">
            {t("events.actionsCount", { count: event.actions })}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

export function EventsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { when, kind, region } = eventsView(params);
  const [text, setText] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(text.trim(), 250);
  const query = useQuery(eventsQuery({ when, kind, region, q }));
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const counts = query.data?.counts;
  // Nothing coming but past events to read: open on those, unless the reader chose a tab.
  const onlyPast = !params.has("when") && counts?.upcoming === 0 && counts.past > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: set changes on every render; onlyPast decides.
  useEffect(() => {
    if (onlyPast) set("when", "past");
  }, [onlyPast]);
  return (
    <Stack gap="md">
      <PageHeader
        title={t("events.title")}
        subtitle={t("events.subtitle")}
        actions={
          <>
            <Button
              component={Link}
              to="/events/actions"
              variant="default"
              leftSection={<IconChecklist size={16} />}
            >
              {t("events.navTracker")}
            </Button>
            {query.data?.abilities.create && (
              <Button component={Link} to="/events/new" leftSection={<IconPlus size={16} />}>
                {t("events.create")}
              </Button>
            )}
          </>
        }
      />
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          value={when}
          onChange={(value) => set("when", value === "past" ? "past" : null)}
          data={[
            { value: "upcoming", label: t("events.upcoming", { count: counts?.upcoming ?? 0 }) },
            { value: "past", label: t("events.past", { count: counts?.past ?? 0 }) },
          ]}
        />
        <TextInput
          type="search"
          aria-label={t("events.search")}
          placeholder={t("events.search")}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(change) => setText(change.currentTarget.value)}
          w={240}
        />
        <Select
          aria-label={t("events.filterKind")}
          placeholder={t("events.allKinds")}
          clearable
          value={kind ?? null}
          onChange={(value) => set("kind", value)}
          data={EVENT_KINDS.map((value) => ({ value, label: t(`events.kinds.${value}`) }))}
          w={180}
        />
        <Select
          aria-label={t("events.filterRegion")}
          placeholder={t("events.allRegions")}
          clearable
          value={region ?? null}
          onChange={(value) => set("region", value)}
          data={REGIONS.map((value) => ({ value, label: t(`compendium.regions.${value}`) }))}
          w={180}
        />
      </Group>
      <ProblemAlert error={query.error} />
      {query.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {["a", "b", "c"].map((key) => (
            <Skeleton key={key} height={180} radius="md" />
          ))}
        </SimpleGrid>
      ) : query.data && query.data.items.length === 0 ? (
        <EmptyState>{when === "past" ? t("events.noPast") : t("events.noUpcoming")}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {query.data?.items.map((event) => (
            <EventCard key={event.id} event={event} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
