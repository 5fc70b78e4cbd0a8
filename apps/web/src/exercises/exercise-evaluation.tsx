// Evaluation: the evaluators' observations against the objectives with HSEEP's ratings, the form to
// record one, and the hot wash: each objective with its rating (the lowest recorded), strengths and
// areas for improvement.
import type { Exercise, Observation } from "@bulwark/contracts";
import { HSEEP_RATINGS, type HseepRating, lowestRating } from "@bulwark/core";
import {
  Badge,
  Button,
  Card,
  Group,
  List,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { clockText, observationsKey, RATING_COLOURS } from "./exercise-parts.tsx";

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

function RatingBadge({ rating }: { rating: HseepRating | null }) {
  const { t } = useTranslation();
  if (rating === null)
    return (
      <Badge color="gray" variant="light" radius="sm">
        {t("exercises.evaluation.notRated")}
      </Badge>
    );
  return (
    <Badge color={RATING_COLOURS[rating]} variant="filled" radius="sm" style={{ textTransform: "none" }}>
      {t(`exercises.ratings.${rating}`)}
    </Badge>
  );
}

function ObservationForm({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [objectiveId, setObjectiveId] = useState<string | null>(exercise.objectives[0]?.id ?? null);
  const [rating, setRating] = useState<HseepRating>("P");
  const [strengths, setStrengths] = useState("");
  const [improvements, setImprovements] = useState("");
  const [note, setNote] = useState("");
  const save = useMutation({
    mutationFn: () =>
      client.call("createExerciseObservation", {
        params: { id: exercise.id },
        body: {
          objectiveId: objectiveId ?? "",
          rating,
          strengths: lines(strengths),
          areasForImprovement: lines(improvements),
          note,
        },
      }),
    onSuccess: () => {
      setStrengths("");
      setImprovements("");
      setNote("");
      notifications.show({ color: "teal", message: t("exercises.evaluation.recorded") });
      void queryClient.invalidateQueries({ queryKey: observationsKey(exercise.id) });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} aria-label={t("exercises.evaluation.record")}>
        <Stack gap="sm">
          <Title order={3}>{t("exercises.evaluation.record")}</Title>
          <Select
            label={t("exercises.evaluation.objective")}
            required
            allowDeselect={false}
            value={objectiveId}
            onChange={setObjectiveId}
            data={exercise.objectives.map((objective) => ({ value: objective.id, label: objective.title }))}
            error={errors.objectiveId}
          />
          <Radio.Group
            label={t("exercises.evaluation.rating")}
            required
            value={rating}
            onChange={(value) => isOneOf(HSEEP_RATINGS, value) && setRating(value)}
          >
            <Stack gap={6} mt={6}>
              {HSEEP_RATINGS.map((value) => (
                <Radio key={value} value={value} label={t(`exercises.ratings.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Group grow align="flex-start">
            <Textarea
              label={t("exercises.evaluation.strengths")}
              autosize
              minRows={2}
              value={strengths}
              onChange={(event) => setStrengths(event.currentTarget.value)}
            />
            <Textarea
              label={t("exercises.evaluation.improvements")}
              autosize
              minRows={2}
              value={improvements}
              onChange={(event) => setImprovements(event.currentTarget.value)}
            />
          </Group>
          <Textarea
            label={t("exercises.evaluation.note")}
            autosize
            minRows={1}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <ProblemAlert error={save.error} fields={Object.keys(errors)} />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={objectiveId === null}>
              {t("exercises.evaluation.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function HotWash({ exercise, observations }: { exercise: Exercise; observations: readonly Observation[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-label={t("exercises.evaluation.hotWash")}>
      <Title order={3}>{t("exercises.evaluation.hotWash")}</Title>
      <Text size="sm" c="dimmed">
        {t("exercises.evaluation.hotWashHint")}
      </Text>
      {exercise.objectives.map((objective) => {
        const mine = observations.filter((observation) => observation.objectiveId === objective.id);
        const strengths = mine.flatMap((observation) => observation.strengths);
        const improvements = mine.flatMap((observation) => observation.areasForImprovement);
        return (
          <Card key={objective.id} withBorder radius="md" component="article" aria-label={objective.title}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text fw={600}>{objective.title}</Text>
                <RatingBadge rating={lowestRating(mine.map((observation) => observation.rating))} />
              </Group>
              {strengths.length > 0 && (
                <div>
                  <Text size="sm" fw={600}>
                    {t("exercises.evaluation.strengthsTitle")}
                  </Text>
                  <List size="sm">
                    {strengths.map((line, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat; their order is stable.
                      <List.Item key={index}>{line}</List.Item>
                    ))}
                  </List>
                </div>
              )}
              {improvements.length > 0 && (
                <div>
                  <Text size="sm" fw={600}>
                    {t("exercises.evaluation.improvementsTitle")}
                  </Text>
                  <List size="sm">
                    {improvements.map((line, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat; their order is stable.
                      <List.Item key={index}>{line}</List.Item>
                    ))}
                  </List>
                </div>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

export function Evaluation({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const format = useFormat();
  const started = exercise.status !== "planning";
  const query = useQuery({
    queryKey: observationsKey(exercise.id),
    queryFn: () => client.call("listExerciseObservations", { params: { id: exercise.id } }),
    refetchInterval: exercise.status === "completed" ? false : 5_000,
  });
  const observations = query.data?.items ?? [];
  const objectiveTitle = (id: string) =>
    exercise.objectives.find((objective) => objective.id === id)?.title ?? "";
  return (
    <Stack gap="lg">
      <ProblemAlert error={query.error} />
      <HotWash exercise={exercise} observations={observations} />
      {exercise.abilities.observe && started && <ObservationForm exercise={exercise} />}
      {exercise.abilities.observe && !started && <Text c="dimmed">{t("exercises.evaluation.notYet")}</Text>}
      <Stack gap="sm">
        <Title order={3}>{t("exercises.evaluation.title")}</Title>
        {observations.length === 0 ? (
          <EmptyState>{t("exercises.evaluation.empty")}</EmptyState>
        ) : (
          observations.map((observation) => (
            <Card key={observation.id} withBorder radius="md" padding="sm" component="article">
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={600}>{objectiveTitle(observation.objectiveId)}</Text>
                  <RatingBadge rating={observation.rating} />
                </Group>
                {observation.note && <Text size="sm">{observation.note}</Text>}
                <Text size="xs" c="dimmed">
                  {t("exercises.evaluation.by", {
                    evaluator: observation.evaluator?.name ?? "—",
                    organisation: observation.organisation.name,
                    time: `${clockText(observation.exerciseTimeMs)} · ${format.dateTime(observation.createdAt)}`,
                  })}
                </Text>
              </Stack>
            </Card>
          ))
        )}
      </Stack>
    </Stack>
  );
}
