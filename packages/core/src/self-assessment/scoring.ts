// Scores of a self-assessment run: each answer becomes a number from 0 to 1, sections are weighted
// means of their answered scored questions, the run a weighted mean of its scored sections. Gaps
// rank what is missing by weight x (1 - score); a comparison gives each section's change.
import type { AnswerSpec, AnswerValue, FrameworkShape } from "./framework.ts";

/** 0..1 for a scored answer, null for text (never scored) or an answer of the wrong kind. */
export function answerScore(spec: AnswerSpec, value: AnswerValue): number | null {
  if (spec.type !== value.type) return null;
  switch (value.type) {
    case "maturity":
      return Math.min(Math.max(value.level, 0), 5) / 5;
    case "choice":
      return value.choice === "yes" ? 1 : value.choice === "partial" ? 0.5 : 0;
    case "number": {
      if (spec.type !== "number" || spec.target <= 0) return null;
      return Math.min(Math.max(value.value, 0) / spec.target, 1);
    }
    case "text":
      return null;
  }
}

export const isScored = (spec: AnswerSpec): boolean => spec.type !== "text";

export interface SectionScore {
  readonly sectionId: string;
  /** Weighted mean of the answered scored questions; null when none is answered. */
  readonly score: number | null;
  /** Questions answered (text included) and in all. */
  readonly answered: number;
  readonly questions: number;
}

export interface RunScore {
  readonly sections: readonly SectionScore[];
  /** Weighted mean of the sections that have a score; null when none has. */
  readonly overall: number | null;
  /** Share of all questions answered, 0..1. */
  readonly completeness: number;
}

type Answers = ReadonlyMap<string, AnswerValue>;

const weightedMean = (items: readonly { value: number; weight: number }[]): number | null => {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  return total > 0 ? items.reduce((sum, item) => sum + item.value * item.weight, 0) / total : null;
};

export function scoreRun(framework: FrameworkShape, answers: Answers): RunScore {
  let answeredAll = 0;
  let questionsAll = 0;
  const sections = framework.sections.map((section): SectionScore => {
    const scored: { value: number; weight: number }[] = [];
    let answered = 0;
    for (const question of section.questions) {
      const value = answers.get(question.id);
      if (!value) continue;
      answered += 1;
      const score = answerScore(question.answer, value);
      if (score !== null) scored.push({ value: score, weight: question.weight });
    }
    answeredAll += answered;
    questionsAll += section.questions.length;
    return {
      sectionId: section.id,
      score: weightedMean(scored),
      answered,
      questions: section.questions.length,
    };
  });
  const weights = new Map(framework.sections.map((section) => [section.id, section.weight]));
  const overall = weightedMean(
    sections.flatMap((section) =>
      section.score === null ? [] : [{ value: section.score, weight: weights.get(section.sectionId) ?? 0 }],
    ),
  );
  return { sections, overall, completeness: questionsAll > 0 ? answeredAll / questionsAll : 0 };
}

export interface Gap {
  readonly sectionId: string;
  readonly questionId: string;
  /** The answer's score, or null when the scored question is unanswered (counted as 0). */
  readonly score: number | null;
  /** weight x (1 - score): how much closing this gap would add. */
  readonly priority: number;
  readonly entries: readonly string[];
}

/**
 * Scored questions not at full marks, the largest first (an unanswered one counts as 0). Priority
 * weighs the question within its section by the section's weight, so a gap in a section that
 * counts more ranks higher; ties keep the framework's order.
 */
export function rankGaps(framework: FrameworkShape, answers: Answers): Gap[] {
  const gaps: Gap[] = [];
  for (const section of framework.sections) {
    for (const question of section.questions) {
      if (!isScored(question.answer)) continue;
      const value = answers.get(question.id);
      const score = value ? answerScore(question.answer, value) : null;
      if (score !== null && score >= 1) continue;
      gaps.push({
        sectionId: section.id,
        questionId: question.id,
        score,
        priority: section.weight * question.weight * (1 - (score ?? 0)),
        entries: question.entries,
      });
    }
  }
  return gaps
    .map((gap, order) => ({ gap, order }))
    .sort((a, b) => b.gap.priority - a.gap.priority || a.order - b.order)
    .map(({ gap }) => gap);
}

export interface SectionChange {
  readonly sectionId: string;
  readonly before: number | null;
  readonly after: number | null;
  /** after - before, when both have a score. */
  readonly delta: number | null;
}

/** Per-section change between an earlier and a later score of the same framework. */
export function compareRuns(
  before: RunScore,
  after: RunScore,
): { sections: SectionChange[]; overall: SectionChange } {
  const earlier = new Map(before.sections.map((section) => [section.sectionId, section.score]));
  const change = (sectionId: string, from: number | null, to: number | null): SectionChange => ({
    sectionId,
    before: from,
    after: to,
    delta: from !== null && to !== null ? to - from : null,
  });
  return {
    sections: after.sections.map((section) =>
      change(section.sectionId, earlier.get(section.sectionId) ?? null, section.score),
    ),
    overall: change("overall", before.overall, after.overall),
  };
}
