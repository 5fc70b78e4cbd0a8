// Lessons of a closed incident (issue 18): the after-action review pre-fills a compendium
// case-study proposal, anonymised as its author chooses. Pure: the server hands in the incident's
// facts and the names to leave out; the proposal then goes through the compendium's review.

import type { Phase, Sector, ThreatFamily } from "../vocabulary.ts";

export interface Anonymisation {
  readonly omitOrganisationNames: boolean;
  readonly omitAssetNames: boolean;
  readonly omitDates: boolean;
}

export const ORGANISATION_PLACEHOLDER = "[an organisation]";
export const ASSET_PLACEHOLDER = "[an asset]";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `text` with each of `names` (longest first, whole words, any case) replaced by `placeholder`.
 * Names shorter than three characters are left alone: they would match inside ordinary words.
 */
export function withoutNames(text: string, names: readonly string[], placeholder: string): string {
  const usable = [...new Set(names.map((name) => name.trim()).filter((name) => name.length >= 3))].sort(
    (a, b) => b.length - a.length,
  );
  if (usable.length === 0) return text;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${usable.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`,
    "giu",
  );
  return text.replace(pattern, placeholder);
}

export interface CaseStudyFacts {
  readonly title: string;
  readonly type: string;
  readonly threatFamily: ThreatFamily | null;
  readonly startedAt: string;
  readonly closedAt: string | null;
  readonly sectors: readonly Sector[];
  readonly assetsAffected: number;
  readonly peopleAffected: number | null;
  readonly wentWell: string;
  readonly toImprove: string;
  readonly actions: readonly string[];
  readonly organisationNames: readonly string[];
  /** Asset names and references. */
  readonly assetNames: readonly string[];
  readonly country: string | null;
  /** Who wrote the review (left out with organisation names). */
  readonly authorOrganisation: string;
}

export interface CaseStudyDraft {
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly phases: readonly Phase[];
  readonly sectors: readonly Sector[];
  readonly threats: readonly ThreatFamily[];
  readonly countries: readonly string[];
  readonly citation: string;
}

const hoursBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 3_600_000));

/** The case study the review pre-fills, with names and dates left out as chosen. */
export function caseStudyDraft(facts: CaseStudyFacts, choice: Anonymisation): CaseStudyDraft {
  const clean = (text: string) => {
    let out = text;
    if (choice.omitOrganisationNames)
      out = withoutNames(out, facts.organisationNames, ORGANISATION_PLACEHOLDER);
    if (choice.omitAssetNames) out = withoutNames(out, facts.assetNames, ASSET_PLACEHOLDER);
    return out;
  };
  const kind = facts.type.replace(/-/g, " ");
  const duration = facts.closedAt ? hoursBetween(facts.startedAt, facts.closedAt) : null;
  const when = choice.omitDates
    ? duration === null
      ? ""
      : `The incident lasted about ${duration} hours from its start to its closing.`
    : `The incident began at ${facts.startedAt}${facts.closedAt ? ` and was closed at ${facts.closedAt}` : ""}.`;
  const scale = [
    `${facts.assetsAffected} asset(s) were reported down or degraded`,
    facts.peopleAffected === null ? null : `about ${facts.peopleAffected} people were affected`,
  ]
    .filter((part): part is string => part !== null)
    .join("; ");
  const title = clean(`Case study: ${facts.title}`).slice(0, 300);
  const summary = clean(
    `After-action review of a ${kind} incident${facts.sectors.length > 0 ? ` in the ${facts.sectors.join(", ")} sector(s)` : ""}: what went well and what to improve.`,
  ).slice(0, 2000);
  const body = [
    "## The incident",
    "",
    [when, `${scale}.`].filter(Boolean).join(" "),
    "",
    "## What went well",
    "",
    clean(facts.wentWell),
    "",
    "## What to improve",
    "",
    clean(facts.toImprove),
    ...(facts.actions.length > 0
      ? ["", "## Follow-up actions", "", ...facts.actions.map((a) => `- ${clean(a)}`)]
      : []),
  ].join("\n");
  const by = choice.omitOrganisationNames ? "the organisation that led the review" : facts.authorOrganisation;
  return {
    title: title.length >= 3 ? title : "Case study",
    summary,
    body,
    phases: ["response", "recovery"],
    sectors: [...new Set(facts.sectors)],
    threats: facts.threatFamily ? [facts.threatFamily] : [],
    countries: facts.country ? [facts.country] : [],
    citation: `After-action review of an incident, written in Bulwark by ${by}${choice.omitDates ? "" : `, ${(facts.closedAt ?? facts.startedAt).slice(0, 4)}`}.`,
  };
}
