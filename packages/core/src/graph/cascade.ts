// Cascade: from the assets attacked, every asset that fails, when, and why. An asset fails when,
// for any service it depends on, fewer than k of its suppliers still work; it fails buffer hours
// after that moment. A group of n suppliers with rule k drops below k at the (n - k + 1)-th
// failure among them, so an event-driven sweep in time order (Dijkstra-like) is exact.
import type { DependencyGraph } from "./build.ts";
import { EventQueue } from "./heap.ts";

export const ATTACKED = -1;

/** Three views of one cascade's failures, by position (they may share one ArrayBuffer). */
export interface CascadeResult {
  /**
   * Failed assets in the order they fail: by time; at the same time, the lowest index among those
   * already known to fail then (so an asset can come after a higher one that brought it down).
   */
  readonly order: Int32Array;
  /** Hours after the attack at which each failed asset fails (by position in `order`). */
  readonly hours: Float64Array;
  /** The supplier whose loss made it fail (ATTACKED for the assets attacked), by position. */
  readonly cause: Int32Array;
}

/**
 * Reusable scratch space: one per thread, for many cascades on the same graph. Nothing is cleared
 * between cascades: each entry carries a stamp of the cascade that wrote it, and a new cascade
 * moves the stamps on, so what earlier ones left reads as unset.
 */
export interface CascadeScratch {
  readonly graph: DependencyGraph;
  /**
   * Per group, stamped: `base + n` while n more supplier losses would make the group drop below k
   * (`base` itself once it has), anything below `base` when no supplier of it has failed yet.
   * One array rather than a counter and a stamp: one memory access per edge, not two.
   */
  readonly lossesLeft: Int32Array;
  /** Apart for each cascade by more than any group's count, so no earlier value reaches `base`. */
  readonly stride: number;
  base: number;
  /** Per group, the supplier losses that make it drop below k: n - k + 1. */
  readonly lossesToFail: Int32Array;
  /** Per asset, stamped: `2 * epoch` once it is to fail (at `best`), `2 * epoch + 1` once it has. */
  readonly state: Uint32Array;
  epoch: number;
  readonly best: Float64Array;
  readonly bestCause: Int32Array;
  readonly queue: EventQueue;
  readonly order: Int32Array;
  readonly hours: Float64Array;
  readonly cause: Int32Array;
}

export function cascadeScratch(graph: DependencyGraph): CascadeScratch {
  let largest = 0;
  const lossesToFail = new Int32Array(graph.groupCount);
  for (let g = 0; g < graph.groupCount; g++) {
    const n = graph.groupSize[g] ?? 0;
    lossesToFail[g] = n - (graph.groupK[g] ?? 1) + 1;
    largest = Math.max(largest, n);
  }
  return {
    graph,
    lossesLeft: new Int32Array(graph.groupCount),
    stride: largest + 1,
    base: 0,
    lossesToFail,
    state: new Uint32Array(graph.size),
    epoch: 0,
    best: new Float64Array(graph.size),
    bestCause: new Int32Array(graph.size),
    queue: new EventQueue(),
    order: new Int32Array(graph.size),
    hours: new Float64Array(graph.size),
    cause: new Int32Array(graph.size),
  };
}

// Without a scratch of their own, callers share one per graph: allocating and zeroing a fresh one
// costs more than a small cascade (tens of megabytes on a million assets). Cascades run to the end
// synchronously, so two never use it at once; it goes when the graph goes.
const shared = new WeakMap<DependencyGraph, CascadeScratch>();

function sharedScratch(graph: DependencyGraph): CascadeScratch {
  let scratch = shared.get(graph);
  if (!scratch) {
    scratch = cascadeScratch(graph);
    shared.set(graph, scratch);
  }
  return scratch;
}

/** Move the stamps on; when they would overflow (after millions of cascades), start clean. */
function nextStamps(s: CascadeScratch): void {
  if (s.base > 0x7fff_ffff - 2 * s.stride) {
    s.lossesLeft.fill(0);
    s.base = 0;
  }
  s.base += s.stride;
  if (s.epoch >= 0x7fff_fffe) {
    s.state.fill(0);
    s.epoch = 0;
  }
  s.epoch += 1;
}

/**
 * `startHours`, when given, says when each asset attacked (by position in `attacked`) goes down,
 * in hours from the cascade's zero (an incident's assets go down one after another); by default
 * all go down at zero.
 */
export function cascade(
  graph: DependencyGraph,
  attacked: Iterable<number>,
  scratch: CascadeScratch = sharedScratch(graph),
  startHours?: readonly number[],
): CascadeResult {
  if (scratch.graph !== graph) throw new RangeError("the scratch space belongs to another graph");
  // Read the assets attacked before touching the scratch space: an iterator runs code of its own,
  // which could start another cascade on the same (shared) scratch.
  const list: readonly number[] = Array.isArray(attacked) ? attacked : Array.from(attacked);
  nextStamps(scratch);
  const { lossesLeft, lossesToFail, base, state, best, bestCause, queue, order, hours, cause } = scratch;
  const pending = 2 * scratch.epoch;
  const failed = pending + 1;
  queue.clear();
  for (let i = 0; i < list.length; i++) {
    const asset = list[i] ?? -1;
    if (!(Number.isInteger(asset) && asset >= 0 && asset < graph.size))
      throw new RangeError(`no asset at index ${asset}`);
    const start = startHours?.[i] ?? 0;
    if (!(start >= 0)) throw new RangeError(`a start time must be a number of hours from zero, not ${start}`);
    if (state[asset] === pending && (best[asset] ?? 0) <= start) continue;
    state[asset] = pending;
    best[asset] = start;
    bestCause[asset] = ATTACKED;
    queue.push(start, asset);
  }
  const { feedOffsets, feeds, groupDependent, groupBuffer } = graph;
  let count = 0;
  for (;;) {
    const asset = queue.pop();
    if (asset < 0) break;
    const time = queue.time;
    if (state[asset] === failed || (best[asset] ?? 0) < time) continue;
    state[asset] = failed;
    order[count] = asset;
    hours[count] = time;
    cause[count] = bestCause[asset] ?? ATTACKED;
    count += 1;
    const end = feedOffsets[asset + 1] ?? 0;
    for (let e = feedOffsets[asset] ?? 0; e < end; e++) {
      const group = feeds[e] ?? 0;
      let left = lossesLeft[group] ?? 0;
      if (left < base) left = base + (lossesToFail[group] ?? 1);
      else if (left === base) continue; // already down
      left -= 1;
      lossesLeft[group] = left;
      if (left !== base) continue;
      const dependent = groupDependent[group] ?? 0;
      const was = state[dependent] ?? 0;
      if (was === failed) continue;
      const at = time + (groupBuffer[group] ?? 0);
      if (was !== pending || at < (best[dependent] ?? 0)) {
        state[dependent] = pending;
        best[dependent] = at;
        bestCause[dependent] = asset;
        queue.push(at, dependent);
      }
    }
  }
  return copyResult(order, hours, cause, count);
}

/**
 * The first `count` entries, copied out of the scratch space. Typed arrays of up to 64 bytes live
 * on the JavaScript heap and are cheap; larger ones each need a separately allocated backing store,
 * which costs more than a small cascade itself, so those three share one.
 */
function copyResult(order: Int32Array, hours: Float64Array, cause: Int32Array, count: number): CascadeResult {
  if (count <= 8)
    return { order: order.slice(0, count), hours: hours.slice(0, count), cause: cause.slice(0, count) };
  const buffer = new ArrayBuffer(count * 16);
  const result = {
    order: new Int32Array(buffer, count * 8, count),
    hours: new Float64Array(buffer, 0, count),
    cause: new Int32Array(buffer, count * 12, count),
  };
  result.order.set(order.subarray(0, count));
  result.hours.set(hours.subarray(0, count));
  result.cause.set(cause.subarray(0, count));
  return result;
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
