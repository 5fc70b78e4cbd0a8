// The actions tab: the event's follow-up actions per country, and for its editors the form that
// adds one (country, owner organisation and optionally one of its people, due date).
import type { EventDetail } from "@bulwark/contracts";
import { Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ActionsTable } from "./action-parts.tsx";
import { PartForm } from "./event-editing.tsx";
import { eventKey, trackerKey } from "./event-parts.tsx";

export function EventActions({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {event.actionList.length === 0 ? (
        <EmptyState>{t("events.actions.empty")}</EmptyState>
      ) : (
        <ActionsTable actions={event.actionList} showEvent={false} />
      )}
      {event.abilities.edit && <ActionForm event={event} />}
    </Stack>
  );
}

function ActionForm({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [country, setCountry] = useState(event.countries[0] ?? "");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [ownerOrganisationId, setOwner] = useState<string | null>(event.host.id);
  const [ownerUserId, setOwnerUser] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState("");
  const organisations = useQuery({
    queryKey: ["organisations", "for-events"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
  });
  const people = useQuery({
    queryKey: ["users", "for-events", ownerOrganisationId],
    queryFn: () =>
      client.call("listUsers", { query: { limit: 500, organisationId: ownerOrganisationId ?? undefined } }),
    enabled: ownerOrganisationId !== null,
  });
  const add = useMutation({
    mutationFn: () =>
      client.call("addEventAction", {
        params: { id: event.id },
        body: {
          country: country.trim().toUpperCase(),
          title,
          description,
          ownerOrganisationId: ownerOrganisationId ?? "",
          ownerUserId,
          dueOn,
        },
      }),
    onSuccess: () => {
      setTitle("");
      setDescription("");
      void queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      void queryClient.invalidateQueries({ queryKey: trackerKey });
    },
  });
  const errors = fieldErrorsOf(add.error);
  return (
    <PartForm
      title={t("events.actions.add")}
      submit={t("events.actions.add")}
      pending={add.isPending}
      error={add.error}
      errorFields={Object.keys(errors).map((field) => `body.${field}`)}
      onSubmit={() => add.mutate()}
    >
      <TextInput
        label={t("events.actions.title")}
        required
        value={title}
        onChange={(change) => setTitle(change.currentTarget.value)}
        error={errors.title}
      />
      <Textarea
        label={t("events.actions.description")}
        autosize
        minRows={2}
        value={description}
        onChange={(change) => setDescription(change.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("events.actions.country")}
          required
          maxLength={2}
          placeholder="XM"
          value={country}
          onChange={(change) => setCountry(change.currentTarget.value)}
          error={errors.country}
        />
        <TextInput
          type="date"
          label={t("events.actions.due")}
          required
          value={dueOn}
          onChange={(change) => setDueOn(change.currentTarget.value)}
          error={errors.dueOn}
        />
        <Select
          label={t("events.actions.owner")}
          searchable
          value={ownerOrganisationId}
          onChange={(value) => {
            setOwner(value);
            setOwnerUser(null);
          }}
          data={(organisations.data?.items ?? []).map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          }))}
          error={errors.ownerOrganisationId}
        />
        <Select
          label={t("events.actions.ownerPerson")}
          clearable
          searchable
          value={ownerUserId}
          onChange={setOwnerUser}
          data={(people.data?.items ?? []).map((person) => ({ value: person.id, label: person.name }))}
          error={errors.ownerUserId}
        />
      </SimpleGrid>
    </PartForm>
  );
}
