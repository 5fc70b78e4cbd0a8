// STIX objects into community collections (ADR 0009): de-duplicated by id and version, newer
// versions kept, nothing after a revoked version, date_added strictly increasing per collection.
// All of that within the writer's own lineage (ADR 0015): the versions its organisation put in.
// What other organisations hold of an id never changes the outcome, so it reveals nothing.
// Reading is per viewer, through visibleStixObjects (stix-scope.ts).
import type { TlpMarking } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sqlArray } from "../scope.ts";

/** One object as it arrives, its marking already decided. */
export interface StixArrival {
  stixId: string;
  type: string;
  specVersion: string;
  /** `modified`, else `created` (RFC 3339); null for objects with neither (one version only). */
  version: string | null;
  tlp: TlpMarking;
  revoked: boolean;
  object: unknown;
}

export interface StixPut {
  collectionId: string;
  ownerOrganisationId: string;
  addedBy: string | null;
  source: "import" | "taxii" | "subscription" | "bulwark";
  sharedItemId?: string | null;
}

/**
 * added; duplicate (the writer's organisation already holds that version); revoked (its lineage
 * of the object ends with a revoked version).
 */
export type StixPutOutcome = "added" | "duplicate" | "revoked";

export interface StixPutResult {
  /** One per arrival, in order. */
  outcomes: StixPutOutcome[];
  added: number;
  /** date_added of the first and last object added (RFC 3339 with microseconds), null if none. */
  dateAddedFirst: string | null;
  dateAddedLast: string | null;
}

const BATCH = 1000;
/** RFC 3339 in UTC with microseconds, as TAXII's date_added. */
export const microsUtc = (value: SQL): SQL =>
  sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Put objects into a collection. Run inside a transaction: it takes the collection's lock, so
 * writers to one collection queue and every date_added follows the ones already committed.
 */
export async function putStixObjects(
  tx: Executor,
  put: StixPut,
  arrivals: readonly StixArrival[],
  now: Date,
): Promise<StixPutResult> {
  const outcomes: StixPutOutcome[] = new Array(arrivals.length).fill("duplicate");
  const result: StixPutResult = { outcomes, added: 0, dateAddedFirst: null, dateAddedLast: null };
  if (arrivals.length === 0) return result;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${put.collectionId}))`);
  const [start] = rowsOf<{ base: string }>(
    await tx.execute(sql`select ${microsUtc(sql`greatest(max(date_added) + interval '1 microsecond', ${now.toISOString()}::timestamptz)`)} as base
      from stix_objects where collection_id = ${put.collectionId}`),
  );
  const base = start?.base ?? now.toISOString();
  let offset = 0;
  for (let from = 0; from < arrivals.length; from += BATCH) {
    const batch = arrivals.slice(from, from + BATCH);
    const held = rowsOf<{ stix_id: string; revoked: boolean }>(
      await tx.execute(sql`select stix_id, bool_or(revoked) as revoked from stix_objects
        where collection_id = ${put.collectionId} and owner_organisation_id = ${put.ownerOrganisationId}
          and stix_id = any(${sqlArray([...new Set(batch.map((arrival) => arrival.stixId))])})
        group by stix_id`),
    );
    const heldIds = new Map(held.map((row) => [row.stix_id, row.revoked]));
    const seen = new Set<string>();
    const rows: { i: number; n: number; arrival: StixArrival; version: string }[] = [];
    batch.forEach((arrival, index) => {
      const i = from + index;
      if (heldIds.get(arrival.stixId)) {
        outcomes[i] = "revoked";
        return;
      }
      // An object without timestamps has one version: the first one its writer's organisation holds.
      if (arrival.version === null && heldIds.has(arrival.stixId)) return;
      const version = arrival.version === null ? now.toISOString() : new Date(arrival.version).toISOString();
      const key = `${arrival.stixId} ${version}`;
      if (seen.has(key)) return;
      seen.add(key);
      rows.push({ i, n: offset++, arrival, version });
    });
    if (rows.length === 0) continue;
    const payload = JSON.stringify(
      rows.map(({ n, arrival, version }) => ({
        n,
        id: arrival.stixId,
        type: arrival.type,
        spec: arrival.specVersion,
        version,
        tlp: arrival.tlp,
        revoked: arrival.revoked,
        object: arrival.object,
      })),
    );
    const inserted = rowsOf<{ stix_id: string; version: string; date_added: string }>(
      await tx.execute(sql`insert into stix_objects (collection_id, stix_id, type, spec_version, version,
          date_added, tlp, owner_organisation_id, added_by, source, shared_item_id, revoked, object)
        select ${put.collectionId}, r.value->>'id', r.value->>'type', r.value->>'spec',
          (r.value->>'version')::timestamptz,
          ${base}::timestamptz + ((r.value->>'n')::bigint * interval '1 microsecond'),
          r.value->>'tlp', ${put.ownerOrganisationId}, ${put.addedBy}, ${put.source},
          ${put.sharedItemId ?? null}, (r.value->>'revoked')::boolean, r.value->'object'
        from jsonb_array_elements(${payload}::jsonb) as r(value)
        on conflict (collection_id, stix_id, owner_organisation_id, version) do nothing
        returning stix_id, ${microsUtc(sql`version`)} as version, ${microsUtc(sql`date_added`)} as date_added`),
    );
    const added = new Set(inserted.map((row) => `${row.stix_id} ${row.version.slice(0, 23)}Z`));
    for (const row of rows) if (added.has(`${row.arrival.stixId} ${row.version}`)) outcomes[row.i] = "added";
    for (const row of inserted) {
      if (result.dateAddedFirst === null || row.date_added < result.dateAddedFirst)
        result.dateAddedFirst = row.date_added;
      if (result.dateAddedLast === null || row.date_added > result.dateAddedLast)
        result.dateAddedLast = row.date_added;
    }
    result.added += inserted.length;
  }
  return result;
}

/**
 * Refresh the planner's statistics of stix_objects after a large put. Without them (embedded
 * PGlite has no autovacuum; PostgreSQL's runs later) a collection's pages are read by sorting the
 * whole collection instead of walking the date_added index.
 */
export async function refreshStixStatistics(db: Executor): Promise<void> {
  await db.execute(sql`analyze stix_objects`);
}
