// Publishing throughput (issue 14): compose + submit of shared items through the real HTTP server
// on a socket, as a client does (API token with the write scope), CONCURRENCY requests in flight.
// Each item is a GREEN report to a community, so its submit also puts its STIX copy into the
// community's TAXII collection and appends audit entries. On embedded PGlite and, when it answers
// at 127.0.0.1:5432, on PostgreSQL. Baseline in the same run and server: a naive publish route
// added to the same app for the bench (the same JSON body, no policy, no audience check, no
// pseudonyms, no STIX copy: the item inserted already published with one audit entry, in one
// transaction), at the same concurrency.
// Node CPU: the CPU time of this process per item (server and HTTP client both run in it; the
// database's own CPU is not counted), the limit when the database has cores to spare.
// BENCH_PUBLISH_ITEMS sets the number of items per run (default 600), BENCH_PUBLISH_CONCURRENCY
// the requests in flight (default 10). The client is node:http with kept-alive connections
// (BENCH_PUBLISH_CLIENT=fetch: the global fetch, as before; it costs about 0.4 ms more of this
// process's CPU per request, which a server's own clients would spend on their machines). BENCH_PUBLISH_CPU_PROF set to a folder writes a V8 CPU
// profile of the timed publishing run alone there (publish-pglite.cpuprofile, publish-postgres...).
import { mkdirSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { Session } from "node:inspector/promises";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { createClient } from "@bulwark/contracts";
import { appendAudit, type Connection, insertSharedItem, migrate } from "@bulwark/db";
import { buildApp } from "../apps/server/src/app.ts";
import { readConfig } from "../apps/server/src/config.ts";
import type { ServerContext } from "../apps/server/src/context.ts";
import { benchWorld } from "./support/bench-world.ts";
import { onEachDatabase } from "./support/databases.ts";

const ITEMS = Number(process.env.BENCH_PUBLISH_ITEMS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_PUBLISH_CONCURRENCY ?? 10);
const PASSWORD = "bench password for publishing";
const PROFILE_DIR = process.env.BENCH_PUBLISH_CPU_PROF;
const CLIENT = process.env.BENCH_PUBLISH_CLIENT === "fetch" ? "fetch" : "http";

/** `work`, profiled into PROFILE_DIR/publish-<name>.cpuprofile when that folder is given. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, `publish-${name}.cpuprofile`), JSON.stringify(profile));
  }
}

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/**
 * Run `count` jobs, `concurrency` at a time; each job's duration in ms, the total, and the CPU time
 * this process spent per job in ms (server and client alike: both run here, the database apart).
 */
async function run(count: number, concurrency: number, job: (n: number) => Promise<void>) {
  const durations: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        const at = performance.now();
        await job(n);
        durations.push(performance.now() - at);
      }
    }),
  );
  const total = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { total, durations, cpuMs: (used.user + used.system) / 1000 / count };
}

async function measure(label: string, connection: Connection): Promise<void> {
  await migrate(connection);
  const db = connection.db;
  const { organisationId, userId, email, community } = await benchWorld(
    connection,
    PASSWORD,
    "Bench community",
  );
  const context: ServerContext = {
    config: { ...readConfig({}), secureCookies: false },
    connection,
    db,
    clock: () => new Date(),
    version: "bench",
  };
  const app = await buildApp(context, { logLevel: false, web: false });
  // The baseline: the least a publish writes, with none of Bulwark's checks or copies.
  app.post("/naive/publish", async (request) => {
    const body = request.body as { title: string; body: string; sectors: string[]; tlp: string };
    const at = new Date();
    const id = await db.transaction(async (tx) => {
      const created = await insertSharedItem(tx, {
        type: "report",
        title: body.title,
        publicTitle: body.title,
        body: body.body,
        publicBody: body.body,
        personalDataRoles: [],
        sectors: body.sectors,
        assetIds: [],
        tlp: body.tlp,
        revealAudience: false,
        authorId: userId,
        authorOrganisationId: organisationId,
        now: at,
      });
      await appendAudit(
        tx,
        { actorId: userId, action: "sharing.compose", targetType: "shared-item", targetId: created },
        at,
      );
      return created;
    });
    return { id };
  });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  try {
    const client = createClient({ fetch, cookieJar: true, baseUrl: address });
    await client.call("login", { body: { email, password: PASSWORD } });
    const { token } = await client.call("createToken", {
      body: { name: "bench", scopes: ["read", "write"] },
    });
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const item = (n: number) =>
      JSON.stringify({
        type: "report",
        title: `Substation fence cut ${n}`,
        body: `Fences were cut at substation ${n} overnight; the site was checked.`,
        sectors: ["energy-electricity"],
        tlp: "green",
        audience: { communityIds: [community] },
      });
    const url = new URL(address);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const post = async (path: string, body?: string): Promise<{ id?: string; status?: string }> => {
      const answer =
        CLIENT === "fetch"
          ? await fetch(`${address}${path}`, {
              method: "POST",
              headers: body === undefined ? { authorization: headers.authorization } : headers,
              body,
            }).then(async (response) => ({ status: response.status, text: await response.text() }))
          : await new Promise<{ status: number; text: string }>((resolve, reject) => {
              const sent = request(
                {
                  host: url.hostname,
                  port: url.port,
                  path,
                  method: "POST",
                  agent,
                  headers: {
                    ...(body === undefined ? { authorization: headers.authorization } : headers),
                    "content-length": body === undefined ? 0 : Buffer.byteLength(body),
                  },
                },
                (response) => {
                  const chunks: Buffer[] = [];
                  response.on("data", (chunk: Buffer) => chunks.push(chunk));
                  response.on("end", () =>
                    resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
                  );
                  response.on("error", reject);
                },
              );
              sent.on("error", reject);
              sent.end(body);
            });
      if (answer.status >= 300) throw new Error(`${path} answered ${answer.status}: ${answer.text}`);
      return JSON.parse(answer.text) as { id?: string; status?: string };
    };
    const publish = async (n: number) => {
      const draft = await post("/api/sharing/items", item(n));
      const published = await post(`/api/sharing/items/${draft.id}/submit`);
      if (published.status !== "published") throw new Error(`Item ${n} is ${published.status}.`);
    };
    // Warm up (JIT, prepared plans, the pseudonym key) before either run is timed.
    await run(20, CONCURRENCY, publish);
    await run(20, CONCURRENCY, async (n) => {
      await post("/naive/publish", item(n));
    });

    const bulwark = await profiled(connection.kind, () => run(ITEMS, CONCURRENCY, (n) => publish(1000 + n)));
    const naive = await run(ITEMS, CONCURRENCY, async (n) => {
      await post("/naive/publish", item(1000 + n));
    });
    const rate = (total: number) => ITEMS / (total / 1000);
    agent.destroy();
    console.log(
      `\n${label}: ${ITEMS} items, ${CONCURRENCY} in flight, client ${CLIENT}, load average ${loadavg()[0]?.toFixed(1)}`,
    );
    console.log(
      `  compose + submit: ${rate(bulwark.total).toFixed(1)} items/s, per item p50 ${percentile(bulwark.durations, 50).toFixed(1)} ms, p99 ${percentile(bulwark.durations, 99).toFixed(1)} ms, Node CPU ${bulwark.cpuMs.toFixed(1)} ms`,
    );
    console.log(
      `    baseline (one insert + one audit entry, no checks or copies): ${rate(naive.total).toFixed(1)} items/s, p50 ${percentile(naive.durations, 50).toFixed(1)} ms, p99 ${percentile(naive.durations, 99).toFixed(1)} ms, Node CPU ${naive.cpuMs.toFixed(1)} ms; publishing runs at ${(rate(bulwark.total) / rate(naive.total)).toFixed(2)}x its rate, at ${(bulwark.cpuMs / naive.cpuMs).toFixed(1)}x its Node CPU per item`,
    );
  } finally {
    await app.close();
  }
}

await onEachDatabase("publish", measure);
