// The risk methodology as data, and the pure functions that apply it: score (likelihood x
// vulnerability x consequence, 1-125), where a rating sits on the 5x5 matrix, its band, whether it
// is above the organisation's appetite, the residual rating after planned measures, and the
// consequence level proposed from a cascade's figures. Every threshold comes from the methodology
// (content/risk/methodology.yaml by default, or an organisation's own), never from code.

/** One level of a 1-5 scale, with what it means in words an assessor can apply. */
export interface ScaleLevel {
  readonly level: number;
  readonly label: string;
  readonly description: string;
}

export interface Scale {
  readonly label: string;
  readonly description: string;
  /** Exactly five levels, 1 to 5 in order. */
  readonly levels: readonly ScaleLevel[];
}

export interface RiskBand {
  readonly id: string;
  readonly label: string;
  /** A CSS colour for the matrix and badges. */
  readonly colour: string;
  /** What an organisation does with a risk in this band. */
  readonly action: string;
}

/** Minimum figures reaching consequence levels 2, 3, 4 and 5 (below the first: level 1). */
export type Thresholds = readonly [number, number, number, number];

export interface ConsequenceRule {
  readonly description: string;
  readonly assetsLost: Thresholds;
  readonly population: Thresholds;
  readonly sectorsHit: Thresholds;
  /**
   * How fast: when fewer than half of the assets lost have failed within `hours` of the attack,
   * there is time to respond (buffers hold), and the proposed level drops by one.
   */
  readonly speed: { readonly hours: number; readonly description: string };
}

export interface Methodology {
  readonly name: string;
  /** Where the method comes from, in our own words. */
  readonly basis: string;
  readonly scales: { readonly likelihood: Scale; readonly vulnerability: Scale; readonly consequence: Scale };
  readonly formula: { readonly id: "product"; readonly description: string };
  /** Rows: likelihood 1-5; columns: vulnerability 1-5; value: the matrix column (1-5). */
  readonly exposure: readonly (readonly number[])[];
  /** Lowest to highest. */
  readonly bands: readonly RiskBand[];
  /** Rows: consequence 1-5; columns: exposure 1-5; value: a band id. */
  readonly matrix: readonly (readonly string[])[];
  /** The highest band the organisation accepts without treatment. */
  readonly appetite: { readonly band: string; readonly description: string };
  readonly consequence: ConsequenceRule;
  /** Reviews falling due within this many days count as "due soon". */
  readonly review: { readonly dueSoonDays: number };
}

export const RATING_DIMENSIONS = ["likelihood", "vulnerability", "consequence"] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];

export interface Ratings {
  readonly likelihood: number;
  readonly vulnerability: number;
  readonly consequence: number;
}

export const SCORE_MIN = 1;
export const SCORE_MAX = 125;

const level = (value: number) => Math.min(5, Math.max(1, Math.round(value)));

/** Risk = likelihood x vulnerability x consequence (1-125). */
export const riskScore = (ratings: Ratings): number =>
  level(ratings.likelihood) * level(ratings.vulnerability) * level(ratings.consequence);

/** The matrix cell of a rating: column = exposure (from likelihood and vulnerability), row = consequence. */
export function matrixCell(
  methodology: Methodology,
  ratings: Ratings,
): { exposure: number; consequence: number } {
  const exposure =
    methodology.exposure[level(ratings.likelihood) - 1]?.[level(ratings.vulnerability) - 1] ?? 1;
  return { exposure: level(exposure), consequence: level(ratings.consequence) };
}

/** The band of a matrix cell. */
export function bandAt(methodology: Methodology, exposure: number, consequence: number): RiskBand {
  const id = methodology.matrix[level(consequence) - 1]?.[level(exposure) - 1];
  const band = methodology.bands.find((candidate) => candidate.id === id) ?? methodology.bands[0];
  if (!band) throw new Error("The methodology has no bands.");
  return band;
}

export function riskBand(methodology: Methodology, ratings: Ratings): RiskBand {
  const cell = matrixCell(methodology, ratings);
  return bandAt(methodology, cell.exposure, cell.consequence);
}

const rankOf = (methodology: Methodology, bandId: string) =>
  methodology.bands.findIndex((band) => band.id === bandId);

/** Whether a band lies beyond the organisation's appetite (needs treatment). */
export const bandAboveAppetite = (methodology: Methodology, bandId: string): boolean =>
  rankOf(methodology, bandId) > rankOf(methodology, methodology.appetite.band);

export const aboveAppetite = (methodology: Methodology, ratings: Ratings): boolean =>
  bandAboveAppetite(methodology, riskBand(methodology, ratings).id);

/** A protective measure as far as the arithmetic is concerned. */
export interface MeasureEffect {
  /** existing: already in place, so already reflected in the current ratings; planned: to come. */
  readonly kind: "existing" | "planned";
  readonly status: "planned" | "in-progress" | "done" | "cancelled";
  /** Levels the measure removes from each rating once in place. */
  readonly effect: Ratings;
}

/**
 * The rating once the planned measures are in place: each removes its effect (levels) from the
 * current rating, never below 1. Existing measures are already part of the current rating, and a
 * cancelled measure removes nothing.
 */
export function residualRatings(ratings: Ratings, measures: readonly MeasureEffect[]): Ratings {
  const counted = measures.filter((measure) => measure.kind === "planned" && measure.status !== "cancelled");
  const after = (dimension: RatingDimension) =>
    level(ratings[dimension] - counted.reduce((sum, measure) => sum + measure.effect[dimension], 0));
  return {
    likelihood: after("likelihood"),
    vulnerability: after("vulnerability"),
    consequence: after("consequence"),
  };
}

/** What the cascade engine says the loss of the assessed assets leads to. */
export interface CascadeFigures {
  /** Assets failed, the attacked ones included. */
  readonly assetsLost: number;
  readonly population: number;
  /** Sectors with at least one asset failed. */
  readonly sectorsHit: number;
  /** Assets failed within the methodology's speed window (`consequence.speed.hours`). */
  readonly assetsLostFast: number;
}

export interface ConsequenceProposal {
  readonly level: number;
  /** The level each figure reaches on its own. */
  readonly byFigure: {
    readonly assetsLost: number;
    readonly population: number;
    readonly sectorsHit: number;
  };
  /** Whether at least half of the losses come within the speed window. */
  readonly fast: boolean;
}

/** The level (1-5) a figure reaches: 1 below the first threshold, 5 at or above the last. */
export function thresholdLevel(value: number, thresholds: Thresholds): number {
  let reached = 1;
  for (const [index, minimum] of thresholds.entries()) if (value >= minimum) reached = index + 2;
  return reached;
}

/**
 * The consequence level proposed from a cascade: the highest level any figure reaches, one lower
 * when the losses come slowly enough to respond.
 */
export function proposeConsequence(methodology: Methodology, figures: CascadeFigures): ConsequenceProposal {
  const rule = methodology.consequence;
  const byFigure = {
    assetsLost: thresholdLevel(figures.assetsLost, rule.assetsLost),
    population: thresholdLevel(figures.population, rule.population),
    sectorsHit: thresholdLevel(figures.sectorsHit, rule.sectorsHit),
  };
  const highest = Math.max(byFigure.assetsLost, byFigure.population, byFigure.sectorsHit);
  const fast = figures.assetsLost === 0 || figures.assetsLostFast * 2 >= figures.assetsLost;
  return { level: fast ? highest : Math.max(1, highest - 1), byFigure, fast };
}

/** The figures proposeConsequence reads, from a cascade's totals. */
export function cascadeFigures(
  methodology: Methodology,
  totals: {
    readonly assets: number;
    readonly population: number;
    readonly bySector: Readonly<Record<string, unknown>>;
    readonly timeline: readonly { readonly hours: number; readonly assets: number }[];
  },
): CascadeFigures {
  let assetsLostFast = 0;
  for (const point of totals.timeline)
    if (point.hours <= methodology.consequence.speed.hours) assetsLostFast = point.assets;
  return {
    assetsLost: totals.assets,
    population: totals.population,
    sectorsHit: Object.keys(totals.bySector).length,
    assetsLostFast,
  };
}

export type ReviewState = "overdue" | "due-soon" | "scheduled";

/** Where a review date (YYYY-MM-DD) stands on `today` (YYYY-MM-DD), given the due-soon window. */
export function reviewState(reviewDate: string, today: string, dueSoonDays: number): ReviewState {
  if (reviewDate < today) return "overdue";
  const days = (Date.parse(`${reviewDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= dueSoonDays ? "due-soon" : "scheduled";
}

/** The date `days` after `today` (both YYYY-MM-DD), for SQL filters. */
export function dateAfter(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
