// The web app as a first-time visitor gets it, in Chromium (playwright-core, Debian's chromium):
// for each page, a fresh browser context (empty cache) signed in through the API opens the page and
// waits until it is usable: its heading shown, no loader or skeleton left in <main>, and on map
// pages the demo's assets drawn by MapLibre (the map's data-features: the map can be panned,
// zoomed and clicked). Printed per page: the scripts and style sheets it fetched (as sent, and
// gzip -6 of the same files, the budget's measure) and the time to usable, median of BENCH_RUNS
// runs; the baseline, measured in the same run, is the sign-in page (signed out), and each page's
// time is also given as a ratio to it. Map pages get a second line: the time until the demo's
// assets were first on screen (the map frame's data-markers-at, set by the page when it drew them,
// sketched before MapLibre is up or by MapLibre itself; see apps/web/src/map/asset-map.tsx).
//
// Targets (issue 16): first load at most 300 kB of JS and CSS gzipped; every page usable within
// 1 s; maps with the 2,003 demo assets drawn within 1 s.
//
// BENCH_PAGES=/,/audit measures only those of the pages below (the sign-in page always).
// BENCH_URL=http://127.0.0.1:8080 measures a running server (demo loaded, BENCH_PASSWORD its demo
// password); otherwise the bench loads the demo into a temporary data folder and serves it.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildWebIfStale } from "../scripts/web-build.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "apps/cli/bin/bulwark.js");
const DIST = join(ROOT, "apps/web/dist");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EMAIL = "admin@bulwark.example";
const DEMO_ASSETS = 2003;

interface Target {
  path: string;
  /** Waits for the demo's assets on the map too. */
  map?: boolean;
}

const PAGES: Target[] = [
  { path: "/" },
  { path: "/assets" },
  { path: "/assets?view=map", map: true },
  // The what-if map: every asset, as on the registry's map.
  { path: "/analysis", map: true },
  { path: "/organisations" },
  { path: "/risk" },
  { path: "/risk/new" },
  { path: "/sharing" },
  { path: "/sharing/new" },
  { path: "/sharing/approvals" },
  { path: "/events" },
  { path: "/compendium" },
  { path: "/experts" },
  { path: "/self-assessment" },
  { path: "/audit" },
];

async function serve(): Promise<{ url: string; password: string; stop: () => void }> {
  const given = process.env.BENCH_URL;
  if (given) return { url: given, password: process.env.BENCH_PASSWORD ?? "", stop: () => {} };
  const dataDir = join(mkdtempSync(join(tmpdir(), "bulwark-bench-")), "data");
  const password = "bench password";
  const env = { ...process.env, BULWARK_DATA: dataDir, DATABASE_URL: "", BULWARK_DEMO_PASSWORD: password };
  const seeded = spawnSync(process.execPath, [BIN, "seed-demo"], { env, encoding: "utf8" });
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  const port = 18_961;
  const child: ChildProcess = spawn(process.execPath, [BIN, "serve"], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    const healthy = await fetch(`${url}/api/health`).then(
      (answer) => answer.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() - started > 60_000) throw new Error("bulwark serve did not answer /api/health");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, password, stop: () => child.pid && process.kill(-child.pid, "SIGTERM") };
}

/**
 * Waits until the page is usable (see the header) with locators, which work under the app's CSP
 * (`script-src 'self'`: a predicate handed over as a string would need eval once polled), then
 * reads the page's clock: milliseconds since the navigation started.
 */
async function usable(page: Page, map: boolean): Promise<{ ms: number; markers: number | null }> {
  const main = page.locator("main").or(page.locator("body").filter({ hasNot: page.locator("main") }));
  const heading = main.locator("h1, h2").first();
  const busy = main.locator(".mantine-Loader-root, .mantine-Skeleton-root, [aria-busy='true']").first();
  const drawn = page.locator("[data-testid='asset-map'][data-bounds]").first();
  const deadline = Date.now() + 60_000;
  const timeout = () => Math.max(1, deadline - Date.now());
  for (;;) {
    await heading.waitFor({ state: "visible", timeout: timeout() });
    await busy.waitFor({ state: "detached", timeout: timeout() });
    if (map) {
      await drawn.waitFor({ state: "attached", timeout: timeout() });
      while (Number((await drawn.getAttribute("data-features")) ?? -1) < DEMO_ASSETS) {
        if (Date.now() > deadline) throw new Error(`the map did not draw the demo's ${DEMO_ASSETS} assets`);
        await page.waitForTimeout(10);
      }
    }
    // All at once: a loader may have come after the heading.
    if ((await heading.isVisible()) && (await busy.count()) === 0) break;
  }
  const ms = await page.evaluate(() => performance.now());
  if (!map) return { ms, markers: null };
  // The page's own record of when the demo's assets were first all on screen.
  const frame = page.locator("[data-testid='asset-map-frame'][data-markers-at]").first();
  if (Number((await frame.getAttribute("data-markers")) ?? -1) < DEMO_ASSETS)
    throw new Error("the map frame does not say that the demo's assets are on screen");
  return { ms, markers: Number(await frame.getAttribute("data-markers-at")) };
}

interface Load {
  ms: number;
  /** Map pages: when the demo's assets were first on screen. */
  markers: number | null;
  sent: number;
  gzip: number;
}

const gzipOfFile = new Map<string, number>();
function gzipOf(url: string): number {
  const path = new URL(url).pathname;
  let size = gzipOfFile.get(path);
  if (size === undefined) {
    const file = join(DIST, path);
    size = existsSync(file) ? gzipSync(readFileSync(file)).length : 0;
    gzipOfFile.set(path, size);
  }
  return size;
}

async function load(browser: Browser, base: string, password: string | null, target: Target): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    if (password !== null) {
      const answer = await context.request.post(`${base}/api/auth/login`, {
        data: { email: EMAIL, password },
      });
      if (!answer.ok()) throw new Error(`sign-in failed: ${answer.status()}`);
    }
    const page: Page = await context.newPage();
    const fetched: Promise<{ sent: number; gzip: number }>[] = [];
    page.on("requestfinished", (request) => {
      const type = request.resourceType();
      if (type !== "script" && type !== "stylesheet") return;
      fetched.push(
        request.sizes().then((sizes) => ({ sent: sizes.responseBodySize, gzip: gzipOf(request.url()) })),
      );
    });
    await page.goto(`${base}${target.path}`);
    const { ms, markers } = await usable(page, target.map === true);
    const sizes = await Promise.all(fetched);
    return {
      ms,
      markers,
      sent: sizes.reduce((sum, size) => sum + size.sent, 0),
      gzip: sizes.reduce((sum, size) => sum + size.gzip, 0),
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

buildWebIfStale();
const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.BULWARK_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
try {
  const measure = async (target: Target, password: string | null) => {
    const loads: Load[] = [];
    // One warm-up visit (the server's own caches, Chromium's compiled code), then the runs.
    await load(browser, server.url, password, target);
    for (let run = 0; run < RUNS; run++) loads.push(await load(browser, server.url, password, target));
    const markers = loads.flatMap((item) => (item.markers === null ? [] : [item.markers]));
    return {
      ms: median(loads.map((item) => item.ms)),
      markers: markers.length > 0 ? median(markers) : null,
      sent: loads[0]?.sent ?? 0,
      gzip: loads[0]?.gzip ?? 0,
    };
  };
  const baseline = await measure({ path: "/" }, null);
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(6)} kB`;
  const row = (name: string, result: Load) =>
    console.log(
      `  ${name.padEnd(22)} ${kB(result.gzip)} gzip ${kB(result.sent)} sent  ${`${result.ms.toFixed(0)} ms`.padStart(7)}  ${(result.ms / baseline.ms).toFixed(2)}x`,
    );
  console.log(
    `web load, fresh context per visit, median of ${RUNS} runs (JS+CSS fetched until usable; time to usable; ratio to the sign-in page):`,
  );
  row("sign-in (baseline)", baseline);
  const time = (ms: number) => `${ms.toFixed(0)} ms`.padStart(7);
  let slowest = 0;
  let slowestMarkers = 0;
  let firstLoad = 0;
  // BENCH_PAGES=/,/assets?view=map measures those pages only (the sign-in page always).
  const only = process.env.BENCH_PAGES?.split(",");
  for (const target of PAGES.filter((page) => !only || only.includes(page.path))) {
    const result = await measure(target, server.password);
    row(target.path, result);
    if (result.markers !== null) {
      console.log(
        `  ${"  assets on screen".padEnd(22)} ${" ".repeat(30)}${time(result.markers)}  ${(result.markers / baseline.ms).toFixed(2)}x  (${DEMO_ASSETS} markers drawn)`,
      );
      slowestMarkers = Math.max(slowestMarkers, result.markers);
    }
    slowest = Math.max(slowest, result.ms);
    if (target.path === "/") firstLoad = result.gzip;
  }
  const home =
    only && !only.includes("/") ? "" : `first load after sign-in ${kB(firstLoad)} gzip (target 300 kB); `;
  const maps =
    slowestMarkers > 0 ? `; map assets on screen ${slowestMarkers.toFixed(0)} ms (target 1000 ms)` : "";
  console.log(`  ${home}slowest page ${slowest.toFixed(0)} ms (target 1000 ms)${maps}`);
} finally {
  await browser.close();
  server.stop();
}
