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
import { mulberry32, TLP_1_0_MARKING_IDS, TLP_2_0_MARKING_IDS } from "@bulwark/core";
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

const SIZE = Number(process.env.BENCH_STIX_SIZE ?? 100_000);
const BASELINE = Math.min(SIZE, Number(process.env.BENCH_STIX_BASELINE ?? 5_000));
const TARGET = 25_000;

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
);

const random = mulberry32(5);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const MARKINGS = [
  [TLP_2_0_MARKING_IDS.clear],
  [TLP_2_0_MARKING_IDS.green],
  [TLP_2_0_MARKING_IDS.green],
  [TLP_2_0_MARKING_IDS.amber],
  [TLP_1_0_MARKING_IDS.white],
  [TLP_1_0_MARKING_IDS.green],
  null,
];
const stamp = (day: number, ms: number) => new Date(Date.UTC(2026, 0, 1 + day, 0, 0, 0, ms)).toISOString();

/** A bundle of `size` objects shaped like a MISP or OpenCTI export. */
function generateBundle(size: number): { type: string; id: string; objects: Record<string, unknown>[] } {
  const identity = `identity--${uuid()}`;
  const objects: Record<string, unknown>[] = [
    {
      type: "identity",
      spec_version: "2.1",
      id: identity,
      created: stamp(0, 0),
      modified: stamp(0, 0),
      name: "Example CSIRT",
      identity_class: "organization",
    },
  ];
  const common = (type: string, n: number) => {
    const created = stamp(n % 300, n % 1000);
    const markings = pick(MARKINGS);
    return {
      type,
      spec_version: "2.1",
      id: `${type}--${uuid()}`,
      created,
      modified: created,
      created_by_ref: identity,
      ...(markings ? { object_marking_refs: markings } : {}),
    };
  };
  let recent: string[] = [];
  for (let n = 1; objects.length < size; n++) {
    const roll = random();
    if (roll < 0.4) {
      const ip = `198.51.100.${n % 250}`;
      const observable = { type: "ipv4-addr", spec_version: "2.1", id: `ipv4-addr--${uuid()}`, value: ip };
      const indicator = {
        ...common("indicator", n),
        name: ip,
        pattern: `[ipv4-addr:value = '${ip}']`,
        pattern_type: "stix",
        pattern_version: "2.1",
        valid_from: stamp(n % 300, 0),
        indicator_types: ["malicious-activity"],
        labels: ['misp:type="ip-dst"', 'misp:category="Network activity"'],
        kill_chain_phases: [{ kill_chain_name: "misp-category", phase_name: "Network activity" }],
        x_opencti_score: n % 100,
      };
      const relationship = {
        ...common("relationship", n),
        relationship_type: "based-on",
        source_ref: indicator.id,
        target_ref: observable.id,
      };
      objects.push(indicator, observable, relationship);
      recent.push(indicator.id);
    } else if (roll < 0.6) {
      const domain = `host${n}.example.com`;
      objects.push({
        ...common("indicator", n),
        pattern: `[domain-name:value = '${domain}'] OR [url:value = 'https://${domain}/login']`,
        pattern_type: "stix",
        valid_from: stamp(n % 300, 0),
      });
      objects.push({ type: "domain-name", spec_version: "2.1", id: `domain-name--${uuid()}`, value: domain });
    } else if (roll < 0.75) {
      objects.push({
        ...common("malware", n),
        name: `Sample family ${n % 50}`,
        is_family: true,
        malware_types: ["trojan"],
      });
    } else if (roll < 0.85) {
      objects.push({
        ...common("note", n),
        content: "Seen in the documentation range during an exercise; no further detail.",
        object_refs: recent.length ? recent.slice(-3) : [identity],
      });
    } else if (roll < 0.95 && recent.length > 0) {
      objects.push({
        ...common("report", n),
        name: `Exercise report ${n}`,
        published: stamp(n % 300, 0),
        report_types: ["threat-report"],
        object_refs: recent,
      });
      recent = [];
    } else {
      objects.push({ ...common("x-example-sensor-hit", n), x_sensor: `sensor-${n % 20}`, x_count: n % 7 });
    }
  }
  objects.length = size;
  return { type: "bundle", id: `bundle--${uuid()}`, objects };
}

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
