// Changing who takes part in an exercise (its controllers, before and during conduct): add or take
// away organisations and set their role. The server keeps an organisation injects are addressed to
// a player and says so in the problem it answers.
import type { Exercise } from "@bulwark/contracts";
import { EXERCISE_ROLES, type ExerciseRole } from "@bulwark/core";
import { ActionIcon, Button, Fieldset, Group, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { exerciseKey } from "./exercise-parts.tsx";

interface Draft {
  key: number;
  organisationId: string | null;
  role: ExerciseRole;
}

let nextKey = 1;

export function ParticipantsEditor({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    exercise.participants.map((p) => ({ key: nextKey++, organisationId: p.organisation.id, role: p.role })),
  );
  const organisations = useQuery({
    queryKey: ["organisations", "all-for-exercise"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
  });
  const options = (organisations.data?.items ?? [])
    .filter((organisation) => organisation.id !== exercise.owner.id)
    .map((organisation) => ({ value: organisation.id, label: organisation.name }));
  const save = useMutation({
    mutationFn: () =>
      client.call("updateExerciseParticipants", {
        params: { id: exercise.id },
        body: {
          participants: drafts.flatMap((draft) =>
            draft.organisationId ? [{ organisationId: draft.organisationId, role: draft.role }] : [],
          ),
        },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(exerciseKey(exercise.id), saved);
      notifications.show({ color: "teal", message: t("exercises.participants.saved") });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const update = (key: number, change: Partial<Draft>) =>
    setDrafts((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={t("exercises.participants.title")}>
      <Fieldset legend={t("exercises.participants.title")}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("exercises.participants.hint")}
          </Text>
          {drafts.map((draft, index) => (
            <Group key={draft.key} align="flex-end" wrap="nowrap" gap="sm">
              <Select
                style={{ flex: 2 }}
                searchable
                required
                label={t("exercises.design.organisation", { number: index + 1 })}
                value={draft.organisationId}
                onChange={(value) => update(draft.key, { organisationId: value })}
                data={options}
              />
              <Select
                style={{ flex: 1 }}
                allowDeselect={false}
                label={t("exercises.design.role", { number: index + 1 })}
                value={draft.role}
                onChange={(value) => isOneOf(EXERCISE_ROLES, value) && update(draft.key, { role: value })}
                data={EXERCISE_ROLES.map((value) => ({ value, label: t(`exercises.roles.${value}`) }))}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t("exercises.design.removeParticipant", { number: index + 1 })}
                onClick={() => setDrafts((list) => list.filter((item) => item.key !== draft.key))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {errors.participants && (
            <Text c="red" size="sm">
              {errors.participants}
            </Text>
          )}
          <ProblemAlert error={save.error} fields={Object.keys(errors)} />
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() =>
                setDrafts((list) => [...list, { key: nextKey++, organisationId: null, role: "player" }])
              }
            >
              {t("exercises.design.addParticipant")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("exercises.participants.save")}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}
