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
// Besides the wall clock, each process's CPU time (user + system, all its threads) where Linux says
// it (/proc/self/stat counts the children this process has waited for): on a shared, loaded
// machine the wall clock measures the neighbours as much as the programs.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateNetwork } from "../packages/core/src/graph/index.ts";

const SIZE = Number(process.env.BENCH_NETWORKX_SIZE ?? 100_000);
const RUNS = 5;
const TARGET = 10;
const BIN = fileURLToPath(new URL("../apps/cli/bin/bulwark.js", import.meta.url));
/** Clock ticks per second, the unit of /proc's CPU times. */
const TICKS = (() => {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  return Number(result.stdout?.trim()) || 100;
})();
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
  /** CPU milliseconds of each process (medians), or null where the system does not say. */
  oursCpu: number | null;
  theirsCpu: number | null;
}

/** CPU milliseconds (user + system) of the children waited for so far, or null off Linux. */
function childrenCpu(): number | null {
  let stat: string;
  try {
    stat = readFileSync("/proc/self/stat", "utf8");
  } catch {
    return null;
  }
  // Fields after the command's name in parentheses: the 16th and 17th are cutime and cstime.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS;
}

/** The wall and CPU milliseconds of `run`, a process run to its end. */
function timed<T>(run: () => T): { took: number; cpu: number | null; value: T } {
  const cpuBefore = childrenCpu();
  const started = performance.now();
  const value = run();
  const took = performance.now() - started;
  const cpuAfter = childrenCpu();
  return { took, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore, value };
}

/** Runs both, once untimed (files in the page cache, bulwark compiled), then RUNS times each, turn about. */
function compare(args: string[], output: string, peerArgs: string[]): Timed {
  const runOurs = () => {
    const fd = openSync(output, "w");
    try {
      const run = timed(() => spawnSync(process.execPath, [BIN, ...args], { stdio: ["ignore", fd, "pipe"] }));
      if (run.value.status !== 0) throw new Error(`bulwark failed: ${run.value.stderr}`);
      return run;
    } finally {
      closeSync(fd);
    }
  };
  const runTheirs = () => {
    const run = timed(() => spawnSync("python3", peerArgs, { encoding: "utf8" }));
    if (run.value.status !== 0) throw new Error(`the networkx peer failed: ${run.value.stderr}`);
    return { ...run, inScript: Number(run.value.stdout.trim()) * 1000 };
  };
  runOurs();
  runTheirs();
  const ours: number[] = [];
  const theirs: number[] = [];
  const inScript: number[] = [];
  const oursCpu: number[] = [];
  const theirsCpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const ourRun = runOurs();
    ours.push(ourRun.took);
    if (ourRun.cpu !== null) oursCpu.push(ourRun.cpu);
    const peerRun = runTheirs();
    theirs.push(peerRun.took);
    if (peerRun.cpu !== null) theirsCpu.push(peerRun.cpu);
    inScript.push(peerRun.inScript);
  }
  return {
    ours: median(ours),
    theirs: median(theirs),
    inScript: median(inScript),
    oursCpu: oursCpu.length === RUNS ? median(oursCpu) : null,
    theirsCpu: theirsCpu.length === RUNS ? median(theirsCpu) : null,
  };
}

function print(label: string, timed: Timed, agreement: string): void {
  const line = (name: string, value: string) => console.log(`  ${name.padEnd(58)}${value}`);
  console.log(`\n${label}`);
  line("bulwark analyse, the whole process", ms(timed.ours));
  line(`networkx ${version}, the whole python3 process`, ms(timed.theirs));
  line("networkx, inside the script (reading to writing)", ms(timed.inScript));
  console.log(`  ${agreement}; medians of ${RUNS} runs`);
  if (timed.oursCpu !== null && timed.theirsCpu !== null) {
    line("bulwark analyse, CPU time (user + system)", ms(timed.oursCpu));
    line(`networkx ${version}, CPU time (user + system)`, ms(timed.theirsCpu));
  }
  const ratio = timed.theirs / timed.ours;
  console.log(
    `  ratio networkx / bulwark: ${ratio.toFixed(1)}x whole process (target ≥ ${TARGET}x: ${ratio >= TARGET ? "met" : "MISSED"}), ` +
      `${(timed.inScript / timed.ours).toFixed(1)}x against the script's own steps`,
  );
  if (timed.oursCpu !== null && timed.theirsCpu !== null) {
    const cpuRatio = timed.theirsCpu / timed.oursCpu;
    console.log(
      `  ratio networkx / bulwark by CPU time: ${cpuRatio.toFixed(1)}x (target ≥ ${TARGET}x: ${cpuRatio >= TARGET ? "met" : "MISSED"}); ` +
        `load average ${loadavg()
          .map((load) => load.toFixed(1))
          .join(", ")}`,
    );
  }
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
