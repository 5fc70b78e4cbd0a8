// Reading STIX collections and their objects for one viewer (TAXII 2.1 and the import page). Every
// query over stix_objects goes through visibleStixObjects, the SQL form of core's maySeeStixObject.
import type { SharingViewer } from "@bulwark/core";
import { and, eq, lt, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { taxiiStatuses } from "../schema.ts";
import { sqlArray } from "../scope.ts";
import { microsUtc } from "./stix.ts";
import { stixPublished, visibleStixMarking, visibleStixObjects } from "./stix-scope.ts";

export interface StixCollectionRecord {
  id: string;
  title: string;
  description: string;
}

/** The collections a viewer reads: one per community of their organisation, by title. */
export async function stixCollections(db: Executor, viewer: SharingViewer): Promise<StixCollectionRecord[]> {
  return rowsOf<StixCollectionRecord>(
    await db.execute(sql`select id, name as title, description from communities
      where id = any(${sqlArray(viewer.communityIds, "uuid")}) order by name, id`),
  );
}

/** TAXII's match[version]: any of first, last, all, or given versions (default last). */
export interface StixVersionMatch {
  all: boolean;
  first: boolean;
  last: boolean;
  /** Versions asked for by timestamp (RFC 3339). */
  at: string[];
}

/** A TAXII 2.1 read of one collection: its filters and a page. */
export interface StixObjectQuery {
  collectionId: string;
  /** Only objects added after this time (RFC 3339, microseconds kept). */
  addedAfter?: string | null;
  /** Cursor: the date_added of the last object of the previous page. */
  cursor?: string | null;
  ids?: readonly string[];
  types?: readonly string[];
  specVersions?: readonly string[];
  versions: StixVersionMatch;
  limit: number;
}

export interface StixObjectRow {
  stixId: string;
  /** The version with milliseconds (STIX's own precision). */
  version: string;
  /** With microseconds, strictly increasing within the collection. */
  dateAdded: string;
  specVersion: string;
  /** The object as JSON text (only when asked for), so it is sent without being parsed. */
  objectText: string | null;
}

const millisUtc = (column: SQL): SQL =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function versionFilter(viewer: SharingViewer, match: StixVersionMatch): SQL | null {
  if (match.all) return null;
  const parts: SQL[] = [];
  // A scalar subquery per row over the same lineage (the outer row passed visibleStixObjects, or
  // is the viewer's own), answered from the (collection, id, owner, version) index even before the
  // table has statistics.
  const bound = (alias: string, aggregate: "max" | "min") =>
    sql`stix_objects.version = (select ${sql.raw(aggregate)}(${sql.raw(alias)}.version)
      from stix_objects as ${sql.raw(alias)}
      where ${sql.raw(alias)}.collection_id = stix_objects.collection_id
        and ${sql.raw(alias)}.stix_id = stix_objects.stix_id
        and ${sql.raw(alias)}.owner_organisation_id = stix_objects.owner_organisation_id
        and ${visibleStixMarking(viewer, alias)})`;
  if (match.last) parts.push(bound("newer", "max"));
  if (match.first) parts.push(bound("older", "min"));
  if (match.at.length > 0)
    parts.push(sql`stix_objects.version in (select date_trunc('milliseconds', value::timestamptz)
      from jsonb_array_elements_text(${JSON.stringify(match.at)}::jsonb) as value)`);
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

function objectFilters(
  viewer: SharingViewer,
  query: Omit<StixObjectQuery, "limit" | "cursor">,
  scope: SQL = visibleStixObjects(viewer),
): SQL {
  const filters: SQL[] = [sql`stix_objects.collection_id = ${query.collectionId}`, scope];
  if (query.ids?.length) filters.push(sql`stix_objects.stix_id = any(${sqlArray(query.ids)})`);
  if (query.types?.length) filters.push(sql`stix_objects.type = any(${sqlArray(query.types)})`);
  if (query.specVersions?.length)
    filters.push(sql`stix_objects.spec_version = any(${sqlArray(query.specVersions)})`);
  if (query.addedAfter) filters.push(sql`stix_objects.date_added > ${query.addedAfter}::timestamptz`);
  const versions = versionFilter(viewer, query.versions);
  if (versions) filters.push(versions);
  return sql.join(filters, sql` and `);
}

/**
 * One page of a collection's objects the viewer may read, oldest addition first; `more` when
 * another page follows. `withObjects` adds the objects themselves (objects endpoints), else only
 * what manifests and version lists show.
 */
export async function stixObjectPage(
  db: Executor,
  viewer: SharingViewer,
  query: StixObjectQuery,
  withObjects: boolean,
): Promise<{ rows: StixObjectRow[]; more: boolean }> {
  const cursor = query.cursor ? sql`and stix_objects.date_added > ${query.cursor}::timestamptz` : sql``;
  const rows = rowsOf<{
    stix_id: string;
    version: string;
    date_added: string;
    spec_version: string;
    object_text: string | null;
  }>(
    await db.execute(sql`select stix_id, ${millisUtc(sql`version`)} as version,
        ${microsUtc(sql`date_added`)} as date_added, spec_version,
        ${withObjects ? sql`object::text` : sql`null::text`} as object_text
      from stix_objects
      where ${objectFilters(viewer, query)} ${cursor}
      order by stix_objects.collection_id, stix_objects.date_added
      limit ${query.limit + 1}`),
  );
  const more = rows.length > query.limit;
  return {
    more,
    rows: rows.slice(0, query.limit).map((row) => ({
      stixId: row.stix_id,
      version: row.version,
      dateAdded: row.date_added,
      specVersion: row.spec_version,
      objectText: row.object_text,
    })),
  };
}

/** Does the viewer see any version of this object in this collection? */
export async function stixObjectVisible(
  db: Executor,
  viewer: SharingViewer,
  collectionId: string,
  stixId: string,
): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`select 1 from stix_objects
      where stix_objects.collection_id = ${collectionId} and stix_objects.stix_id = ${stixId}
        and ${visibleStixObjects(viewer)} limit 1`),
  );
  return rows.length > 0;
}

/**
 * Delete the versions the filters match of the viewer's organisation's own lineage of an object
 * (ADR 0015): nobody deletes another organisation's versions. Answers how many went, or
 * "not-owner" when the organisation holds no version of it at all (none deleted).
 */
export async function deleteStixObjectVersions(
  tx: Executor,
  viewer: SharingViewer,
  query: Omit<StixObjectQuery, "limit" | "cursor" | "ids" | "types" | "addedAfter"> & { stixId: string },
): Promise<number | "not-owner"> {
  const own = sql`(stix_objects.collection_id = any(${sqlArray(viewer.communityIds, "uuid")})
    and stix_objects.owner_organisation_id = ${viewer.organisationId}
    and ${stixPublished("stix_objects")})`;
  const held = rowsOf(
    await tx.execute(sql`select 1 from stix_objects where stix_objects.collection_id = ${query.collectionId}
      and stix_objects.stix_id = ${query.stixId} and ${own} limit 1`),
  );
  if (held.length === 0) return "not-owner";
  const filters = objectFilters(viewer, { ...query, ids: [query.stixId] }, own);
  const deleted = rowsOf(await tx.execute(sql`delete from stix_objects where ${filters} returning seq`));
  return deleted.length;
}

export interface TaxiiStatusRecord {
  id: string;
  userId: string;
  collectionId: string;
  requestedAt: Date;
  resource: unknown;
}

/** How long a status resource stays readable. */
export const TAXII_STATUS_DAYS = 7;

/** Keep a status resource, and forget those older than TAXII_STATUS_DAYS. */
export async function insertTaxiiStatus(tx: Executor, status: TaxiiStatusRecord): Promise<void> {
  const before = new Date(status.requestedAt.getTime() - TAXII_STATUS_DAYS * 86_400_000);
  await tx.delete(taxiiStatuses).where(lt(taxiiStatuses.requestedAt, before));
  await tx.insert(taxiiStatuses).values(status);
}

/** A status resource, only for the person who made the request. */
export async function findTaxiiStatus(db: Executor, userId: string, id: string): Promise<unknown | null> {
  const [row] = await db
    .select({ resource: taxiiStatuses.resource })
    .from(taxiiStatuses)
    .where(and(eq(taxiiStatuses.id, id), eq(taxiiStatuses.userId, userId)));
  return row?.resource ?? null;
}
