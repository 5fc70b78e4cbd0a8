import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aboveAppetite,
  bandAboveAppetite,
  cascadeFigures,
  dateAfter,
  type Methodology,
  matrixCell,
  proposeConsequence,
  type Ratings,
  residualRatings,
  reviewState,
  riskBand,
  riskScore,
  thresholdLevel,
} from "./methodology.ts";
import { readYaml } from "./yaml.ts";

// The shipped default (its shape is checked against the contracts' schema in the server's tests).
const read = readYaml(
  readFileSync(new URL("../../../../content/risk/methodology.yaml", import.meta.url), "utf8"),
);
if (!read.ok) throw new Error(read.message);
const methodology = read.data as Methodology;

const rating = (likelihood: number, vulnerability: number, consequence: number): Ratings => ({
  likelihood,
  vulnerability,
  consequence,
});
const level = fc.integer({ min: 1, max: 5 });

describe("risk score", () => {
  it.each([
    [rating(1, 1, 1), 1],
    [rating(5, 5, 5), 125],
    [rating(3, 4, 2), 24],
    [rating(2, 5, 4), 40],
  ])("%j scores %i", (ratings, score) => expect(riskScore(ratings)).toBe(score));

  it("stays within 1-125 and grows with every rating", () => {
    fc.assert(
      fc.property(level, level, level, (l, v, c) => {
        const score = riskScore(rating(l, v, c));
        expect(score).toBeGreaterThanOrEqual(1);
        expect(score).toBeLessThanOrEqual(125);
        if (l < 5) expect(riskScore(rating(l + 1, v, c))).toBeGreaterThan(score);
        if (c < 5) expect(riskScore(rating(l, v, c + 1))).toBeGreaterThan(score);
      }),
    );
  });
});

describe("matrix, bands and appetite (default methodology)", () => {
  it.each([
    [rating(1, 1, 1), 1, 1, "low", false],
    [rating(5, 5, 5), 5, 5, "very-high", true],
    [rating(3, 3, 3), 2, 3, "medium", false],
    [rating(4, 4, 4), 4, 4, "high", true],
    [rating(2, 3, 5), 2, 5, "high", true],
  ])(
    "%j sits at exposure %i, consequence %i: %s (above appetite: %s)",
    (ratings, exposure, consequence, band, above) => {
      expect(matrixCell(methodology, ratings)).toEqual({ exposure, consequence });
      expect(riskBand(methodology, ratings).id).toBe(band);
      expect(aboveAppetite(methodology, ratings)).toBe(above);
    },
  );

  it("never ranks a higher rating in a lower band", () => {
    const rank = (ratings: Ratings) =>
      methodology.bands.findIndex((band) => band.id === riskBand(methodology, ratings).id);
    fc.assert(
      fc.property(level, level, level, (l, v, c) => {
        const here = rank(rating(l, v, c));
        if (l < 5) expect(rank(rating(l + 1, v, c))).toBeGreaterThanOrEqual(here);
        if (v < 5) expect(rank(rating(l, v + 1, c))).toBeGreaterThanOrEqual(here);
        if (c < 5) expect(rank(rating(l, v, c + 1))).toBeGreaterThanOrEqual(here);
      }),
    );
  });

  it("puts the appetite between medium and high", () => {
    expect(bandAboveAppetite(methodology, "medium")).toBe(false);
    expect(bandAboveAppetite(methodology, "high")).toBe(true);
    expect(
      bandAboveAppetite({ ...methodology, appetite: { ...methodology.appetite, band: "low" } }, "medium"),
    ).toBe(true);
  });
});

describe("residual rating after measures", () => {
  const planned = (effect: Ratings, status: "planned" | "done" | "cancelled" = "planned") => ({
    kind: "planned" as const,
    status,
    effect,
  });

  it("removes the levels of planned measures, never below 1", () => {
    expect(residualRatings(rating(4, 4, 3), [planned(rating(1, 2, 0)), planned(rating(0, 1, 5))])).toEqual(
      rating(3, 1, 1),
    );
  });

  it("ignores existing measures (already in the rating) and cancelled ones", () => {
    const existing = { kind: "existing" as const, status: "done" as const, effect: rating(2, 2, 2) };
    expect(residualRatings(rating(4, 4, 3), [existing, planned(rating(2, 2, 2), "cancelled")])).toEqual(
      rating(4, 4, 3),
    );
  });
});

describe("consequence proposed from a cascade", () => {
  it.each([
    [1, [2, 5, 20, 100], 1],
    [2, [2, 5, 20, 100], 2],
    [19, [2, 5, 20, 100], 3],
    [20, [2, 5, 20, 100], 4],
    [5000, [2, 5, 20, 100], 5],
  ] as const)("%i reaches level %i of %j", (value, thresholds, expected) =>
    expect(thresholdLevel(value, thresholds)).toBe(expected),
  );

  it("takes the highest level any figure reaches", () => {
    const proposal = proposeConsequence(methodology, {
      assetsLost: 3,
      population: 150_000,
      sectorsHit: 1,
      assetsLostFast: 3,
    });
    expect(proposal.byFigure).toEqual({ assetsLost: 2, population: 4, sectorsHit: 1 });
    expect(proposal.level).toBe(4);
    expect(proposal.fast).toBe(true);
  });

  it("drops one level when most losses come after the speed window", () => {
    const slow = proposeConsequence(methodology, {
      assetsLost: 30,
      population: 0,
      sectorsHit: 2,
      assetsLostFast: 10,
    });
    expect(slow.byFigure.assetsLost).toBe(4);
    expect(slow.fast).toBe(false);
    expect(slow.level).toBe(3);
  });

  it("reads the figures from cascade totals", () => {
    const figures = cascadeFigures(methodology, {
      assets: 7,
      population: 12_000,
      bySector: { "energy-electricity": {}, "water-drinking": {} },
      timeline: [
        { hours: 0, assets: 1 },
        { hours: 6, assets: 4 },
        { hours: 12, assets: 7 },
      ],
    });
    expect(figures).toEqual({ assetsLost: 7, population: 12_000, sectorsHit: 2, assetsLostFast: 4 });
    expect(proposeConsequence(methodology, figures).level).toBe(3);
  });
});

describe("review dates", () => {
  it.each([
    ["2026-11-23", "overdue"],
    ["2026-11-24", "due-soon"],
    ["2026-12-24", "due-soon"],
    ["2026-12-25", "scheduled"],
  ] as const)("%s on 2026-11-24 is %s", (date, state) =>
    expect(reviewState(date, "2026-11-24", 30)).toBe(state),
  );

  it("counts days forward", () => expect(dateAfter("2026-11-24", 30)).toBe("2026-12-24"));
});
