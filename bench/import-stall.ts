// node-flags: --max-old-space-size=8192
// Long imports must not stall the server (issue 14, finding 9): GET /api/health is polled every
// BENCH_STALL_POLL_MS (20 ms) during a large STIX import and during a large registry CSV import,
// and its latency printed (p50, p99, max) beside the same figures for the idle server in the same
// run, on embedded PGlite and, when it answers at 127.0.0.1:5432, on PostgreSQL. Target: health p99
// under 200 ms during each import.
// The poller runs in a worker thread, so that its own clock is not stopped by a blocked event loop,
// and it is open-loop: a request is due every interval whether or not the ones before have
// answered, and its latency counts from when it was due (a stalled server is not let off by the
// poller waiting for it).
// The STIX import is a real POST /api/sharing/stix/imports of the bundle (from a buffer encoded
// beforehand, over the loopback, with a session): receiving, parsing and checking the body, the
// import and the answer; the registry import goes the way of the import job (importRegistry).
// Beside health's latency, the longest stall of the server's event loop in each phase is printed
// (perf_hooks' monitorEventLoopDelay, 10 ms resolution): on a loaded machine, health's latency
// also holds the time the process waits for a core, the stall is the server's own doing.
// Knobs: BENCH_STALL_STIX_MB (50), BENCH_STALL_CSV_ROWS (100,000 assets, plus half as many
// dependencies), BENCH_STALL_IDLE_MS (3,000), BENCH_STALL_POLL_MS (20).
import { request as httpRequest } from "node:http";
import { availableParallelism, cpus, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { type Connection, insertOrganisation, migrate } from "@bulwark/db";
import { buildApp } from "../apps/server/src/app.ts";
import { readConfig } from "../apps/server/src/config.ts";
import type { ServerContext } from "../apps/server/src/context.ts";
import { importRegistry } from "../apps/server/src/registry/import.service.ts";
import { benchWorld } from "./support/bench-world.ts";
import { onEachDatabase } from "./support/databases.ts";
import { session } from "./support/live-world.ts";
import { generateBundle } from "./support/stix-bundle.ts";

const STIX_MB = Number(process.env.BENCH_STALL_STIX_MB ?? 50);
const CSV_ROWS = Number(process.env.BENCH_STALL_CSV_ROWS ?? 100_000);
const IDLE_MS = Number(process.env.BENCH_STALL_IDLE_MS ?? 3_000);
const POLL_MS = Number(process.env.BENCH_STALL_POLL_MS ?? 20);
const TARGET_P99_MS = 200;

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, load ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")}`,
);

// The bundle: about 480 bytes an object; sized from a sample so that the JSON is STIX_MB.
const sample = JSON.stringify(generateBundle(2_000)).length / 2_000;
const bundleText = JSON.stringify(generateBundle(Math.max(10, Math.round((STIX_MB * 1e6) / sample))));
const bundleBytes = Buffer.from(bundleText);
const bundleObjects = (JSON.parse(bundleText) as { objects: unknown[] }).objects.length;
console.log(`STIX bundle: ${bundleObjects} objects, ${(bundleText.length / 1e6).toFixed(1)} MB`);

const OPERATORS = ["Stall Grid", "Stall Water"];
function registryFiles(rows: number): { assets: string; dependencies: string } {
  const assets = ["id,name,sector,operator,lat,lon,population_served,marking"];
  for (let i = 0; i < rows; i++) {
    const water = i % 2 === 1;
    assets.push(
      `A-${i},Asset ${i},${water ? "water-drinking" : "energy-electricity"},${OPERATORS[i % 2]},${(10 + (i % 1000) / 1000).toFixed(3)},${(20 + Math.floor(i / 1000) / 1000).toFixed(3)},${1000 + (i % 5000)},amber`,
    );
  }
  // Each water asset (odd) depends on the electricity asset before it.
  const dependencies = ["dependent_id,supplier_id,service,k,buffer_hours,kind"];
  for (let i = 1; i < rows; i += 2) dependencies.push(`A-${i},A-${i - 1},electricity,1,4,physical`);
  return { assets: `${assets.join("\n")}\n`, dependencies: `${dependencies.join("\n")}\n` };
}
const files = registryFiles(CSV_ROWS);
console.log(
  `registry files: ${CSV_ROWS} assets, ${Math.floor(CSV_ROWS / 2)} dependencies, ${((files.assets.length + files.dependencies.length) / 1e6).toFixed(1)} MB`,
);

// The poller (plain JavaScript, run as a worker): "start" begins a phase, "stop" ends it and sends
// back each request's latency in milliseconds.
const POLLER = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let phase = null;
function poll(state) {
  if (phase !== state) return;
  const due = state.next;
  state.next += workerData.interval;
  state.pending++;
  const request = http.get(workerData.url, { agent }, (response) => {
    response.resume();
    response.on("end", () => {
      state.latencies.push(performance.now() - due);
      if (response.statusCode !== 200) state.failures++;
      state.pending--;
      if (state.stopped && state.pending === 0) state.finish();
    });
  });
  request.on("error", () => {
    state.failures++;
    state.pending--;
    if (state.stopped && state.pending === 0) state.finish();
  });
  setTimeout(() => poll(state), Math.max(0, state.next - performance.now()));
}
parentPort.on("message", (message) => {
  if (message === "start") {
    const state = { next: performance.now(), latencies: [], failures: 0, pending: 0, stopped: false };
    state.finish = () => parentPort.postMessage({ latencies: state.latencies, failures: state.failures });
    phase = state;
    poll(state);
  } else if (message === "stop" && phase) {
    const state = phase;
    phase = null;
    state.stopped = true;
    if (state.pending === 0) state.finish();
  }
});
`;

interface Phase {
  readonly latencies: number[];
  readonly failures: number;
  /** The event loop's longest and 99th-percentile delay in the phase, in ms. */
  readonly stall: { readonly max: number; readonly p99: number };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function line(name: string, phase: Phase, seconds: number | null): string {
  const sorted = [...phase.latencies].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const took = seconds === null ? "" : ` — import ${seconds.toFixed(1)} s`;
  return `  ${name.padEnd(24)} health n=${sorted.length} p50 ${ms(quantile(sorted, 0.5))}, p99 ${ms(quantile(sorted, 0.99))}, max ${ms(sorted.at(-1) ?? Number.NaN)}${phase.failures ? `, ${phase.failures} failed` : ""}; event loop delay p99 ${ms(phase.stall.p99)}, max ${ms(phase.stall.max)}${took}`;
}

/** The bundle POSTed to the import route as a client would; its report. */
function postBundle(
  address: string,
  collection: string,
  writer: { cookie: string; csrfToken: string },
): Promise<{ added: number; total: number }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${address}/api/sharing/stix/imports?collection=${collection}&defaultTlp=amber`,
      {
        method: "POST",
        headers: {
          cookie: writer.cookie,
          "x-csrf-token": writer.csrfToken,
          "content-type": "application/json",
          "content-length": bundleBytes.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== 200)
            reject(new Error(`the import answered ${response.statusCode}: ${text.slice(0, 500)}`));
          else resolve(JSON.parse(text) as { added: number; total: number });
        });
      },
    );
    request.on("error", reject);
    request.end(bundleBytes);
  });
}

async function measure(label: string, connection: Connection): Promise<void> {
  await migrate(connection);
  const world = await benchWorld(connection, "bench password 1234", "Stall collection");
  const now = new Date();
  for (const name of OPERATORS)
    await insertOrganisation(
      connection.db,
      { name, kind: "private-operator", country: "XM", sectors: [] },
      now,
    );
  const context: ServerContext = {
    config: { ...readConfig({}), secureCookies: false },
    connection,
    db: connection.db,
    clock: () => new Date(),
    version: "bench",
  };
  const app = await buildApp(context, { logLevel: false, web: false });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const poller = new Worker(POLLER, {
    eval: true,
    workerData: { url: `${address}/api/health`, interval: POLL_MS },
  });
  const during = async (work: () => Promise<unknown>): Promise<{ phase: Phase; seconds: number }> => {
    const answered = new Promise<Omit<Phase, "stall">>((resolve) => poller.once("message", resolve));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    poller.postMessage("start");
    const started = performance.now();
    await work();
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    poller.postMessage("stop");
    const stall = { max: delay.max / 1e6, p99: delay.percentile(99) / 1e6 };
    return { phase: { ...(await answered), stall }, seconds };
  };
  const writer = await session(connection.db, world.userId, new Date());
  try {
    console.log(`\n${label} (load ${loadavg()[0]?.toFixed(1)})`);
    // The server's own start-up work (search index, schedules) first, unmeasured.
    await during(() => new Promise((resolve) => setTimeout(resolve, IDLE_MS)));
    const idle = await during(() => new Promise((resolve) => setTimeout(resolve, IDLE_MS)));
    console.log(line("idle", idle.phase, null));
    const stix = await during(async () => {
      const cpu = process.cpuUsage();
      const report = await postBundle(address, world.community, writer);
      const used = process.cpuUsage(cpu);
      console.log(
        `    STIX: added ${report.added} of ${report.total}, process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s`,
      );
    });
    console.log(line(`STIX ${(bundleText.length / 1e6).toFixed(0)} MB`, stix.phase, stix.seconds));
    const csv = await during(async () => {
      const cpu = process.cpuUsage();
      const report = await importRegistry(context, null, files);
      const used = process.cpuUsage(cpu);
      console.log(
        `    registry: ${report.assets.created} created, ${report.dependencies.rows} dependencies, process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s`,
      );
    });
    console.log(line(`registry ${CSV_ROWS} rows`, csv.phase, csv.seconds));
    const verdict = (phase: Phase) => {
      const p99 = quantile(
        [...phase.latencies].sort((a, b) => a - b),
        0.99,
      );
      return `${p99 < TARGET_P99_MS ? "met" : "NOT MET"} (${(
        p99 /
          quantile(
            [...idle.phase.latencies].sort((a, b) => a - b),
            0.99,
          )
      ).toFixed(1)}x idle p99)`;
    };
    console.log(
      `  target health p99 < ${TARGET_P99_MS} ms: STIX ${verdict(stix.phase)}, registry ${verdict(csv.phase)}`,
    );
  } finally {
    await poller.terminate();
    await app.close();
  }
}

await onEachDatabase("stall", measure);
