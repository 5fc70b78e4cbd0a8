// Command-line start-up: `bulwark --help` (plain JavaScript, no TypeScript transform) and
// `bulwark analyse criticality` on a 3-asset network (its own TypeScript through tsx, no server or
// database code), each a new process, against a bare `node -e ''` started the same way in the
// same run. Runs are interleaved so that a busy machine slows all three alike.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "apps/cli/bin/bulwark.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET_MS = 150;
const folder = mkdtempSync(join(tmpdir(), "bulwark-cli-bench-"));
const assets = join(folder, "assets.csv");
const dependencies = join(folder, "dependencies.csv");
writeFileSync(
  assets,
  "id,name,sector\nS,Substation,energy-electricity\nP,Pump,water-drinking\nH,Hospital,health\n",
);
writeFileSync(dependencies, "dependent_id,supplier_id,service\nP,S,electricity\nH,P,water\n");

/** Wall time of one new process, in milliseconds; it must succeed. */
function time(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  const took = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${result.stderr}`);
  return took;
}

const cases = {
  "node -e ''": [`-e`, ""],
  "bulwark --help": [BIN, "--help"],
  "bulwark analyse criticality": [
    BIN,
    "analyse",
    "criticality",
    "--assets",
    assets,
    "--dependencies",
    dependencies,
  ],
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
// One warm-up of each (tsx's transform cache, the file system's cache), not counted.
for (const args of Object.values(cases)) time(args);
for (let run = 0; run < RUNS; run++)
  for (const [name, args] of Object.entries(cases)) times[name]?.push(time(args));
rmSync(folder, { recursive: true, force: true });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const bare = median(times["node -e ''"] ?? []);
console.log(
  `command-line start-up, median of ${RUNS} runs each, interleaved (${availableParallelism()} cores):`,
);
for (const [name, values] of Object.entries(times)) {
  const middle = median(values);
  console.log(
    `  ${name.padEnd(28)} ${middle.toFixed(0).padStart(5)} ms  (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})  ${(middle / bare).toFixed(1)}x node -e ''`,
  );
}
const help = median(times["bulwark --help"] ?? []);
console.log(
  `  bulwark --help: ${help.toFixed(0)} ms, ${(help / bare).toFixed(1)}x a bare node -e '' (target: under ${TARGET_MS} ms: ${help < TARGET_MS ? "met" : "NOT met"})`,
);
