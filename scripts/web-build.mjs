// Builds the web app when its build is missing or older than its sources (shared by start and test).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const web = join(root, "apps/web");
const built = join(web, "dist/index.html");

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function webIsStale() {
  if (!existsSync(built)) return true;
  const sources = [
    ...["src", "public", "index.html", "vite.config.ts", "package.json"].map((item) => join(web, item)),
    ...["packages/contracts/src", "packages/core/src"].map((item) => join(root, item)),
  ].filter((item) => existsSync(item));
  return Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
}

export function buildWebIfStale() {
  if (!webIsStale()) return;
  console.log("Building the web app (once, or after its sources change)…");
  // Always a production build: under a test runner NODE_ENV is "test", and Vite would then bundle
  // React's development build.
  const result = spawnSync("npm", ["run", "build", "--workspace", "apps/web"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    console.error("The web app failed to build: see the messages above.");
    process.exit(result.status ?? 1);
  }
}
