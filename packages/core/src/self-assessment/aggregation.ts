// Anonymised comparison of self-assessment results across regions, for the bodies that support
// states. Only section means are published, per region and for all regions together, and a cell
// with fewer than `k` contributing organisations, or organisations of fewer than `k` countries, is
// suppressed: its mean and its count are withheld. So no figure is ever one state's.
import type { Region } from "../vocabulary.ts";
import { regionOfCountry } from "./regions.ts";

/** At least this many organisations, of as many countries, behind every published figure. */
export const MIN_CONTRIBUTORS = 3;

export interface Contribution {
  readonly organisationId: string;
  readonly country: string;
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

/** The organisations with a score for this section in the group (each once), and their countries. */
function contributorsOf(sectionId: string, group: readonly Contribution[]) {
  const scores = new Map<string, number>();
  const countries = new Set<string>();
  for (const contribution of group) {
    const score = contribution.sections.get(sectionId);
    if (score === null || score === undefined) continue;
    scores.set(contribution.organisationId, score);
    countries.add(contribution.country.toUpperCase());
  }
  return { scores, countries };
}

const enough = (organisations: number, countries: number, k: number) => organisations >= k && countries >= k;

function cellsOf(sectionIds: readonly string[], group: readonly Contribution[], k: number): AggregateCell[] {
  return sectionIds.map((sectionId): AggregateCell => {
    const { scores, countries } = contributorsOf(sectionId, group);
    if (!enough(scores.size, countries.size, k)) return { sectionId, suppressed: true };
    const values = [...scores.values()];
    return {
      sectionId,
      suppressed: false,
      organisations: scores.size,
      mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    };
  });
}

/**
 * Section means per M49 region (countries without one under "unassigned") and over all regions
 * ("global"), each cell published only when at least `k` (never less than 3) organisations of
 * at least `k` countries contributed to it. The global cell is withheld too when the regional
 * cells withheld for that section hold some organisations but fewer than `k`, or of fewer than
 * `k` countries: otherwise subtracting the published regions from the global mean would reveal them.
 */
export function aggregateByRegion(
  sectionIds: readonly string[],
  contributions: readonly Contribution[],
  k = MIN_CONTRIBUTORS,
): AggregateRegion[] {
  const threshold = Math.max(k, MIN_CONTRIBUTORS);
  const byRegion = new Map<AggregateRow, Contribution[]>();
  for (const contribution of contributions) {
    const region = regionOfCountry(contribution.country) ?? "unassigned";
    byRegion.set(region, [...(byRegion.get(region) ?? []), contribution]);
  }
  const row = (region: AggregateRow, group: readonly Contribution[]): AggregateRegion => {
    const organisations = new Set(group.map((item) => item.organisationId)).size;
    const countries = new Set(group.map((item) => item.country.toUpperCase())).size;
    return {
      region,
      organisations: enough(organisations, countries, threshold) ? organisations : null,
      cells: cellsOf(sectionIds, group, threshold),
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
      return cellsOf([sectionId], group, threshold)[0]?.suppressed ? group : [];
    });
    return contributorsOf(sectionId, hidden);
  };
  const guarded: AggregateRegion = {
    ...global,
    cells: global.cells.map((cell): AggregateCell => {
      const hidden = withheld(cell.sectionId);
      return hidden.scores.size > 0 && !enough(hidden.scores.size, hidden.countries.size, threshold)
        ? { sectionId: cell.sectionId, suppressed: true }
        : cell;
    }),
  };
  return [guarded, ...regions];
}
