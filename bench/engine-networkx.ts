// node-flags: --max-old-space-size=8192
// Criticality end to end, files in and ranking out, on the generated "none" network of 100,000
// assets (where the dominator tree applies; criticality() takes the sweeps, cheaper there): ours (read the CSV files, build, criticality, rank, write) against
// networkx in Python (bench/peers/networkx_criticality.py: read, DiGraph with a virtual root,
// immediate_dominators, subtree sums, sort, write). Both rankings must be the same, line for line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AssetInput,
  buildGraph,
  criticality,
  type DependencyInput,
  generateNetwork,
  rankCriticality,
} from "../packages/core/src/graph/index.ts";

const SIZE = Number(process.env.BENCH_NETWORKX_SIZE ?? 100_000);
const RUNS = 3;
const SCRIPT = fileURLToPath(new URL("./peers/networkx_criticality.py", import.meta.url));

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
);
const probe = spawnSync("python3", ["-c", "import networkx; print(networkx.__version__)"], {
  encoding: "utf8",
});
if (probe.status !== 0) {
  console.log('networkx peer SKIPPED: `python3 -c "import networkx"` fails on this machine');
  process.exit(0);
}
const version = probe.stdout.trim();

const folder = mkdtempSync(join(tmpdir(), "bulwark-bench-networkx-"));
try {
  const network = generateNetwork({ assets: SIZE, seed: 2341, redundancy: "none" });
  const assetsCsv = join(folder, "assets.csv");
  const dependenciesCsv = join(folder, "dependencies.csv");
  writeFileSync(
    assetsCsv,
    `id,name,sector,population_served\n${network.assets
      .map((asset) => `${asset.id},${asset.sector} ${asset.id},${asset.sector},${asset.population ?? 0}`)
      .join("\n")}\n`,
  );
  writeFileSync(
    dependenciesCsv,
    `dependent_id,supplier_id,service\n${network.dependencies
      .map((row) => `${row.dependent},${row.supplier},${row.service}`)
      .join("\n")}\n`,
  );
  console.log(
    `"none" network: ${SIZE.toLocaleString("en")} assets, ${network.dependencies.length.toLocaleString("en")} dependencies, as CSV files`,
  );

  const ourRanking = join(folder, "ranking-ours.csv");
  const phases = Array.from({ length: RUNS }, () => ours(assetsCsv, dependenciesCsv, ourRanking));
  const total = (run: Phases) => Object.values(run).reduce((sum, value) => sum + value, 0);
  phases.sort((a, b) => total(a) - total(b));
  const medianRun = phases[Math.floor(RUNS / 2)];
  if (!medianRun) throw new Error("no runs");
  const oursMs = total(medianRun);

  const theirRanking = join(folder, "ranking-networkx.csv");
  const wall: number[] = [];
  const inScript: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = spawnSync("python3", [SCRIPT, assetsCsv, dependenciesCsv, theirRanking], {
      encoding: "utf8",
    });
    wall.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`the networkx peer failed: ${result.stderr}`);
    inScript.push(Number(result.stdout.trim()) * 1000);
  }
  if (readFileSync(ourRanking, "utf8") !== readFileSync(theirRanking, "utf8"))
    throw new Error("the rankings differ between ours and networkx");

  const breakdown = Object.entries(medianRun)
    .map(([phase, value]) => `${phase} ${ms(value)}`)
    .join(", ");
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(54)}${value}`);
  line("ours, files in to ranking out (in process)", `${ms(oursMs)}  (${breakdown})`);
  line(`networkx ${version}, the same steps inside the script`, ms(median(inScript)));
  line("networkx, the whole python3 process (with start-up)", ms(median(wall)));
  console.log(`  same ranking, line for line; medians of ${RUNS} runs`);
  console.log(
    `  ratio networkx / ours: ${(median(inScript) / oursMs).toFixed(1)}x same steps, ${(median(wall) / oursMs).toFixed(1)}x whole process`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}

interface Phases {
  read: number;
  build: number;
  criticality: number;
  rank: number;
  write: number;
}

function ours(assetsPath: string, dependenciesPath: string, rankingPath: string): Phases {
  let started = performance.now();
  const lap = () => {
    const now = performance.now();
    const elapsed = now - started;
    started = now;
    return elapsed;
  };
  const assetRows = readCsv(assetsPath, ["id", "sector", "population_served"]);
  const assets: AssetInput[] = assetRows.map(([id = "", sector = "", population = "0"]) => ({
    id,
    sector,
    population: Number(population),
  }));
  const dependencyRows = readCsv(dependenciesPath, ["dependent_id", "supplier_id", "service"]);
  const dependencies: DependencyInput[] = dependencyRows.map(
    ([dependent = "", supplier = "", service = ""]) => ({
      dependent,
      supplier,
      service,
    }),
  );
  const read = lap();
  const built = buildGraph(assets, dependencies);
  if (!built.graph) throw new Error(`the CSV files do not build: ${JSON.stringify(built.issues[0])}`);
  const build = lap();
  const result = criticality(built.graph);
  const critical = lap();
  const ranking = rankCriticality(built.graph, result);
  const rank = lap();
  writeFileSync(
    rankingPath,
    `id,assets,population\n${ranking.map((entry) => `${entry.id},${entry.assets},${entry.population}`).join("\n")}\n`,
  );
  return { read, build, criticality: critical, rank, write: lap() };
}

/** A minimal CSV reader for the files written above (no quoted fields): the named columns. */
function readCsv(path: string, columns: readonly string[]): string[][] {
  const lines = readFileSync(path, "utf8").split("\n");
  const header = (lines[0] ?? "").split(",");
  const at = columns.map((name) => header.indexOf(name));
  if (at.includes(-1)) throw new Error(`${path} lacks one of ${columns.join(", ")}`);
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "") continue;
    if (line.includes('"')) throw new Error(`quoted fields are not read here (line ${i + 1})`);
    const fields = line.split(",");
    rows.push(at.map((column) => fields[column] ?? ""));
  }
  return rows;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}
function ms(value: number): string {
  return value >= 1_000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}
