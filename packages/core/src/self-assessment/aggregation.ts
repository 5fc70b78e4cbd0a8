// Anonymised comparison of self-assessment results across regions, for the bodies that support
// states. Only section means are published, per region and for all regions together, and a cell
// with fewer than `k` contributing organisations is suppressed: its mean and its count are withheld.
import type { Region } from "../vocabulary.ts";
import { regionOfCountry } from "./regions.ts";

/** At least this many organisations behind every published figure. */
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

function cellsOf(sectionIds: readonly string[], group: readonly Contribution[], k: number): AggregateCell[] {
  return sectionIds.map((sectionId): AggregateCell => {
    const scores = new Map<string, number>();
    for (const contribution of group) {
      const score = contribution.sections.get(sectionId);
      // One organisation counts once, even if it were given twice.
      if (score !== null && score !== undefined) scores.set(contribution.organisationId, score);
    }
    if (scores.size < k) return { sectionId, suppressed: true };
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
 * ("global"), each cell published only when at least `k` (never less than 3) organisations
 * contributed to it. The global cell is withheld too when the regional cells withheld for that
 * section hold between 1 and k - 1 organisations: otherwise subtracting the published regions
 * from the global mean would reveal them.
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
  const count = (group: readonly Contribution[]) => new Set(group.map((item) => item.organisationId)).size;
  const row = (region: AggregateRow, group: readonly Contribution[]): AggregateRegion => {
    const organisations = count(group);
    return {
      region,
      organisations: organisations >= threshold ? organisations : null,
      cells: cellsOf(sectionIds, group, threshold),
    };
  };
  const order: AggregateRow[] = ["africa", "americas", "asia", "europe", "oceania", "unassigned"];
  const regions = order.flatMap((region) => {
    const group = byRegion.get(region);
    return group ? [row(region, group)] : [];
  });
  const global = row("global", contributions);
  const withheld = (sectionId: string) =>
    order.reduce((sum, region) => {
      const group = byRegion.get(region) ?? [];
      const cell = cellsOf([sectionId], group, threshold)[0];
      return cell?.suppressed ? sum + answeredIn(sectionId, group) : sum;
    }, 0);
  const guarded: AggregateRegion = {
    ...global,
    cells: global.cells.map((cell): AggregateCell => {
      const hidden = withheld(cell.sectionId);
      return hidden > 0 && hidden < threshold ? { sectionId: cell.sectionId, suppressed: true } : cell;
    }),
  };
  return [guarded, ...regions];
}

/** Organisations with a score for this section in the group. */
function answeredIn(sectionId: string, group: readonly Contribution[]): number {
  return new Set(
    group
      .filter((item) => {
        const score = item.sections.get(sectionId);
        return score !== null && score !== undefined;
      })
      .map((item) => item.organisationId),
  ).size;
}
