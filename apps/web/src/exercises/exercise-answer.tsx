// Answering an inject in exercise mode: the incident form opened as
// /incidents/new?exercise=<id>&inject=<injectId> files its incident with the exercise
// (POST /api/exercises/{id}/incidents), says EXERCISE EXERCISE EXERCISE above the form, and starts
// from the inject's words. The exercise page's inbox links here ("Respond with an incident").
import type { Exercise, Incident, IncidentCreateInput } from "@bulwark/contracts";
import { Anchor, Button, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconFileAlert } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { ExerciseBanner, exerciseKey, injectsKey } from "./exercise-parts.tsx";

/** The link from a delivered inject to the incident form in exercise mode. */
export const answerPath = (exerciseId: string, injectId: string | null) =>
  `/incidents/new?${new URLSearchParams({ exercise: exerciseId, ...(injectId ? { inject: injectId } : {}) })}`;

export function RespondButton({ exerciseId, injectId }: { exerciseId: string; injectId: string | null }) {
  const { t } = useTranslation();
  return (
    <Button
      component={Link}
      to={answerPath(exerciseId, injectId)}
      variant="light"
      color="orange"
      size="xs"
      leftSection={<IconFileAlert size={16} />}
    >
      {t("exercises.answer.respond")}
    </Button>
  );
}

export interface ExerciseAnswer {
  readonly exerciseId: string;
  readonly injectId: string | null;
  readonly exerciseTitle: string | null;
  /** The inject's words to start the incident from, once read. */
  readonly prefill: { readonly title: string; readonly description: string } | null;
  file(body: IncidentCreateInput): Promise<Incident>;
}

/** The exercise the incident form answers in, from its address; null for a real incident. */
export function useExerciseAnswer(): ExerciseAnswer | null {
  const [params] = useSearchParams();
  const exerciseId = params.get("exercise");
  const injectId = params.get("inject");
  const exercise = useQuery({
    queryKey: exerciseKey(exerciseId ?? ""),
    queryFn: () => client.call("getExercise", { params: { id: exerciseId ?? "" } }),
    enabled: exerciseId !== null,
  });
  const injects = useQuery({
    queryKey: injectsKey(exerciseId ?? ""),
    queryFn: () => client.call("listExerciseInjects", { params: { id: exerciseId ?? "" } }),
    enabled: exerciseId !== null && injectId !== null,
  });
  if (exerciseId === null) return null;
  const inject = injects.data?.items.find((item) => item.id === injectId);
  return {
    exerciseId,
    injectId,
    exerciseTitle: exercise.data?.title ?? null,
    prefill: inject
      ? { title: `${inject.sender}: ${inject.content}`.slice(0, 300), description: inject.content }
      : null,
    file: (body) =>
      client.call("createExerciseIncident", {
        params: { id: exerciseId },
        body: { injectId, incident: body },
      }),
  };
}

/** Above the incident form in exercise mode. */
export function ExerciseAnswerNote({ answer }: { answer: ExerciseAnswer }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <ExerciseBanner />
      <Text size="sm">
        {t("exercises.answer.note", { title: answer.exerciseTitle ?? "…" })}{" "}
        <Link to={`/exercises/${answer.exerciseId}`}>{t("exercises.answer.back")}</Link>
      </Text>
    </Stack>
  );
}

/** The incidents filed in exercise mode for this exercise (only its participants see them). */
export function ExerciseIncidents({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const incidents = useQuery({
    queryKey: ["incidents", "exercise", exercise.id],
    queryFn: () => client.call("listIncidents", { query: { exerciseId: exercise.id } }),
  });
  const items = incidents.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>{t("exercises.answer.title")}</Title>
        {exercise.abilities.respond && <RespondButton exerciseId={exercise.id} injectId={null} />}
      </Group>
      <Text size="sm" c="dimmed">
        {t("exercises.answer.hint")}
      </Text>
      <ProblemAlert error={incidents.error} />
      {items.length === 0 ? (
        <EmptyState>{t("exercises.answer.empty")}</EmptyState>
      ) : (
        <List spacing="xs">
          {items.map((incident) => (
            <List.Item key={incident.id}>
              <Anchor component={Link} to={`/incidents/${incident.id}`}>
                {incident.title}
              </Anchor>{" "}
              <Text span size="sm" c="dimmed">
                · {incident.organisation.name} · {t(`incidents.states.${incident.state}`)}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
