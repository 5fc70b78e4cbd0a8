// Federation of aggregates (issue 20, item 6; ADR 0028): what a national installation sends a hub,
// and the anonymity rule both apply. Every cell says how many distinct organisations stand behind
// it; a cell behind fewer than k organisations is never built by the sender, and dropped by the hub
// (with its own k) if one arrives. Nothing names an organisation or carries one's answers.

/** The payload's format, signed with the rest: a hub refuses formats it does not know. */
export const FEDERATION_FORMAT = "bulwark.federation.aggregates/1";
/** The default k: organisations behind every cell (BULWARK_FEDERATION_K). */
export const FEDERATION_DEFAULT_K = 5;
/** k is never set below this. */
export const FEDERATION_MIN_K = 3;
/** How old (or how far ahead of the hub's clock) a payload may be, in milliseconds. */
export const FEDERATION_MAX_AGE_MS = 10 * 60 * 1000;
export const FEDERATION_MAX_SKEW_MS = 2 * 60 * 1000;

export interface NeedCell {
  readonly theme: string;
  /** Distinct organisations of the state that recorded these needs. */
  readonly organisations: number;
  readonly needs: number;
}

export interface SectionCell {
  readonly framework: string;
  readonly version: number;
  readonly section: string;
  readonly organisations: number;
  /** Mean section score, 0..1. */
  readonly mean: number;
}

export interface EngagementCell {
  readonly status: string;
  readonly organisations: number;
  readonly engagements: number;
}

export interface FederationPayload {
  readonly format: typeof FEDERATION_FORMAT;
  /** The hub's address as the national authority consented to it (binds the payload to that hub). */
  readonly hub: string;
  /** ISO 3166-1 alpha-2 country of the sending installation. */
  readonly country: string;
  /** A fresh random id: a hub accepts each once. */
  readonly nonce: string;
  readonly sentAt: string;
  /** The k the sender applied. */
  readonly k: number;
  readonly needs: readonly NeedCell[];
  readonly selfAssessment: readonly SectionCell[];
  readonly engagements: readonly EngagementCell[];
}

export interface SignedAggregates {
  readonly payload: FederationPayload;
  /** Ed25519 signature of canonicalJson(payload), base64url. */
  readonly signature: string;
}

/** The effective k: at least FEDERATION_MIN_K. */
export const federationK = (k: number | undefined): number =>
  Math.max(FEDERATION_MIN_K, Math.floor(k ?? FEDERATION_DEFAULT_K));

/** The cells that meet the rule (k organisations or more), and how many were dropped. */
export function applyAnonymityRule<Cell extends { readonly organisations: number }>(
  cells: readonly Cell[],
  k: number,
): { kept: Cell[]; dropped: number } {
  const threshold = federationK(k);
  const kept = cells.filter((cell) => cell.organisations >= threshold);
  return { kept, dropped: cells.length - kept.length };
}

/** Section means rounded to 4 decimals: the same number on both sides of the wire. */
export const roundMean = (mean: number): number => Math.round(mean * 10_000) / 10_000;

/**
 * Section means of the contributions (organisation -> section -> score, null when unanswered), one
 * cell per section behind at least k organisations.
 */
export function sectionCells(
  framework: string,
  version: number,
  sectionIds: readonly string[],
  contributions: readonly ReadonlyMap<string, number | null>[],
  k: number,
): SectionCell[] {
  const threshold = federationK(k);
  return sectionIds.flatMap((section) => {
    const scores = contributions
      .map((sections) => sections.get(section))
      .filter((score): score is number => typeof score === "number");
    if (scores.length < threshold) return [];
    const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
    return [{ framework, version, section, organisations: scores.length, mean: roundMean(mean) }];
  });
}
