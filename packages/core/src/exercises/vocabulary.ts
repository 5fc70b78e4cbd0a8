// The words of exercises as HSEEP (US Homeland Security Exercise and Evaluation Program, revised
// 2020) uses them: the seven exercise types, the four ratings of an exercise evaluation guide, who
// takes part as what, and the capabilities an objective may be tied to.

/** Discussion-based (seminar, workshop, tabletop, game), then operations-based (drill, functional, full-scale). */
export const EXERCISE_TYPES = [
  "seminar",
  "workshop",
  "tabletop",
  "game",
  "drill",
  "functional",
  "full-scale",
] as const;
export type ExerciseType = (typeof EXERCISE_TYPES)[number];

export const EXERCISE_STATUSES = ["planning", "running", "paused", "completed"] as const;
export type ExerciseStatus = (typeof EXERCISE_STATUSES)[number];

/** Players respond; controllers run the exercise and its clock; evaluators observe and rate. */
export const EXERCISE_ROLES = ["player", "controller", "evaluator"] as const;
export type ExerciseRole = (typeof EXERCISE_ROLES)[number];

/**
 * HSEEP's ratings of a capability target: P performed without challenges, S with some challenges,
 * M with major challenges, U unable to be performed. Listed best first.
 */
export const HSEEP_RATINGS = ["P", "S", "M", "U"] as const;
export type HseepRating = (typeof HSEEP_RATINGS)[number];

export const HSEEP_RATING_MEANINGS: Readonly<Record<HseepRating, string>> = {
  P: "Performed without challenges",
  S: "Performed with some challenges",
  M: "Performed with major challenges",
  U: "Unable to be performed",
};

/** The lowest of the ratings recorded (the most challenged), or null when none was. */
export const lowestRating = (ratings: readonly HseepRating[]): HseepRating | null =>
  ratings.reduce<HseepRating | null>(
    (worst, rating) =>
      worst === null || HSEEP_RATINGS.indexOf(rating) > HSEEP_RATINGS.indexOf(worst) ? rating : worst,
    null,
  );

/** How an inject reaches its recipients in the exercise's story. */
export const INJECT_CHANNELS = [
  "platform",
  "email",
  "phone",
  "radio",
  "cap-alert",
  "media",
  "in-person",
] as const;
export type InjectChannel = (typeof INJECT_CHANNELS)[number];

/**
 * The capabilities an objective may be tied to instead of a section of resolution 2341: the
 * workstreams of protection the resolution's preamble lists (DOMAIN.md).
 */
export const EXERCISE_CAPABILITIES = [
  "planning",
  "public-information-and-warning",
  "operational-coordination",
  "intelligence-and-information-sharing",
  "interdiction-and-disruption",
  "screening-search-and-detection",
  "access-control-and-identity-verification",
  "cybersecurity",
  "physical-protective-measures",
  "risk-management",
  "supply-chain-integrity",
] as const;
export type ExerciseCapability = (typeof EXERCISE_CAPABILITIES)[number];

/** The framework whose sections objectives name: resolution 2341 (content/frameworks/unsc-2341-v1.yaml). */
export const EXERCISE_FRAMEWORK = "unsc-2341";

/** What every exercise item, screen, document and message says, so nobody takes it for real. */
export const EXERCISE_MARK = "EXERCISE EXERCISE EXERCISE";
