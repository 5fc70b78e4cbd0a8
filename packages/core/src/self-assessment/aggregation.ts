// Anonymised comparison of self-assessment results across regions, for the bodies that support
// states. Only section means are published, per region and for all regions together, and a cell
// with fewer than `k` contributing organisations, or organisations of fewer than `k` countries, is
// suppressed: its mean and its count are withheld. So no figure is ever one state's.
//
// The rule must hold against organisations made for the purpose (sybils) and against a reader who
// knows some of the scores. So (ADR 0013):
// - only organisations a platform administrator verified count as contributors at all;
// - the rule is applied to the contributors other than the reader's own organisation (the reader
//   knows their own score and could subtract it);
// - and it must still hold after any one of those contributors is removed: a figure that one
//   contributor's exact score could be read from (when the reader knows or controls all but one)
//   is withheld. In effect a figure rests on at least k + 1 organisations other than the reader's,
//   and no single one of them is the only one of a country the rule counts on.
import type { Region } from "../vocabulary.ts";
import { regionOfCountry } from "./regions.ts";

/** At least this many organisations, of as many countries, behind every published figure. */
export const MIN_CONTRIBUTORS = 3;

export interface Contribution {
  readonly organisationId: string;
  readonly country: string;
  /** Vouched for by a platform administrator; unverified organisations never count. */
  readonly verified: boolean;
  /** Section id -> score 0..1 (null or absent when the section was not answered). */
  readonly sections: ReadonlyMap<string, number | null>;
}

export type AggregateRow = Region | "unassigned";

export type AggregateCell =
  | {
      readonly sectionId: string;
      readonly suppressed: false;
      readonly organisations: number;
      readonly mean: number;
    }
  | { readonly sectionId: string; readonly suppressed: true };

export interface AggregateRegion {
  readonly region: AggregateRow;
  /** Contributing organisations in this region, withheld (null) under the threshold. */
  readonly organisations: number | null;
  readonly cells: readonly AggregateCell[];
}

/** The organisations with a score for this section in the group (each once) and their countries. */
function contributorsOf(sectionId: string, group: readonly Contribution[]) {
  const scores = new Map<string, number>();
  const countryOf = new Map<string, string>();
  for (const contribution of group) {
    const score = contribution.sections.get(sectionId);
    if (score === null || score === undefined) continue;
    scores.set(contribution.organisationId, score);
    countryOf.set(contribution.organisationId, contribution.country.toUpperCase());
  }
  return { scores, countryOf };
}

/**
 * The k rule (k organisations of k countries) over the organisations other than the reader's,
 * and again with any one of them left out.
 */
function enough(countryOf: ReadonlyMap<string, string>, k: number, reader: string | null): boolean {
  const others = [...countryOf].filter(([organisationId]) => organisationId !== reader);
  if (others.length < k + 1) return false;
  const perCountry = new Map<string, number>();
  for (const [, country] of others) perCountry.set(country, (perCountry.get(country) ?? 0) + 1);
  // Leaving out an organisation that is alone in its country also loses that country.
  const alone = [...perCountry.values()].some((count) => count === 1);
  return perCountry.size - (alone ? 1 : 0) >= k;
}

function cellsOf(
  sectionIds: readonly string[],
  group: readonly Contribution[],
  k: number,
  reader: string | null,
): AggregateCell[] {
  return sectionIds.map((sectionId): AggregateCell => {
    const { scores, countryOf } = contributorsOf(sectionId, group);
    if (!enough(countryOf, k, reader)) return { sectionId, suppressed: true };
    const values = [...scores.values()];
    return {
      sectionId,
      suppressed: false,
      organisations: scores.size,
      mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    };
  });
}

export interface AggregateOptions {
  /** Organisations and countries behind every figure (never less than 3). */
  readonly k?: number;
  /** The reader's own organisation: it never counts towards the rule (its score is known to them). */
  readonly readerOrganisationId?: string | null;
}

/**
 * Section means per M49 region (countries without one under "unassigned") and over all regions
 * ("global") of the verified contributions, each cell published only when the k rule holds for
 * its contributors other than the reader's organisation, even with any one of them left out. The
 * global cell is withheld too when the regional cells withheld for that section hold some such
 * organisations but not enough by the same rule: otherwise subtracting the published regions from
 * the global mean would reveal them.
 */
export function aggregateByRegion(
  sectionIds: readonly string[],
  all: readonly Contribution[],
  options: AggregateOptions = {},
): AggregateRegion[] {
  const threshold = Math.max(options.k ?? MIN_CONTRIBUTORS, MIN_CONTRIBUTORS);
  const reader = options.readerOrganisationId ?? null;
  const contributions = all.filter((contribution) => contribution.verified);
  const byRegion = new Map<AggregateRow, Contribution[]>();
  for (const contribution of contributions) {
    const region = regionOfCountry(contribution.country) ?? "unassigned";
    byRegion.set(region, [...(byRegion.get(region) ?? []), contribution]);
  }
  const row = (region: AggregateRow, group: readonly Contribution[]): AggregateRegion => {
    const countryOf = new Map(group.map((item) => [item.organisationId, item.country.toUpperCase()]));
    return {
      region,
      organisations: enough(countryOf, threshold, reader) ? countryOf.size : null,
      cells: cellsOf(sectionIds, group, threshold, reader),
    };
  };
  const order: AggregateRow[] = ["africa", "americas", "asia", "europe", "oceania", "unassigned"];
  const regions = order.flatMap((region) => {
    const group = byRegion.get(region);
    return group ? [row(region, group)] : [];
  });
  const global = row("global", contributions);
  // What the suppressed regional cells of a section hold, together.
  const withheld = (sectionId: string) => {
    const hidden = order.flatMap((region) => {
      const group = byRegion.get(region) ?? [];
      return cellsOf([sectionId], group, threshold, reader)[0]?.suppressed ? group : [];
    });
    return contributorsOf(sectionId, hidden);
  };
  const guarded: AggregateRegion = {
    ...global,
    cells: global.cells.map((cell): AggregateCell => {
      const hidden = withheld(cell.sectionId).countryOf;
      const unknown = [...hidden.keys()].some((organisationId) => organisationId !== reader);
      return unknown && !enough(hidden, threshold, reader)
        ? { sectionId: cell.sectionId, suppressed: true }
        : cell;
    }),
  };
  return [guarded, ...regions];
}
