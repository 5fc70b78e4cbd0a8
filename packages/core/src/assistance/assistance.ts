// Technical assistance and capacity building (issue 20): the words a need, an offer and an
// engagement are made of. Resolution 2341 (paragraphs 9 and 11) asks states able to do so to give
// capacity building, training and technical assistance, and the Counter-Terrorism Committee with
// CTED and the Global Compact to facilitate it; a state decides what it shares about its own gaps.
import type { OrganisationKind } from "../vocabulary.ts";

/** How help is given. */
export const ASSISTANCE_MODALITIES = [
  "training",
  "workshop",
  "expert-mission",
  "equipment",
  "legislative-drafting",
  "exercise-support",
] as const;
export type AssistanceModality = (typeof ASSISTANCE_MODALITIES)[number];

/** How soon the state needs the help. */
export const NEED_URGENCIES = ["low", "medium", "high"] as const;
export type NeedUrgency = (typeof NEED_URGENCIES)[number];

/** open: looking for help; engaged: an engagement began; closed: met or dropped by the state. */
export const NEED_STATUSES = ["open", "engaged", "closed"] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** open: takes new engagements; closed: no longer offered. */
export const OFFER_STATUSES = ["open", "closed"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * proposed: a provider expressed interest; active: the state accepted and the work is under way;
 * completed: done; declined: the state said no; withdrawn: the provider stepped back.
 */
export const ENGAGEMENT_STATUSES = ["proposed", "active", "completed", "declined", "withdrawn"] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];
export const CLOSED_ENGAGEMENT_STATUSES: readonly EngagementStatus[] = ["completed", "declined", "withdrawn"];

/**
 * Organisations that provide assistance: international and regional organisations, donor states
 * (through their national authority), academia, operators' associations (sector ISACs) and civil
 * society.
 */
export const PROVIDER_KINDS: readonly OrganisationKind[] = [
  "international-organisation",
  "national-authority",
  "academia",
  "sector-isac",
  "civil-society",
];

/** Organisations that record a state's needs: every kind but the international organisations. */
export const isStateOrganisation = (kind: OrganisationKind | undefined): boolean =>
  kind !== undefined && kind !== "international-organisation";
export const isProvider = (kind: OrganisationKind | undefined): boolean =>
  kind !== undefined && PROVIDER_KINDS.includes(kind);

/** A step of an engagement, done when it has a date of completion. */
export interface Milestone {
  readonly title: string;
  readonly dueOn: string | null;
  readonly doneOn: string | null;
}
