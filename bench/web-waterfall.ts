// Where a page's time goes, in Chromium: for each page, a fresh signed-in context opens it and waits
// until it is usable (as bench/web-load.ts decides), then prints every request the page made with
// when it started and ended (Resource Timing, ms since the navigation started), and the main
// thread's busy time (CDP Performance metrics: script, layout, style, tasks). A tool to find the
// waits to cut; bench/web-load.ts gives the figures.
//
// BENCH_URL=http://127.0.0.1:PORT and BENCH_PASSWORD: a running server with the demo loaded (needed).
// BENCH_PAGES=/,/audit: the pages (default: a few). BENCH_LOGIN=0: the sign-in page, signed out.
// BENCH_SW=block: without the service worker.
import { launchChromium, usable } from "./support/browser.ts";

const BASE = process.env.BENCH_URL ?? "";
const PASSWORD = process.env.BENCH_PASSWORD ?? "";
const PAGES = (process.env.BENCH_PAGES ?? "/,/audit,/assets?view=map").split(",");
if (!BASE) throw new Error("BENCH_URL is needed (a running server with the demo loaded).");

interface Entry {
  name: string;
  type: string;
  start: number;
  response: number;
  end: number;
  size: number;
  body: number;
}

const browser = await launchChromium();
try {
  for (const path of PAGES) {
    for (const warm of [true, false]) {
      const context = await browser.newContext({
        viewport: { width: 1400, height: 1000 },
        serviceWorkers: process.env.BENCH_SW === "block" ? "block" : "allow",
      });
      if (process.env.BENCH_LOGIN !== "0") {
        const answer = await context.request.post(`${BASE}/api/auth/login`, {
          data: { email: "admin@bulwark.example", password: PASSWORD },
        });
        if (!answer.ok()) throw new Error(`sign-in failed: ${answer.status()}`);
      }
      const page = await context.newPage();
      // The page's own record of when it was last seen becoming usable (heading, no loader in
      // <main>), free of the round trips the locators take on a loaded machine.
      await page.addInitScript(`(() => {
        let usable = false;
        const check = () => {
          const main = document.querySelector("main") ?? document.body;
          const heading = main && main.querySelector("h1, h2");
          const now = !!heading && heading.getClientRects().length > 0 &&
            !main.querySelector(".mantine-Loader-root, .mantine-Skeleton-root, [aria-busy='true']");
          if (now && !usable) window.__usableAt = performance.now();
          usable = now;
        };
        new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
      })()`);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Performance.enable");
      // BENCH_PROFILE=1: the main thread's busiest functions (self time), from CDP's sampling profiler.
      const profiling = process.env.BENCH_PROFILE === "1" && !warm;
      if (profiling) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
        await cdp.send("Profiler.start");
      }
      await page.goto(`${BASE}${path}`);
      const ms = await usable(page, path.includes("map") || path.startsWith("/analysis"));
      const markers = await page
        .locator("[data-testid='asset-map-frame'][data-markers-at]")
        .first()
        .getAttribute("data-markers-at", { timeout: 1 })
        .catch(() => null);
      const metrics = await cdp.send("Performance.getMetrics");
      if (profiling) {
        const { profile } = await cdp.send("Profiler.stop");
        const self = new Map<string, number>();
        const byId = new Map(profile.nodes.map((node) => [node.id, node]));
        const deltas = profile.timeDeltas ?? [];
        (profile.samples ?? []).forEach((id, index) => {
          const frame = byId.get(id)?.callFrame;
          const url = frame?.url.replace(BASE, "") ?? "";
          const key = `${frame?.functionName || "(anonymous)"} ${url}:${frame?.lineNumber ?? 0}`;
          self.set(key, (self.get(key) ?? 0) + (deltas[index] ?? 0) / 1000);
        });
        for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
          console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${key.slice(0, 110)}`);
      }
      const inPage = Number(await page.evaluate("window.__usableAt ?? -1"));
      // As a string: this file is type-checked against Node's types, not the DOM's.
      const entries: Entry[] = await page.evaluate(`[
        ...performance.getEntriesByType("navigation"),
        ...performance.getEntriesByType("resource"),
      ].map((entry) => ({
        name: entry.name,
        type: entry.initiatorType,
        start: entry.startTime,
        response: entry.responseStart,
        end: entry.responseEnd,
        size: entry.transferSize,
        body: entry.decodedBodySize,
      }))`);
      const paints: string[] = await page.evaluate(
        `performance.getEntriesByType("paint").map((entry) => entry.name + " " + entry.startTime.toFixed(0))`,
      );
      await context.close();
      if (warm) continue;
      const metric = (name: string) =>
        (metrics.metrics.find((item) => item.name === name)?.value ?? 0) * 1000;
      console.log(
        `\n${path}: usable ${ms.toFixed(0)} ms (in the page ${inPage.toFixed(0)} ms)${markers ? `, markers ${Number(markers).toFixed(0)} ms` : ""}; main thread: tasks ${metric("TaskDuration").toFixed(0)} ms, script ${metric("ScriptDuration").toFixed(0)} ms, layout ${metric("LayoutDuration").toFixed(0)} ms, style ${metric("RecalcStyleDuration").toFixed(0)} ms; ${paints.join(", ")}`,
      );
      for (const entry of entries.sort((a, b) => a.start - b.start)) {
        const name = entry.name.replace(BASE, "").slice(0, 70);
        console.log(
          `  ${entry.start.toFixed(0).padStart(5)} → ${entry.response.toFixed(0).padStart(5)} → ${entry.end.toFixed(0).padStart(5)}  ${(entry.size / 1000).toFixed(1).padStart(6)} kB ${(entry.body / 1000).toFixed(1).padStart(7)} kB  ${entry.type.padEnd(10)} ${name}`,
        );
      }
    }
  }
} finally {
  await browser.close();
}
