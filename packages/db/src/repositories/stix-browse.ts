// Browsing a collection in the web app: the latest version the viewer may see of each object, with
// filters, counts per type and one object's JSON. Every read goes through visibleStixObjects, so
// the latest version is the latest *visible* one.
import type { SharingViewer } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { likePattern } from "../scope.ts";
import { microsUtc } from "./stix.ts";
import { visibleStixObjects } from "./stix-scope.ts";

export interface StixBrowseQuery {
  collectionId: string;
  type?: string | undefined;
  /** Text in the object's name. */
  q?: string | undefined;
  tlp?: string | undefined;
  limit: number;
  offset: number;
}

export interface StixBrowseRow {
  stixId: string;
  type: string;
  name: string;
  tlp: string;
  source: string;
  dateAdded: string;
  version: string;
  revoked: boolean;
  sharedItemId: string | null;
}

export interface StixBrowsePage {
  items: StixBrowseRow[];
  /** How many match all filters. */
  total: number;
  /** Objects per type matching the other filters (q, tlp). */
  types: { type: string; count: number }[];
}

const millisUtc = (column: SQL): SQL =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The latest visible version of each object of one collection. */
const latestVisible = (viewer: SharingViewer, collectionId: string): SQL =>
  sql`select distinct on (stix_objects.stix_id) stix_objects.stix_id, stix_objects.type,
      coalesce(stix_objects.object->>'name', stix_objects.stix_id) as name, stix_objects.tlp,
      stix_objects.source, stix_objects.date_added, stix_objects.version, stix_objects.revoked,
      stix_objects.shared_item_id
    from stix_objects
    where stix_objects.collection_id = ${collectionId} and ${visibleStixObjects(viewer)}
    order by stix_objects.stix_id, stix_objects.version desc`;

/** One page of a collection for the viewer, newest addition first. */
export async function browseStixCollection(
  db: Executor,
  viewer: SharingViewer,
  query: StixBrowseQuery,
): Promise<StixBrowsePage> {
  const shared: SQL[] = [sql`true`];
  if (query.q) shared.push(sql`latest.name ilike ${likePattern(query.q)}`);
  if (query.tlp) shared.push(sql`latest.tlp = ${query.tlp}`);
  const where = sql.join(shared, sql` and `);
  const typed = query.type ? sql`${where} and latest.type = ${query.type}` : where;
  const latest = latestVisible(viewer, query.collectionId);
  const [rows, counts] = await Promise.all([
    db.execute(sql`with latest as (${latest})
      select stix_id, type, name, tlp, source, ${microsUtc(sql`date_added`)} as date_added,
        ${millisUtc(sql`version`)} as version, revoked, shared_item_id
      from latest where ${typed}
      order by latest.date_added desc, latest.stix_id
      limit ${query.limit} offset ${query.offset}`),
    db.execute(sql`with latest as (${latest})
      select type, count(*)::int as count from latest where ${where}
      group by type order by type`),
  ]);
  const types = rowsOf<{ type: string; count: number | string }>(counts).map((row) => ({
    type: row.type,
    count: Number(row.count),
  }));
  const total = query.type
    ? (types.find((entry) => entry.type === query.type)?.count ?? 0)
    : types.reduce((sum, entry) => sum + entry.count, 0);
  return {
    total,
    types,
    items: rowsOf<{
      stix_id: string;
      type: string;
      name: string;
      tlp: string;
      source: string;
      date_added: string;
      version: string;
      revoked: boolean;
      shared_item_id: string | null;
    }>(rows).map((row) => ({
      stixId: row.stix_id,
      type: row.type,
      name: row.name,
      tlp: row.tlp,
      source: row.source,
      dateAdded: row.date_added,
      version: row.version,
      revoked: row.revoked,
      sharedItemId: row.shared_item_id,
    })),
  };
}

/** The latest version the viewer may see of one object, with its JSON; null when none. */
export async function browseStixObject(
  db: Executor,
  viewer: SharingViewer,
  collectionId: string,
  stixId: string,
): Promise<(StixBrowseRow & { object: unknown }) | null> {
  const [row] = rowsOf<{
    stix_id: string;
    type: string;
    name: string;
    tlp: string;
    source: string;
    date_added: string;
    version: string;
    revoked: boolean;
    shared_item_id: string | null;
    object: unknown;
  }>(
    await db.execute(sql`select stix_id, type, coalesce(object->>'name', stix_id) as name, tlp, source,
        ${microsUtc(sql`date_added`)} as date_added, ${millisUtc(sql`version`)} as version, revoked,
        shared_item_id, object
      from stix_objects
      where stix_objects.collection_id = ${collectionId} and stix_objects.stix_id = ${stixId}
        and ${visibleStixObjects(viewer)}
      order by stix_objects.version desc limit 1`),
  );
  if (!row) return null;
  return {
    stixId: row.stix_id,
    type: row.type,
    name: row.name,
    tlp: row.tlp,
    source: row.source,
    dateAdded: row.date_added,
    version: row.version,
    revoked: row.revoked,
    sharedItemId: row.shared_item_id,
    object: typeof row.object === "string" ? JSON.parse(row.object) : row.object,
  };
}
