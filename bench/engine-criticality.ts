// node-flags: --max-old-space-size=8192
// Criticality of every asset (what its loss alone takes down) on generated networks of 100,000
// assets: "none" (one service, any one supplier, acyclic: the dominator tree) and "realistic"
// (k of n, several services, cycles: one sweep per asset). Peer in the same run: the naive way, one
// cascade() per asset, on every asset (or, were that to take over 20 s, timed on an evenly spread
// sample of assets and extrapolated to all of them, which the output then says).
import { availableParallelism, cpus } from "node:os";
import {
  buildGraph,
  cascade,
  cascadeScratch,
  criticality,
  generateNetwork,
} from "../packages/core/src/graph/index.ts";

const SIZE = Number(process.env.BENCH_CRITICALITY_SIZE ?? 100_000);
const SAMPLE = 2_000;
const TARGETS = { none: 1_000, realistic: 10_000, chains: 1_000 } as const;

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
);
console.log(
  `targets on ${SIZE.toLocaleString("en")} assets: dominator path under ${TARGETS.none / 1000} s, sweep path under ${TARGETS.realistic / 1000} s`,
);

for (const redundancy of ["none", "realistic", "chains"] as const) {
  const network =
    redundancy === "chains" ? chains(SIZE) : generateNetwork({ assets: SIZE, seed: 2341, redundancy });
  const built = buildGraph(network.assets, network.dependencies);
  const graph = built.graph;
  if (!graph) throw new Error(`the generated network does not build: ${JSON.stringify(built.issues[0])}`);

  const runs: number[] = [];
  let result = criticality(graph);
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    result = criticality(graph);
    runs.push(performance.now() - started);
  }
  const oursMs = runs.sort((a, b) => a - b)[1] ?? 0;

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
  console.log(
    `  naive, one cascade() each    ${ms(naiveMs)} ${
      extrapolated
        ? `(extrapolated from ${SAMPLE.toLocaleString("en")} sampled assets, which agree with ours)`
        : "(measured on every asset, all agree with ours)"
    }`,
  );
  console.log(`  ratio naive / ours           ${(naiveMs / oursMs).toFixed(1)}x`);
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
