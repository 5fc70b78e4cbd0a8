// `npm test`: every test of every package. Browser tests need Debian's Chromium: installed here
// when we can (root with apt-get), otherwise we stop with instructions; never skipped silently.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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
const vitest = spawnSync("npx", ["vitest", "run", ...reporters, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(vitest.status ?? 1);
