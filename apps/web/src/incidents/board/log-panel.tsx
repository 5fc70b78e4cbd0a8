// The incident's activity log (issue 18; ICS 214's shape): who wrote what and when, each entry under
// its own TLP marking, significant events flagged (and a filter to show only them), and a form to add
// one. The server sends only the entries the reader may read, and announces a new one as the event
// `incident-log` ({id: incident}) only to those who may read it: the incident page follows that
// event on its one stream and refetches the log (logKey).
import type { Incident, IncidentLogCreateInput } from "@bulwark/contracts";
import { TLP_MARKINGS, type TlpMarking, widestPublishable } from "@bulwark/core";
import { Badge, Button, Checkbox, Group, MultiSelect, Stack, Switch, Text, Textarea } from "@mantine/core";
import { IconFlag } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../../app/api.ts";
import { useMe } from "../../app/auth.tsx";
import { useFormat } from "../../app/format.ts";
import { ProblemAlert } from "../../app/problem-alert.tsx";
import { TlpBadge } from "../../assets/tlp-badge.tsx";
import { TlpRulePicker } from "../../assets/tlp-pickers.tsx";
import { Section } from "../incident-panels.tsx";
import { incidentKey } from "../incident-parts.tsx";

const PAGE = 100;
const rank = (marking: TlpMarking) => TLP_MARKINGS.indexOf(marking);

export const logKey = (incidentId: string) => [...incidentKey(incidentId), "log"] as const;

export function LogPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [significantOnly, setSignificantOnly] = useState(false);
  const log = useQuery({
    queryKey: [...logKey(incident.id), significantOnly],
    queryFn: () =>
      client.call("listIncidentLog", {
        params: { id: incident.id },
        query: { limit: PAGE, ...(significantOnly ? { significant: "true" as const } : {}) },
      }),
  });
  const entries = log.data?.items ?? [];
  return (
    <Section title={t("board.log.title")} testId="incident-log">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {log.data ? t("board.log.count", { count: log.data.total }) : "…"}
        </Text>
        <Switch
          label={t("board.log.significantOnly")}
          checked={significantOnly}
          onChange={(change) => setSignificantOnly(change.currentTarget.checked)}
        />
      </Group>
      <ProblemAlert error={log.error} />
      {log.data && entries.length === 0 && <Text size="sm">{t("board.log.empty")}</Text>}
      {entries.length > 0 && (
        <Stack gap="xs" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {entries.map((entry) => (
            <Stack
              key={entry.id}
              component="li"
              gap={2}
              data-testid="log-entry"
              data-tlp={entry.tlp}
              data-significant={entry.significant || undefined}
              p="xs"
              style={{
                borderInlineStart: `4px solid ${entry.significant ? "var(--mantine-color-red-7)" : "var(--mantine-color-gray-4)"}`,
              }}
            >
              <Group gap="xs" wrap="wrap">
                <TlpBadge marking={entry.tlp} size="xs" />
                {entry.significant && (
                  <Badge
                    color="red"
                    variant="dot"
                    miw="max-content"
                    leftSection={<IconFlag size={12} aria-hidden="true" />}
                  >
                    {t("board.log.significant")}
                  </Badge>
                )}
                <Text size="xs" c="dimmed">
                  {t("board.log.by", {
                    person: entry.author.name,
                    organisation: entry.organisation.name,
                    date: format.dateTime(entry.at),
                  })}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {entry.text}
              </Text>
              {entry.recipients.length > 0 && (
                <Text size="xs" c="dimmed">
                  {t("board.log.recipients", { people: entry.recipients.map((r) => r.name).join(", ") })}
                </Text>
              )}
            </Stack>
          ))}
        </Stack>
      )}
      {log.data && log.data.total > entries.length && (
        <Text size="xs" c="dimmed">
          {t("board.log.more", { count: log.data.total - entries.length })}
        </Text>
      )}
      {incident.state !== "closed" && <LogForm incident={incident} />}
    </Section>
  );
}

function LogForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const widest = widestPublishable(me.roles);
  const [text, setText] = useState("");
  const [significant, setSignificant] = useState(false);
  const [tlp, setTlp] = useState<TlpMarking>(() =>
    widest && rank(widest) > rank(incident.tlp) ? widest : incident.tlp,
  );
  const [recipientIds, setRecipientIds] = useState<string[]>([]);
  // RED names people who see the incident: those it is addressed to by name.
  const people = incident.audience.members.filter((member) => member.kind === "user");
  const add = useMutation({
    mutationFn: (body: IncidentLogCreateInput) =>
      client.call("addIncidentLogEntry", { params: { id: incident.id }, body }),
    onSuccess: () => {
      setText("");
      setSignificant(false);
      setRecipientIds([]);
      void queryClient.invalidateQueries({ queryKey: logKey(incident.id) });
    },
  });
  if (widest === null) return null;
  const red = tlp === "red";
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) add.mutate({ text, significant, tlp, recipientIds: red ? recipientIds : [] });
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t("board.log.text")}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={20_000}
          required
        />
        <Checkbox
          label={t("board.log.markSignificant")}
          checked={significant}
          onChange={(change) => setSignificant(change.currentTarget.checked)}
        />
        <TlpRulePicker
          label={t("board.log.marking")}
          description={t("board.log.markingHint", { marking: t(`markings.${widest}`) })}
          value={tlp}
          onChange={setTlp}
          disabled={(marking) => rank(marking) < rank(widest) || (marking === "red" && people.length === 0)}
        />
        {red && (
          <MultiSelect
            label={t("board.log.people")}
            data={people.map((person) => ({ value: person.id, label: person.name }))}
            value={recipientIds}
            onChange={setRecipientIds}
            searchable
            required
          />
        )}
        <ProblemAlert error={add.error} />
        <Group>
          <Button
            type="submit"
            loading={add.isPending}
            disabled={!text.trim() || (red && recipientIds.length === 0)}
          >
            {t("board.log.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
