import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ClockAction, type ExerciseClock, exerciseTime, moveClock, NEW_CLOCK } from "./clock.ts";

const moved = (clock: ExerciseClock, action: ClockAction, now: number, speed?: number): ExerciseClock => {
  const result = moveClock(clock, action, now, speed);
  if (!("clock" in result)) throw new Error(result.refused.reason);
  return result.clock;
};

describe("the exercise clock", () => {
  it("stands at 0 in planning, runs at its speed, stops when paused and goes on when resumed", () => {
    expect(exerciseTime(NEW_CLOCK, 5_000)).toBe(0);
    const running = moved(NEW_CLOCK, "start", 1_000, 10);
    expect(exerciseTime(running, 1_000)).toBe(0);
    expect(exerciseTime(running, 2_000)).toBe(10_000);
    const paused = moved(running, "pause", 4_000);
    expect(exerciseTime(paused, 4_000)).toBe(30_000);
    expect(exerciseTime(paused, 99_000)).toBe(30_000);
    const resumed = moved(paused, "resume", 100_000);
    expect(exerciseTime(resumed, 101_000)).toBe(40_000);
    const faster = moved(resumed, "resume", 101_000, 60);
    expect(exerciseTime(faster, 102_000)).toBe(100_000);
    const ended = moved(faster, "end", 103_000);
    expect(ended.status).toBe("completed");
    expect(exerciseTime(ended, 999_000)).toBe(160_000);
  });

  it.each([
    ["start", "running"],
    ["start", "paused"],
    ["pause", "planning"],
    ["pause", "paused"],
    ["resume", "planning"],
    ["resume", "completed"],
    ["end", "planning"],
    ["end", "completed"],
  ] as const)("refuses %s when %s", (action, status) => {
    const clock: ExerciseClock = { status, baseMs: 0, anchor: status === "running" ? 0 : null, speed: 1 };
    expect("refused" in moveClock(clock, action, 10)).toBe(true);
  });

  it("refuses a running clock's resume without a new speed, and speeds out of range", () => {
    const running = moved(NEW_CLOCK, "start", 0);
    expect("refused" in moveClock(running, "resume", 10)).toBe(true);
    expect("refused" in moveClock(NEW_CLOCK, "start", 0, 0)).toBe(true);
    expect("refused" in moveClock(NEW_CLOCK, "start", 0, 1001)).toBe(true);
    expect("refused" in moveClock(running, "pause", 10, 2)).toBe(true);
  });

  it("never goes back, whatever the actions and their times", () => {
    const step = fc.record({
      action: fc.constantFrom<ClockAction>("start", "pause", "resume", "end"),
      wait: fc.integer({ min: 0, max: 3_600_000 }),
      speed: fc.option(fc.double({ min: 0.1, max: 1000, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let clock = NEW_CLOCK;
        let now = 0;
        let last = 0;
        for (const { action, wait, speed } of steps) {
          now += wait;
          const time = exerciseTime(clock, now);
          expect(time).toBeGreaterThanOrEqual(last);
          last = time;
          const result = moveClock(clock, action, now, speed);
          if ("clock" in result) {
            // An action changes how time goes on, never the time it is now (start begins at 0).
            if (action !== "start") expect(exerciseTime(result.clock, now)).toBe(time);
            clock = result.clock;
            last = exerciseTime(clock, now);
          }
        }
      }),
    );
  });
});
