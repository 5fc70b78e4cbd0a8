// STIX objects into community collections (ADR 0009): de-duplicated by id and version, newer
// versions kept, nothing after a revoked version, date_added strictly increasing per collection.
// All of that within the writer's own lineage (ADR 0015): the versions its organisation put in.
// What other organisations hold of an id never changes the outcome, so it reveals nothing.
// Reading is per viewer, through visibleStixObjects (stix-scope.ts).
import type { TlpMarking } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { runWritten } from "../statement.ts";
import { type AuditAppend, appendAuditAlone } from "./audit.ts";

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
  /**
   * `object` as JSON.stringify writes it, when the caller has it already (checkStixBundle makes it
   * while checking): stored as it is instead of written again.
   */
  json?: string;
}

export interface StixPut {
  collectionId: string;
  ownerOrganisationId: string;
  addedBy: string | null;
  source: "import" | "taxii" | "subscription" | "bulwark";
  sharedItemId?: string | null;
  /**
   * The caller took this collection's lock in this transaction, in a statement before this one
   * (organisationsForStixLocking): the lookup after it then sees what was committed before it.
   */
  locked?: true;
  /**
   * An audit entry to append with the objects (ADR 0060): in the statement that adds them (a few
   * arrivals), else in one of its own after them. Its chain's lock comes after the collection's,
   * in the order every writer takes them.
   */
  audit?: AuditAppend;
  /**
   * Called once every row to add is sent, while the database writes them (or once it is decided
   * that none is to be sent): a bundle import checks its next slice meanwhile (ADR 0063).
   */
  sent?: () => void;
  /**
   * The caller expects every arrival to be added (a bundle import whose slices so far all were):
   * the rows' text is then made while the database looks up what is held (ADR 0063).
   */
  fresh?: true;
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

/** Arrivals per INSERT statement (one round trip each). */
export const STIX_PUT_BATCH = 5_000;
/** Ids per lookup of what the writer's organisation already holds (one round trip each). */
const LOOKUP_BATCH = 20_000;
/** RFC 3339 in UTC with microseconds, as TAXII's date_added. */
const MICROS_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
export const microsUtc = (value: SQL): SQL =>
  sql`to_char(${value} at time zone 'UTC', ${sql.raw(MICROS_UTC)})`;

/** What the writer's organisation holds of one id in the collection: its versions (ms) and whether one is revoked. */
interface Lineage {
  versions: Set<number>;
  revoked: boolean;
}

/**
 * Put objects into a collection. Run inside a transaction: it takes the collection's lock, so
 * writers to one collection queue and every date_added follows the ones already committed.
 * The outcome of each arrival is the one it would have if the arrivals were put one at a time, in
 * order (a revoked version closes its lineage to the later arrivals of the same call too); `batch`
 * is how many rows go in one statement (tests set it low to cross batch boundaries).
 */
export async function putStixObjects(
  tx: Executor,
  put: StixPut,
  arrivals: readonly StixArrival[],
  now: Date,
  batch = STIX_PUT_BATCH,
): Promise<StixPutResult> {
  const outcomes: StixPutOutcome[] = new Array(arrivals.length).fill("duplicate");
  const result: StixPutResult = { outcomes, added: 0, dateAddedFirst: null, dateAddedLast: null };
  if (arrivals.length === 0) {
    put.sent?.();
    if (put.audit) await appendAudited(tx, put.audit);
    return result;
  }
  if (!put.locked) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${put.collectionId}))`);
  const ids = [...new Set(arrivals.map((arrival) => arrival.stixId))];
  if (ids.length === arrivals.length && arrivals.length <= FEW) return putFew(tx, put, arrivals, now, result);
  // After the lock, in a statement of its own (which sees what was committed before the lock was
  // granted): the first date_added free and what the writer holds of the first LOOKUP_BATCH ids.
  const looked = tx
    .execute(sql`select (select ${microsUtc(sql`greatest(max(date_added) + interval '1 microsecond', ${now.toISOString()}::timestamptz)`)}
        from stix_objects where collection_id = ${unseen(put.collectionId)}) as base, held.*
      from (values (1)) as one left join lateral (${heldIn(put, ids.slice(0, LOOKUP_BATCH))}) as held on true`)
    .then((answer) => rowsOf<HeldRow & { base: string }>(answer));
  // Until it is awaited below; a failure must not count as unhandled meanwhile.
  looked.catch(() => undefined);
  // While the database looks up (PostgreSQL works in a process of its own), the rows' text is made
  // as if every arrival were added, when the caller expects so (a first import): used when they all are. Should a value
  // be one the text cannot hold, the text is made (and refused) only if its row is to be sent.
  const nowMs = now.getTime();
  const times = arrivals.map((arrival) => (arrival.version === null ? nowMs : Date.parse(arrival.version)));
  let all: Columns[] | null = null;
  try {
    if (put.fresh && !times.some(Number.isNaN))
      all = batchesOf(arrivals, Array.from(arrivals.keys()), times, batch);
  } catch {
    all = null;
  }
  const first = await looked;
  const base = first[0]?.base ?? microsOf(now);
  const lineages = await heldLineages(
    tx,
    put,
    ids,
    first.filter((row) => row.stix_id !== null),
  );
  // Decide every arrival here, in order, against what is held and what this call adds before it:
  // the database is asked once per LOOKUP_BATCH ids, and only rows to add are sent.
  const rows: number[] = [];
  for (let i = 0; i < arrivals.length; i++) {
    const arrival = arrivals[i] as StixArrival;
    let lineage = lineages.get(arrival.stixId);
    if (lineage?.revoked) {
      outcomes[i] = "revoked";
      continue;
    }
    // An object without timestamps has one version: the first one its writer's organisation holds.
    if (arrival.version === null && lineage !== undefined) continue;
    const version = times[i] as number;
    if (Number.isNaN(version)) throw new RangeError(`${arrival.stixId}: version is not a timestamp`);
    if (lineage === undefined) {
      lineage = { versions: new Set(), revoked: false };
      lineages.set(arrival.stixId, lineage);
    } else if (lineage.versions.has(version)) continue;
    lineage.versions.add(version);
    if (arrival.revoked) lineage.revoked = true;
    rows.push(i);
  }
  const batches =
    all !== null && rows.length === arrivals.length ? all : batchesOf(arrivals, rows, times, batch);
  // Row k (in order of arrival) is added at base + k microseconds. The next statement is sent
  // while the database runs the one before (PostgreSQL works in a process of its own). Every row
  // sent goes in: the lookup ran under the collection's lock, so none is held already (were one,
  // the unique key would fail the statement, and the caller's transaction with it, changing
  // nothing). Without ON CONFLICT nor RETURNING, the database neither probes the key twice per
  // row nor sends the rows back.
  let pending: Promise<void> | undefined;
  for (let b = 0, from = 0; b < batches.length; b++, from += batch) {
    const chunk = rows.slice(from, from + batch);
    const columns = batches[b] as Columns;
    const sent = tx
      .execute(sql`insert into stix_objects (collection_id, stix_id, type, spec_version, version,
          date_added, tlp, owner_organisation_id, added_by, source, shared_item_id, revoked, object)
        select ${put.collectionId}, r.stix_id, r.type, r.spec, r.version,
          ${base}::timestamptz + ((${from}::int + r.n - 1) * interval '1 microsecond'),
          r.tlp, ${put.ownerOrganisationId}, ${put.addedBy}, ${put.source}, ${put.sharedItemId ?? null},
          r.revoked, r.object::jsonb
        from rows from (
          unnest(string_to_array(${columns.stixIds}::text, ${SEPARATOR})),
          unnest(string_to_array(${columns.types}::text, ${SEPARATOR})),
          unnest(string_to_array(${columns.specVersions}::text, ${SEPARATOR})),
          unnest(string_to_array(${columns.versions}::text, ${SEPARATOR})::timestamptz[]),
          unnest(string_to_array(${columns.tlps}::text, ${SEPARATOR})),
          unnest(string_to_array(${columns.revoked}::text, ${SEPARATOR})::boolean[]),
          unnest(string_to_array(${columns.objects}::text, ${SEPARATOR}))
        ) with ordinality as r(stix_id, type, spec, version, tlp, revoked, object, n)`)
      .then(() => {
        for (const i of chunk) outcomes[i] = "added";
        result.added += chunk.length;
      });
    // Awaited below, after the statement before it; until then a failure must not count as unhandled.
    sent.catch(() => undefined);
    if (b === batches.length - 1) put.sent?.();
    await pending;
    pending = sent;
  }
  if (batches.length === 0) put.sent?.();
  await pending;
  if (put.audit) await appendAudited(tx, put.audit);
  if (rows.length > 0) {
    result.dateAddedFirst = addMicros(base, 0);
    result.dateAddedLast = addMicros(base, rows.length - 1);
  }
  return result;
}

/** A batch's columns, each one text of values separated by SEPARATOR (below). */
interface Columns {
  stixIds: string;
  types: string;
  specVersions: string;
  versions: string;
  tlps: string;
  revoked: string;
  objects: string;
}

const digitsAt = (text: string, from: number, to: number): boolean => {
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code < 48 || code > 57) return false;
  }
  return true;
};
const numberAt = (text: string, from: number, to: number): number => Number(text.slice(from, to));

/**
 * Is the text what toISOString writes of the instant it names (YYYY-MM-DDTHH:MM:SS.mmmZ, a day
 * its month has)? Then it is sent as it is: making a Date and its text again was about half of a
 * slice's rows' text.
 */
function isIsoText(text: string): boolean {
  if (
    text.length !== 24 ||
    text[4] !== "-" ||
    text[7] !== "-" ||
    text[10] !== "T" ||
    text[13] !== ":" ||
    text[16] !== ":" ||
    text[19] !== "." ||
    text[23] !== "Z" ||
    !digitsAt(text, 0, 4) ||
    !digitsAt(text, 5, 7) ||
    !digitsAt(text, 8, 10) ||
    !digitsAt(text, 11, 13) ||
    !digitsAt(text, 14, 16) ||
    !digitsAt(text, 17, 19) ||
    !digitsAt(text, 20, 23)
  )
    return false;
  const year = numberAt(text, 0, 4);
  const month = numberAt(text, 5, 7);
  const day = numberAt(text, 8, 10);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= days &&
    numberAt(text, 11, 13) <= 23 &&
    numberAt(text, 14, 16) <= 59 &&
    numberAt(text, 17, 19) <= 59
  );
}

/** The columns of the arrivals at `rows` (positions in `arrivals`), `batch` rows a batch. */
function batchesOf(
  arrivals: readonly StixArrival[],
  rows: readonly number[],
  /** Each arrival's version in milliseconds (none NaN among `rows`). */
  times: readonly number[],
  batch: number,
): Columns[] {
  const batches: Columns[] = [];
  for (let from = 0; from < rows.length; from += batch) {
    const chunk = rows.slice(from, from + batch);
    const column = (pick: (arrival: StixArrival, i: number) => string): string =>
      separated(chunk.map((i) => pick(arrivals[i] as StixArrival, i)));
    batches.push({
      stixIds: column((arrival) => arrival.stixId),
      types: column((arrival) => arrival.type),
      specVersions: column((arrival) => arrival.specVersion),
      versions: column((arrival, i) =>
        arrival.version !== null && isIsoText(arrival.version)
          ? arrival.version
          : new Date(times[i] as number).toISOString(),
      ),
      tlps: column((arrival) => arrival.tlp),
      revoked: column((arrival) => (arrival.revoked ? "t" : "f")),
      objects: column((arrival) => arrival.json ?? JSON.stringify(arrival.object)),
    });
  }
  return batches;
}

/** An audit entry appended in a statement of its own (appendAudit's). */
async function appendAudited(tx: Executor, audit: AuditAppend): Promise<void> {
  await appendAuditAlone(tx, audit);
}

// A batch's column goes as one text, its values separated by the ASCII record separator (U+001E),
// split by string_to_array: no array literal to escape value by value, and each object's JSON
// parsed on its own rather than as one array of them. No value holds the separator: STIX ids and
// type names are checked, the rest are Bulwark's own words and timestamps, and JSON.stringify
// writes U+001E inside a string as an escape.
const SEPARATOR = "\u001e";

function separated(values: readonly string[]): string {
  const text = values.join(SEPARATOR);
  // Were one to hold it, the columns would no longer line up: refuse rather than store that.
  let count = 0;
  for (let at = text.indexOf(SEPARATOR); at >= 0; at = text.indexOf(SEPARATOR, at + 1)) count++;
  if (count !== values.length - 1) throw new RangeError("a STIX column value holds the record separator");
  return text;
}

/** Up to this many arrivals with distinct ids (a shared item's copy: five) go in one statement. */
const FEW = 50;

/**
 * putStixObjects for a few arrivals, each id once (so each one's outcome depends on what is held
 * only, not on the arrivals before it): decided and added in one statement, run after the
 * collection's lock, with the rules of the general path (a lineage ending in a revoked version
 * takes nothing more; a version held, or any version of an object without timestamps, is a
 * duplicate; row k added at the first free date_added plus k microseconds). The lock is then held
 * for one round trip fewer.
 */
async function putFew(
  tx: Executor,
  put: StixPut,
  arrivals: readonly StixArrival[],
  now: Date,
  result: StixPutResult,
): Promise<StixPutResult> {
  const versions = arrivals.map((arrival) => {
    if (arrival.version === null) return null;
    const version = Date.parse(arrival.version);
    if (Number.isNaN(version)) throw new RangeError(`${arrival.stixId}: version is not a timestamp`);
    return new Date(version).toISOString();
  });
  const column = <T>(pick: (arrival: StixArrival) => T): T[] => arrivals.map(pick);
  // Written as text (runWritten): every publication of a shared item runs it.
  const answer = runWritten<{
    n: number | string;
    closed: boolean;
    held: boolean;
    base: string;
    audit_seq: number | string | null;
  }>(tx, (param) => {
    const collection = param(put.collectionId);
    const owner = param(put.ownerOrganisationId);
    const at = param(now.toISOString());
    const held = (also: string) => `exists (select 1 from stix_objects as h
    where h.collection_id = (select ${collection}::uuid) and h.stix_id = r.stix_id
      and h.owner_organisation_id = (select ${owner}::uuid) and ${also})`;
    return `with ${put.audit ? `${put.audit.ctes(param)},` : ""} base as (
        select greatest(max(date_added) + interval '1 microsecond', ${at}::timestamptz) as at
        from stix_objects where collection_id = (select ${collection}::uuid)),
      arrival as (
        select r.*, ${held("h.revoked")} as closed,
          ${held("(r.version is null or h.version = r.version::timestamptz)")} as held
        from rows from (
          unnest(${param(column((arrival) => arrival.stixId))}::text[]),
          unnest(${param(column((arrival) => arrival.type))}::text[]),
          unnest(${param(column((arrival) => arrival.specVersion))}::text[]),
          jsonb_array_elements_text(${param(JSON.stringify(versions))}::jsonb),
          unnest(${param(column((arrival) => arrival.tlp))}::text[]),
          unnest(${param(column((arrival) => arrival.revoked))}::boolean[]),
          jsonb_array_elements(${param(`[${column((arrival) => arrival.json ?? JSON.stringify(arrival.object)).join(",")}]`)}::jsonb)
        ) with ordinality as r(stix_id, type, spec, version, tlp, revoked, object, n)),
      taken as (
        select arrival.*, row_number() over (order by n) as k from arrival where not closed and not held),
      added as (
        insert into stix_objects (collection_id, stix_id, type, spec_version, version, date_added, tlp,
          owner_organisation_id, added_by, source, shared_item_id, revoked, object)
        select ${collection}::uuid, taken.stix_id, taken.type, taken.spec,
          coalesce(taken.version::timestamptz, ${at}::timestamptz),
          base.at + ((taken.k - 1) * interval '1 microsecond'), taken.tlp, ${owner}::uuid,
          ${param(put.addedBy)}::uuid, ${param(put.source)}, ${param(put.sharedItemId ?? null)}::uuid, taken.revoked, taken.object
        from taken, base)
      select arrival.n, arrival.closed, arrival.held, to_char(base.at at time zone 'UTC', ${MICROS_UTC}) as base,
        ${put.audit ? "(select seq from audited)" : "null"} as audit_seq
      from arrival, base order by arrival.n`;
  });
  // Until it is awaited below; a failure must not count as unhandled meanwhile.
  answer.catch(() => undefined);
  put.sent?.();
  const rows = await answer;
  if (put.audit && (rows[0]?.audit_seq ?? null) === null)
    throw new Error("The audit entry was not recorded.");
  for (const row of rows) {
    const i = Number(row.n) - 1;
    result.outcomes[i] = row.closed ? "revoked" : row.held ? "duplicate" : "added";
    if (!row.closed && !row.held) result.added += 1;
  }
  const base = rows[0]?.base;
  if (base !== undefined && result.added > 0) {
    result.dateAddedFirst = addMicros(base, 0);
    result.dateAddedLast = addMicros(base, result.added - 1);
  }
  return result;
}

interface HeldRow {
  stix_id: string;
  version: number;
  revoked: boolean;
}

/**
 * A uuid the planner does not see (a sub-select's value): it plans for a collection of average
 * size. Seeing the value, it took a collection its statistics do not know (new, or grown since the
 * last ANALYZE, as during a large import) for a handful of rows, and then chose to walk all of the
 * collection's rows: for the first free date_added, the whole collection instead of the date_added
 * index's last entry; for each id looked up, the (collection, type) index's whole range instead of
 * one probe of the unique key (at equal estimates of one row, the smaller index wins). During a
 * 100,000-object import into a new collection each slice's lookups then read every row the import
 * had already put (ADR 0051).
 */
const unseen = (id: string): SQL => sql`(select ${id}::uuid)`;

/**
 * What the writer's organisation holds in the collection of these ids (a query): one probe of the
 * unique key per id. Written `stix_id = any(ids)`, the planner may walk the collection's whole
 * range of the key and test each row against the ids instead (and did at stale estimates); a
 * lateral probe per id, kept a subquery by `offset 0`, can only be a nested loop.
 */
const heldIn = (put: StixPut, ids: readonly string[]): SQL =>
  sql`select h.stix_id, (extract(epoch from h.version) * 1000)::float8 as version, h.revoked
    from unnest(${sql.param(ids)}::text[]) as wanted(stix_id)
    cross join lateral (select stix_id, version, revoked from stix_objects
      where collection_id = ${unseen(put.collectionId)} and stix_id = wanted.stix_id
        and owner_organisation_id = ${unseen(put.ownerOrganisationId)}
      offset 0) as h`;

/**
 * The lineages the writer's organisation holds in the collection of the arrivals' ids (`ids`, each
 * once): `firstHeld` of the first LOOKUP_BATCH of them, already read; the rest read here.
 */
async function heldLineages(
  tx: Executor,
  put: StixPut,
  ids: readonly string[],
  firstHeld: readonly HeldRow[],
): Promise<Map<string, Lineage>> {
  const lineages = new Map<string, Lineage>();
  const hold = (held: readonly HeldRow[]) => {
    for (const row of held) {
      let lineage = lineages.get(row.stix_id);
      if (lineage === undefined) {
        lineage = { versions: new Set(), revoked: false };
        lineages.set(row.stix_id, lineage);
      }
      lineage.versions.add(Number(row.version));
      if (row.revoked) lineage.revoked = true;
    }
  };
  hold(firstHeld);
  for (let from = LOOKUP_BATCH; from < ids.length; from += LOOKUP_BATCH)
    hold(rowsOf<HeldRow>(await tx.execute(heldIn(put, ids.slice(from, from + LOOKUP_BATCH)))));
  return lineages;
}

/** An instant as TAXII's date_added: RFC 3339 in UTC with microseconds. */
const microsOf = (date: Date): string => `${date.toISOString().slice(0, 23)}000Z`;

/** `base` (RFC 3339 with microseconds, UTC) plus `micros` microseconds, in the same form. */
function addMicros(base: string, micros: number): string {
  const total = Date.parse(`${base.slice(0, 23)}Z`) * 1000 + Number(base.slice(23, 26)) + micros;
  const millis = Math.floor(total / 1000);
  return `${new Date(millis).toISOString().slice(0, 23)}${String(total - millis * 1000).padStart(3, "0")}Z`;
}

/**
 * Refresh the planner's statistics of stix_objects after a large put. Without them (embedded
 * PGlite has no autovacuum; PostgreSQL's runs later) a collection's pages are read by sorting the
 * whole collection instead of walking the date_added index.
 *
 * A sample of 3,000 rows (statistics target 10, not the default 100's 30,000) is enough for what
 * the plans need: the table's size, the collections and the spread of date_added. On PGlite the
 * ANALYZE runs on the event loop, and the full sample stopped every request for about as long as
 * the rest of a 50 MB import's slowest step (ten times the smaller sample's time, measured on
 * 124,000 rows); PostgreSQL's autovacuum later analyses with its own target.
 */
export async function refreshStixStatistics(db: Executor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local default_statistics_target = 10`);
    await tx.execute(sql`analyze stix_objects`);
  });
}
