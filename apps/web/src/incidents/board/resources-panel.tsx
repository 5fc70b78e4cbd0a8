// Resource requests of an incident (ICS 213RR: what, how many, where, by when, priority) between
// organisations: asking another organisation, and moving a request on (requested → approved →
// assigned → delivered; declined, cancelled) as the server's abilities allow, with the deliveries
// shown on the incident. Queries sit under the incident's key: a live change refetches them.
import type { Incident, ResourceRequestSummary } from "@bulwark/contracts";
import {
  RESOURCE_REQUEST_PRIORITIES,
  type ResourceRequestPriority,
  type ResourceRequestState,
} from "@bulwark/core";
import {
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../../app/api.ts";
import { useMe } from "../../app/auth.tsx";
import { useFormat } from "../../app/format.ts";
import { ListTable } from "../../app/page-parts.tsx";
import { ProblemAlert } from "../../app/problem-alert.tsx";
import { isOneOf } from "../../app/vocabulary.ts";
import { Section } from "../incident-panels.tsx";
import { fromLocalInput, incidentKey, localInput } from "../incident-parts.tsx";

const STATE_COLOURS: Record<ResourceRequestState, string> = {
  requested: "orange",
  approved: "blue",
  assigned: "indigo",
  delivered: "teal",
  declined: "red",
  cancelled: "gray",
};

const requestsKey = (id: string) => [...incidentKey(id), "resource-requests"] as const;

export function ResourceStateBadge({ state }: { state: ResourceRequestState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={STATE_COLOURS[state]} miw="max-content" data-testid="resource-state">
      {t(`boardReports.resources.states.${state}`)}
    </Badge>
  );
}

export function ResourcesPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useQuery({
    queryKey: requestsKey(incident.id),
    queryFn: () =>
      client.call("listResourceRequests", { query: { incidentId: incident.id, limit: 500, offset: 0 } }),
  });
  const items = list.data?.items ?? [];
  const delivered = items.filter((item) => item.state === "delivered");
  return (
    <Section title={t("boardReports.resources.title")} testId="incident-resources">
      <Text size="sm" c="dimmed">
        {t("boardReports.resources.hint")}
      </Text>
      <ProblemAlert error={list.error} />
      {delivered.length > 0 && (
        <Stack gap={2} data-testid="resource-deliveries">
          <Title order={4} size="h5">
            {t("boardReports.resources.deliveries")}
          </Title>
          <List size="sm">
            {delivered.map((item) => (
              <List.Item key={item.id}>
                {t("boardReports.resources.delivery", {
                  quantity: format.number(item.quantity),
                  unit: item.unit,
                  what: item.what,
                  from: item.to.name,
                  to: item.from.name,
                  date: format.dateTime(item.updatedAt),
                })}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      <ListTable
        loading={list.isPending}
        failed={list.isError}
        isEmpty={items.length === 0}
        empty={t("boardReports.resources.empty")}
        skeletonColumns={6}
        minWidth={900}
        headers={
          <>
            <Table.Th>{t("boardReports.resources.columnWhat")}</Table.Th>
            <Table.Th>{t("boardReports.resources.columnWhere")}</Table.Th>
            <Table.Th>{t("boardReports.resources.columnPriority")}</Table.Th>
            <Table.Th>{t("boardReports.resources.columnBetween")}</Table.Th>
            <Table.Th>{t("boardReports.resources.columnState")}</Table.Th>
            <Table.Th>{t("boardReports.resources.columnNext")}</Table.Th>
          </>
        }
      >
        {items.map((item) => (
          <RequestRow key={item.id} incident={incident} item={item} />
        ))}
      </ListTable>
      <RequestResources incident={incident} />
    </Section>
  );
}

const MOVE_ORDER: ResourceRequestState[] = ["approved", "assigned", "delivered", "declined", "cancelled"];

function RequestRow({ incident, item }: { incident: Incident; item: ResourceRequestSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  // The states this reader may move it to come with the request itself (its own query, refetched live).
  const detail = useQuery({
    queryKey: [...requestsKey(incident.id), item.id, item.updatedAt],
    queryFn: () => client.call("getResourceRequest", { params: { id: item.id } }),
  });
  const move = useMutation({
    mutationFn: (state: ResourceRequestState) =>
      client.call("updateResourceRequest", { params: { id: item.id }, body: { state, note } }),
    onSuccess: () => {
      setNote("");
      void queryClient.invalidateQueries({ queryKey: requestsKey(incident.id) });
    },
  });
  const moves = MOVE_ORDER.filter((state) => detail.data?.abilities.moves.includes(state));
  return (
    <Table.Tr data-testid="resource-request" data-state={item.state}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {t("boardReports.resources.quantity", {
            quantity: format.number(item.quantity),
            unit: item.unit,
            what: item.what,
          })}
        </Text>
        <Text size="xs" c="dimmed">
          {t("boardReports.resources.neededBy", { date: format.dateTime(item.neededBy) })}
        </Text>
      </Table.Td>
      <Table.Td>{item.deliverTo}</Table.Td>
      <Table.Td>{t(`boardReports.resources.priorities.${item.priority}`)}</Table.Td>
      <Table.Td>
        <Text size="sm">
          {t("boardReports.resources.between", { from: item.from.name, to: item.to.name })}
        </Text>
      </Table.Td>
      <Table.Td>
        <ResourceStateBadge state={item.state} />
        {detail.data?.history.at(-1)?.note && (
          <Text size="xs" c="dimmed">
            {detail.data.history.at(-1)?.note}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {moves.length > 0 ? (
          <Stack gap={4}>
            <TextInput
              size="xs"
              aria-label={t("boardReports.resources.noteFor", { what: item.what })}
              placeholder={t("boardReports.resources.note")}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Group gap={4}>
              {moves.map((state) => (
                <Button
                  key={state}
                  size="xs"
                  variant={state === "declined" || state === "cancelled" ? "default" : "filled"}
                  onClick={() => move.mutate(state)}
                  loading={move.isPending && move.variables === state}
                >
                  {t(`boardReports.resources.moves.${state}`)}
                </Button>
              ))}
            </Group>
            <ProblemAlert error={move.error} />
          </Stack>
        ) : (
          "—"
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function RequestResources({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const organisations = useQuery({
    queryKey: ["organisations", "all"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
  });
  const [what, setWhat] = useState("");
  const [quantity, setQuantity] = useState<number>(1);
  const [unit, setUnit] = useState("");
  const [deliverTo, setDeliverTo] = useState("");
  const [neededBy, setNeededBy] = useState(() => localInput(new Date(Date.now() + 6 * 3_600_000)));
  const [priority, setPriority] = useState<ResourceRequestPriority>("high");
  const [details, setDetails] = useState("");
  const [to, setTo] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: {
      what: string;
      quantity: number;
      unit?: string;
      deliverTo: string;
      neededBy: string;
      priority: ResourceRequestPriority;
      details: string;
      toOrganisationId: string;
    }) => client.call("createResourceRequest", { body: { ...body, incidentId: incident.id } }),
    onSuccess: () => {
      setWhat("");
      setDetails("");
      void queryClient.invalidateQueries({ queryKey: requestsKey(incident.id) });
    },
  });
  // The incident's organisations first (its filer and audience), then the rest of the directory.
  const involved = new Set([
    incident.organisation.id,
    ...incident.audience.members.filter((m) => m.kind === "organisation").map((m) => m.id),
  ]);
  const options = (organisations.data?.items ?? [])
    .filter((o) => o.id !== me.organisation.id)
    .sort((a, b) => Number(involved.has(b.id)) - Number(involved.has(a.id)))
    .map((o) => ({ value: o.id, label: o.name }));
  const when = fromLocalInput(neededBy);
  const ready = what.trim() && deliverTo.trim() && to && when && quantity >= 1;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (ready)
          create.mutate({
            what,
            quantity,
            ...(unit.trim() ? { unit } : {}),
            deliverTo,
            neededBy: when,
            priority,
            details,
            toOrganisationId: to,
          });
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t("boardReports.resources.requestTitle")}
        </Title>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t("boardReports.resources.what")}
            value={what}
            onChange={(e) => setWhat(e.currentTarget.value)}
            required
            w={280}
          />
          <NumberInput
            label={t("boardReports.resources.howMany")}
            value={quantity}
            onChange={(value) => setQuantity(typeof value === "number" ? value : 0)}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            required
            w={120}
          />
          <TextInput
            label={t("boardReports.resources.unit")}
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value)}
            w={140}
          />
        </Group>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t("boardReports.resources.where")}
            value={deliverTo}
            onChange={(e) => setDeliverTo(e.currentTarget.value)}
            required
            w={280}
          />
          <TextInput
            type="datetime-local"
            label={t("boardReports.resources.byWhen")}
            value={neededBy}
            onChange={(e) => setNeededBy(e.currentTarget.value)}
            required
            w={220}
          />
          <Select
            label={t("boardReports.resources.priority")}
            data={RESOURCE_REQUEST_PRIORITIES.map((value) => ({
              value,
              label: t(`boardReports.resources.priorities.${value}`),
            }))}
            value={priority}
            onChange={(value) => isOneOf(RESOURCE_REQUEST_PRIORITIES, value) && setPriority(value)}
            allowDeselect={false}
            w={160}
          />
        </Group>
        <Select
          label={t("boardReports.resources.askWhom")}
          data={options}
          value={to}
          onChange={setTo}
          searchable
          required
          maw={520}
        />
        <Textarea
          label={t("boardReports.resources.details")}
          value={details}
          onChange={(e) => setDetails(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <ProblemAlert error={create.error} />
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!ready}>
            {t("boardReports.resources.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
