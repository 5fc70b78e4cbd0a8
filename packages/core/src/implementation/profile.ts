// The figures of an implementation profile that come from a state's self-assessment runs: each
// section's score over the submitted runs (its trend), and the measures in place.

import type { AnswerValue, FrameworkShape } from "../self-assessment/framework.ts";
import { answerScore } from "../self-assessment/scoring.ts";

/**
 * A measure is in place when its answer scores at least this: an adopted measure on the maturity
 * scale (3 of 5: "adopted", "in force"), a plain yes, or a figure at 60 % of its target or more.
 * "Partly" (0.5) is not in place.
 */
export const MEASURE_IN_PLACE = 0.6;

/** Below this many points of change (0..1 scale, 0.02 = 2 points) a section holds steady. */
export const STEADY_BAND = 0.02;

export type Trend = "up" | "down" | "steady" | "new";

/** The direction of the last change among scores in time order (nulls left out); "new" with one score or none. */
export function trendOf(scores: readonly (number | null)[]): Trend {
  const known = scores.filter((score): score is number => score !== null);
  const last = known.at(-1);
  const before = known.at(-2);
  if (last === undefined || before === undefined) return "new";
  const delta = last - before;
  if (Math.abs(delta) < STEADY_BAND) return "steady";
  return delta > 0 ? "up" : "down";
}

export interface MeasureInPlace {
  readonly sectionId: string;
  readonly questionId: string;
  readonly score: number;
}

/** The questions of each section whose answer says the measure is in place, in the framework's order. */
export function measuresInPlace(
  framework: FrameworkShape,
  answers: ReadonlyMap<string, AnswerValue>,
): MeasureInPlace[] {
  const found: MeasureInPlace[] = [];
  for (const section of framework.sections)
    for (const question of section.questions) {
      const value = answers.get(question.id);
      const score = value ? answerScore(question.answer, value) : null;
      if (score !== null && score >= MEASURE_IN_PLACE)
        found.push({ sectionId: section.id, questionId: question.id, score });
    }
  return found;
}
