// `npm test`: every test of every package. Browser tests need Debian's Chromium: installed here
// when we can (root with apt-get), otherwise we stop with instructions; never skipped silently.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildWebIfStale } from "./web-build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
export const CHROMIUM = process.env.BULWARK_CHROMIUM ?? "/usr/bin/chromium";

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const canApt = process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!canApt) {
    console.error(
      `Browser tests need Chromium at ${CHROMIUM}. Install Debian's package (sudo apt-get install -y chromium), ` +
        "or point BULWARK_CHROMIUM at a Chromium binary, then run npm test again.",
    );
    process.exit(1);
  }
  console.log("Installing Debian's Chromium for the browser tests (apt-get install chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-q"],
    ["install", "-y", "-q", "--no-install-recommends", "chromium"],
  ]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed: install chromium by hand, then run npm test again.`);
      process.exit(1);
    }
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureChromium();
buildWebIfStale();
// A full run also checks types and lint, so CI catches what the tests would not.
if (process.argv.length <= 2) {
  run("npm", ["run", "--silent", "typecheck"]);
  run("npx", ["biome", "ci", "."]);
}
const reporters = ["--reporter=default", "--reporter=./scripts/summary-reporter.mjs"];
const vitest = (args, env = {}) =>
  spawnSync("npx", ["vitest", "run", ...reporters, ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  }).status ?? 1;
if (process.argv.length > 2) process.exit(vitest(process.argv.slice(2)));

// Everything: the browser tests run after the others. Each file starts a server and a Chromium; run
// alongside the API tests on a small machine they starve and time out. Two files at once: a browser
// test waits on its server, its page and its Chromium in turn, and two such files keep two cores busy.
const folder = mkdtempSync(join(tmpdir(), "bulwark-test-"));
// Vitest's default leaves a core idle (as many files at once as cores less one): on two cores that
// is one file at a time, while a PostgreSQL test or a command-line one mostly waits on another
// process. One file per core keeps both busy.
const phases = [
  ["--project", "!e2e", `--maxWorkers=${Math.max(2, availableParallelism())}`],
  ["--project", "e2e", `--maxWorkers=${Math.min(2, availableParallelism())}`],
];
const total = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
for (const [index, args] of phases.entries()) {
  const summary = join(folder, `summary-${index}.json`);
  const code = vitest(args, { BULWARK_TEST_SUMMARY: summary });
  if (code !== 0) status = code;
  const counts = existsSync(summary) ? JSON.parse(readFileSync(summary, "utf8")) : { failed: 1 };
  for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
}
rmSync(folder, { recursive: true, force: true });
console.log(`\nvitest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(status);
