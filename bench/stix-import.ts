// node-flags: --max-old-space-size=8192
// STIX 2.1 import (issue 5: a 100,000-object bundle; issue 13: at least 25,000 objects/s on PostgreSQL), on
// embedded PGlite and, when it answers at 127.0.0.1:5432, on PostgreSQL. The bundle is generated
// in the shape of a threat-sharing export: indicators with their observables and relationships,
// reports, malware, identities and notes, under TLP 2.0 and 1.0 markings or none, with custom
// properties and an x- type. It goes through importStixBundle, the service behind
// POST /api/sharing/stix/imports (checks, markings, putStixObjects in one transaction, audit).
// Baseline in the same run: what a naive importer does, one INSERT per object in one transaction
// (on the first BENCH_STIX_BASELINE objects, 5,000 by default).
// BENCH_STIX_SIZE sets the bundle's size (default 100,000).
import { availableParallelism, cpus, loadavg } from "node:os";
import {
  type Connection,
  insertCommunity,
  insertOrganisation,
  insertUser,
  migrate,
  setCommunityOrganisations,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import { readConfig } from "../apps/server/src/config.ts";
import type { ServerContext } from "../apps/server/src/context.ts";
import { importStixBundle } from "../apps/server/src/stix/import.service.ts";
import { onEachDatabase } from "./support/databases.ts";
import { generateBundle } from "./support/stix-bundle.ts";

const SIZE = Number(process.env.BENCH_STIX_SIZE ?? 100_000);
const BASELINE = Math.min(SIZE, Number(process.env.BENCH_STIX_BASELINE ?? 5_000));
const TARGET = 25_000;

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
);

const bundle = generateBundle(SIZE);
console.log(`bundle: ${SIZE} objects, ${(JSON.stringify(bundle).length / 1e6).toFixed(1)} MB as JSON`);

async function measure(label: string, connection: Connection): Promise<void> {
  await migrate(connection);
  const now = new Date();
  const db = connection.db;
  const organisationId = await insertOrganisation(
    db,
    { name: "Bench authority", kind: "national-authority", country: "XM", sectors: [] },
    now,
  );
  const userId = await insertUser(
    db,
    { email: "bench@example.com", name: "Bench", organisationId, roles: ["coordinator"], passwordHash: "x" },
    now,
  );
  const collection = await insertCommunity(db, { name: "Bench collection", description: "" }, now);
  const naive = await insertCommunity(db, { name: "Naive collection", description: "" }, now);
  await setCommunityOrganisations(db, collection, [organisationId]);
  await setCommunityOrganisations(db, naive, [organisationId]);
  const context: ServerContext = {
    config: readConfig({}),
    connection,
    db,
    clock: () => new Date(),
    version: "bench",
  };
  const caller = { userId, organisationId, roles: ["coordinator" as const] };

  // The machine may be shared: the load and this process's CPU time (on PGlite, the database's
  // too) go with each figure.
  const load = () => `load ${loadavg()[0]?.toFixed(1)}`;
  const cpu = process.cpuUsage();
  let started = performance.now();
  const report = await importStixBundle(context, caller, { collection, defaultTlp: "amber" }, bundle);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const rate = SIZE / seconds;
  console.log(`\n${label}`);
  console.log(
    `  import: ${SIZE} objects in ${seconds.toFixed(2)} s = ${Math.round(rate)} objects/s (added ${report.added}, duplicates ${report.duplicates}, refused ${report.refused.length}; ${load()}, this process's CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`,
  );
  started = performance.now();
  const again = await importStixBundle(context, caller, { collection, defaultTlp: "amber" }, bundle);
  const againSeconds = (performance.now() - started) / 1000;
  console.log(
    `  re-import (all duplicates): ${Math.round(SIZE / againSeconds)} objects/s (duplicates ${again.duplicates})`,
  );

  // Baseline: one INSERT per object, in one transaction, as a naive importer does.
  const sample = bundle.objects.slice(0, BASELINE);
  started = performance.now();
  await db.transaction(async (tx) => {
    for (const object of sample) {
      const version = (object.modified ?? object.created ?? now.toISOString()) as string;
      await tx.execute(sql`insert into stix_objects (collection_id, stix_id, type, spec_version, version,
          date_added, tlp, owner_organisation_id, added_by, source, object)
        values (${naive}, ${String(object.id)}, ${String(object.type)}, '2.1', ${version}::timestamptz,
          clock_timestamp(), 'amber', ${organisationId}, ${userId}, 'import', ${JSON.stringify(object)}::jsonb)
        on conflict (collection_id, stix_id, owner_organisation_id, version) do nothing`);
    }
  });
  const naiveRate = BASELINE / ((performance.now() - started) / 1000);
  console.log(
    `  baseline, one INSERT per object (${BASELINE} objects): ${Math.round(naiveRate)} objects/s (${load()})`,
  );
  console.log(`  import is ${(rate / naiveRate).toFixed(1)}x the baseline`);
  if (connection.kind === "postgres")
    console.log(`  target at least ${TARGET} objects/s on PostgreSQL: ${rate >= TARGET ? "met" : "NOT MET"}`);
}

await onEachDatabase("stix", measure);
