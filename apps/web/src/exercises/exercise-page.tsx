// One exercise, as the reader's organisation takes part in it: the design (objectives, scenario,
// participants); for controllers the clock and the MSEL (with its status live while the clock
// runs) and the form to add injects; for players the injects delivered to them; for evaluators
// and controllers the observations, the hot wash and the improvement plan with the AAR/IP.
// The page follows /api/exercises/events: the clock's moves, the MSEL's changes and each inject as
// its exercise time comes (the server's own timers, per process). Only while that stream is down
// does the page ask again on a timer (every second while the clock runs).

import type { Exercise } from "@bulwark/contracts";
import { Badge, Group, List, Paper, Skeleton, Stack, Tabs, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { client } from "../app/api.ts";
import { LiveBadge, useLiveEvents } from "../app/live.tsx";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { ExerciseIncidents } from "./exercise-answer.tsx";
import { ClockControls, ClockReading } from "./exercise-clock.tsx";
import { Evaluation } from "./exercise-evaluation.tsx";
import { useSections } from "./exercise-form-page.tsx";
import { ImprovementPlan } from "./exercise-improvement.tsx";
import { Inbox, InjectForm, MselTable } from "./exercise-msel.tsx";
import { ParticipantsEditor } from "./exercise-participants.tsx";
import { ExerciseBanner, exerciseKey, injectsKey, useExerciseTime } from "./exercise-parts.tsx";

const LIVE_MS = 1_000;
const FOLLOW_MS = 3_000;
const EVENTS_URL = "/api/exercises/events";
const EVENT_TYPES = ["exercise", "msel", "inject"] as const;

function Design({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const sections = useSections();
  const sectionTitle = (id: string) => sections.data?.find((section) => section.id === id)?.title ?? id;
  return (
    <Stack gap="lg">
      {exercise.summary && (
        <Stack gap={4}>
          <Title order={3}>{t("exercises.design2.summary")}</Title>
          <Text style={{ whiteSpace: "pre-wrap" }}>{exercise.summary}</Text>
        </Stack>
      )}
      <Stack gap={4}>
        <Title order={3}>{t("exercises.design2.objectives")}</Title>
        <List type="ordered" spacing="xs">
          {exercise.objectives.map((objective) => (
            <List.Item key={objective.id}>
              <Text fw={600}>{objective.title}</Text>
              <Text size="sm" c="dimmed">
                {objective.section
                  ? t("exercises.design2.section", { section: sectionTitle(objective.section) })
                  : objective.capability
                    ? t("exercises.design2.capability", {
                        capability: t(`exercises.capabilities.${objective.capability}`),
                      })
                    : ""}
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
      <Stack gap={4}>
        <Title order={3}>{t("exercises.design2.scenario")}</Title>
        <Text>{exercise.scenario.title ?? t("exercises.design2.noScenario")}</Text>
        {exercise.scenario.attackedAssetIds.length > 0 && (
          <Text size="sm" c="dimmed">
            {t("exercises.design2.attackedCount", { number: exercise.scenario.attackedAssetIds.length })}
          </Text>
        )}
      </Stack>
      <Stack gap={4}>
        <Title order={3}>{t("exercises.design2.participants")}</Title>
        <List spacing={4}>
          <List.Item>
            {exercise.owner.name} · {t("exercises.roles.controller")}
          </List.Item>
          {exercise.participants.map((participant) => (
            <List.Item key={participant.organisation.id}>
              {participant.organisation.name} · {t(`exercises.roles.${participant.role}`)}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Stack>
  );
}

export function ExercisePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const live = useLiveEvents(
    EVENTS_URL,
    (event) => {
      if (event.type !== "ready" && "id" in event && event.id !== id) return;
      if (event.type === "ready" || event.type === "exercise")
        void queryClient.invalidateQueries({ queryKey: exerciseKey(id) });
      void queryClient.invalidateQueries({ queryKey: injectsKey(id) });
    },
    EVENT_TYPES,
  );
  // Polling only while the stream is down.
  const polling = live !== "live";
  const exercise = useQuery({
    queryKey: exerciseKey(id),
    queryFn: () => client.call("getExercise", { params: { id } }),
    refetchInterval: (query) => (polling && query.state.data?.status !== "completed" ? FOLLOW_MS : false),
  });
  const data = exercise.data;
  const running = data?.clock.status === "running";
  const injects = useQuery({
    queryKey: injectsKey(id),
    queryFn: () => client.call("listExerciseInjects", { params: { id } }),
    enabled: data !== undefined,
    refetchInterval: polling && running ? LIVE_MS : false,
  });
  const timeMs = useExerciseTime(data?.clock, exercise.dataUpdatedAt);

  if (!data)
    return (
      <Stack gap="md">
        <ExerciseBanner />
        <ProblemAlert error={exercise.error} />
        {exercise.isPending && <Skeleton height={300} radius="md" />}
      </Stack>
    );
  const seesAll = data.abilities.evaluate;
  const isPlayer = data.role === "player";
  return (
    <Stack gap="md">
      <ExerciseBanner />
      <PageHeader
        title={data.title}
        subtitle={t("exercises.controlledBy", { owner: data.owner.name })}
        actions={
          <Group gap="xs">
            <LiveBadge status={live} />
            <Badge color="orange" variant="light" radius="sm">
              {t(`exercises.types.${data.type}`)}
            </Badge>
            <Badge color="gray" variant="outline" radius="sm">
              {t("exercises.yourRole", { role: t(`exercises.roles.${data.role}`) })}
            </Badge>
          </Group>
        }
      />
      {data.abilities.control ? (
        <ClockControls key={data.clock.status} exercise={data} timeMs={timeMs} />
      ) : (
        <Paper withBorder p="md" radius="md" component="section" aria-label={t("exercises.clock.label")}>
          <ClockReading exercise={data} timeMs={timeMs} />
        </Paper>
      )}
      <Tabs defaultValue={isPlayer ? "inbox" : seesAll ? "msel" : "design"} keepMounted={false}>
        <Tabs.List>
          {isPlayer && <Tabs.Tab value="inbox">{t("exercises.tabs.inbox")}</Tabs.Tab>}
          {seesAll && <Tabs.Tab value="msel">{t("exercises.tabs.msel")}</Tabs.Tab>}
          <Tabs.Tab value="design">{t("exercises.tabs.overview")}</Tabs.Tab>
          <Tabs.Tab value="answers">{t("exercises.tabs.answers")}</Tabs.Tab>
          {seesAll && <Tabs.Tab value="evaluation">{t("exercises.tabs.evaluation")}</Tabs.Tab>}
          {seesAll && <Tabs.Tab value="improvement">{t("exercises.tabs.improvement")}</Tabs.Tab>}
        </Tabs.List>
        {isPlayer && (
          <Tabs.Panel value="inbox" pt="md">
            <ProblemAlert error={injects.error} />
            <Inbox injects={injects.data} respondIn={data.abilities.respond ? data.id : null} />
          </Tabs.Panel>
        )}
        {seesAll && (
          <Tabs.Panel value="msel" pt="md">
            <Stack gap="lg">
              <ProblemAlert error={injects.error} />
              <MselTable exercise={data} injects={injects.data} />
              {data.abilities.control && data.status !== "completed" && <InjectForm exercise={data} />}
            </Stack>
          </Tabs.Panel>
        )}
        <Tabs.Panel value="design" pt="md">
          <Stack gap="lg">
            <Design exercise={data} />
            {data.abilities.control && data.status !== "completed" && (
              <ParticipantsEditor
                key={data.participants.map((p) => `${p.organisation.id}:${p.role}`).join(",")}
                exercise={data}
              />
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="answers" pt="md">
          <ExerciseIncidents exercise={data} />
        </Tabs.Panel>
        {seesAll && (
          <Tabs.Panel value="evaluation" pt="md">
            <Evaluation exercise={data} />
          </Tabs.Panel>
        )}
        {seesAll && (
          <Tabs.Panel value="improvement" pt="md">
            <ImprovementPlan exercise={data} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
