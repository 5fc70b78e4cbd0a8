// Situation reports of an incident (ICS 209): the list the reader may see (their organisation's
// reports and those received as shared items), drafting the next one from the incident's own data,
// editing a draft (its author), approval by a second person (the author is told why not them),
// sending under TLP, and the PDF. Queries sit under the incident's key: a live change refetches them.
import type { Incident, Sitrep } from "@bulwark/contracts";
import { isWider, TLP_MARKINGS, type TlpMarking } from "@bulwark/core";
import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../../app/api.ts";
import { useMe } from "../../app/auth.tsx";
import { DownloadButton } from "../../app/download-button.tsx";
import { useFormat } from "../../app/format.ts";
import { ListTable } from "../../app/page-parts.tsx";
import { ProblemAlert } from "../../app/problem-alert.tsx";
import { isOneOf } from "../../app/vocabulary.ts";
import { TlpBadge } from "../../assets/tlp-badge.tsx";
import { TlpBanner } from "../../sharing/tlp-banner.tsx";
import { Section } from "../incident-panels.tsx";
import { incidentKey } from "../incident-parts.tsx";
import { SitrepSchedule } from "./sitrep-schedule.tsx";

const STATUS_COLOURS: Record<Sitrep["status"], string> = { draft: "gray", approved: "blue", sent: "teal" };

export function SitrepStatusBadge({ status }: { status: Sitrep["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={STATUS_COLOURS[status]} miw="max-content" data-testid="sitrep-status">
      {t(`boardReports.sitreps.statuses.${status}`)}
    </Badge>
  );
}

const sitrepsKey = (id: string) => [...incidentKey(id), "sitreps"] as const;

export function SitrepsPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({
    queryKey: sitrepsKey(incident.id),
    queryFn: () => client.call("listSitreps", { params: { id: incident.id } }),
  });
  const items = list.data?.items ?? [];
  return (
    <Section title={t("boardReports.sitreps.title")} testId="incident-sitreps">
      <Text size="sm" c="dimmed">
        {t("boardReports.sitreps.hint")}
      </Text>
      <ProblemAlert error={list.error} />
      {list.data && <SitrepSchedule incident={incident} list={list.data} />}
      <ListTable
        loading={list.isPending}
        failed={list.isError}
        isEmpty={items.length === 0}
        empty={t("boardReports.sitreps.empty")}
        skeletonColumns={5}
        minWidth={720}
        headers={
          <>
            <Table.Th>{t("boardReports.sitreps.columnNumber")}</Table.Th>
            <Table.Th>{t("boardReports.sitreps.columnStatus")}</Table.Th>
            <Table.Th>{t("boardReports.sitreps.columnAsOf")}</Table.Th>
            <Table.Th>{t("boardReports.sitreps.columnBy")}</Table.Th>
            <Table.Th>{t("boardReports.sitreps.columnOpen")}</Table.Th>
          </>
        }
      >
        {items.map((item) => (
          <Table.Tr key={item.number} data-testid="sitrep-row">
            <Table.Td>{format.number(item.number)}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <SitrepStatusBadge status={item.status} />
                <TlpBadge marking={item.tlp} size="xs" />
              </Group>
            </Table.Td>
            <Table.Td>{format.dateTime(item.asOf)}</Table.Td>
            <Table.Td>
              <Text size="sm">
                {item.organisation.id === me.organisation.id
                  ? t("boardReports.sitreps.by", { person: item.author.name })
                  : t("boardReports.sitreps.receivedFrom", { organisation: item.organisation.name })}
              </Text>
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant={open === item.number ? "filled" : "default"}
                onClick={() => setOpen(open === item.number ? null : item.number)}
                aria-label={t("boardReports.sitreps.openNumber", { number: item.number })}
              >
                {open === item.number ? t("boardReports.sitreps.close") : t("boardReports.sitreps.open")}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {open !== null && <SitrepView incident={incident} number={open} />}
      {list.data?.abilities.draft && <DraftSitrep incident={incident} onDrafted={setOpen} />}
    </Section>
  );
}

/** The organisations a new report goes to by default: the incident's, and its filer's (not one's own). */
function defaultRecipients(incident: Incident, own: string): string[] {
  const ids = incident.audience.members.filter((m) => m.kind === "organisation").map((m) => m.id);
  return [...new Set([...ids, incident.organisation.id])].filter((id) => id !== own);
}

function DraftSitrep({ incident, onDrafted }: { incident: Incident; onDrafted: (number: number) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  // RED goes to named people: a report goes to organisations, so it stops at AMBER+STRICT.
  const markings = TLP_MARKINGS.filter((m) => m !== "red" && !isWider(m, incident.tlp));
  const [tlp, setTlp] = useState<TlpMarking>(
    isOneOf(markings, incident.tlp) ? incident.tlp : (markings.at(-1) ?? "amber+strict"),
  );
  const [organisationIds, setOrganisationIds] = useState(() =>
    defaultRecipients(incident, me.organisation.id),
  );
  const organisations = useQuery({
    queryKey: ["organisations", "all"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
  });
  const known = new Map((organisations.data?.items ?? []).map((o) => [o.id, o.name]));
  for (const member of incident.audience.members) known.set(member.id, member.name);
  known.set(incident.organisation.id, incident.organisation.name);
  known.delete(me.organisation.id);
  const draft = useMutation({
    mutationFn: () =>
      client.call("createSitrep", {
        params: { id: incident.id },
        body: {
          tlp,
          audience: {
            organisationIds: tlp === "clear" ? [] : organisationIds,
            communityIds: [],
            userIds: [],
          },
        },
      }),
    onSuccess: (sitrep) => {
      queryClient.setQueryData([...sitrepsKey(incident.id), sitrep.number], sitrep);
      void queryClient.invalidateQueries({ queryKey: sitrepsKey(incident.id) });
      onDrafted(sitrep.number);
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        draft.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t("boardReports.sitreps.draftTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("boardReports.sitreps.draftHint")}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t("boardReports.sitreps.marking")}
            data={markings.map((value) => ({ value, label: t(`markings.${value}`) }))}
            value={tlp}
            onChange={(value) => isOneOf(TLP_MARKINGS, value) && setTlp(value)}
            allowDeselect={false}
            w={200}
          />
          {tlp !== "clear" && (
            <MultiSelect
              label={t("boardReports.sitreps.recipients")}
              data={[...known].map(([value, label]) => ({ value, label }))}
              value={organisationIds}
              onChange={setOrganisationIds}
              searchable
              miw={320}
              style={{ flex: 1 }}
            />
          )}
        </Group>
        <ProblemAlert error={draft.error} />
        <Group>
          <Button type="submit" loading={draft.isPending}>
            {t("boardReports.sitreps.draft")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const TEXTS = ["situation", "actions", "resources", "nextSteps"] as const;
type Texts = Record<(typeof TEXTS)[number], string>;

function SitrepView({ incident, number }: { incident: Incident; number: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const queryClient = useQueryClient();
  const key = [...sitrepsKey(incident.id), number] as const;
  const sitrep = useQuery({
    queryKey: key,
    queryFn: () => client.call("getSitrep", { params: { id: incident.id, n: number } }),
  });
  const params = { params: { id: incident.id, n: number } };
  const done = (next: Sitrep) => {
    queryClient.setQueryData(key, next);
    void queryClient.invalidateQueries({ queryKey: sitrepsKey(incident.id) });
  };
  const approve = useMutation({ mutationFn: () => client.call("approveSitrep", params), onSuccess: done });
  const send = useMutation({ mutationFn: () => client.call("sendSitrep", params), onSuccess: done });
  const data = sitrep.data;
  if (!data) return <ProblemAlert error={sitrep.error} />;
  const mine = data.author.id === me.id;
  const labels: Texts = {
    situation: t("boardReports.sitreps.situation"),
    actions: t("boardReports.sitreps.actions"),
    resources: t("boardReports.sitreps.resources"),
    nextSteps: t("boardReports.sitreps.nextSteps"),
  };
  const figures = data.figures;
  return (
    <Stack
      gap="sm"
      data-testid="sitrep-view"
      p="sm"
      style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: 8 }}
    >
      <Group justify="space-between" wrap="wrap">
        <Title order={4}>{t("boardReports.sitreps.heading", { number: data.number })}</Title>
        <DownloadButton
          href={client.url(`/api/incidents/${incident.id}/sitreps/${data.number}.pdf`)}
          testId="sitrep-pdf"
        >
          {t("boardReports.sitreps.pdf")}
        </DownloadButton>
      </Group>
      <TlpBanner tlp={data.tlp} label={data.banner.label} text={data.banner.text} />
      <Group gap="xs">
        <SitrepStatusBadge status={data.status} />
        <Text size="sm" c="dimmed">
          {[
            t("boardReports.sitreps.asOf", { date: format.dateTime(data.asOf) }),
            t("boardReports.sitreps.author", {
              person: data.author.name,
              organisation: data.organisation.name,
            }),
            data.approver ? t("boardReports.sitreps.approvedBy", { person: data.approver.name }) : "",
            data.sentAt ? t("boardReports.sitreps.sentAt", { date: format.dateTime(data.sentAt) }) : "",
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="sitrep-figures">
        <Figure
          label={t("boardReports.sitreps.assetsDown")}
          value={format.number(figures.assetsDown.length + figures.failed.length)}
        />
        <Figure
          label={t("boardReports.sitreps.peopleWithout")}
          value={format.number(figures.peopleWithoutService)}
        />
        <Figure
          label={t("boardReports.sitreps.projected", { hours: figures.horizonHours })}
          value={format.number(figures.projectedPeopleWithoutService)}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t("boardReports.sitreps.figuresHint")}
      </Text>
      {data.abilities.edit ? (
        <EditTexts sitrep={data} labels={labels} onSaved={done} incidentId={incident.id} />
      ) : (
        TEXTS.map((field) => (
          <Stack key={field} gap={2}>
            <Text fw={600} size="sm">
              {labels[field]}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {data[field] || "—"}
            </Text>
          </Stack>
        ))
      )}
      {data.requests.length > 0 && (
        <Text size="sm">
          {t("boardReports.sitreps.requests", {
            list: data.requests
              .map(
                (r) =>
                  `${r.what} × ${format.number(r.quantity)} (${t(`boardReports.resources.states.${r.state}`)})`,
              )
              .join("; "),
          })}
        </Text>
      )}
      {data.status === "draft" && !data.abilities.approve && (
        <Text size="sm" data-testid="sitrep-approval-note">
          {mine ? t("boardReports.sitreps.notByAuthor") : t("boardReports.sitreps.awaitingApproval")}
        </Text>
      )}
      {data.status === "approved" && !data.abilities.send && (
        <Text size="sm">{t("boardReports.sitreps.awaitingSending")}</Text>
      )}
      <ProblemAlert error={approve.error ?? send.error} />
      <Group>
        {data.abilities.approve && (
          <Button onClick={() => approve.mutate()} loading={approve.isPending}>
            {t("boardReports.sitreps.approve")}
          </Button>
        )}
        {data.abilities.send && (
          <Button onClick={() => send.mutate()} loading={send.isPending}>
            {t("boardReports.sitreps.send", { marking: t(`markings.${data.tlp}`) })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Stack>
  );
}

function EditTexts({
  sitrep,
  labels,
  onSaved,
  incidentId,
}: {
  sitrep: Sitrep;
  labels: Texts;
  onSaved: (next: Sitrep) => void;
  incidentId: string;
}) {
  const { t } = useTranslation();
  const [texts, setTexts] = useState<Texts>({
    situation: sitrep.situation,
    actions: sitrep.actions,
    resources: sitrep.resources,
    nextSteps: sitrep.nextSteps,
  });
  const save = useMutation({
    mutationFn: () =>
      client.call("updateSitrep", { params: { id: incidentId, n: sitrep.number }, body: texts }),
    onSuccess: onSaved,
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs">
        {TEXTS.map((field) => (
          <Textarea
            key={field}
            label={labels[field]}
            value={texts[field]}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setTexts((current) => ({ ...current, [field]: value }));
            }}
            autosize
            minRows={2}
            maxRows={12}
          />
        ))}
        <ProblemAlert error={save.error} />
        <Group>
          <Button type="submit" variant="default" loading={save.isPending}>
            {t("boardReports.sitreps.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
