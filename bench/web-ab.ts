// Two builds of the web app compared visit by visit, in Chromium: for each page, fresh contexts open
// it on server A, then on server B, then B, then A, and so on (ABBA), so that a machine whose load
// changes during the run slows both alike. Each visit waits until the page is usable as
// bench/web-load.ts decides (its heading, no loader; on map pages the demo's assets drawn by
// MapLibre) and records that time, when the assets were first on screen (map pages), the number of
// requests the page made and the main thread's busy time (CDP: tasks, scripts).
// Printed per page: the medians for A and B, and the median of the paired differences B − A.
//
// BENCH_A=http://127.0.0.1:PORT BENCH_B=http://127.0.0.1:PORT (running servers, demo loaded,
// BENCH_PASSWORD its demo password); BENCH_PAGES=/,/audit; BENCH_RUNS=8 visits per server and page.
import { launchChromium, usable } from "./support/browser.ts";

const SERVERS = [process.env.BENCH_A ?? "", process.env.BENCH_B ?? ""] as const;
const PASSWORD = process.env.BENCH_PASSWORD ?? "";
const RUNS = Number(process.env.BENCH_RUNS ?? 8);
const PAGES = (process.env.BENCH_PAGES ?? "sign-in,/,/organisations,/audit").split(",");
if (!SERVERS[0] || !SERVERS[1]) throw new Error("BENCH_A and BENCH_B are needed (running servers).");

interface Visit {
  ms: number;
  markers: number | null;
  requests: number;
  tasks: number;
  script: number;
}

const browser = await launchChromium();

async function visit(base: string, path: string): Promise<Visit> {
  const signedOut = path === "sign-in";
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    if (!signedOut) {
      const answer = await context.request.post(`${base}/api/auth/login`, {
        data: { email: "admin@bulwark.example", password: PASSWORD },
      });
      if (!answer.ok()) throw new Error(`sign-in failed: ${answer.status()}`);
    }
    const page = await context.newPage();
    let requests = 0;
    page.on("request", () => {
      requests++;
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.goto(`${base}${signedOut ? "/" : path}`);
    const map = path.includes("view=map") || path.startsWith("/analysis");
    const ms = await usable(page, map);
    const markers = map
      ? Number(
          await page
            .locator("[data-testid='asset-map-frame'][data-markers-at]")
            .first()
            .getAttribute("data-markers-at"),
        )
      : null;
    const metrics = await cdp.send("Performance.getMetrics");
    const metric = (name: string) => (metrics.metrics.find((item) => item.name === name)?.value ?? 0) * 1000;
    return { ms, markers, requests, tasks: metric("TaskDuration"), script: metric("ScriptDuration") };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

try {
  console.log(
    `A ${SERVERS[0]}  B ${SERVERS[1]}  ${RUNS} visits each, ABBA; medians (B − A: median of paired differences)`,
  );
  for (const path of PAGES) {
    // One warm-up visit each (the servers' caches, Chromium's compiled code).
    await visit(SERVERS[0], path);
    await visit(SERVERS[1], path);
    const visits: [Visit[], Visit[]] = [[], []];
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) visits[which as 0 | 1].push(await visit(SERVERS[which as 0 | 1], path));
    }
    const field = (which: 0 | 1, pick: (item: Visit) => number | null) =>
      median(visits[which].map(pick).filter((value): value is number => value !== null));
    const paired = (pick: (item: Visit) => number | null) =>
      median(visits[0].map((a, index) => (pick(visits[1][index] as Visit) ?? 0) - (pick(a) ?? 0)));
    const show = (name: string, pick: (item: Visit) => number | null) =>
      `${name} ${field(0, pick).toFixed(0)} / ${field(1, pick).toFixed(0)} (${paired(pick) >= 0 ? "+" : ""}${paired(pick).toFixed(0)})`;
    const markers =
      visits[0][0]?.markers !== null ? `  ${show("assets on screen", (item) => item.markers)}` : "";
    console.log(
      `${path.padEnd(20)} ${show("usable ms", (item) => item.ms)}${markers}  ${show("requests", (item) => item.requests)}  ${show("tasks ms", (item) => item.tasks)}  ${show("script ms", (item) => item.script)}`,
    );
  }
} finally {
  await browser.close();
}
