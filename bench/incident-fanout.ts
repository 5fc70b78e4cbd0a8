import { request } from "node:http";
import { type Connection, insertAsset, migrate } from "@bulwark/db";
import { onEachDatabase } from "./support/databases.ts";
import { fileIncident, KINDS, liveWorld, printMachine, session, type Writer } from "./support/live-world.ts";
import { percentile, type Served, serveHere, serveProcess } from "./support/served.ts";

const STREAMS = Number(process.env.BENCH_INCIDENT_STREAMS ?? 500);
const CHANGES = Number(process.env.BENCH_INCIDENT_CHANGES ?? 20);
const WARM_UP = 2;
const STATUSES = ["degraded", "down", "restored"] as const;

printMachine();

interface World {
  readonly incident: string;
  readonly asset: string;
  readonly writer: Writer;
  readonly readers: string[];
}

async function world(db: Connection["db"]): Promise<World> {
  const built = await liveWorld(db, STREAMS);
  const filer = await built.user("coordinator@bench.example", "Coordinator", built.organisation(0), [
    "coordinator",
  ]);
  const writer = await session(db, filer, built.now);
  const asset = await insertAsset(
    db,
    {
      ref: "SUB-1",
      name: "Substation 1",
      sector: "energy-electricity",
      operatorId: built.organisation(4),
      status: "operational",
      populationServed: 120_000,
      marking: "amber",
      tags: [],
      attributes: {},
      lat: 10,
      lon: 20,
    },
    built.now,
  );
  const incident = await fileIncident(db, built, filer, [asset]);
  return { incident, asset, writer, readers: built.readers };
}

/** An open stream recording when it parsed each `incident` event about the incident. */
interface Reader {
  readonly arrivals: number[];
  /** The server ended the stream (or the connection broke) before we closed it. */
  ended(): boolean;
  close(): void;
}

function openStream(base: string, cookie: string, incident: string, onEvent: () => void): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const arrivals: number[] = [];
    let closing = false;
    let ended = false;
    const req = request(
      `${base}/api/incidents/events`,
      { headers: { cookie, accept: "text/event-stream" } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding("utf8");
        res.on("close", () => {
          if (!closing) ended = true;
        });
        let buffer = "";
        let ready = false;
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let cut = buffer.indexOf("\n\n");
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            cut = buffer.indexOf("\n\n");
            if (block.includes("\nevent: incident\n")) {
              const at = performance.now();
              const line = block.split("\n").find((text) => text.startsWith("data: "));
              const data = JSON.parse(line?.slice(6) ?? "{}") as { id?: string };
              if (data.id === incident) {
                arrivals.push(at);
                onEvent();
              }
            } else if (!ready && block.includes("\nevent: ready\n")) {
              ready = true;
              resolve({
                arrivals,
                ended: () => ended,
                close: () => {
                  closing = true;
                  req.destroy();
                },
              });
            }
          }
        });
      },
    );
    req.on("error", (error) => {
      if (!closing) {
        ended = true;
        reject(error);
      }
    });
    req.end();
  });
}

/** Records one status change of the incident's asset through the API; the time the POST was sent. */
async function change(base: string, { incident, asset, writer }: World, n: number): Promise<number> {
  const sent = performance.now();
  const response = await fetch(`${base}/api/incidents/${incident}/asset-status`, {
    method: "POST",
    headers: { cookie: writer.cookie, "x-csrf-token": writer.csrfToken, "content-type": "application/json" },
    body: JSON.stringify({
      assetId: asset,
      status: STATUSES[n % STATUSES.length],
      at: new Date(Date.now() - 1000).toISOString(),
    }),
  });
  if (response.status >= 300) {
    const body = (await response.json()) as { detail?: string };
    throw new Error(`change ${n}: POST answered ${response.status}: ${body.detail ?? ""}`);
  }
  await response.arrayBuffer();
  return sent;
}

interface Outcome {
  readonly delays: number[];
  readonly answers: number[];
}

/** Opens the streams, then sends the changes one after the other; each delivery's delay. */
async function run(bases: string[], built: World, cookies: string[]): Promise<Outcome> {
  let received = 0;
  let wake: () => void = () => undefined;
  const readers: Reader[] = [];
  // Opened a few at a time, as browsers would arrive.
  for (let n = 0; n < cookies.length; n += 50)
    readers.push(
      ...(await Promise.all(
        cookies.slice(n, n + 50).map((cookie, k) =>
          openStream(bases[(n + k) % bases.length] as string, cookie, built.incident, () => {
            received++;
            wake();
          }),
        ),
      )),
    );
  // Let the hubs check the new readers before timing.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const delays: number[] = [];
  const answers: number[] = [];
  try {
    for (let n = 0; n < CHANGES + WARM_UP; n++) {
      const target = received + readers.length;
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          const ended = readers.filter((reader) => reader.ended()).length;
          reject(
            new Error(
              `change ${n}: ${target - received} streams heard nothing in 10 s (${ended} ended by the server)`,
            ),
          );
        }, 10_000);
        wake = () => {
          if (received >= target) {
            clearTimeout(timer);
            resolve();
          }
        };
      });
      const posted = change(bases[n % bases.length] as string, built, n);
      const sent = await posted;
      answers.push(performance.now() - sent);
      await done;
      // The first changes warm up (JIT, plans, connections) and are not counted.
      if (n >= WARM_UP) for (const reader of readers) delays.push((reader.arrivals[n] ?? Number.NaN) - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    for (const reader of readers) reader.close();
  }
  return { delays, answers: answers.slice(WARM_UP) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function report(label: string, servers: number, fanout: Outcome, baseline: Outcome): boolean {
  const p50 = percentile(fanout.delays, 50);
  const p99 = percentile(fanout.delays, 99);
  const b50 = percentile(baseline.delays, 50);
  const b99 = percentile(baseline.delays, 99);
  const max = fanout.delays.reduce((a, b) => Math.max(a, b), 0);
  const met = p99 < 1000;
  // Every stream heard every change (or the run stopped after 10 s); a missing one is an error.
  const complete = [...fanout.delays, ...baseline.delays].every((delay) => Number.isFinite(delay));
  console.log(
    `\n${label}: ${STREAMS} streams over ${Math.min(STREAMS, 2 * KINDS.length)} scope groups in ${KINDS.length} organisations, ${CHANGES} asset-status changes, round-robin to ${servers} server${servers > 1 ? "s" : ""}`,
  );
  console.log(
    `  POST sent to event parsed, ${STREAMS} streams: p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)} (${fanout.delays.length} deliveries; goal p99 < 1000 ms: ${met ? "met" : "NOT met"}); POST answered in p50 ${ms(percentile(fanout.answers, 50))}`,
  );
  console.log(
    `    baseline, 1 stream: p50 ${ms(b50)}, p99 ${ms(b99)}, POST answered in p50 ${ms(percentile(baseline.answers, 50))}; ${STREAMS} streams take ${(p50 / b50).toFixed(1)}x its p50 and ${(p99 / b99).toFixed(1)}x its p99`,
  );
  return complete;
}

async function measure(label: string, writer: Connection, start: () => Promise<Served[]>): Promise<boolean> {
  await migrate(writer);
  const built = await world(writer.db);
  const served = await start();
  try {
    const bases = served.map((server) => server.url);
    const baseline = await run(bases, built, built.readers.slice(0, 1));
    const fanout = await run(bases, built, built.readers);
    return report(label, bases.length, fanout, baseline);
  } finally {
    await Promise.all(served.map((server) => server.stop()));
  }
}

let complete = true;

await onEachDatabase("incidents", async (label, connection, url) => {
  const ok = url
    ? await measure(`${label}, two server processes (streams and POSTs split between them)`, connection, () =>
        Promise.all([serveProcess(url), serveProcess(url)]),
      )
    : await measure(`${label}, one server`, connection, async () => [await serveHere(connection)]);
  complete &&= ok;
});

if (!complete) process.exitCode = 1;
