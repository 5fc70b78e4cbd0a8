// What the event's tabs share to change it: a mutation whose answer (the whole event) replaces the
// cached one, a small form frame, and a picker of compendium entries searched as one types.
import type { EventDetail } from "@bulwark/contracts";
import { Button, Group, MultiSelect, Paper, Select, Stack, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { eventKey, eventsKey, trackerKey } from "./event-parts.tsx";

/** A change of the event: on success the cache holds the event as the server answered it. */
export function useEventChange<V>(eventId: string, change: (variables: V) => Promise<EventDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (event) => {
      queryClient.setQueryData(eventKey(eventId), event);
      void queryClient.invalidateQueries({ queryKey: eventsKey, exact: false, refetchType: "none" });
      void queryClient.invalidateQueries({ queryKey: trackerKey });
    },
  });
}

/** A titled form with its server error and a submit button. */
export function PartForm({
  title,
  onSubmit,
  pending,
  error,
  errorFields = [],
  submit,
  children,
}: {
  title: string;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  errorFields?: string[];
  submit: string;
  children: ReactNode;
}) {
  const handle = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={handle} aria-label={title}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {title}
        </Title>
        {children}
        <ProblemAlert error={error} fields={errorFields} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function useEntryOptions(search: string, chosen: readonly string[]) {
  const [q] = useDebouncedValue(search, 250);
  const results = useQuery({
    queryKey: ["compendium", "pick", q],
    queryFn: () => client.call("searchCompendium", { query: { q: q || undefined, limit: 20 } }),
  });
  const options = (results.data?.items ?? []).map((entry) => ({ value: entry.slug, label: entry.title }));
  for (const slug of chosen)
    if (!options.some((option) => option.value === slug)) options.push({ value: slug, label: slug });
  return options;
}

/** One compendium entry, found by searching its title or text. */
export function EntryPicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string | null;
  onChange: (slug: string | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const options = useEntryOptions(search, value ? [value] : []);
  return (
    <Select
      label={label}
      placeholder={t("events.materials.entrySearch")}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      data={options}
      value={value}
      onChange={onChange}
      nothingFoundMessage="—"
      error={error}
    />
  );
}

/** Several compendium entries. */
export function EntriesPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string[];
  onChange: (slugs: string[]) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const options = useEntryOptions(search, value);
  return (
    <MultiSelect
      label={label}
      placeholder={t("events.materials.entrySearch")}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      data={options}
      value={value}
      onChange={onChange}
    />
  );
}
