// The exercise clock, as plain data a database row holds: exercise time is the time gone by before
// the last start or resume (`baseMs`) plus the real time since then (`anchor`) times the speed.
// Nothing lives in memory: any server process, after any restart, computes the same time from the
// same row and its own clock.
import { type Decision, deny } from "../policy/decision.ts";
import type { ExerciseStatus } from "./vocabulary.ts";

export interface ExerciseClock {
  readonly status: ExerciseStatus;
  /** Exercise time, in milliseconds, that had passed when the clock last started or resumed (or paused). */
  readonly baseMs: number;
  /** Real time (epoch ms) of the last start or resume; null unless running. */
  readonly anchor: number | null;
  /** Exercise seconds per real second. */
  readonly speed: number;
}

export const CLOCK_ACTIONS = ["start", "pause", "resume", "end"] as const;
export type ClockAction = (typeof CLOCK_ACTIONS)[number];

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;

export const NEW_CLOCK: ExerciseClock = { status: "planning", baseMs: 0, anchor: null, speed: 1 };

/** Exercise time (ms since the exercise's start) at real time `now` (epoch ms); never negative. */
export function exerciseTime(clock: ExerciseClock, now: number): number {
  if (clock.status !== "running" || clock.anchor === null) return clock.baseMs;
  return clock.baseMs + Math.max(0, Math.floor((now - clock.anchor) * clock.speed));
}

/**
 * The clock after a controller's action at real time `now`, or why not. start: a planned exercise
 * begins at exercise time 0; pause: a running one stops; resume: a paused one goes on (or a running
 * one changes speed from now on); end: the exercise is completed and its time frozen.
 */
export function moveClock(
  clock: ExerciseClock,
  action: ClockAction,
  now: number,
  speed?: number,
): { clock: ExerciseClock } | { refused: Decision & { allowed: false } } {
  const refuse = (reason: string) => ({ refused: deny(reason) as Decision & { allowed: false } });
  if (speed !== undefined && !(speed >= MIN_SPEED && speed <= MAX_SPEED))
    return refuse(`The speed must lie between ${MIN_SPEED} and ${MAX_SPEED}.`);
  const at = exerciseTime(clock, now);
  switch (action) {
    case "start":
      if (clock.status !== "planning") return refuse("Only an exercise in planning starts.");
      return { clock: { status: "running", baseMs: 0, anchor: now, speed: speed ?? clock.speed } };
    case "pause":
      if (clock.status !== "running") return refuse("Only a running exercise pauses.");
      if (speed !== undefined) return refuse("Pausing takes no speed.");
      return { clock: { status: "paused", baseMs: at, anchor: null, speed: clock.speed } };
    case "resume":
      if (clock.status === "paused" || (clock.status === "running" && speed !== undefined))
        return { clock: { status: "running", baseMs: at, anchor: now, speed: speed ?? clock.speed } };
      return refuse("Only a paused exercise resumes (a running one takes a new speed this way).");
    case "end":
      if (clock.status !== "running" && clock.status !== "paused")
        return refuse("Only a running or paused exercise ends.");
      return { clock: { status: "completed", baseMs: at, anchor: null, speed: clock.speed } };
  }
}
