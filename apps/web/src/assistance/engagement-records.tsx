// What an engagement's parties record beside its milestones: the people of the two organisations
// who take part (each party names its own people), and the deliverables it produces.
import type { Engagement, EngagementUpdateInput } from "@bulwark/contracts";
import { Badge, Button, Group, List, MultiSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { assistanceKey, engagementKey } from "./assistance-parts.tsx";

/** A change of the engagement, its answer put in the cache. */
export function useEngagementChange(engagement: Engagement, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EngagementUpdateInput) =>
      client.call("updateAssistanceEngagement", { params: { id: engagement.id }, body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(engagementKey(engagement.id), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKey });
      onDone?.();
    },
  });
}

export function Participants({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const me = useMe();
  const own = engagement.participants.filter((person) => person.organisationId === me.organisation.id);
  const [chosen, setChosen] = useState<string[]>(own.map((person) => person.id));
  const colleagues = useQuery({
    queryKey: ["users", { organisationId: me.organisation.id }],
    queryFn: () => client.call("listUsers", { query: { organisationId: me.organisation.id, limit: 500 } }),
    enabled: engagement.abilities.recordMilestones,
  });
  const save = useEngagementChange(engagement);
  const organisationOf = (id: string) =>
    id === engagement.state.id ? engagement.state.name : engagement.provider.name;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const others = engagement.participants
      .filter((person) => person.organisationId !== me.organisation.id)
      .map((person) => person.id);
    save.mutate({ participantIds: [...others, ...chosen] });
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="engagement-participants">
      <Title order={3} id="engagement-participants">
        {t("assistance.engagement.participants")}
      </Title>
      {engagement.participants.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("assistance.engagement.noParticipants")}
        </Text>
      ) : (
        <Group gap="xs">
          {engagement.participants.map((person) => (
            <Badge key={person.id} variant="light" tt="none" data-participant={person.id}>
              {person.name} · {organisationOf(person.organisationId)}
            </Badge>
          ))}
        </Group>
      )}
      {engagement.abilities.recordMilestones && (
        <Group component="form" onSubmit={submit} align="flex-end" gap="sm">
          <MultiSelect
            label={t("assistance.engagement.yourPeople")}
            data={(colleagues.data?.items ?? []).map((person) => ({ value: person.id, label: person.name }))}
            value={chosen}
            onChange={setChosen}
            searchable
            style={{ flex: 1, minWidth: 260 }}
          />
          <Button type="submit" variant="light" loading={save.isPending}>
            {t("assistance.engagement.saveParticipants")}
          </Button>
        </Group>
      )}
      <ProblemAlert error={save.error} />
    </Stack>
  );
}

export function Deliverables({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [title, setTitle] = useState("");
  const save = useEngagementChange(engagement, () => setTitle(""));
  const errors = fieldErrorsOf(save.error);
  const today = new Date().toISOString().slice(0, 10);
  const day = (date: string) => format.date(`${date}T12:00:00Z`);
  const add = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ deliverables: [...engagement.deliverables, { title, deliveredOn: null }] });
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="engagement-deliverables">
      <Title order={3} id="engagement-deliverables">
        {t("assistance.engagement.deliverables")}
      </Title>
      {engagement.deliverables.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("assistance.engagement.noDeliverables")}
        </Text>
      ) : (
        <List spacing="xs">
          {engagement.deliverables.map((deliverable, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: deliverables have no id; the server keeps their order and the list is replaced whole.
            <List.Item key={`${index}-${deliverable.title}`}>
              <Group gap="sm" wrap="wrap">
                <Text size="sm" fw={500}>
                  {deliverable.title}
                </Text>
                {deliverable.deliveredOn ? (
                  <Text size="xs" c="teal.8">
                    {t("assistance.engagement.delivered", { date: day(deliverable.deliveredOn) })}
                  </Text>
                ) : (
                  <>
                    <Text size="xs" c="dimmed">
                      {t("assistance.engagement.pending")}
                    </Text>
                    {engagement.abilities.recordMilestones && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        aria-label={`${t("assistance.engagement.markDelivered")}: ${deliverable.title}`}
                        disabled={save.isPending}
                        onClick={() =>
                          save.mutate({
                            deliverables: engagement.deliverables.map((other, at) =>
                              at === index ? { ...other, deliveredOn: today } : other,
                            ),
                          })
                        }
                      >
                        {t("assistance.engagement.markDelivered")}
                      </Button>
                    )}
                  </>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {engagement.abilities.recordMilestones && (
        <Group component="form" onSubmit={add} align="flex-end" gap="sm">
          <TextInput
            label={t("assistance.engagement.deliverable")}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            required
            error={errors.deliverables}
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button type="submit" variant="light" loading={save.isPending}>
            {t("assistance.engagement.addDeliverable")}
          </Button>
        </Group>
      )}
      <ProblemAlert error={save.error} fields={["body.deliverables"]} />
    </Stack>
  );
}
