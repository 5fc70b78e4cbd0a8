// Matching needs and offers: a score from 0 to 100 with its reasons, one per criterion, so that a
// person sees why a suggestion ranks where it does. The theme must match (an offer on another
// theme is no answer); the other criteria add to the score. Weights are the product's choice, not
// a published method: theme 40, modality 20, region 15, language 15, timing 10.
import type { Language, Region, Theme } from "../vocabulary.ts";
import type { AssistanceModality, NeedUrgency } from "./assistance.ts";

export const MATCH_CRITERIA = ["theme", "modality", "region", "language", "timing"] as const;
export type MatchCriterion = (typeof MATCH_CRITERIA)[number];

export const MATCH_WEIGHTS: Readonly<Record<MatchCriterion, number>> = {
  theme: 40,
  modality: 20,
  region: 15,
  language: 15,
  timing: 10,
};

export interface NeedProfile {
  readonly id: string;
  readonly theme: Theme;
  readonly modality: AssistanceModality;
  /** Languages the help may be given in; empty: any. */
  readonly languages: readonly Language[];
  /** The M49 region of the state's country; null for codes that have none. */
  readonly region: Exclude<Region, "global"> | null;
  /** ISO date by which the help is needed, or null. */
  readonly neededBy: string | null;
  readonly urgency: NeedUrgency;
}

export interface OfferProfile {
  readonly id: string;
  readonly themes: readonly Theme[];
  readonly modalities: readonly AssistanceModality[];
  /** Where it is offered ("global": everywhere). */
  readonly regions: readonly Region[];
  readonly languages: readonly Language[];
  /** ISO dates of the window it is offered in; null: open-ended. */
  readonly availableFrom: string | null;
  readonly availableUntil: string | null;
  /** Engagements it can still take (capacity less those under way); null: not limited. */
  readonly remainingCapacity: number | null;
}

export interface MatchReason {
  readonly criterion: MatchCriterion;
  readonly met: boolean;
  readonly points: number;
  /** The values that met it (shared languages, the region, the theme...). */
  readonly values: readonly string[];
}

export interface Match {
  readonly needId: string;
  readonly offerId: string;
  readonly score: number;
  readonly reasons: readonly MatchReason[];
}

const reason = (criterion: MatchCriterion, met: boolean, values: readonly string[] = []): MatchReason => ({
  criterion,
  met,
  points: met ? MATCH_WEIGHTS[criterion] : 0,
  values,
});

/**
 * The match of one need with one offer on `today` (an ISO date), or null when the offer cannot
 * answer it at all: another theme, no capacity left, or a window that ended before today.
 */
export function scoreMatch(need: NeedProfile, offer: OfferProfile, today: string): Match | null {
  if (!offer.themes.includes(need.theme)) return null;
  if (offer.remainingCapacity !== null && offer.remainingCapacity <= 0) return null;
  if (offer.availableUntil !== null && offer.availableUntil < today) return null;
  const sharedLanguages =
    need.languages.length === 0
      ? [...offer.languages]
      : need.languages.filter((l) => offer.languages.includes(l));
  const region = offer.regions.includes("global")
    ? "global"
    : need.region !== null && offer.regions.includes(need.region)
      ? need.region
      : null;
  // Timing: the offer's window opens before the need's date (or either is open-ended).
  const timely =
    need.neededBy === null || offer.availableFrom === null || offer.availableFrom <= need.neededBy;
  const reasons = [
    reason("theme", true, [need.theme]),
    reason("modality", offer.modalities.includes(need.modality), [need.modality]),
    reason("region", region !== null, region === null ? [] : [region]),
    reason("language", sharedLanguages.length > 0, sharedLanguages),
    reason(
      "timing",
      timely,
      [offer.availableFrom ?? "", need.neededBy ?? ""].filter((v) => v !== ""),
    ),
  ];
  return {
    needId: need.id,
    offerId: offer.id,
    score: reasons.reduce((sum, r) => sum + r.points, 0),
    reasons,
  };
}

const URGENCY_RANK: Readonly<Record<NeedUrgency, number>> = { high: 0, medium: 1, low: 2 };

/** The offers that answer a need, best first (ties: the offer's id, for a stable order). */
export function rankOffers(need: NeedProfile, offers: readonly OfferProfile[], today: string): Match[] {
  return offers
    .flatMap((offer) => scoreMatch(need, offer, today) ?? [])
    .sort((a, b) => b.score - a.score || a.offerId.localeCompare(b.offerId));
}

/** The needs an offer answers, best first; ties go to the more urgent, then the sooner needed. */
export function rankNeeds(offer: OfferProfile, needs: readonly NeedProfile[], today: string): Match[] {
  const byId = new Map(needs.map((need) => [need.id, need]));
  const order = (match: Match) => {
    const need = byId.get(match.needId);
    return { urgency: need ? URGENCY_RANK[need.urgency] : 3, by: need?.neededBy ?? "9999-12-31" };
  };
  return needs
    .flatMap((need) => scoreMatch(need, offer, today) ?? [])
    .sort((a, b) => {
      const x = order(a);
      const y = order(b);
      return (
        b.score - a.score ||
        x.urgency - y.urgency ||
        x.by.localeCompare(y.by) ||
        a.needId.localeCompare(b.needId)
      );
    });
}
