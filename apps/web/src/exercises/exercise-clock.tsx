// The controller's clock: start, pause, resume, change the speed, end. Exercise time ticks here
// between the server's readings.
import type { Exercise } from "@bulwark/contracts";
import { MAX_SPEED, MIN_SPEED } from "@bulwark/core";
import { Button, Group, NumberInput, Paper, Stack, Text } from "@mantine/core";
import { IconFlag, IconPlayerPause, IconPlayerPlay } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { clockText, ExerciseStatusBadge, exerciseKey, exercisesKey, injectsKey } from "./exercise-parts.tsx";

type ClockAction = "start" | "pause" | "resume" | "end";

export function ClockReading({ exercise, timeMs }: { exercise: Exercise; timeMs: number }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Text size="sm" c="dimmed">
        {t("exercises.clock.time")}
      </Text>
      <Text ff="monospace" fw={700} size="xl" data-testid="exercise-time" dir="ltr">
        {clockText(timeMs)}
      </Text>
      <ExerciseStatusBadge status={exercise.clock.status} />
      <Text size="sm" c="dimmed" dir="ltr">
        {t("exercises.clock.atSpeed", { speed: exercise.clock.speed })}
      </Text>
    </Group>
  );
}

export function ClockControls({ exercise, timeMs }: { exercise: Exercise; timeMs: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [speed, setSpeed] = useState<number>(exercise.clock.speed);
  const [ending, setEnding] = useState(false);
  const change = useMutation({
    mutationFn: (action: ClockAction) =>
      client.call("changeExerciseClock", {
        params: { id: exercise.id },
        body: action === "end" || action === "pause" ? { action } : { action, speed },
      }),
    onSuccess: (updated) => {
      setEnding(false);
      queryClient.setQueryData(exerciseKey(exercise.id), updated);
      void queryClient.invalidateQueries({ queryKey: injectsKey(exercise.id) });
      void queryClient.invalidateQueries({ queryKey: exercisesKey });
    },
  });
  const status = exercise.clock.status;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t("exercises.clock.label")}>
      <Stack gap="sm">
        <ClockReading exercise={exercise} timeMs={timeMs} />
        {status !== "completed" && (
          <Group gap="sm" align="flex-end">
            <NumberInput
              label={t("exercises.clock.speed")}
              min={MIN_SPEED}
              max={MAX_SPEED}
              step={1}
              value={speed}
              onChange={(value) => typeof value === "number" && setSpeed(value)}
              w={300}
            />
            {status === "planning" && (
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                loading={change.isPending}
                onClick={() => change.mutate("start")}
              >
                {t("exercises.clock.start")}
              </Button>
            )}
            {status === "running" && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconPlayerPause size={16} />}
                  loading={change.isPending}
                  onClick={() => change.mutate("pause")}
                >
                  {t("exercises.clock.pause")}
                </Button>
                <Button variant="default" loading={change.isPending} onClick={() => change.mutate("resume")}>
                  {t("exercises.clock.setSpeed")}
                </Button>
              </>
            )}
            {status === "paused" && (
              <Button
                leftSection={<IconPlayerPlay size={16} />}
                loading={change.isPending}
                onClick={() => change.mutate("resume")}
              >
                {t("exercises.clock.resume")}
              </Button>
            )}
            {(status === "running" || status === "paused") && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconFlag size={16} />}
                onClick={() => setEnding(true)}
              >
                {t("exercises.clock.end")}
              </Button>
            )}
          </Group>
        )}
        {!ending && <ProblemAlert error={change.error} />}
      </Stack>
      <ConfirmDialog
        opened={ending}
        title={t("exercises.clock.endTitle")}
        message={t("exercises.clock.endText")}
        confirmLabel={t("exercises.clock.end")}
        loading={change.isPending}
        error={change.error}
        onConfirm={() => change.mutate("end")}
        onClose={() => setEnding(false)}
      />
    </Paper>
  );
}
