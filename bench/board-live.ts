import { request } from "node:http";
import { type Connection, migrate } from "@bulwark/db";
import { onEachDatabase } from "./support/databases.ts";
import { fileIncident, KINDS, liveWorld, printMachine, session, type Writer } from "./support/live-world.ts";
import { percentile, type Served, serveHere, serveProcess } from "./support/served.ts";

const READERS = Number(process.env.BENCH_BOARD_READERS ?? 200);
const RATE = Number(process.env.BENCH_BOARD_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_BOARD_SECONDS ?? 60);
const ENTRIES = Math.round(RATE * SECONDS);
/** How long after the last POST's answer a missing delivery is counted lost. */
const GRACE_MS = 10_000;

printMachine();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface World {
  readonly incident: string;
  readonly readers: string[];
  readonly writers: Writer[];
}

async function world(db: Connection["db"]): Promise<World> {
  const built = await liveWorld(db, READERS);
  const { organisation, user } = built;
  // The writers: the authority's coordinator (who filed the incident), a police officer and two
  // operators' members; each may mark entries up to AMBER.
  const filer = await user("coordinator@bench.example", "Coordinator", organisation(0), ["coordinator"]);
  const writerIds = [
    filer,
    await user("officer@bench.example", "Officer", organisation(1), ["member"]),
    await user("engineer@bench.example", "Engineer", organisation(4), ["member"]),
    await user("operator@bench.example", "Operator", organisation(5), ["member"]),
  ];
  const writers: Writer[] = [];
  for (const id of writerIds) writers.push(await session(db, id, built.now));
  const incident = await fileIncident(db, built, filer);
  return { incident, readers: built.readers, writers };
}

/** An open stream recording when each log entry of the incident was parsed, by entry id. */
interface Reader {
  readonly arrivals: Map<string, number>;
  /** The server ended the stream (or the connection broke) before we closed it. */
  ended(): boolean;
  close(): void;
}

function openStream(base: string, cookie: string, incident: string, onEntry: () => void): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const arrivals = new Map<string, number>();
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
            if (block.includes("\nevent: incident-log\n")) {
              const at = performance.now();
              const line = block.split("\n").find((text) => text.startsWith("data: "));
              const data = JSON.parse(line?.slice(6) ?? "{}") as { id?: string; entry?: string };
              if (data.id === incident && data.entry && !arrivals.has(data.entry)) {
                arrivals.set(data.entry, at);
                onEntry();
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

interface Posted {
  readonly sent: number;
  readonly answered: number;
  /** The entry's id; null when the POST failed. */
  readonly id: string | null;
}

async function post(
  base: string,
  incident: string,
  writer: Writer,
  text: string,
  significant: boolean,
): Promise<Posted> {
  const sent = performance.now();
  try {
    const response = await fetch(`${base}/api/incidents/${incident}/log`, {
      method: "POST",
      headers: {
        cookie: writer.cookie,
        "x-csrf-token": writer.csrfToken,
        "content-type": "application/json",
      },
      body: JSON.stringify({ text, tlp: "amber", significant }),
    });
    const body = (await response.json()) as { id?: string; detail?: string };
    if (response.status !== 201 || typeof body.id !== "string") {
      console.error(`  POST answered ${response.status}: ${body.detail ?? ""}`);
      return { sent, answered: performance.now(), id: null };
    }
    return { sent, answered: performance.now(), id: body.id };
  } catch (error) {
    console.error(`  POST failed: ${(error as Error).message}`);
    return { sent, answered: performance.now(), id: null };
  }
}

interface Outcome {
  readonly delays: number[];
  /** Deliveries (entry x stream) that never arrived, failed POSTs counted once per stream. */
  readonly lost: number;
  readonly failedPosts: number;
  readonly endedStreams: number;
  readonly answers: number[];
  /** Entries a second actually sent. */
  readonly rate: number;
}

/** Opens the streams, then posts ENTRIES entries at RATE a second; every delivery's delay. */
async function run(bases: string[], { incident, writers }: World, cookies: string[]): Promise<Outcome> {
  let received = 0;
  let wake: () => void = () => undefined;
  const readers: Reader[] = [];
  // Opened a few at a time, as browsers would arrive.
  for (let n = 0; n < cookies.length; n += 50)
    readers.push(
      ...(await Promise.all(
        cookies.slice(n, n + 50).map((cookie, k) =>
          openStream(bases[(n + k) % bases.length] as string, cookie, incident, () => {
            received++;
            wake();
          }),
        ),
      )),
    );
  /**
   * Resolves true when every stream has heard of `entries` entries (each entry is recorded once per
   * stream, and only this run's entries reach its streams), or false after `ms`.
   */
  const heard = (entries: number, ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        wake = () => undefined;
        resolve(false);
      }, ms);
      wake = () => {
        if (received >= entries * readers.length) {
          clearTimeout(timer);
          wake = () => undefined;
          resolve(true);
        }
      };
      wake();
    });
  try {
    // Let the hubs check the new readers before timing.
    await sleep(500);
    // Two entries one after the other warm up (JIT, plans, connections) and are not counted.
    for (let n = 0; n < 2; n++) {
      const { id } = await post(
        bases[n % bases.length] as string,
        incident,
        writers[n % writers.length] as Writer,
        `Warm-up ${n}`,
        false,
      );
      if (!id || !(await heard(n + 1, 10_000)))
        throw new Error(`warm-up entry ${n} did not reach every stream`);
    }
    const posts: Promise<Posted>[] = [];
    const start = performance.now();
    for (let n = 0; n < ENTRIES; n++) {
      await sleep(start + (n * 1000) / RATE - performance.now());
      posts.push(
        post(
          bases[n % bases.length] as string,
          incident,
          writers[n % writers.length] as Writer,
          `Entry ${n}: crews on site, status unchanged.`,
          n % 10 === 0,
        ),
      );
    }
    const lastSent = performance.now();
    const posted = await Promise.all(posts);
    const ids = posted.flatMap((entry) => (entry.id ? [entry.id] : []));
    await heard(2 + ids.length, GRACE_MS);
    const delays: number[] = [];
    let lost = 0;
    for (const entry of posted)
      for (const reader of readers) {
        const at = entry.id ? reader.arrivals.get(entry.id) : undefined;
        if (at === undefined) lost++;
        else delays.push(at - entry.sent);
      }
    return {
      delays,
      lost,
      failedPosts: posted.length - ids.length,
      endedStreams: readers.filter((reader) => reader.ended()).length,
      answers: posted.map((entry) => entry.answered - entry.sent),
      rate: ((ENTRIES - 1) * 1000) / Math.max(1, lastSent - start),
    };
  } finally {
    for (const reader of readers) reader.close();
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function report(label: string, servers: number, board: Outcome, baseline: Outcome): boolean {
  const p50 = percentile(board.delays, 50);
  const p99 = percentile(board.delays, 99);
  const b50 = percentile(baseline.delays, 50);
  const b99 = percentile(baseline.delays, 99);
  const max = board.delays.reduce((a, b) => Math.max(a, b), 0);
  console.log(
    `\n${label}: ${READERS} streams over ${Math.min(READERS, 2 * KINDS.length)} scope groups in ${KINDS.length} organisations, ${ENTRIES} entries at ${RATE}/s (${board.rate.toFixed(2)}/s sent) for ${SECONDS} s, round-robin to ${servers} server${servers > 1 ? "s" : ""}`,
  );
  console.log(
    `  POST sent to event parsed, ${READERS} streams: p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)} (${board.delays.length} deliveries; goal p99 < 1000 ms: ${p99 < 1000 ? "met" : "NOT met"})`,
  );
  console.log(
    `  lost: ${board.lost} deliveries (${board.failedPosts} POSTs failed, ${board.endedStreams} streams ended by the server); POST answered in p50 ${ms(percentile(board.answers, 50))}, p99 ${ms(percentile(board.answers, 99))}`,
  );
  console.log(
    `    baseline, 1 stream: p50 ${ms(b50)}, p99 ${ms(b99)}, lost ${baseline.lost}; ${READERS} streams take ${(p50 / b50).toFixed(1)}x its p50 and ${(p99 / b99).toFixed(1)}x its p99`,
  );
  return board.lost === 0 && baseline.lost === 0;
}

async function measure(label: string, writer: Connection, start: () => Promise<Served[]>): Promise<boolean> {
  await migrate(writer);
  const built = await world(writer.db);
  const served = await start();
  try {
    const bases = served.map((server) => server.url);
    const baseline = await run(bases, built, built.readers.slice(0, 1));
    const board = await run(bases, built, built.readers);
    return report(label, bases.length, board, baseline);
  } finally {
    await Promise.all(served.map((server) => server.stop()));
  }
}

let complete = true;

await onEachDatabase("board", async (label, connection, url) => {
  const ok = url
    ? await measure(
        `${label}, two server processes (streams and entries split between them)`,
        connection,
        () => Promise.all([serveProcess(url), serveProcess(url)]),
      )
    : await measure(`${label}, one server`, connection, async () => [await serveHere(connection)]);
  complete &&= ok;
});

if (!complete) process.exitCode = 1;
