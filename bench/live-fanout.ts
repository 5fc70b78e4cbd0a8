// Live fan-out (issue 17): one change to a shared item reaches STREAMS open event streams
// (GET /api/sharing/events), each reader checked by the hub under their scope (ADR 0025); the time
// from the writer sending the change (before its commit, so commit time counts) to each stream
// parsing the event, p50 and p99 over CHANGES changes. On embedded PGlite (one server), and on
// PostgreSQL at 127.0.0.1:5432 with two server processes, each with its own pool and its own
// listening connection (two `bulwark serve` behind a load balancer: half the streams on each). Baseline in the same run and server(s): one open stream, the same changes.
// Readers: STREAMS people in ORGANISATIONS operators of one community, two roles each (so
// 2 x ORGANISATIONS scope groups), one session and one stream each; the item is GREEN to the
// community, so every reader may see it. Streams are read over real sockets by this process;
// on PostgreSQL the two servers are child processes (bench/support/live-server.ts).
// BENCH_LIVE_STREAMS (default 500), BENCH_LIVE_CHANGES (default 20), BENCH_LIVE_ORGANISATIONS
// (default 10).
import { randomBytes } from "node:crypto";
import { request } from "node:http";
import {
  type Connection,
  insertCommunity,
  insertOrganisation,
  insertSharedItem,
  insertUser,
  migrate,
  replaceAuthorAudience,
  setCommunityOrganisations,
  updateSharedItem,
} from "@bulwark/db";
import { hashPassword } from "../apps/server/src/auth/secrets.ts";
import { onEachDatabase } from "./support/databases.ts";
import { printMachine, session } from "./support/live-world.ts";
import { percentile, type Served, serveHere, serveProcess } from "./support/served.ts";

const STREAMS = Number(process.env.BENCH_LIVE_STREAMS ?? 500);
const CHANGES = Number(process.env.BENCH_LIVE_CHANGES ?? 20);
const ORGANISATIONS = Number(process.env.BENCH_LIVE_ORGANISATIONS ?? 10);

printMachine();

interface World {
  readonly item: string;
  readonly cookies: string[];
}

async function world(db: Connection["db"]): Promise<World> {
  const now = new Date();
  const passwordHash = await hashPassword(randomBytes(12).toString("hex"));
  const authority = await insertOrganisation(
    db,
    { name: "Bench authority", kind: "national-authority", country: "XM", sectors: [] },
    now,
  );
  const author = await insertUser(
    db,
    {
      email: "author@bench.example",
      name: "Author",
      organisationId: authority,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  const operators: string[] = [];
  for (let n = 0; n < ORGANISATIONS; n++)
    operators.push(
      await insertOrganisation(
        db,
        { name: `Operator ${n}`, kind: "private-operator", country: "XM", sectors: ["energy-electricity"] },
        now,
      ),
    );
  const community = await insertCommunity(db, { name: "Bench energy", description: "" }, now);
  await setCommunityOrganisations(db, community, [authority, ...operators]);
  const cookies: string[] = [];
  for (let n = 0; n < STREAMS; n++) {
    const userId = await insertUser(
      db,
      {
        email: `reader${n}@bench.example`,
        name: `Reader ${n}`,
        organisationId: operators[n % ORGANISATIONS] as string,
        roles: [n % 2 === 0 ? "member" : "analyst"],
        passwordHash,
      },
      now,
    );
    cookies.push((await session(db, userId, now)).cookie);
  }
  const item = await insertSharedItem(db, {
    type: "report",
    title: "Fence cut at a substation",
    publicTitle: "Fence cut at a substation",
    body: "The fence was cut overnight.",
    publicBody: "The fence was cut overnight.",
    personalDataRoles: [],
    sectors: ["energy-electricity"],
    assetIds: [],
    tlp: "green",
    revealAudience: false,
    authorId: author,
    authorOrganisationId: authority,
    now,
  });
  await replaceAuthorAudience(
    db,
    item,
    { communityIds: [community], organisationIds: [], userIds: [] },
    { fresh: true },
  );
  await updateSharedItem(db, item, { status: "published", publishedAt: now, now });
  return { item, cookies };
}

/** An open stream counting item events; `arrivals[k]` is when the k-th one was parsed. */
interface Reader {
  readonly arrivals: number[];
  close(): void;
}

function openStream(base: string, cookie: string, onEvent: () => void): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const arrivals: number[] = [];
    const req = request(
      `${base}/api/sharing/events`,
      { headers: { cookie, accept: "text/event-stream" } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding("utf8");
        let buffer = "";
        let ready = false;
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let cut = buffer.indexOf("\n\n");
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            cut = buffer.indexOf("\n\n");
            if (block.includes("\nevent: item\n")) {
              arrivals.push(performance.now());
              onEvent();
            } else if (!ready && block.includes("\nevent: ready\n")) {
              ready = true;
              resolve({ arrivals, close: () => req.destroy() });
            }
          }
        });
      },
    );
    req.on("error", (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}

/** Sends CHANGES changes one after the other; per change, the delay to each of the readers. */
async function run(
  db: Connection["db"],
  item: string,
  bases: string[],
  cookies: string[],
): Promise<number[]> {
  let received = 0;
  let wake: () => void = () => undefined;
  const readers: Reader[] = [];
  // Opened a few at a time, as browsers would arrive.
  for (let n = 0; n < cookies.length; n += 50)
    readers.push(
      ...(await Promise.all(
        cookies.slice(n, n + 50).map((cookie, k) =>
          openStream(bases[(n + k) % bases.length] as string, cookie, () => {
            received++;
            wake();
          }),
        ),
      )),
    );
  // Let the hub check the new readers before timing.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const delays: number[] = [];
  try {
    for (let change = 0; change < CHANGES + 2; change++) {
      const target = received + readers.length;
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`change ${change}: ${target - received} streams heard nothing in 10 s`)),
          10_000,
        );
        wake = () => {
          if (received >= target) {
            clearTimeout(timer);
            resolve();
          }
        };
      });
      const sent = performance.now();
      await updateSharedItem(db, item, { now: new Date() });
      await done;
      // The first two changes warm up (JIT, plans) and are not counted.
      if (change >= 2)
        for (const reader of readers) delays.push((reader.arrivals[change] ?? Number.NaN) - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    for (const reader of readers) reader.close();
  }
  return delays;
}

function report(label: string, fanout: number[], baseline: number[]) {
  const p50 = percentile(fanout, 50);
  const p99 = percentile(fanout, 99);
  const b50 = percentile(baseline, 50);
  const b99 = percentile(baseline, 99);
  console.log(`\n${label}: ${STREAMS} streams over ${2 * ORGANISATIONS} scope groups, ${CHANGES} changes`);
  console.log(
    `  commit to receipt, ${STREAMS} streams: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...fanout).toFixed(1)} ms (${fanout.length} deliveries; goal p99 < 1000 ms: ${p99 < 1000 ? "met" : "NOT met"})`,
  );
  console.log(
    `    baseline, 1 stream: p50 ${b50.toFixed(1)} ms, p99 ${b99.toFixed(1)} ms; ${STREAMS} streams take ${(p50 / b50).toFixed(1)}x its p50 and ${(p99 / b99).toFixed(1)}x its p99`,
  );
}

async function measure(label: string, writer: Connection, start: () => Promise<Served[]>): Promise<void> {
  await migrate(writer);
  const { item, cookies } = await world(writer.db);
  const served = await start();
  try {
    const bases = served.map((server) => server.url);
    const baseline = await run(writer.db, item, bases.slice(0, 1), cookies.slice(0, 1));
    const fanout = await run(writer.db, item, bases, cookies);
    report(label, fanout, baseline);
  } finally {
    await Promise.all(served.map((server) => server.stop()));
  }
}

await onEachDatabase("live", (label, connection, url) =>
  url
    ? measure(`${label}, two server processes (streams split between them)`, connection, () =>
        Promise.all([serveProcess(url), serveProcess(url)]),
      )
    : measure(`${label}, one server`, connection, async () => [await serveHere(connection)]),
);
