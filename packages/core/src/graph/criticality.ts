// Criticality: for every asset, what its loss alone takes down (itself included): how many assets
// and how many people they serve. Exact under the full semantics (k of n, any number of services);
// buffers only delay failures, so they do not change what fails. Where every asset needs one
// supplier of one service, the dominator tree answers for all assets at once; otherwise one
// reachability sweep per asset, on reusable typed arrays.
import type { DependencyGraph } from "./build.ts";
import { dominatorsApply, dominatorTree } from "./dominators.ts";

export interface Criticality {
  /** Assets that fail with each asset, itself included. */
  readonly assets: Int32Array;
  /** People served by those assets. */
  readonly population: Float64Array;
  readonly method: "dominators" | "sweeps";
}

export function criticality(graph: DependencyGraph): Criticality {
  if (dominatorsApply(graph)) {
    const tree = dominatorTree(graph);
    if (tree) return fromTree(graph, tree.idom, tree.order);
  }
  return criticalityRange(graph, 0, graph.size);
}

function fromTree(graph: DependencyGraph, idom: Int32Array, order: Int32Array): Criticality {
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
  const assets = new Int32Array(graph.size);
  const population = new Float64Array(graph.size);
  const { feedOffsets, feeds, groupDependent, groupSize, groupK } = graph;
  const failedInGroup = new Int32Array(graph.groupCount);
  const groupEpoch = new Uint32Array(graph.groupCount);
  const assetEpoch = new Uint32Array(graph.size);
  const queue = new Int32Array(graph.size);
  for (let a = from; a < to; a++) {
    const epoch = a + 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = a;
    assetEpoch[a] = epoch;
    let people = 0;
    while (head < tail) {
      const v = queue[head++] ?? 0;
      people += graph.population[v] ?? 0;
      const end = feedOffsets[v + 1] ?? 0;
      for (let e = feedOffsets[v] ?? 0; e < end; e++) {
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
    assets[a] = tail;
    population[a] = people;
  }
  return { assets, population, method: "sweeps" };
}

export interface RankedAsset {
  readonly id: string;
  readonly assets: number;
  readonly population: number;
}

/** Most critical first: by assets, then population, descending, then id. */
export function rankCriticality(
  graph: DependencyGraph,
  result: Criticality,
  top = graph.size,
): RankedAsset[] {
  const indices = Array.from({ length: graph.size }, (_, i) => i);
  indices.sort(
    (a, b) =>
      (result.assets[b] ?? 0) - (result.assets[a] ?? 0) ||
      (result.population[b] ?? 0) - (result.population[a] ?? 0) ||
      ((graph.ids[a] ?? "") < (graph.ids[b] ?? "")
        ? -1
        : (graph.ids[a] ?? "") > (graph.ids[b] ?? "")
          ? 1
          : 0),
  );
  return indices.slice(0, top).map((i) => ({
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
