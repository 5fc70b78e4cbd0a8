// The incident board live (issue 18): READERS people of several organisations hold the incident
// page open (its log panel follows GET /api/incidents/events, event `incident-log` with
// {id: incident, entry}) while writers of four organisations post activity-log entries
// (POST /api/incidents/{id}/log, TLP:AMBER, which every reader of the incident may read) at RATE a
// second for SECONDS seconds, open loop (an entry is sent on time whether or not the last one was
// answered), round-robin across the servers. Measured: the time from an entry's POST being sent to
// each stream parsing its event, p50, p99 and max over every entry and reader, and the deliveries
// lost (an entry a stream never heard of within 10 s of the last answer, or a POST that failed):
// any loss exits non-zero. On embedded PGlite (one server), and on PostgreSQL at 127.0.0.1:5432
// with two server processes (bench/support/live-server.ts, two `bulwark serve` behind a load
// balancer: half the streams and half the entries on each). Baseline in the same run and
// server(s): one open stream, the same entries at the same rate.
// Readers: spread over ORGANISATIONS organisations (the authority that filed the incident, the
// police, a regulator and operators), members and analysts (2 x ORGANISATIONS scope groups), one
// session and one stream each, read over real sockets by this process; the incident is AMBER to
// every organisation. BENCH_BOARD_READERS (default 200), BENCH_BOARD_RATE (entries a second,
// default 10), BENCH_BOARD_SECONDS (default 60).
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { availableParallelism, cpus } from "node:os";
import type { OrganisationKind } from "@bulwark/core";
import {
  type Connection,
  connect,
  insertIncident,
  insertOrganisation,
  insertSession,
  insertUser,
  migrate,
} from "@bulwark/db";
import pg from "pg";
import { hashPassword, sha256 } from "../apps/server/src/auth/secrets.ts";
import { percentile, type Served, serveHere, serveProcess } from "./support/served.ts";

const READERS = Number(process.env.BENCH_BOARD_READERS ?? 200);
const RATE = Number(process.env.BENCH_BOARD_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_BOARD_SECONDS ?? 60);
const ENTRIES = Math.round(RATE * SECONDS);
/** How long after the last POST's answer a missing delivery is counted lost. */
const GRACE_MS = 10_000;

const KINDS: readonly OrganisationKind[] = [
  "national-authority",
  "law-enforcement",
  "regulator",
  "public-operator",
  "private-operator",
  "private-operator",
  "private-operator",
  "private-operator",
];
const ORGANISATIONS = KINDS.length;

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface Writer {
  readonly cookie: string;
  readonly csrfToken: string;
}

interface World {
  readonly incident: string;
  readonly readers: string[];
  readonly writers: Writer[];
}

async function session(db: Connection["db"], userId: string, now: Date): Promise<Writer> {
  const secret = randomBytes(24).toString("hex");
  const csrfToken = randomBytes(16).toString("hex");
  await insertSession(
    db,
    { id: sha256(secret), userId, csrfToken, expiresAt: new Date(now.getTime() + 3_600_000) },
    now,
  );
  return { cookie: `bulwark_session=${secret}`, csrfToken };
}

async function world(db: Connection["db"]): Promise<World> {
  const now = new Date();
  const passwordHash = await hashPassword(randomBytes(12).toString("hex"));
  const organisations: string[] = [];
  for (const [n, kind] of KINDS.entries())
    organisations.push(
      await insertOrganisation(
        db,
        {
          name: `Bench ${kind} ${n}`,
          kind,
          country: "XM",
          sectors: kind.endsWith("-operator") ? ["energy-electricity"] : [],
        },
        now,
      ),
    );
  const organisation = (n: number) => organisations[n % ORGANISATIONS] as string;
  const user = (
    email: string,
    name: string,
    organisationId: string,
    roles: ("member" | "analyst" | "coordinator")[],
  ) => insertUser(db, { email, name, organisationId, roles, passwordHash }, now);
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
  for (const id of writerIds) writers.push(await session(db, id, now));
  const readers: string[] = [];
  for (let n = 0; n < READERS; n++) {
    const userId = await user(
      `reader${n}@bench.example`,
      `Reader ${n}`,
      organisation(n),
      // Members and analysts in every organisation: two scope groups each.
      [Math.floor(n / ORGANISATIONS) % 2 === 0 ? "member" : "analyst"],
    );
    readers.push((await session(db, userId, now)).cookie);
  }
  const at = new Date(now.getTime() - 3_600_000);
  const incident = await insertIncident(db, {
    title: "Substation attacked",
    description: "Two transformers were damaged overnight.",
    type: "sabotage",
    regime: "eu-cer-article-15",
    tlp: "amber",
    startedAt: at,
    awareAt: at,
    suspectedCause: "attack",
    threatFamily: "sabotage",
    causeDetails: "",
    servicesAffected: [],
    peopleAffected: null,
    effectsAbroad: [],
    effectsAbroadDetails: "",
    filerId: filer,
    filerOrganisationId: organisation(0),
    audience: { communityIds: [], organisationIds: organisations.slice(1), userIds: [] },
    assets: [],
    now,
  });
  return { incident, readers, writers };
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
    `\n${label}: ${READERS} streams over ${Math.min(READERS, 2 * ORGANISATIONS)} scope groups in ${ORGANISATIONS} organisations, ${ENTRIES} entries at ${RATE}/s (${board.rate.toFixed(2)}/s sent) for ${SECONDS} s, round-robin to ${servers} server${servers > 1 ? "s" : ""}`,
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

if (!process.env.BENCH_SKIP_PGLITE) {
  const embedded = await connect({ memory: true });
  try {
    const ok = await measure("PGlite (embedded, in memory), one server", embedded, async () => [
      await serveHere(embedded),
    ]);
    complete &&= ok;
  } finally {
    await embedded.close();
  }
}

if (!process.env.BENCH_SKIP_POSTGRES) {
  const admin = new pg.Client({
    connectionString: "postgres://postgres@127.0.0.1:5432/postgres",
    connectionTimeoutMillis: 2000,
  });
  if (
    await admin.connect().then(
      () => true,
      () => false,
    )
  ) {
    const database = `bulwark_bench_board_${process.pid}`;
    await admin.query(`create database ${database}`);
    const url = `postgres://postgres@127.0.0.1:5432/${database}`;
    const writer = await connect({ url });
    try {
      const version = (await admin.query("show server_version")).rows[0]?.server_version ?? "";
      const ok = await measure(
        `PostgreSQL ${version}, two server processes (streams and entries split between them)`,
        writer,
        () => Promise.all([serveProcess(url), serveProcess(url)]),
      );
      complete &&= ok;
    } finally {
      await writer.close();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  } else console.log("\nPostgreSQL: not answering at 127.0.0.1:5432, skipped");
}

if (!complete) {
  console.error("\nSome entries were lost (see above).");
  process.exitCode = 1;
}
