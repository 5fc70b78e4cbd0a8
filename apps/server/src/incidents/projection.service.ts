// What an incident's assets down bring down next (the projection) and how service comes back (the
// recovery), computed by the cascade engine of @bulwark/core on the part of the registry the reader
// may see: the graph of /api/analysis/cascade, from the same cache. An asset the reader may not see
// is not in that graph, so it neither starts a cascade nor is named or counted (as in the analysis).
import type { IncidentProjection, IncidentRecovery } from "@bulwark/contracts";
import {
  type Actor,
  assetPolicy,
  type CascadeResult,
  cascade,
  downAt,
  recoveryAgainstTargets,
} from "@bulwark/core";
import { getAssets, incidentAssetHistory } from "@bulwark/db";
import { type Analysed, type AnalysisCache, cascadeReport } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { incidentViewerOf, seenIncident, statusChanges } from "./incidents.service.ts";

const HOUR_MS = 3_600_000;

/** The incident's status changes of the assets in the reader's graph, after checking they may see it. */
async function readable(context: ServerContext, cache: AnalysisCache, caller: Actor, id: string) {
  // The graph and the history are read while the incident is checked (three round trips instead of
  // five, bench/incident-projection.ts); neither is looked at unless the reader may see it.
  const graph = cache.graphFor(context, caller);
  const history = incidentAssetHistory(context.db, id);
  try {
    await seenIncident(context, await incidentViewerOf(context, caller), id);
  } catch (error) {
    await Promise.allSettled([graph, history]);
    throw error;
  }
  const [entry, rows] = await Promise.all([graph, history]);
  const changes = statusChanges(rows).filter((change) => entry.graph.indexOf.has(change.assetId));
  return { entry, changes };
}

/** A cascade from assets down since given moments, hours counted from `from` (ms). */
export function cascadeFrom(entry: Analysed, down: ReadonlyMap<string, number>, from: number): CascadeResult {
  const seeds: number[] = [];
  const starts: number[] = [];
  for (const [assetId, since] of down) {
    const index = entry.graph.indexOf.get(assetId);
    if (index === undefined) continue;
    seeds.push(index);
    starts.push((since - from) / HOUR_MS);
  }
  return cascade(entry.graph, seeds, undefined, starts);
}

/** The first failures of a result, up to `hours` (results are in time order). */
function upTo(result: CascadeResult, hours: number): CascadeResult {
  let n = 0;
  while (n < result.hours.length && (result.hours[n] ?? 0) <= hours) n++;
  return {
    order: result.order.subarray(0, n),
    hours: result.hours.subarray(0, n),
    cause: result.cause.subarray(0, n),
  };
}

export async function incidentProjection(
  context: ServerContext,
  cache: AnalysisCache,
  caller: Actor,
  id: string,
  hours: number,
): Promise<IncidentProjection> {
  const { entry, changes } = await readable(context, cache, caller, id);
  return projection(entry, changes, hours);
}

/** The projection of these status changes on the graph, up to `hours` after the earliest down time. */
export function projection(
  entry: Analysed,
  changes: ReturnType<typeof statusChanges>,
  hours: number,
): IncidentProjection {
  const down = downAt(changes);
  const from = down.size > 0 ? Math.min(...down.values()) : null;
  const report = cascadeReport(
    entry,
    from === null ? cascade(entry.graph, []) : upTo(cascadeFrom(entry, down, from), hours),
  );
  return {
    from: from === null ? null : new Date(from).toISOString(),
    hours,
    failed: report.failed,
    totals: {
      assets: report.totals.assets,
      population: report.totals.population,
      bySector: report.totals.bySector,
    },
    timeline: report.totals.timeline,
    scope: report.scope,
  };
}

const populationOf = (entry: Analysed, result: CascadeResult): number => {
  let total = 0;
  for (const index of result.order) total += entry.graph.population[index] ?? 0;
  return total;
};

export async function incidentRecovery(
  context: ServerContext,
  cache: AnalysisCache,
  caller: Actor,
  id: string,
): Promise<IncidentRecovery> {
  const { entry, changes } = await readable(context, cache, caller, id);
  const times = [...new Set(changes.map((change) => change.at))].sort((a, b) => a - b);
  // At each change, the assets down then and everything their cascade has brought down by then;
  // between changes, each further failure the cascade projects.
  const points = new Map<number, { assetsDown: number; populationWithoutService: number }>();
  for (const [i, time] of times.entries()) {
    const until = times[i + 1] ?? Number.POSITIVE_INFINITY;
    const down = downAt(changes, time);
    let assets = 0;
    let population = 0;
    let atTime = { assetsDown: 0, populationWithoutService: 0 };
    if (down.size > 0) {
      const earliest = Math.min(...down.values());
      const result = cascadeFrom(entry, down, earliest);
      for (let k = 0; k < result.order.length; k++) {
        const absolute = Math.round(earliest + (result.hours[k] ?? 0) * HOUR_MS);
        if (absolute >= until) break;
        assets += 1;
        population += entry.graph.population[result.order[k] ?? 0] ?? 0;
        const point = { assetsDown: assets, populationWithoutService: population };
        if (absolute > time) points.set(absolute, point);
        else atTime = point;
      }
    }
    points.set(time, atTime);
  }
  const curve = [...points]
    .sort((a, b) => a[0] - b[0])
    .map(([at, point]) => ({ at: new Date(at).toISOString(), ...point }));
  // Which asset still down, restored alone now, brings back the most (with what it keeps down).
  const down = downAt(changes);
  const priorities: IncidentRecovery["priorities"] = [];
  if (down.size > 0) {
    const earliest = Math.min(...down.values());
    const all = cascadeFrom(entry, down, earliest);
    const allPopulation = populationOf(entry, all);
    for (const assetId of down.keys()) {
      const rest = new Map(down);
      rest.delete(assetId);
      const without = cascadeFrom(entry, rest, earliest);
      priorities.push({
        assetId,
        assets: all.order.length - without.order.length,
        population: allPopulation - populationOf(entry, without),
      });
    }
    priorities.sort(
      (a, b) => b.population - a.population || b.assets - a.assets || a.assetId.localeCompare(b.assetId),
    );
  }
  return { curve, priorities, targets: await recoveryTargets(context, caller, id) };
}

/**
 * Each affected asset the reader may see (their asset read scope, as the incident page lists them):
 * its registry target against the time taken to restore it, still-out assets measured to now.
 */
export async function recoveryTargets(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<IncidentRecovery["targets"]> {
  const history = statusChanges(await incidentAssetHistory(context.db, id));
  const assets = await getAssets(
    context.db,
    assetPolicy.readScope(caller),
    history.map((change) => change.assetId),
  );
  const targets = new Map(assets.map((asset) => [asset.id, asset.recoveryTargetHours]));
  return recoveryAgainstTargets(history, targets, context.clock().getTime()).map((result) => ({
    ...result,
    outOfServiceAt: new Date(result.outOfServiceAt).toISOString(),
    restoredAt: result.restoredAt === null ? null : new Date(result.restoredAt).toISOString(),
  }));
}
