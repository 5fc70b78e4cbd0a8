// TAXII 2.1 GET of a collection's objects with pagination (issue 5: 10,000 objects, time and p99 of
// a page), through the real HTTP server on a socket, as a client does: HTTP Basic, Accept
// application/taxii+json;version=2.1, pages followed with `next`. On embedded PGlite and, when it
// answers at 127.0.0.1:5432, on PostgreSQL. Baseline in the same run and server: what a naive
// TAXII server does for the same pages, offset paging with the objects parsed from jsonb and
// serialised again, no visibility filter (a route added to the same app for the bench).
// BENCH_TAXII_SIZE sets the number of objects (default 10,000).
import { availableParallelism, cpus } from "node:os";
import { TLP_2_0_MARKING_IDS } from "@bulwark/core";
import { type Connection, migrate, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { buildApp } from "../apps/server/src/app.ts";
import { readConfig } from "../apps/server/src/config.ts";
import type { ServerContext } from "../apps/server/src/context.ts";
import { importStixBundle } from "../apps/server/src/stix/import.service.ts";
import { benchWorld } from "./support/bench-world.ts";
import { onEachDatabase } from "./support/databases.ts";

const SIZE = Number(process.env.BENCH_TAXII_SIZE ?? 10_000);
const MEDIA = "application/taxii+json;version=2.1";
const PASSWORD = "bench password for taxii";

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
);

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const objects = Array.from({ length: SIZE }, (_, n) => ({
  type: "indicator",
  spec_version: "2.1",
  id: `indicator--${hex(n, 8)}-0000-4000-8000-${hex(n, 12)}`,
  created: "2026-01-05T10:00:00.000Z",
  modified: "2026-01-05T10:00:00.000Z",
  name: `Documentation address ${n}`,
  pattern: `[ipv4-addr:value = '203.0.113.${n % 250}']`,
  pattern_type: "stix",
  valid_from: "2026-01-05T10:00:00Z",
  indicator_types: ["malicious-activity"],
  object_marking_refs: [n % 3 === 0 ? TLP_2_0_MARKING_IDS.green : TLP_2_0_MARKING_IDS.amber],
  x_opencti_score: n % 100,
}));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

async function measure(label: string, connection: Connection): Promise<void> {
  await migrate(connection);
  const db = connection.db;
  const {
    organisationId,
    userId,
    email,
    community: collection,
  } = await benchWorld(connection, PASSWORD, "Bench collection");
  const context: ServerContext = {
    config: readConfig({}),
    connection,
    db,
    clock: () => new Date(),
    version: "bench",
  };
  await importStixBundle(
    context,
    { userId, organisationId, roles: ["coordinator"] },
    { collection, defaultTlp: "amber" },
    { type: "bundle", id: "bundle--00000000-0000-4000-8000-000000000000", objects },
  );
  const app = await buildApp(context, { logLevel: false, web: false });
  // The baseline: a naive server's page, offset paging, objects parsed and serialised again.
  app.get("/naive/objects", async (request) => {
    const { offset = "0", limit = "100" } = request.query as Record<string, string>;
    const rows = rowsOf<{ object: unknown }>(
      await db.execute(sql`select object from stix_objects where collection_id = ${collection}
        order by date_added offset ${Number(offset)} limit ${Number(limit)}`),
    );
    return { more: rows.length === Number(limit), objects: rows.map((row) => row.object) };
  });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const headers = {
    authorization: `Basic ${Buffer.from(`${email}:${PASSWORD}`).toString("base64")}`,
    accept: MEDIA,
  };
  console.log(`\n${label}: ${SIZE} objects`);
  try {
    for (const limit of [100, 1000]) {
      const pages: number[] = [];
      let count = 0;
      let next: string | undefined;
      const started = performance.now();
      do {
        const at = performance.now();
        const response = await fetch(
          `${address}/taxii2/api/collections/${collection}/objects/?limit=${limit}${next ? `&next=${next}` : ""}`,
          { headers },
        );
        const envelope = (await response.json()) as { objects?: unknown[]; next?: string };
        pages.push(performance.now() - at);
        count += envelope.objects?.length ?? 0;
        next = envelope.next;
      } while (next);
      const total = performance.now() - started;
      if (count !== SIZE) throw new Error(`Read ${count} objects, expected ${SIZE}.`);
      const naivePages: number[] = [];
      const naiveStarted = performance.now();
      for (let offset = 0; offset < SIZE; offset += limit) {
        const at = performance.now();
        const response = await fetch(`${address}/naive/objects?offset=${offset}&limit=${limit}`);
        await response.json();
        naivePages.push(performance.now() - at);
      }
      const naiveTotal = performance.now() - naiveStarted;
      console.log(
        `  limit=${limit}: ${pages.length} pages in ${total.toFixed(0)} ms (${Math.round(SIZE / (total / 1000))} objects/s), page p50 ${percentile(pages, 50).toFixed(1)} ms, p99 ${percentile(pages, 99).toFixed(1)} ms (first page includes the one argon2 check of the Basic password)`,
      );
      console.log(
        `    baseline (offset paging, parse and re-serialise, no auth or filter): ${naiveTotal.toFixed(0)} ms, page p50 ${percentile(naivePages, 50).toFixed(1)} ms, p99 ${percentile(naivePages, 99).toFixed(1)} ms; TAXII is ${(naiveTotal / total).toFixed(2)}x its speed`,
      );
    }
  } finally {
    await app.close();
  }
}

await onEachDatabase("taxii", measure);
