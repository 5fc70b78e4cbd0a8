// Organise an event, or edit one: kind, title, summary, region and countries, venue, dates and
// TLP marking. The server checks everything (dates in order among it); its field errors show by
// their fields.
import type { EventDetail } from "@bulwark/contracts";
import {
  EVENT_KINDS,
  EVENT_MARKINGS,
  type EventKind,
  type EventMarking,
  REGIONS,
  type Region,
} from "@bulwark/core";
import {
  Button,
  Group,
  Loader,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { client, fieldErrorsOf } from "../app/api.ts";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { eventKey, eventsKey } from "./event-parts.tsx";

interface Draft {
  kind: EventKind;
  title: string;
  summary: string;
  region: Region;
  countries: string[];
  venue: string;
  startsOn: string;
  endsOn: string;
  marking: EventMarking;
}

const EMPTY: Draft = {
  kind: "workshop",
  title: "",
  summary: "",
  region: "global",
  countries: [],
  venue: "",
  startsOn: "",
  endsOn: "",
  marking: "amber",
};

const draftOf = (event: EventDetail): Draft => ({
  kind: event.kind,
  title: event.title,
  summary: event.summary,
  region: event.region,
  countries: event.countries,
  venue: event.venue,
  startsOn: event.startsOn,
  endsOn: event.endsOn,
  marking: event.marking,
});

function EventForm({ initial, eventId }: { initial: Draft; eventId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const save = useMutation({
    mutationFn: () =>
      eventId
        ? client.call("updateEvent", { params: { id: eventId }, body: draft })
        : client.call("createEvent", { body: draft }),
    onSuccess: (event) => {
      queryClient.setQueryData(eventKey(event.id), event);
      void queryClient.invalidateQueries({ queryKey: eventsKey });
      navigate(`/events/${event.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }} component="form" onSubmit={submit}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("events.fields.kind")}
            value={draft.kind}
            onChange={(value) => isOneOf(EVENT_KINDS, value) && set("kind", value)}
            data={EVENT_KINDS.map((value) => ({ value, label: t(`events.kinds.${value}`) }))}
            allowDeselect={false}
            error={errors.kind}
          />
          <Select
            label={t("events.fields.region")}
            value={draft.region}
            onChange={(value) => isOneOf(REGIONS, value) && set("region", value)}
            data={REGIONS.map((value) => ({ value, label: t(`compendium.regions.${value}`) }))}
            allowDeselect={false}
            error={errors.region}
          />
        </SimpleGrid>
        <TextInput
          label={t("events.fields.title")}
          required
          value={draft.title}
          onChange={(event) => set("title", event.currentTarget.value)}
          error={errors.title}
        />
        <Textarea
          label={t("events.fields.summary")}
          autosize
          minRows={3}
          value={draft.summary}
          onChange={(event) => set("summary", event.currentTarget.value)}
          error={errors.summary}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t("events.fields.venue")}
            description={t("events.fields.venueHint")}
            required
            value={draft.venue}
            onChange={(event) => set("venue", event.currentTarget.value)}
            error={errors.venue}
          />
          <TagsInput
            label={t("events.fields.countries")}
            description={t("events.fields.countriesHint")}
            value={draft.countries}
            onChange={(values) =>
              set(
                "countries",
                values.map((value) => value.trim().toUpperCase()),
              )
            }
            error={errors.countries}
          />
          <TextInput
            type="date"
            label={t("events.fields.startsOn")}
            required
            value={draft.startsOn}
            onChange={(event) => set("startsOn", event.currentTarget.value)}
            error={errors.startsOn}
          />
          <TextInput
            type="date"
            label={t("events.fields.endsOn")}
            required
            value={draft.endsOn}
            onChange={(event) => set("endsOn", event.currentTarget.value)}
            error={errors.endsOn}
          />
        </SimpleGrid>
        <Radio.Group
          label={t("events.fields.marking")}
          description={t("events.fields.markingHint")}
          value={draft.marking}
          onChange={(value) => isOneOf(EVENT_MARKINGS, value) && set("marking", value)}
          error={errors.marking}
        >
          <Group gap="md" mt={6}>
            {EVENT_MARKINGS.map((marking) => (
              <Radio
                key={marking}
                value={marking}
                aria-label={t(`markings.${marking}`)}
                label={<TlpBadge marking={marking} />}
              />
            ))}
          </Group>
        </Radio.Group>
        <ProblemAlert error={save.error} fields={Object.keys(errors).map((field) => `body.${field}`)} />
        <Group justify="flex-end">
          <Button variant="default" component={Link} to={eventId ? `/events/${eventId}` : "/events"}>
            {t("events.form.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("events.form.save")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function NewEventPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PageHeader title={t("events.form.createTitle")} />
      <EventForm initial={EMPTY} />
    </Stack>
  );
}

export function EditEventPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const event = useQuery({
    queryKey: eventKey(id),
    queryFn: () => client.call("getEvent", { params: { id } }),
  });
  return (
    <Stack gap="md">
      <PageHeader title={t("events.form.editTitle")} />
      <ProblemAlert error={event.error} />
      {event.isPending ? <Loader /> : event.data && <EventForm initial={draftOf(event.data)} eventId={id} />}
    </Stack>
  );
}
