// Pieces every exercise screen shares: the EXERCISE EXERCISE EXERCISE banner (so nobody takes an
// exercise for real), status and type badges, exercise time as T+h:mm:ss, the live exercise clock
// and the query keys.
import type { Exercise } from "@bulwark/contracts";
import type { ExerciseStatus, HseepRating } from "@bulwark/core";
import { Alert, Badge, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export const exercisesKey = ["exercises"] as const;
export const exerciseKey = (id: string) => ["exercises", "exercise", id] as const;
export const injectsKey = (id: string) => ["exercises", "injects", id] as const;
export const observationsKey = (id: string) => ["exercises", "observations", id] as const;
export const actionsKey = (id: string) => ["exercises", "actions", id] as const;

/** The banner at the top of every exercise screen. */
export function ExerciseBanner() {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      variant="filled"
      radius="sm"
      icon={<IconAlertTriangle size={20} />}
      role="note"
      aria-label={t("exercises.banner")}
      data-testid="exercise-banner"
    >
      <Text fw={800} size="lg" lh={1.2}>
        {t("exercises.banner")}
      </Text>
      <Text size="sm">{t("exercises.bannerHint")}</Text>
    </Alert>
  );
}

const STATUS_COLOURS: Record<ExerciseStatus, string> = {
  planning: "gray",
  running: "green",
  paused: "yellow",
  completed: "blue",
};

export function ExerciseStatusBadge({ status }: { status: ExerciseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" radius="sm">
      {t(`exercises.statuses.${status}`)}
    </Badge>
  );
}

export const RATING_COLOURS: Record<HseepRating, string> = { P: "green", S: "yellow", M: "orange", U: "red" };

/** Exercise time as T+h:mm:ss (digits the same in every language: it is a clock reading). */
export function clockText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `T+${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/**
 * Exercise time now, ticking while the clock runs: the server's reading when it was fetched plus
 * the real time since then × the speed.
 */
export function useExerciseTime(clock: Exercise["clock"] | undefined, fetchedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  const running = clock?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [running]);
  if (!clock) return 0;
  if (!running) return clock.exerciseTimeMs;
  return clock.exerciseTimeMs + Math.max(0, now - fetchedAt) * clock.speed;
}
