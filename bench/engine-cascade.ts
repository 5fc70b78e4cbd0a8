// node-flags: --max-old-space-size=16384
// Cascade on generated "realistic" networks of 10,000, 100,000 and 1,000,000 assets (about four
// dependencies each, k of n, buffers, cycles): the time to build the graph once, then the median
// time of one cascade from the generation plant or transmission substation whose loss reaches
// furthest, and the edges visited per second. Peer in the same run: the same cascade written plainly
// on graphology (bench/peers/graphology-cascade.ts). Both must give the same failures and hours.
import { availableParallelism, cpus } from "node:os";
import {
  buildGraph,
  cascade,
  cascadeScratch,
  type DependencyGraph,
  generateNetwork,
} from "../packages/core/src/graph/index.ts";
import { buildPeerGraph, peerCascade } from "./peers/graphology-cascade.ts";

const SIZES = (process.env.BENCH_CASCADE_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const ROUNDS = 21;
const TARGET = 10;

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
);
console.log(`target: our cascade at least ${TARGET}x faster than the graphology peer`);

for (const size of SIZES) {
  let started = performance.now();
  const network = generateNetwork({ assets: size, seed: 2341, redundancy: "realistic" });
  const generated = performance.now() - started;
  started = performance.now();
  const built = buildGraph(network.assets, network.dependencies);
  const buildMs = performance.now() - started;
  const graph = built.graph;
  if (!graph) throw new Error(`the generated network does not build: ${JSON.stringify(built.issues[0])}`);
  started = performance.now();
  const peer = buildPeerGraph(network.assets, network.dependencies);
  const peerBuildMs = performance.now() - started;

  console.log(
    `\n${size.toLocaleString("en")} assets, ${graph.edgeCount.toLocaleString("en")} dependencies ` +
      `(${(graph.edgeCount / size).toFixed(2)} per asset), generated in ${ms(generated)}`,
  );
  console.log(
    `  build once             ours ${ms(buildMs)}   graphology ${ms(peerBuildMs)}   ratio ${ratio(peerBuildMs, buildMs)}`,
  );

  // The high-level assets (generation plants, transmission substations) whose loss reaches
  // furthest, by a quick scan that is not timed.
  const scratch = cascadeScratch(graph);
  const reach: { asset: number; failed: number }[] = [];
  for (let a = 0; a < graph.size; a++) {
    const id = graph.ids[a] ?? "";
    if (id.startsWith("plant-") || id.startsWith("transmission-"))
      reach.push({ asset: a, failed: cascade(graph, [a], scratch).order.length });
  }
  reach.sort((x, y) => y.failed - x.failed || x.asset - y.asset);
  const worst = reach.slice(0, 10).map((entry) => entry.asset);
  const first = worst.slice(0, 1);
  const id = graph.ids[first[0] ?? 0] ?? "";
  scenario(`one asset, ${id} (${graph.sectors[first[0] ?? 0]})`, first);
  scenario("coordinated attack on the 10 above that reach furthest alone", worst);

  function scenario(label: string, attacked: number[]): void {
    if (!graph) return;
    const attackedIds = attacked.map((a) => graph.ids[a] ?? "");
    // Sanity: the same failures at the same hours, or stop.
    const ours = cascade(graph, attacked, scratch);
    const theirs = peerCascade(peer, attackedIds);
    if (theirs.size !== ours.order.length)
      throw new Error(`peer disagrees: ${theirs.size} failures against our ${ours.order.length}`);
    ours.order.forEach((asset, i) => {
      const hours = theirs.get(graph.ids[asset] ?? "");
      if (hours !== ours.hours[i])
        throw new Error(`peer disagrees on ${graph.ids[asset]}: ${hours} h against our ${ours.hours[i]} h`);
    });
    const edges = edgesVisited(graph, ours.order);
    const [oursMs, peerMs] = medianPerRun(
      () => cascade(graph, attacked, scratch),
      () => peerCascade(peer, attackedIds),
    );
    console.log(`  cascade: ${label}`);
    console.log(
      `    ${ours.order.length.toLocaleString("en")} assets fail over ${ours.hours.at(-1) ?? 0} h, ` +
        `${edges.toLocaleString("en")} edges visited; the peer finds the same failures and hours`,
    );
    console.log(
      `    median               ours ${us(oursMs)}   graphology ${us(peerMs)}   ratio ${ratio(peerMs, oursMs)}  (target ≥ ${TARGET}x)`,
    );
    console.log(`    edges visited/s      ours ${rate(edges, oursMs)}   graphology ${rate(edges, peerMs)}`);
  }
}

/** Edges a cascade scans: every supply link out of every asset that fails. */
function edgesVisited(graph: DependencyGraph, order: Int32Array): number {
  let edges = 0;
  for (const a of order) edges += (graph.feedOffsets[a + 1] ?? 0) - (graph.feedOffsets[a] ?? 0);
  return edges;
}

/**
 * Median milliseconds per run of each, timing batches long enough (about 5 ms) for the clock, the
 * two taking turns round after round so that other load on the machine hits both alike.
 */
function medianPerRun(ours: () => unknown, peer: () => unknown): [number, number] {
  const batchOf = (run: () => unknown) => {
    for (let i = 0; i < 5; i++) run();
    const started = performance.now();
    run();
    return Math.max(1, Math.ceil(5 / Math.max(performance.now() - started, 0.001)));
  };
  const batches = [batchOf(ours), batchOf(peer)];
  const times: [number[], number[]] = [[], []];
  for (let round = 0; round < ROUNDS; round++)
    [ours, peer].forEach((run, side) => {
      const batch = batches[side] ?? 1;
      const started = performance.now();
      for (let i = 0; i < batch; i++) run();
      times[side]?.push((performance.now() - started) / batch);
    });
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return [median(times[0]), median(times[1])];
}

function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`;
}
function us(value: number): string {
  return value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(1)} µs`;
}
function rate(edges: number, milliseconds: number): string {
  return `${(((edges / milliseconds) * 1000) / 1e6).toFixed(1)} M`;
}
function ratio(slower: number, faster: number): string {
  return `${(slower / faster).toFixed(1)}x`;
}
