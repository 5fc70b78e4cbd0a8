// Criticality: for every asset, what its loss alone takes down (itself included): how many assets
// and how many people they serve. Exact under the full semantics (k of n, any number of services);
// buffers only delay failures, so they do not change what fails.
//
// Two exact ways. One reachability sweep per asset, on reusable typed arrays, always applies; it
// costs what the losses take down, little on a shallow network, a lot on deep chains. Where every
// asset needs one supplier of one service and supply is acyclic, the dominator tree answers for
// all assets at once, at a cost that hardly depends on depth. When both apply, a sample of sweeps
// estimates what all of them would cost, and the cheaper way is taken.
import type { DependencyGraph } from "./build.ts";
import { dominatorsApply, dominatorTree } from "./dominators.ts";

export interface Criticality {
  /** Assets that fail with each asset, itself included. */
  readonly assets: Int32Array;
  /** People served by those assets. */
  readonly population: Float64Array;
  readonly method: "dominators" | "sweeps";
}

/**
 * What the dominator tree costs, in sweep work (assets taken plus supply links scanned) per asset
 * and dependency of the graph. Measured on the "none" bench network of 100,000 assets: the tree
 * takes 20-30 ms for 492,000 assets and dependencies, sweeps about 9.5 ms for 706,000 units of work
 * (13.5 ns each), so the tree is worth 3 to 4.5 units each; on long chains, about 2.
 */
const TREE_WORK = 4;
/**
 * Assets swept to estimate the cost of sweeping them all, spread evenly over the indices: one in
 * 16, up to 1024.
 */
const SAMPLE = 1024;
/**
 * The sample gives up, and the tree is built, once it has cost this share of the tree (with one
 * asset in 16 sampled, just when its extrapolation passes the tree). A guess
 * for sweeps that turns out wrong can cost time quadratic in the depth of supply; one for the tree,
 * at most a small factor: so a sample that is expensive, even because of one asset whose loss
 * takes down much of the network, settles it for the tree.
 */
const SAMPLE_SHARE = 1 / 16;

export function criticality(graph: DependencyGraph): Criticality {
  const out = { assets: new Int32Array(graph.size), population: new Float64Array(graph.size) };
  const sweeps = new Sweeps(graph);
  if (dominatorsApply(graph)) {
    const treeWork = TREE_WORK * (graph.size + graph.edgeCount);
    if (estimateSweeps(sweeps, out, treeWork) >= treeWork) {
      const tree = criticalityByDominators(graph);
      if (tree) return tree;
    }
  }
  // Assets the sample swept already have their answer (never 0: an asset always takes itself).
  for (let a = 0; a < graph.size; a++) if (out.assets[a] === 0) sweeps.sweep(a, out);
  return { ...out, method: "sweeps" };
}

/**
 * Work for sweeping every asset, extrapolated from an even sample (whose answers go into `out`),
 * or +Infinity as soon as the sample has cost more than its share of `treeWork`.
 */
function estimateSweeps(
  sweeps: Sweeps,
  out: { assets: Int32Array; population: Float64Array },
  treeWork: number,
): number {
  const n = sweeps.graph.size;
  const samples = Math.min(SAMPLE, Math.ceil(n * SAMPLE_SHARE));
  if (samples === 0) return 0;
  const budget = treeWork * SAMPLE_SHARE;
  let work = 0;
  for (let i = 0; i < samples; i++) {
    const done = sweeps.sweep(Math.floor((i * n) / samples), out, budget - work);
    if (done < 0) return Number.POSITIVE_INFINITY;
    work += done;
  }
  return (work * n) / samples;
}

/** Criticality from the dominator tree, or null where it does not apply (see dominators.ts). */
export function criticalityByDominators(graph: DependencyGraph): Criticality | null {
  if (!dominatorsApply(graph)) return null;
  const tree = dominatorTree(graph);
  if (!tree) return null;
  const { idom, order } = tree;
  const assets = new Int32Array(graph.size).fill(1);
  const population = Float64Array.from(graph.population);
  // Children come after their dominators in reverse postorder: sum subtrees from the end.
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i] ?? 0;
    const parent = idom[v] ?? -1;
    if (parent < 0) continue;
    assets[parent] = (assets[parent] ?? 0) + (assets[v] ?? 0);
    population[parent] = (population[parent] ?? 0) + (population[v] ?? 0);
  }
  return { assets, population, method: "dominators" };
}

/** Criticality of the assets in [from, to) by one sweep each (split across workers by range). */
export function criticalityRange(graph: DependencyGraph, from: number, to: number): Criticality {
  const out = { assets: new Int32Array(graph.size), population: new Float64Array(graph.size) };
  const sweeps = new Sweeps(graph);
  for (let a = from; a < to; a++) sweeps.sweep(a, out);
  return { ...out, method: "sweeps" };
}

/** Reachability sweeps on arrays stamped per sweep, so nothing is cleared between them. */
class Sweeps {
  private readonly failedInGroup: Int32Array;
  private readonly groupEpoch: Uint32Array;
  private readonly assetEpoch: Uint32Array;
  private readonly queue: Int32Array;
  private epoch = 0;

  constructor(readonly graph: DependencyGraph) {
    this.failedInGroup = new Int32Array(graph.groupCount);
    this.groupEpoch = new Uint32Array(graph.groupCount);
    this.assetEpoch = new Uint32Array(graph.size);
    this.queue = new Int32Array(graph.size);
  }

  /**
   * What the loss of asset a takes down, into out.assets[a] and out.population[a]; returns the
   * work done (assets taken plus supply links scanned), or -1, leaving `out` alone, as soon as
   * that passes `limit`.
   */
  sweep(
    a: number,
    out: { assets: Int32Array; population: Float64Array },
    limit = Number.POSITIVE_INFINITY,
  ): number {
    const { feedOffsets, feeds, groupDependent, groupSize, groupK, population } = this.graph;
    const { failedInGroup, groupEpoch, assetEpoch, queue } = this;
    this.epoch += 1;
    const epoch = this.epoch;
    let head = 0;
    let tail = 0;
    queue[tail++] = a;
    assetEpoch[a] = epoch;
    let people = 0;
    let work = 0;
    while (head < tail) {
      const v = queue[head++] ?? 0;
      people += population[v] ?? 0;
      const start = feedOffsets[v] ?? 0;
      const end = feedOffsets[v + 1] ?? 0;
      work += 1 + end - start;
      if (work > limit) return -1;
      for (let e = start; e < end; e++) {
        const g = feeds[e] ?? 0;
        if (groupEpoch[g] !== epoch) {
          groupEpoch[g] = epoch;
          failedInGroup[g] = 0;
        }
        const failed = (failedInGroup[g] ?? 0) + 1;
        failedInGroup[g] = failed;
        if (failed !== (groupSize[g] ?? 0) - (groupK[g] ?? 1) + 1) continue;
        const d = groupDependent[g] ?? 0;
        if (assetEpoch[d] === epoch) continue;
        assetEpoch[d] = epoch;
        queue[tail++] = d;
      }
    }
    out.assets[a] = tail;
    out.population[a] = people;
    return work;
  }
}

export interface RankedAsset {
  readonly id: string;
  readonly assets: number;
  readonly population: number;
}

/**
 * Asset indices, most critical first: by assets, then population, descending, then id.
 * `compareIds`, when given, orders two assets as their ids compare as strings (JavaScript's `<`),
 * for callers that hold the ids as bytes and no strings.
 */
export function criticalityOrder(
  graph: DependencyGraph,
  result: Criticality,
  top = graph.size,
  compareIds?: (a: number, b: number) => number,
): Int32Array {
  const byId = compareIds ?? idComparison(graph.ids);
  const order = radixOrder(byId, result) ?? comparedOrder(byId, result);
  return order.length > top ? order.slice(0, Math.max(0, top)) : order;
}

function idComparison(ids: readonly string[]): (a: number, b: number) => number {
  return (a, b) => {
    const x = ids[a] ?? "";
    const y = ids[b] ?? "";
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** The order by one comparison sort (for counts or populations the radix sort does not take). */
function comparedOrder(
  byId: (a: number, b: number) => number,
  { assets, population }: Criticality,
): Int32Array {
  const indices = Array.from({ length: assets.length }, (_, i) => i);
  indices.sort((a, b) => {
    const byAssets = (assets[b] ?? 0) - (assets[a] ?? 0);
    if (byAssets !== 0) return byAssets;
    const byPopulation = (population[b] ?? 0) - (population[a] ?? 0);
    if (byPopulation !== 0) return byPopulation;
    return byId(a, b);
  });
  return Int32Array.from(indices);
}

/**
 * The order by a stable least-significant-digit radix sort (digits of 11 bits, 8 for a few assets),
 * descending: the bits
 * of the population (a float of 0 or more orders as its bits do), then the count of assets; then
 * each run of assets equal in both sorted by id. Null where a count or population is negative or
 * not a number (the comparison sort takes those).
 *
 * Each loop over the assets is a small function of its own: the process that ranks once (`bulwark
 * analyse`) has each loop compiled on its own, small and once, rather than this whole function once
 * per loop.
 */
function radixOrder(
  byId: (a: number, b: number) => number,
  { assets, population }: Criticality,
): Int32Array | null {
  const n = assets.length;
  const people = new Float64Array(n);
  // Whole numbers of people below 2^32, the common case, sort as themselves: fewer digits than
  // the bits of the floats.
  const whole = peopleOf(assets, population, people);
  if (whole === null) return null;
  const halves = new Uint32Array(people.buffer);
  // Little-endian halves (lower at 2i) or not, found from the float 1, whose lower half is zero.
  const low = new Uint32Array(new Float64Array([1]).buffer)[0] === 0 ? 0 : 1;
  // Digits of 11 bits for many assets: 2,048 counters stay in the processor's nearest cache.
  const sort = new RadixPasses(n, n < 8192 ? 8 : 11);
  if (whole) {
    keysFrom(people, 1, 0, sort.key);
    sort.passes();
  } else
    for (const half of [low, 1 - low]) {
      keysFrom(halves, 2, half, sort.key);
      sort.passes();
    }
  keysFrom(assets, 1, 0, sort.key);
  sort.passes();
  sortTies(sort.order, assets, people, byId);
  return sort.order;
}

/**
 * The populations into `people` (-0 as 0: both zeros sort as one value, as the comparison has
 * them); whether all are whole numbers below 2^32, or null where a count or a population is
 * negative or not a number.
 */
function peopleOf(assets: Int32Array, population: Float64Array, people: Float64Array): boolean | null {
  let whole = true;
  for (let i = 0; i < assets.length; i++) {
    const value = population[i] ?? 0;
    if (!(value >= 0) || (assets[i] ?? 0) < 0) return null;
    people[i] = value + 0;
    if (value >>> 0 !== value) whole = false;
  }
  return whole;
}

/** key[i] = source[stride * i + offset], for every key. */
function keysFrom(source: ArrayLike<number>, stride: number, offset: number, key: Uint32Array): void {
  for (let i = 0; i < key.length; i++) key[i] = source[stride * i + offset] ?? 0;
}

/** Stable radix passes over `order`, by the 32 bits of `key` (filled before each `passes`). */
class RadixPasses {
  order: Int32Array;
  private spare: Int32Array;
  readonly key: Uint32Array;
  private readonly counts: Int32Array;
  private readonly top: number;

  constructor(
    n: number,
    private readonly bits: number,
  ) {
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.spare = new Int32Array(n);
    this.key = new Uint32Array(n);
    this.top = (1 << bits) - 1;
    this.counts = new Int32Array(this.top + 2);
  }

  /** Sorts by all 32 bits of the keys, descending, keeping the order of equal keys. */
  passes(): void {
    for (let shift = 0; shift < 32; shift += this.bits) {
      if (!this.count(shift)) continue;
      this.scatter(shift);
      const order = this.order;
      this.order = this.spare;
      this.spare = order;
    }
  }

  /** Counts the digits from `shift` up into start positions; false when one digit has them all. */
  private count(shift: number): boolean {
    const { counts, key, top } = this;
    const n = key.length;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const at = top - (((key[i] ?? 0) >>> shift) & top) + 1;
      counts[at] = (counts[at] ?? 0) + 1;
    }
    // One digit for every asset: this pass would change nothing.
    for (let d = 1; d <= top + 1; d++) if (counts[d] === n) return false;
    for (let d = 1; d <= top + 1; d++) counts[d] = (counts[d] ?? 0) + (counts[d - 1] ?? 0);
    return true;
  }

  private scatter(shift: number): void {
    const { counts, key, top, order, spare } = this;
    for (let j = 0; j < order.length; j++) {
      const i = order[j] ?? 0;
      const at = top - (((key[i] ?? 0) >>> shift) & top);
      spare[counts[at] ?? 0] = i;
      counts[at] = (counts[at] ?? 0) + 1;
    }
  }
}

/** Each run of assets equal in count and population, in `order`, sorted by id. */
function sortTies(
  order: Int32Array,
  assets: Int32Array,
  people: Float64Array,
  byId: (a: number, b: number) => number,
): void {
  const n = order.length;
  for (let start = 0; start < n; ) {
    const first = order[start] ?? 0;
    let end = start + 1;
    while (end < n && assets[order[end] ?? 0] === assets[first] && people[order[end] ?? 0] === people[first])
      end++;
    if (end - start > 16) order.subarray(start, end).sort(byId);
    else
      for (let j = start + 1; j < end; j++) {
        // Insertion sort: most runs are of two or three.
        const v = order[j] ?? 0;
        let at = j;
        while (at > start && byId(order[at - 1] ?? 0, v) > 0) {
          order[at] = order[at - 1] ?? 0;
          at--;
        }
        order[at] = v;
      }
    start = end;
  }
}

/** The most critical assets, first to last (see criticalityOrder). */
export function rankCriticality(
  graph: DependencyGraph,
  result: Criticality,
  top = graph.size,
): RankedAsset[] {
  return Array.from(criticalityOrder(graph, result, top), (i) => ({
    id: graph.ids[i] ?? "",
    assets: result.assets[i] ?? 0,
    population: result.population[i] ?? 0,
  }));
}

/** Single points of failure: assets whose loss alone takes down at least one other asset. */
export function singlePointsOfFailure(result: Criticality): number[] {
  const spof: number[] = [];
  for (let i = 0; i < result.assets.length; i++) if ((result.assets[i] ?? 0) > 1) spof.push(i);
  return spof;
}
