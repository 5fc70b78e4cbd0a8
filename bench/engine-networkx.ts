// node-flags: --max-old-space-size=8192
// `bulwark analyse` end to end, as a person runs it: a new process, CSV files in, JSON out, against
// the same work in Python with networkx on the same files, each timed as a whole process (start-up
// included) and compared in the same run.
// - criticality on the generated "none" network of 100,000 assets (each asset needs one supplier:
//   the dominator tree applies): bench/peers/networkx_criticality.py reads, builds a DiGraph with
//   a virtual root, runs immediate_dominators, sums subtrees, sorts and writes the ranking.
// - cascade on the generated "realistic" network of 100,000 assets (k of n, buffers, several
//   services) after the loss of ten power plants: bench/peers/networkx_cascade.py reads, builds a
//   MultiDiGraph and runs the same event-driven cascade with a heap.
// Both sides must give the same ranking, line for line, and the same failures at the same hours.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateNetwork } from "../packages/core/src/graph/index.ts";

const SIZE = Number(process.env.BENCH_NETWORKX_SIZE ?? 100_000);
const RUNS = 5;
const TARGET = 10;
const BIN = fileURLToPath(new URL("../apps/cli/bin/bulwark.js", import.meta.url));
const peer = (name: string) => fileURLToPath(new URL(`./peers/${name}`, import.meta.url));

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
console.log(
  `target: bulwark analyse at least ${TARGET}x faster than networkx ${version}, whole process to whole process`,
);

const folder = mkdtempSync(join(tmpdir(), "bulwark-bench-networkx-"));
try {
  {
    const files = writeNetwork("none");
    const ours = join(folder, "ranking.json");
    const theirs = join(folder, "ranking-networkx.csv");
    const result = compare(
      ["analyse", "criticality", "--assets", files.assets, "--dependencies", files.dependencies, "--json"],
      ours,
      [peer("networkx_criticality.py"), files.assets, files.dependencies, theirs],
    );
    const ranking: { id: string; assets: number; population: number }[] = JSON.parse(
      readFileSync(ours, "utf8"),
    );
    const lines = [
      "id,assets,population",
      ...ranking.map((row) => `${row.id},${row.assets},${row.population}`),
    ];
    if (`${lines.join("\n")}\n` !== readFileSync(theirs, "utf8"))
      throw new Error("the rankings differ between bulwark and networkx");
    print(`criticality of every asset, ${files.label}`, result, "same ranking, line for line");
  }
  {
    const files = writeNetwork("realistic");
    const attacked = files.ids.filter((id) => id.startsWith("plant-")).slice(0, 10);
    const ours = join(folder, "cascade.json");
    const theirs = join(folder, "cascade-networkx.csv");
    const result = compare(
      [
        "analyse",
        "cascade",
        "--assets",
        files.assets,
        "--dependencies",
        files.dependencies,
        "--fail",
        attacked.join(","),
        "--json",
      ],
      ours,
      [peer("networkx_cascade.py"), files.assets, files.dependencies, theirs, attacked.join(",")],
    );
    const failed: { id: string; hours: number }[] = JSON.parse(readFileSync(ours, "utf8")).failed;
    const lines = failed
      .map((row) => [row.id, row.hours] as const)
      .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, hours]) => `${id},${Number.isInteger(hours) ? hours.toFixed(1) : hours}`);
    if (`${["id,hours", ...lines].join("\n")}\n` !== readFileSync(theirs, "utf8"))
      throw new Error("the cascades differ between bulwark and networkx");
    print(
      `cascade after losing ${attacked.length} power plants, ${files.label}`,
      result,
      `the same ${failed.length.toLocaleString("en")} failures at the same hours`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

interface Timed {
  ours: number;
  theirs: number;
  inScript: number;
}

/** Runs both, once untimed (files in the page cache, bulwark compiled), then RUNS times each, turn about. */
function compare(args: string[], output: string, peerArgs: string[]): Timed {
  const runOurs = () => {
    const fd = openSync(output, "w");
    try {
      const started = performance.now();
      const result = spawnSync(process.execPath, [BIN, ...args], { stdio: ["ignore", fd, "pipe"] });
      const took = performance.now() - started;
      if (result.status !== 0) throw new Error(`bulwark failed: ${result.stderr}`);
      return took;
    } finally {
      closeSync(fd);
    }
  };
  const runTheirs = () => {
    const started = performance.now();
    const result = spawnSync("python3", peerArgs, { encoding: "utf8" });
    const took = performance.now() - started;
    if (result.status !== 0) throw new Error(`the networkx peer failed: ${result.stderr}`);
    return { took, inScript: Number(result.stdout.trim()) * 1000 };
  };
  runOurs();
  runTheirs();
  const ours: number[] = [];
  const theirs: number[] = [];
  const inScript: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    ours.push(runOurs());
    const peerRun = runTheirs();
    theirs.push(peerRun.took);
    inScript.push(peerRun.inScript);
  }
  return { ours: median(ours), theirs: median(theirs), inScript: median(inScript) };
}

function print(label: string, timed: Timed, agreement: string): void {
  const line = (name: string, value: string) => console.log(`  ${name.padEnd(58)}${value}`);
  console.log(`\n${label}`);
  line("bulwark analyse, the whole process", ms(timed.ours));
  line(`networkx ${version}, the whole python3 process`, ms(timed.theirs));
  line("networkx, inside the script (reading to writing)", ms(timed.inScript));
  console.log(`  ${agreement}; medians of ${RUNS} runs`);
  const ratio = timed.theirs / timed.ours;
  console.log(
    `  ratio networkx / bulwark: ${ratio.toFixed(1)}x whole process (target ≥ ${TARGET}x: ${ratio >= TARGET ? "met" : "MISSED"}), ` +
      `${(timed.inScript / timed.ours).toFixed(1)}x against the script's own steps`,
  );
}

function writeNetwork(redundancy: "none" | "realistic") {
  const network = generateNetwork({ assets: SIZE, seed: 2341, redundancy });
  const assets = join(folder, `assets-${redundancy}.csv`);
  const dependencies = join(folder, `dependencies-${redundancy}.csv`);
  writeFileSync(
    assets,
    `id,name,sector,population_served\n${network.assets
      .map((asset) => `${asset.id},${asset.sector} ${asset.id},${asset.sector},${asset.population ?? 0}`)
      .join("\n")}\n`,
  );
  writeFileSync(
    dependencies,
    `dependent_id,supplier_id,service,k,buffer_hours\n${network.dependencies
      .map((row) => `${row.dependent},${row.supplier},${row.service},${row.k ?? ""},${row.bufferHours ?? ""}`)
      .join("\n")}\n`,
  );
  return {
    assets,
    dependencies,
    ids: network.assets.map((asset) => asset.id),
    label: `"${redundancy}" network: ${SIZE.toLocaleString("en")} assets, ${network.dependencies.length.toLocaleString("en")} dependencies, as CSV files`,
  };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}
function ms(value: number): string {
  return value >= 1_000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}
