import { describe, expect, it } from "vitest";
import type { AnswerValue, FrameworkShape } from "./framework.ts";
import { answerScore, compareRuns, rankGaps, scoreRun } from "./scoring.ts";

const maturity = { type: "maturity", levels: ["0", "1", "2", "3", "4", "5"] } as const;
const FRAMEWORK: FrameworkShape = {
  sections: [
    {
      id: "strategy",
      weight: 3,
      questions: [
        { id: "s1", weight: 3, answer: maturity, entries: ["a"] },
        { id: "s2", weight: 1, answer: { type: "choice" }, entries: ["b"] },
        { id: "s3", weight: 1, answer: { type: "text" }, entries: [] },
      ],
    },
    {
      id: "exercises",
      weight: 1,
      questions: [{ id: "e1", weight: 2, answer: { type: "number", target: 4 }, entries: ["c"] }],
    },
  ],
};

const answers = (entries: [string, AnswerValue][]) => new Map(entries);

describe("answerScore", () => {
  it.each([
    [maturity, { type: "maturity", level: 0 }, 0],
    [maturity, { type: "maturity", level: 3 }, 0.6],
    [maturity, { type: "maturity", level: 5 }, 1],
    [{ type: "choice" }, { type: "choice", choice: "yes" }, 1],
    [{ type: "choice" }, { type: "choice", choice: "partial" }, 0.5],
    [{ type: "choice" }, { type: "choice", choice: "no" }, 0],
    [{ type: "number", target: 4 }, { type: "number", value: 2 }, 0.5],
    [{ type: "number", target: 4 }, { type: "number", value: 9 }, 1],
    [{ type: "text" }, { type: "text", text: "notes" }, null],
    [{ type: "choice" }, { type: "maturity", level: 5 }, null],
  ] as const)("%o answered %o scores %s", (spec, value, expected) => {
    expect(answerScore(spec, value)).toBe(expected);
  });
});

describe("scoreRun", () => {
  it("weights answered scored questions within a section and sections overall", () => {
    const score = scoreRun(
      FRAMEWORK,
      answers([
        ["s1", { type: "maturity", level: 5 }],
        ["s2", { type: "choice", choice: "no" }],
        ["s3", { type: "text", text: "reviewed in 2025" }],
        ["e1", { type: "number", value: 1 }],
      ]),
    );
    // strategy: (1 x 3 + 0 x 1) / 4 = 0.75; exercises: 0.25; overall: (0.75 x 3 + 0.25 x 1) / 4
    expect(score.sections).toEqual([
      { sectionId: "strategy", score: 0.75, answered: 3, questions: 3 },
      { sectionId: "exercises", score: 0.25, answered: 1, questions: 1 },
    ]);
    expect(score.overall).toBeCloseTo(0.625);
    expect(score.completeness).toBe(1);
  });

  it("leaves unanswered sections out of the overall score and counts completeness", () => {
    const score = scoreRun(FRAMEWORK, answers([["s2", { type: "choice", choice: "partial" }]]));
    expect(score.sections[0]?.score).toBe(0.5);
    expect(score.sections[1]?.score).toBeNull();
    expect(score.overall).toBe(0.5);
    expect(score.completeness).toBe(0.25);
  });

  it("gives no score where only text was answered", () => {
    const score = scoreRun(FRAMEWORK, answers([["s3", { type: "text", text: "x" }]]));
    expect(score.sections[0]?.score).toBeNull();
    expect(score.overall).toBeNull();
  });
});

describe("rankGaps", () => {
  it("ranks by section weight x question weight x (1 - score), unanswered counting as 0, full marks and text left out", () => {
    const gaps = rankGaps(
      FRAMEWORK,
      answers([
        ["s1", { type: "maturity", level: 4 }],
        ["e1", { type: "number", value: 4 }],
      ]),
    );
    // s1: 3 x 3 x 0.2 = 1.8; s2 unanswered: 3 x 1 x 1 = 3; e1 at target: no gap; s3 text: never a gap.
    expect(gaps.map((gap) => [gap.questionId, Number(gap.priority.toFixed(2))])).toEqual([
      ["s2", 3],
      ["s1", 1.8],
    ]);
    expect(gaps[0]?.score).toBeNull();
    expect(gaps[0]?.entries).toEqual(["b"]);
  });
});

describe("compareRuns", () => {
  it("gives each section's change, and none where either run has no score", () => {
    const before = scoreRun(FRAMEWORK, answers([["s1", { type: "maturity", level: 1 }]]));
    const after = scoreRun(
      FRAMEWORK,
      answers([
        ["s1", { type: "maturity", level: 4 }],
        ["e1", { type: "number", value: 2 }],
      ]),
    );
    const comparison = compareRuns(before, after);
    expect(comparison.sections[0]?.delta).toBeCloseTo(0.6);
    expect(comparison.sections[1]).toEqual({ sectionId: "exercises", before: null, after: 0.5, delta: null });
    expect(comparison.overall.before).toBeCloseTo(0.2);
  });
});
