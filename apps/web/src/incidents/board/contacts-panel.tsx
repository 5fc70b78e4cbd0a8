// Points of contact (issue 18). On an incident: who to call in each organisation involved (the
// server lists an organisation's contacts only to members of organisations involved too, else an
// empty list, which the panel says). On the organisations page: one's own organisation's 24/7
// contacts, which its administrators edit (the server replaces the whole list; checkContactsWrite).
import type { Contact, ContactsReplaceInput, Incident } from "@bulwark/contracts";
import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../../app/api.ts";
import { useMe } from "../../app/auth.tsx";
import { useFormat } from "../../app/format.ts";
import { ProblemAlert } from "../../app/problem-alert.tsx";
import { Section } from "../incident-panels.tsx";
import { incidentKey } from "../incident-parts.tsx";

const MAX_CONTACTS = 20;

function ContactsTable({ contacts }: { contacts: readonly Contact[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("board.contacts.name")}</Table.Th>
            <Table.Th>{t("board.contacts.role")}</Table.Th>
            <Table.Th>{t("board.contacts.phone")}</Table.Th>
            <Table.Th>{t("board.contacts.email")}</Table.Th>
            <Table.Th>{t("board.contacts.hours")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((contact) => (
            <Table.Tr key={`${contact.name} ${contact.phone}`} data-testid="contact">
              <Table.Td>{contact.name}</Table.Td>
              <Table.Td>{contact.role || "—"}</Table.Td>
              <Table.Td>
                <Anchor href={`tel:${contact.phone.replace(/[^+0-9]/g, "")}`} size="sm" dir="ltr">
                  {contact.phone}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {contact.email ? (
                  <Anchor href={`mailto:${contact.email}`} size="sm" dir="ltr">
                    {contact.email}
                  </Anchor>
                ) : (
                  "—"
                )}
              </Table.Td>
              <Table.Td>{contact.hours}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ContactsPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const contacts = useQuery({
    queryKey: [...incidentKey(incident.id), "contacts"],
    queryFn: () => client.call("incidentContacts", { params: { id: incident.id } }),
  });
  const organisations = contacts.data?.organisations ?? [];
  return (
    <Section title={t("board.contacts.title")} testId="incident-contacts">
      <Text size="sm" c="dimmed">
        {t("board.contacts.hint")}
      </Text>
      <ProblemAlert error={contacts.error} />
      {contacts.data && organisations.length === 0 && <Text size="sm">{t("board.contacts.none")}</Text>}
      {organisations.map(({ organisation, contacts: list }) => (
        <Stack key={organisation.id} gap={4} data-testid="contact-organisation">
          <Title order={4} size="h6">
            {organisation.name}
          </Title>
          {list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("board.contacts.noneListed")}
            </Text>
          ) : (
            <ContactsTable contacts={list} />
          )}
        </Stack>
      ))}
    </Section>
  );
}

type Draft = { name: string; role: string; phone: string; email: string; hours: string };

const toDraft = (contact: Contact): Draft => ({ ...contact, email: contact.email ?? "" });
const EMPTY: Draft = { name: "", role: "", phone: "", email: "", hours: "24/7" };

/** One's own organisation's points of contact: listed for its members, edited by its administrators. */
export function OwnContactsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const key = ["organisations", "contacts", me.organisation.id] as const;
  const queryClient = useQueryClient();
  const contacts = useQuery({
    queryKey: key,
    queryFn: () => client.call("organisationContacts", { params: { id: me.organisation.id } }),
  });
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const save = useMutation({
    mutationFn: (body: ContactsReplaceInput) =>
      client.call("replaceOrganisationContacts", { params: { id: me.organisation.id }, body }),
    onSuccess: (next) => {
      queryClient.setQueryData(key, next);
      setDrafts(null);
    },
  });
  const admin = me.roles.includes("organisation-admin");
  const list = contacts.data?.contacts ?? [];
  const change = (index: number, field: keyof Draft, value: string) =>
    setDrafts((current) =>
      (current ?? []).map((draft, at) => (at === index ? { ...draft, [field]: value } : draft)),
    );
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t("board.contacts.ownTitle", { organisation: me.organisation.name })}
    >
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t("board.contacts.ownTitle", { organisation: me.organisation.name })}
        </Title>
        <Text size="sm" c="dimmed">
          {t("board.contacts.ownHint")}
        </Text>
        <ProblemAlert error={contacts.error} />
        {contacts.data?.updatedAt && (
          <Text size="xs" c="dimmed">
            {t("board.contacts.updated", { date: format.dateTime(contacts.data.updatedAt) })}
          </Text>
        )}
        {drafts === null ? (
          <>
            {contacts.data && list.length === 0 && <Text size="sm">{t("board.contacts.noneListed")}</Text>}
            {list.length > 0 && <ContactsTable contacts={list} />}
            {admin && contacts.data && (
              <Group>
                <Button
                  variant="light"
                  onClick={() => setDrafts(list.length > 0 ? list.map(toDraft) : [EMPTY])}
                >
                  {t("board.contacts.edit")}
                </Button>
              </Group>
            )}
          </>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate({
                contacts: drafts.map((draft) => ({
                  name: draft.name,
                  role: draft.role,
                  phone: draft.phone,
                  email: draft.email.trim() ? draft.email.trim() : null,
                  hours: draft.hours,
                })),
              });
            }}
          >
            <Stack gap="xs">
              {drafts.map((draft, index) => (
                <Group
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own.
                  key={index}
                  align="flex-end"
                  wrap="wrap"
                  gap="xs"
                  aria-label={t("board.contacts.row", { number: index + 1 })}
                  role="group"
                >
                  <TextInput
                    label={t("board.contacts.name")}
                    value={draft.name}
                    onChange={(e) => change(index, "name", e.currentTarget.value)}
                    required
                    maxLength={200}
                    w={180}
                  />
                  <TextInput
                    label={t("board.contacts.role")}
                    value={draft.role}
                    onChange={(e) => change(index, "role", e.currentTarget.value)}
                    maxLength={200}
                    w={160}
                  />
                  <TextInput
                    label={t("board.contacts.phone")}
                    type="tel"
                    value={draft.phone}
                    onChange={(e) => change(index, "phone", e.currentTarget.value)}
                    required
                    maxLength={40}
                    w={160}
                  />
                  <TextInput
                    label={t("board.contacts.email")}
                    type="email"
                    value={draft.email}
                    onChange={(e) => change(index, "email", e.currentTarget.value)}
                    w={200}
                  />
                  <TextInput
                    label={t("board.contacts.hours")}
                    value={draft.hours}
                    onChange={(e) => change(index, "hours", e.currentTarget.value)}
                    maxLength={200}
                    w={120}
                  />
                  <Tooltip label={t("board.contacts.remove")}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t("board.contacts.remove")}
                      onClick={() => setDrafts(drafts.filter((_, at) => at !== index))}
                    >
                      <IconTrash size={16} aria-hidden="true" />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              ))}
              <ProblemAlert error={save.error} />
              <Group>
                <Button
                  variant="subtle"
                  leftSection={<IconPlus size={16} aria-hidden="true" />}
                  disabled={drafts.length >= MAX_CONTACTS}
                  onClick={() => setDrafts([...drafts, EMPTY])}
                >
                  {t("board.contacts.addRow")}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t("board.contacts.save")}
                </Button>
                <Button variant="default" onClick={() => setDrafts(null)}>
                  {t("board.contacts.discard")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
