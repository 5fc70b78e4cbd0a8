// STIX 2.1 into a community's collection (ADR 0009), for the import endpoint, TAXII's POST and the
// TAXII client alike: the content is checked (a bad bundle changes nothing visible), then each
// object is held under the TLP its markings name (else the importer's default), refused when core's
// stixArrivalRefusal or stixAuthorshipRefusal says so, and put with its versions in the writer
// organisation's own lineage (ADR 0015): a bundle import in staged slices, each checked before it
// is written, published at once (ADR 0047, 0058), TAXII's POST and the client in one transaction.
// The audit records counts, never contents.

import { randomUUID } from "node:crypto";
import type { StixCollections, StixImportReport } from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import {
  type Actor,
  type CheckedStixObject,
  checkStixBundleInParts,
  collectionAbilities,
  organisationStixId,
  type SharingViewer,
  type StixCheck,
  stixArrivalRefusal,
  stixAuthorshipRefusal,
  stixVersionOf,
  type TlpMarking,
  tlpOfMarkingRefs,
} from "@bulwark/core";
import {
  allOrganisationIds,
  appendAudit,
  beginStagedImport,
  discardStagedImport,
  publishStagedImport,
  putStixObjects,
  refreshStixStatistics,
  type StixArrival,
  type StixPut,
  sharingViewer,
  stageStixSlice,
  stixCollections,
  type Transaction,
  touchStagedImport,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { type Language, type Message, say } from "../i18n/messages.ts";
import { breathe } from "../registry/import-write.ts";

/** Objects added by one request after which the table's planner statistics are refreshed. */
export const STATISTICS_AFTER = 1_000;

/** Who writes into which collection, and what unmarked objects are held under. */
export interface StixIntake {
  readonly collectionId: string;
  /** The writer whose roles bound the markings (their organisation owns what they put in). */
  readonly writer: SharingViewer;
  /** The person, or null for a machine acting for the organisation (a subscription). */
  readonly addedBy: string | null;
  readonly source: StixPut["source"];
  readonly defaultTlp: Exclude<TlpMarking, "red">;
}

export type StixObjectOutcome = "added" | "duplicate" | "revoked" | "refused";

export interface StixIntakeResult {
  /** One per object, in order. */
  readonly outcomes: StixObjectOutcome[];
  readonly added: number;
  readonly duplicates: number;
  readonly revoked: number;
  readonly refused: { index: number; id: string; reason: string }[];
  readonly dateAddedFirst: string | null;
  readonly dateAddedLast: string | null;
}

/**
 * Put objects that passed checkStixBundle/checkStixObjects into a collection, inside the caller's
 * transaction. Membership and write rights are the caller's to check (once per request).
 */
export async function putCheckedStixObjects(
  tx: Transaction,
  intake: StixIntake,
  objects: readonly CheckedStixObject[],
  now: Date,
  /** Each object's JSON text when the check made it (StixCheck's `json`), stored as it is. */
  json?: readonly string[],
): Promise<StixIntakeResult> {
  const identityOwners = await organisationIdentities(tx, objects);
  return putStixArrivals(tx, intake, stixArrivals(intake, objects, identityOwners, json), now);
}

/** Objects as they are to be put: each one's marking decided, or its refusal. */
interface StixArrivals {
  readonly outcomes: StixObjectOutcome[];
  readonly refused: StixIntakeResult["refused"];
  readonly arrivals: StixArrival[];
  /** Each arrival's position among the objects. */
  readonly positions: number[];
}

/**
 * Each object held under the TLP its markings name (else the intake's default), or refused when
 * core's stixArrivalRefusal or stixAuthorshipRefusal says so. No database: `identityOwners` is
 * organisationIdentities' answer for these objects.
 */
function stixArrivals(
  intake: StixIntake,
  objects: readonly CheckedStixObject[],
  identityOwners: ReadonlyMap<string, string>,
  json?: readonly string[],
): StixArrivals {
  const outcomes: StixObjectOutcome[] = new Array(objects.length);
  const refused: StixIntakeResult["refused"] = [];
  const arrivals: StixArrival[] = [];
  const positions: number[] = [];
  // The refusal depends only on the marking: compute it once per marking, not per object.
  const refusals = new Map<TlpMarking, string | null>();
  for (let index = 0; index < objects.length; index++) {
    const object = objects[index] as CheckedStixObject;
    const tlp = tlpOfMarkingRefs(object.object_marking_refs) ?? intake.defaultTlp;
    let reason = refusals.get(tlp);
    if (reason === undefined) {
      reason = stixArrivalRefusal(intake.writer, tlp);
      refusals.set(tlp, reason);
    }
    if (reason === null && identityOwners.size > 0)
      reason = stixAuthorshipRefusal(intake.writer, object, identityOwners as Map<string, string>);
    if (reason !== null) {
      outcomes[index] = "refused";
      refused.push({ index, id: object.id, reason });
      continue;
    }
    positions.push(index);
    arrivals.push({
      stixId: object.id,
      type: object.type,
      specVersion: object.spec_version ?? "2.1",
      version: stixVersionOf(object),
      tlp,
      revoked: object.revoked === true,
      object,
      json: json?.[index],
    });
  }
  return { outcomes, refused, arrivals, positions };
}

/** putCheckedStixObjects once the arrivals are made; `sent` as StixPut's. */
async function putStixArrivals(
  tx: Transaction,
  intake: StixIntake,
  { outcomes, refused, arrivals, positions }: StixArrivals,
  now: Date,
  sent?: () => void,
  /** Every arrival is expected to be added (StixPut's `fresh`). */
  fresh = false,
): Promise<StixIntakeResult> {
  const put = await putStixObjects(
    tx,
    {
      collectionId: intake.collectionId,
      ownerOrganisationId: intake.writer.organisationId,
      addedBy: intake.addedBy,
      source: intake.source,
      ...(sent ? { sent } : {}),
      ...(fresh ? { fresh: true as const } : {}),
    },
    arrivals,
    now,
  );
  let duplicates = 0;
  let revoked = 0;
  put.outcomes.forEach((outcome, i) => {
    outcomes[positions[i] as number] = outcome;
    if (outcome === "duplicate") duplicates++;
    else if (outcome === "revoked") revoked++;
  });
  return {
    outcomes,
    added: put.added,
    duplicates,
    revoked,
    refused,
    dateAddedFirst: put.dateAddedFirst,
    dateAddedLast: put.dateAddedLast,
  };
}

// A Bulwark organisation's identity id is a UUIDv5 (ids.ts): version nibble 5.
const UUID_V5_IDENTITY = /^identity--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Whether the objects name an identity that could be a Bulwark organisation's (as creator, or as an identity object). */
const nameOrganisationIdentity = (objects: readonly CheckedStixObject[]): boolean =>
  objects.some(
    (object) =>
      (typeof object.created_by_ref === "string" && UUID_V5_IDENTITY.test(object.created_by_ref)) ||
      (object.type === "identity" && UUID_V5_IDENTITY.test(object.id)),
  );

/**
 * The identity ids of Bulwark's organisations, each to its organisation, when the objects name an
 * identity that could be one; else an empty map, without reading the organisations (most content
 * names no UUIDv5 identity).
 */
async function organisationIdentities(
  tx: Transaction,
  objects: readonly CheckedStixObject[],
): Promise<Map<string, string>> {
  if (!nameOrganisationIdentity(objects)) return new Map();
  return new Map((await allOrganisationIds(tx)).map((id) => [organisationStixId(id), id]));
}

/** The caller as a writer of this collection, or the error that says why not. */
export async function collectionWriter(
  context: ServerContext,
  caller: Actor,
  collectionId: string,
): Promise<SharingViewer> {
  const viewer = await sharingViewer(context.db, caller);
  const abilities = collectionAbilities(viewer, collectionId);
  // Strangers learn nothing of the collection, not even that it exists.
  if (!abilities.mayRead) throw notFound("collection");
  if (!abilities.mayWrite) throw forbidden("Your roles may not publish to this community's collection.");
  return viewer;
}

/** A failed check as problem+json: each problem named by object index, id and property. */
export function invalidStix(check: Extract<StixCheck, { ok: false }>): Error {
  const errors = check.problems.map((problem) => {
    const path =
      problem.index === null
        ? `bundle${problem.property ? `.${problem.property}` : ""}`
        : `objects[${problem.index}]${problem.property ? `.${problem.property}` : ""}`;
    const said = (language: Language) => say(language, problem.sentence);
    const message: Message = problem.id
      ? { key: "detail.at", values: { where: problem.id, what: said } }
      : { ...problem.sentence };
    return { path, message };
  });
  const first = errors[0];
  const values = {
    count: check.problemCount,
    shown: errors.length,
    first: (language: Language) =>
      first
        ? say(language, {
            key: "detail.at",
            values: { where: first.path, what: say(language, first.message) },
          })
        : "",
  };
  return invalid(
    { key: check.problemCount > errors.length ? "stix.importFailedFirst" : "stix.importFailed", values },
    errors,
  );
}

/**
 * Objects a slice of a bundle import, one short transaction each. On PGlite a transaction holds the
 * one session every request shares: tens of milliseconds. On PostgreSQL other requests are served
 * by connections of their own and only Node's event loop must keep turning (the slice's JavaScript
 * work, a few milliseconds per 1,000 objects), so a slice is larger: fewer transactions, commits
 * and round trips per object (ADR 0051). On PGlite a 1,000-object slice's insert alone held the
 * event loop up to 150 ms on a quiet machine (health p99 166–464 ms during a 50 MB import); 500
 * objects keep it under 200 ms (p99 128–144 ms) for an import 10–20 % longer.
 */
export const STIX_IMPORT_SLICE = { pglite: 500, postgres: 5_000 } as const;
/** Slices between two signs of life of the import (the sweep discards a silent one). */
const TOUCH_EVERY = 20;

/** A slice of a bundle import, checked: each object's text, and its arrivals when made already. */
interface Checked {
  readonly json: readonly string[];
  readonly arrivals: StixArrivals | null;
}

/** Objects checked between two pauses of the event loop (`breathe`). */
const CHECK_EVERY = 1_000;

/**
 * POST /api/sharing/stix/imports: a bundle into a collection. The objects are put a slice at a
 * time, each slice in a short transaction of its own and staged (ADR 0047): the collection is read
 * only up to the import's first slice until one short final transaction publishes them all and
 * audits. On PGlite a single transaction held the one session for the whole import, and every other
 * request (health included) waited for it. A failure deletes the staged slices; a process that dies
 * leaves them hidden until the sweep deletes them.
 *
 * Each slice is checked before it is written, and on PostgreSQL while the slice before it is
 * written (ADR 0058): the database works in a process of its own, so the two overlap. A bundle that
 * fails its checks is refused as a whole check before any write refused it (the same problems, and
 * before any other failure): once a problem is found nothing more is written, the rest is checked,
 * and what was staged is deleted, never shown.
 */
export async function importStixBundle(
  context: ServerContext,
  caller: Actor,
  query: { collection: string; defaultTlp: Exclude<TlpMarking, "red"> },
  bundle: unknown,
  /** Objects a slice (tests set it low to cross slices). */
  size: number = STIX_IMPORT_SLICE[context.connection.kind],
): Promise<StixImportReport> {
  const writer = await collectionWriter(context, caller, query.collection);
  const parts = checkStixBundleInParts(bundle);
  const objects = parts.objects as readonly CheckedStixObject[];
  // PostgreSQL works apart, in a process of its own. On PGlite the database runs on this thread:
  // nothing would overlap, and the slice's transaction would hold the one session while the next
  // slice is checked.
  const apart = context.connection.kind === "postgres";
  const intake: StixIntake = {
    collectionId: query.collection,
    writer,
    addedBy: caller.userId,
    source: "import",
    defaultTlp: query.defaultTlp,
  };
  /**
   * The next `count` objects checked, with a pause every CHECK_EVERY, null once a problem was
   * found: their texts, and already their arrivals when they name no identity that could be a
   * Bulwark organisation's (else those are made in the slice's transaction, which reads the
   * organisations), so that the slice's transaction does not wait for them.
   */
  const checkNext = async (count: number): Promise<Checked | null> => {
    const start = parts.checked;
    const end = Math.min(objects.length, start + count);
    const json: string[] = [];
    while (parts.checked < end) {
      const texts = parts.check(Math.min(end, parts.checked + CHECK_EVERY));
      if (texts) for (const text of texts) json.push(text);
      await breathe();
    }
    if (!parts.passing) return null;
    const slice = objects.slice(start, end);
    return {
      json,
      arrivals: nameOrganisationIdentity(slice) ? null : stixArrivals(intake, slice, new Map(), json),
    };
  };
  const db = context.db;
  let now: Date | null = null;
  const result: { -readonly [K in keyof StixIntakeResult]: StixIntakeResult[K] } = {
    outcomes: [],
    added: 0,
    duplicates: 0,
    revoked: 0,
    refused: [],
    dateAddedFirst: null,
    dateAddedLast: null,
  };
  const importId = randomUUID();
  let begun = false;
  /** Whether every arrival of the slices so far was added. */
  let fresh = true;
  /**
   * Objects from `from` on, checked (their texts), in a transaction of their own, staged; `sent`
   * is called once the database is writing them.
   */
  const write = async (from: number, { json, arrivals }: Checked, at: Date, sent?: () => void) => {
    if (!begun) {
      await beginStagedImport(db, importId, at);
      begun = true;
    }
    const part = await db.transaction(async (tx) => {
      const slice = objects.slice(from, from + json.length);
      const ready = arrivals ?? stixArrivals(intake, slice, await organisationIdentities(tx, slice), json);
      const part = await putStixArrivals(tx, intake, ready, at, sent, fresh);
      if (part.dateAddedFirst && part.dateAddedLast)
        await stageStixSlice(tx, importId, query.collection, part.dateAddedFirst, part.dateAddedLast);
      return part;
    });
    // A re-import finds its objects held: its slices' texts are then not made ahead for nothing.
    fresh = part.duplicates === 0 && part.revoked === 0;
    result.outcomes.push(...part.outcomes);
    result.added += part.added;
    result.duplicates += part.duplicates;
    result.revoked += part.revoked;
    for (const refusal of part.refused) result.refused.push({ ...refusal, index: from + refusal.index });
    result.dateAddedFirst ??= part.dateAddedFirst;
    result.dateAddedLast = part.dateAddedLast ?? result.dateAddedLast;
  };
  let failure: { error: unknown } | null = null;
  try {
    let checking = checkNext(size);
    for (let from = 0, slices = 1; from < objects.length; from += size, slices++) {
      const checked = await checking;
      if (checked === null) break;
      now ??= context.clock();
      // On PostgreSQL the next slice is checked while the database writes this one's rows: begun
      // once they are sent, so that the slice's own steps (its lock, lookup and rows) do not wait
      // behind the checks (ADR 0063); at the latest once the slice is written.
      let next = false;
      const checkAfter = () => {
        if (next) return;
        next = true;
        checking = checkNext(size);
      };
      const writing = write(from, checked, now, apart ? checkAfter : undefined);
      // A re-import's slices send no rows (their objects are held): the next slice is then checked
      // from the start, while the database locks and looks up this one.
      if (apart && !fresh) checkAfter();
      try {
        await writing;
        if (!apart) await breathe();
        if (slices % TOUCH_EVERY === 0) await touchStagedImport(db, importId, context.clock());
      } catch (error) {
        failure = { error };
        break;
      } finally {
        checkAfter();
      }
    }
    // After a problem or a failed write: the rest is checked all the same, so that the bundle is
    // refused with every problem a whole check finds, and rather than for the failed write.
    await checking;
    while (parts.checked < objects.length) await checkNext(size);
    const problems = parts.failure();
    if (problems) throw invalidStix(problems);
    if (failure) throw failure.error;
    await db.transaction(async (tx) => {
      if (begun) await publishStagedImport(tx, importId);
      await appendAudit(
        tx,
        importAudit(caller.userId, query.collection, "stix.import", objects.length, result),
        now ?? context.clock(),
      );
    });
  } catch (error) {
    // Nothing was shown: take the staged objects away (the sweep does it if this fails too).
    if (begun) await discardStagedImport(db, importId, breathe).catch(() => undefined);
    throw error;
  }
  if (result.added >= STATISTICS_AFTER) await refreshStixStatistics(db);
  return {
    collection: query.collection,
    total: objects.length,
    added: result.added,
    duplicates: result.duplicates,
    revoked: result.revoked,
    refused: result.refused,
    dateAddedFirst: result.dateAddedFirst,
    dateAddedLast: result.dateAddedLast,
  };
}

/** The audit record of an intake: counts only, never the objects. */
export const importAudit = (
  actorId: string | null,
  collectionId: string,
  action: AuditAction,
  total: number,
  result: StixIntakeResult,
) => ({
  actorId,
  action,
  targetType: "community",
  targetId: collectionId,
  details: {
    total,
    added: result.added,
    duplicates: result.duplicates,
    revoked: result.revoked,
    refused: result.refused.length,
  },
});

/** The caller's collections and what they may do in each (for the import page). */
export async function stixCollectionList(context: ServerContext, caller: Actor): Promise<StixCollections> {
  const viewer = await sharingViewer(context.db, caller);
  const collections = await stixCollections(context.db, viewer);
  return {
    collections: collections.map((collection) => {
      const abilities = collectionAbilities(viewer, collection.id);
      return {
        id: collection.id,
        title: collection.title,
        canRead: abilities.mayRead,
        canWrite: abilities.mayWrite,
      };
    }),
  };
}
