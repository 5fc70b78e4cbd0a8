// node-flags: --max-old-space-size=8192
// Criticality of every asset (what its loss alone takes down) on generated networks of 100,000
// assets: "none" (one service, any one supplier, acyclic: the dominator tree and the sweeps both
// apply, and criticality() takes the one it expects to cost less), "realistic" (k of n, several
// services, cycles: one sweep per asset) and long chains (both apply). Each of the two paths is
// timed on its own too, to show whether the choice was right. Peer in the same run: the naive way,
// one cascade() per asset, on every asset. The naive peer when it would take over 20 s, the sweeps
// alone when over 2 s, are timed on an evenly spread sample of assets and extrapolated to all of
// them, which the output then says.
import { availableParallelism, cpus } from "node:os";
import {
  buildGraph,
  cascade,
  cascadeScratch,
  criticality,
  criticalityByDominators,
  criticalityRange,
  type DependencyGraph,
  generateNetwork,
} from "../packages/core/src/graph/index.ts";

const SIZE = Number(process.env.BENCH_CRITICALITY_SIZE ?? 100_000);
const SAMPLE = 2_000;
const TARGETS = { none: 1_000, realistic: 10_000, chains: 1_000 } as const;

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
);
console.log(
  `targets on ${SIZE.toLocaleString("en")} assets: under ${TARGETS.none / 1000} s where every asset needs one supplier, under ${TARGETS.realistic / 1000} s with k of n`,
);

for (const redundancy of ["none", "realistic", "chains"] as const) {
  const network =
    redundancy === "chains" ? chains(SIZE) : generateNetwork({ assets: SIZE, seed: 2341, redundancy });
  const built = buildGraph(network.assets, network.dependencies);
  const graph = built.graph;
  if (!graph) throw new Error(`the generated network does not build: ${JSON.stringify(built.issues[0])}`);

  const result = criticality(graph);
  const oursMs = medianOf3(() => criticality(graph));
  // Each path on its own: the tree where it applies, the sweeps (sampled when too long).
  const tree = criticalityByDominators(graph);
  const treeMs = tree ? medianOf3(() => criticalityByDominators(graph)) : null;
  tree?.assets.forEach((count, a) => {
    if (count !== result.assets[a] || tree.population[a] !== result.population[a])
      throw new Error(
        `the dominator tree says ${count} for ${graph.ids[a]}, criticality() ${result.assets[a]}`,
      );
  });
  const sweeps = timeSweeps(graph);

  // The naive peer: on a sample first, then on every asset when that takes under 20 s; checked
  // against ours asset by asset.
  const scratch = cascadeScratch(graph);
  const naive = (assets: number[]) => {
    const started = performance.now();
    for (const a of assets) {
      const failed = cascade(graph, [a], scratch).order.length;
      if (failed !== result.assets[a])
        throw new Error(`naive criticality of ${graph.ids[a]} is ${failed}, ours ${result.assets[a]}`);
    }
    return performance.now() - started;
  };
  const step = graph.size / SAMPLE;
  const sample = Array.from({ length: SAMPLE }, (_, i) => Math.floor(i * step));
  naive(sample.slice(0, 200)); // warm up
  let naiveMs = (naive(sample) / SAMPLE) * graph.size;
  const extrapolated = naiveMs > 20_000;
  if (!extrapolated) naiveMs = naive(Array.from({ length: graph.size }, (_, a) => a));
  let spof = 0;
  let largest = 0;
  for (const count of result.assets) {
    if (count > 1) spof += 1;
    largest = Math.max(largest, count);
  }

  console.log(
    `\n${redundancy === "chains" ? "worst case, long radial chains (synthetic, not a realistic network)" : `"${redundancy}"`}: ${graph.size.toLocaleString("en")} assets, ${graph.edgeCount.toLocaleString("en")} dependencies; ` +
      `method ${result.method}; ${spof.toLocaleString("en")} single points of failure, the worst takes down ${largest.toLocaleString("en")} assets`,
  );
  console.log(
    `  criticality of every asset   ours ${ms(oursMs)} (median of 3, target < ${ms(TARGETS[redundancy])}: ${oursMs < TARGETS[redundancy] ? "met" : "MISSED"})`,
  );
  const faster = treeMs === null || sweeps.ms < treeMs ? "sweeps" : "dominators";
  console.log(
    `  paths on their own           dominator tree ${treeMs === null ? "does not apply" : ms(treeMs)}, ` +
      `sweeps ${ms(sweeps.ms)}${sweeps.extrapolated ? ` (extrapolated from ${sweeps.sampled.toLocaleString("en")} assets)` : ""}; ` +
      `chosen: ${result.method}, ${result.method === faster ? "the faster" : "NOT the faster"}`,
  );
  console.log(
    `  naive, one cascade() each    ${ms(naiveMs)} ${
      extrapolated
        ? `(extrapolated from ${SAMPLE.toLocaleString("en")} sampled assets, which agree with ours)`
        : "(measured on every asset, all agree with ours)"
    }`,
  );
  console.log(`  ratio naive / ours           ${(naiveMs / oursMs).toFixed(1)}x`);
}

function medianOf3(run: () => unknown): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run();
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[1] ?? 0;
}

/**
 * The sweep path alone: median of 3 on every asset, or, when 20 evenly spread blocks of assets (1%
 * of them) say that would take over 2 s, their time extrapolated to every asset.
 */
function timeSweeps(graph: DependencyGraph): { ms: number; extrapolated: boolean; sampled: number } {
  const blocks = 20;
  const width = Math.max(1, Math.floor(graph.size / blocks / 100));
  const started = performance.now();
  for (let b = 0; b < blocks; b++) {
    const from = Math.floor((b * graph.size) / blocks);
    criticalityRange(graph, from, Math.min(graph.size, from + width));
  }
  const sampled = blocks * width;
  const estimate = ((performance.now() - started) / sampled) * graph.size;
  if (estimate > 2_000) return { ms: estimate, extrapolated: true, sampled };
  return { ms: medianOf3(() => criticalityRange(graph, 0, graph.size)), extrapolated: false, sampled };
}

/** Each asset fed by one of the ten assets just before it: chains thousands deep. */
function chains(size: number) {
  const assets = Array.from({ length: size }, (_, i) => ({
    id: `chain-${i}`,
    sector: "energy-electricity",
    population: 100 + (i % 1000),
  }));
  let state = 12345;
  const dependencies = assets.slice(1).map((asset, i) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const supplier = Math.max(0, i - ((state >>> 16) % 10));
    return { dependent: asset.id, supplier: `chain-${supplier}`, service: "electricity" };
  });
  return { assets, dependencies };
}

function ms(value: number): string {
  return value >= 1_000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}
