// The participants tab: the list with names for the host and the participants; for everyone else
// (and for all, above it) how many take part per organisation and per country, as bars.
import type { EventDetail } from "@bulwark/contracts";
import { PARTICIPANT_ROLES, type ParticipantRole } from "@bulwark/core";
import {
  ActionIcon,
  Alert,
  Badge,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconLock, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { PartForm, useEventChange } from "./event-editing.tsx";

/** Horizontal bars drawn as SVG: a label above each bar, bars scaled to the largest count. */
function Bars({ title, rows }: { title: string; rows: { label: string; count: number }[] }) {
  const largest = Math.max(1, ...rows.map((row) => row.count));
  const height = 34;
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} size="h6" mb="xs">
        {title}
      </Title>
      <svg width="100%" height={rows.length * height} role="img" aria-label={title}>
        {rows.map((row, index) => (
          <g key={row.label} transform={`translate(0, ${index * height})`}>
            <title>{`${row.label}: ${row.count}`}</title>
            <text x={0} y={13} fontSize={12} fill="currentColor">
              {row.label.length > 40 ? `${row.label.slice(0, 39)}…` : row.label}
            </text>
            <rect x={0} y={18} height={10} width="100%" rx={5} fill="var(--mantine-color-gray-2)" />
            <rect
              x={0}
              y={18}
              height={10}
              width={`${(row.count / largest) * 100}%`}
              rx={5}
              fill="var(--mantine-color-indigo-5)"
            />
            <text x="100%" y={13} fontSize={12} textAnchor="end" fontWeight={700} fill="currentColor">
              {row.count}
            </text>
          </g>
        ))}
      </svg>
    </Paper>
  );
}

export function EventParticipants({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = event.participantList;
  const remove = useEventChange(event.id, (itemId: string) =>
    client.call("removeEventParticipant", { params: { id: event.id, itemId } }),
  );
  return (
    <Stack gap="md">
      <Text fw={600}>{t("events.participants.total", { count: list.total })}</Text>
      {!list.names && (
        <Alert color="gray" icon={<IconLock size={18} />}>
          {t("events.participants.namesHidden")}
        </Alert>
      )}
      {list.total === 0 ? (
        <EmptyState>{t("events.participants.empty")}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Bars
            title={t("events.participants.byOrganisation")}
            rows={list.byOrganisation.map((row) => ({ label: row.organisation, count: row.count }))}
          />
          <Bars
            title={t("events.participants.byCountry")}
            rows={list.byCountry.map((row) => ({ label: format.country(row.country), count: row.count }))}
          />
        </SimpleGrid>
      )}
      {list.names && list.items.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("events.participants.name")}</Table.Th>
                <Table.Th>{t("events.participants.organisation")}</Table.Th>
                <Table.Th>{t("events.participants.country")}</Table.Th>
                <Table.Th>{t("events.participants.role")}</Table.Th>
                {event.abilities.manageParticipants && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Td>{person.name}</Table.Td>
                  <Table.Td>{person.organisation.name}</Table.Td>
                  <Table.Td>{format.country(person.country)}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      radius="sm"
                      color={person.role === "participant" ? "gray" : "indigo"}
                    >
                      {t(`events.roles.${person.role}`)}
                    </Badge>
                  </Table.Td>
                  {event.abilities.manageParticipants && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t("events.participants.remove")}
                        onClick={() => remove.mutate(person.id)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ProblemAlert error={remove.error} />
      {event.abilities.manageParticipants && <ParticipantForm event={event} />}
    </Stack>
  );
}

function ParticipantForm({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [kind, setKind] = useState<"user" | "external">("user");
  const [userId, setUserId] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [organisationName, setOrganisationName] = useState("");
  const [country, setCountry] = useState("");
  const [role, setRole] = useState<ParticipantRole>("participant");
  // The people one may see (one's own organisation; everyone for administrators).
  const people = useQuery({
    queryKey: ["users", "for-events"],
    queryFn: () => client.call("listUsers", { query: { limit: 500 } }),
    enabled: kind === "user",
  });
  const add = useEventChange(event.id, () =>
    client.call("addEventParticipant", {
      params: { id: event.id },
      body:
        kind === "user"
          ? { kind, userId: userId ?? me.id, role }
          : { kind, name, organisationName, country: country.trim().toUpperCase(), role },
    }),
  );
  const errors = fieldErrorsOf(add.error);
  const taken = new Set(event.participantList.items.map((person) => person.userId));
  return (
    <PartForm
      title={t("events.participants.add")}
      submit={t("events.participants.add")}
      pending={add.isPending}
      error={add.error}
      errorFields={Object.keys(errors).map((field) => `body.${field}`)}
      onSubmit={() =>
        add.mutate(undefined, {
          onSuccess: () => {
            setUserId(null);
            setName("");
            setOrganisationName("");
          },
        })
      }
    >
      <SegmentedControl
        value={kind}
        onChange={(value) => setKind(value === "external" ? "external" : "user")}
        data={[
          { value: "user", label: t("events.participants.user") },
          { value: "external", label: t("events.participants.external") },
        ]}
      />
      {kind === "user" ? (
        <Select
          label={t("events.participants.person")}
          searchable
          value={userId}
          onChange={setUserId}
          data={(people.data?.items ?? [])
            .filter((person) => !taken.has(person.id))
            .map((person) => ({ value: person.id, label: `${person.name} (${person.organisationName})` }))}
          error={errors.userId}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t("events.participants.name")}
            required
            value={name}
            onChange={(change) => setName(change.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label={t("events.participants.organisation")}
            required
            value={organisationName}
            onChange={(change) => setOrganisationName(change.currentTarget.value)}
            error={errors.organisationName}
          />
          <TextInput
            label={t("events.participants.country")}
            required
            maxLength={2}
            placeholder="XM"
            value={country}
            onChange={(change) => setCountry(change.currentTarget.value)}
            error={errors.country}
          />
        </SimpleGrid>
      )}
      <Select
        label={t("events.participants.role")}
        value={role}
        allowDeselect={false}
        onChange={(value) => isOneOf(PARTICIPANT_ROLES, value) && setRole(value)}
        data={PARTICIPANT_ROLES.map((value) => ({ value, label: t(`events.roles.${value}`) }))}
      />
    </PartForm>
  );
}
