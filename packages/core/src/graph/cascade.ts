// Cascade: from the assets attacked, every asset that fails, when, and why. An asset fails when,
// for any service it depends on, fewer than k of its suppliers still work; it fails buffer hours
// after that moment. A group of n suppliers with rule k drops below k at the (n - k + 1)-th
// failure among them, so an event-driven sweep in time order (Dijkstra-like) is exact.
import type { DependencyGraph } from "./build.ts";
import { EventHeap } from "./heap.ts";

export const ATTACKED = -1;

export interface CascadeResult {
  /** Failed assets in the order they fail (time, then index). */
  readonly order: Int32Array;
  /** Hours after the attack at which each failed asset fails (by position in `order`). */
  readonly hours: Float64Array;
  /** The supplier whose loss made it fail (ATTACKED for the assets attacked), by position. */
  readonly cause: Int32Array;
}

/** Reusable scratch space: one per thread, for many cascades on the same graph. */
export interface CascadeScratch {
  readonly graph: DependencyGraph;
  readonly failedInGroup: Int32Array;
  readonly groupEpoch: Uint32Array;
  readonly best: Float64Array;
  readonly bestCause: Int32Array;
  readonly assetEpoch: Uint32Array;
  readonly done: Uint32Array;
  readonly heap: EventHeap;
  readonly order: Int32Array;
  readonly hours: Float64Array;
  readonly cause: Int32Array;
  epoch: number;
}

export function cascadeScratch(graph: DependencyGraph): CascadeScratch {
  return {
    graph,
    failedInGroup: new Int32Array(graph.groupCount),
    groupEpoch: new Uint32Array(graph.groupCount),
    best: new Float64Array(graph.size),
    bestCause: new Int32Array(graph.size),
    assetEpoch: new Uint32Array(graph.size),
    done: new Uint32Array(graph.size),
    heap: new EventHeap(1024),
    order: new Int32Array(graph.size),
    hours: new Float64Array(graph.size),
    cause: new Int32Array(graph.size),
    epoch: 0,
  };
}

export function cascade(
  graph: DependencyGraph,
  attacked: Iterable<number>,
  scratch: CascadeScratch = cascadeScratch(graph),
): CascadeResult {
  const s = scratch;
  s.epoch += 1;
  const epoch = s.epoch;
  s.heap.clear();
  let count = 0;
  for (const asset of attacked) {
    if (asset < 0 || asset >= graph.size) throw new RangeError(`no asset at index ${asset}`);
    s.assetEpoch[asset] = epoch;
    s.best[asset] = 0;
    s.bestCause[asset] = ATTACKED;
    s.heap.push(0, asset);
  }
  const { feedOffsets, feeds, groupDependent, groupSize, groupK, groupBuffer } = graph;
  while (s.heap.size > 0) {
    const time = s.heap.peekTime();
    const asset = s.heap.pop();
    if (s.done[asset] === epoch || (s.best[asset] ?? 0) < time) continue;
    s.done[asset] = epoch;
    s.order[count] = asset;
    s.hours[count] = time;
    s.cause[count] = s.bestCause[asset] ?? ATTACKED;
    count += 1;
    const end = feedOffsets[asset + 1] ?? 0;
    for (let e = feedOffsets[asset] ?? 0; e < end; e++) {
      const group = feeds[e] ?? 0;
      if (s.groupEpoch[group] !== epoch) {
        s.groupEpoch[group] = epoch;
        s.failedInGroup[group] = 0;
      }
      const failed = (s.failedInGroup[group] ?? 0) + 1;
      s.failedInGroup[group] = failed;
      if (failed !== (groupSize[group] ?? 0) - (groupK[group] ?? 1) + 1) continue;
      const dependent = groupDependent[group] ?? 0;
      if (s.done[dependent] === epoch) continue;
      const at = time + (groupBuffer[group] ?? 0);
      if (s.assetEpoch[dependent] !== epoch || at < (s.best[dependent] ?? 0)) {
        s.assetEpoch[dependent] = epoch;
        s.best[dependent] = at;
        s.bestCause[dependent] = asset;
        s.heap.push(at, dependent);
      }
    }
  }
  return { order: s.order.slice(0, count), hours: s.hours.slice(0, count), cause: s.cause.slice(0, count) };
}

export interface SectorTotal {
  assets: number;
  population: number;
}

export interface CascadeTotals {
  readonly assets: number;
  readonly population: number;
  readonly bySector: Record<string, SectorTotal>;
  /** Cumulative assets and population failed by each moment something fails. */
  readonly timeline: { hours: number; assets: number; population: number }[];
}

export function cascadeTotals(graph: DependencyGraph, result: CascadeResult): CascadeTotals {
  const bySector: Record<string, SectorTotal> = {};
  const timeline: CascadeTotals["timeline"] = [];
  let population = 0;
  for (let i = 0; i < result.order.length; i++) {
    const asset = result.order[i] ?? 0;
    const people = graph.population[asset] ?? 0;
    const sector = graph.sectors[asset] ?? "";
    const total = bySector[sector] ?? { assets: 0, population: 0 };
    total.assets += 1;
    total.population += people;
    bySector[sector] = total;
    population += people;
    const hours = result.hours[i] ?? 0;
    const last = timeline.at(-1);
    if (last && last.hours === hours) {
      last.assets = i + 1;
      last.population = population;
    } else timeline.push({ hours, assets: i + 1, population });
  }
  return { assets: result.order.length, population, bySector, timeline };
}
