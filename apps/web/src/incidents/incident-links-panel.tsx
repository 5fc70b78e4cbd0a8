// The alerts and reports linked to an incident (issue 17): those the reader may see only (the
// server leaves out links to items hidden from them), and, for the filing operator and the
// authority, linking one found by typing (published alerts and reports they see) and unlinking.
import type { Incident, IncidentLinks } from "@bulwark/contracts";
import { ActionIcon, Anchor, Badge, Button, Group, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconLinkOff } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { Section } from "./incident-panels.tsx";
import { incidentKey } from "./incident-parts.tsx";

export const linksKey = (id: string) => [...incidentKey(id), "links"] as const;

export function LinksPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const links = useQuery({
    queryKey: linksKey(incident.id),
    queryFn: () => client.call("listIncidentLinks", { params: { id: incident.id } }),
  });
  const keep = (next: IncidentLinks) => queryClient.setQueryData(linksKey(incident.id), next);
  const unlink = useMutation({
    mutationFn: (itemId: string) =>
      client.call("unlinkIncidentItem", { params: { id: incident.id, itemId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(incident.id) }),
  });
  const data = links.data;
  return (
    <Section title={t("incidents.links.title")} testId="incident-links">
      <Text size="sm" c="dimmed">
        {t("incidents.links.hint")}
      </Text>
      <ProblemAlert error={links.error ?? unlink.error} />
      {data && data.items.length === 0 && <Text size="sm">{t("incidents.links.empty")}</Text>}
      {data && data.items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {data.items.map(({ item, linkedAt }) => (
            <Group key={item.id} component="li" gap="xs" wrap="nowrap" data-testid="incident-link">
              <Badge variant="light" tt="none">
                {t(`sharing.types.${item.type}`)}
              </Badge>
              <TlpBadge marking={item.tlp} />
              <Stack gap={0} style={{ flex: 1 }}>
                <Anchor component={Link} to={`/sharing/${item.id}`} size="sm">
                  {item.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {item.organisation.name} ·{" "}
                  {t("incidents.links.linkedAt", { date: format.dateTime(linkedAt) })}
                </Text>
              </Stack>
              {data.mayLink && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t("incidents.links.unlink", { title: item.title })}
                  loading={unlink.isPending && unlink.variables === item.id}
                  onClick={() => unlink.mutate(item.id)}
                >
                  <IconLinkOff size={16} aria-hidden="true" />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {data?.mayLink && (
        <LinkPicker incident={incident} linked={data.items.map((link) => link.item.id)} onLinked={keep} />
      )}
    </Section>
  );
}

function LinkPicker({
  incident,
  linked,
  onLinked,
}: {
  incident: Incident;
  linked: readonly string[];
  onLinked: (links: IncidentLinks) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<string | null>(null);
  const [q] = useDebouncedValue(search.trim(), 250);
  // Published alerts and reports the reader sees (the feed's default), found by the text typed.
  const matches = useQuery({
    queryKey: ["sharing", "feed", "link-picker", q],
    queryFn: () => client.call("listSharedItems", { query: { q: q || undefined, limit: 50 } }),
    placeholderData: keepPreviousData,
  });
  const options = (matches.data?.items ?? [])
    .filter((item) => (item.type === "alert" || item.type === "report") && item.status === "published")
    .filter((item) => !linked.includes(item.id))
    .map((item) => ({ value: item.id, label: `${t(`sharing.types.${item.type}`)}: ${item.title}` }));
  const link = useMutation({
    mutationFn: (itemId: string) =>
      client.call("linkIncidentItem", { params: { id: incident.id }, body: { itemId } }),
    onSuccess: (next) => {
      setChosen(null);
      setSearch("");
      onLinked(next);
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) link.mutate(chosen);
      }}
    >
      <Stack gap="xs">
        <Group gap="xs" align="flex-end">
          <Select
            label={t("incidents.links.pick")}
            description={t("incidents.links.pickHint")}
            data={options}
            value={chosen}
            onChange={setChosen}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: found }) => found}
            nothingFoundMessage={matches.isFetching ? "…" : "—"}
            clearable
            style={{ flex: 1 }}
          />
          <Button type="submit" disabled={!chosen} loading={link.isPending}>
            {t("incidents.links.link")}
          </Button>
        </Group>
        <ProblemAlert error={link.error} />
      </Stack>
    </form>
  );
}
