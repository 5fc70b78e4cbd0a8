// The TAXII 2.1 server's resources (OASIS TAXII 2.1, sections 4 and 5) over the STIX collections
// of ADR 0009: one API root, one collection per community of the caller's organisation. Reads go
// through the repository's visibleStixObjects filter (core's maySeeStixObject in SQL); writes go
// through the same import service as POST /api/sharing/stix/imports.
import { randomUUID } from "node:crypto";
import {
  type Actor,
  collectionAbilities,
  isStixTimestamp,
  type SharingViewer,
  sortStixObjects,
} from "@bulwark/core";
import {
  appendAudit,
  deleteStixObjectVersions,
  findTaxiiStatus,
  insertTaxiiStatus,
  refreshStixStatistics,
  type StixObjectQuery,
  type StixObjectRow,
  type StixVersionMatch,
  sharingViewer,
  stixCollections,
  stixObjectPage,
  stixObjectVisible,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { type Language, say, translated } from "../i18n/messages.ts";
import { importAudit, putCheckedStixObjects, STATISTICS_AFTER } from "../stix/import.service.ts";
import {
  TAXII_MEDIA_TYPE,
  TaxiiError,
  taxiiBadRequest,
  taxiiForbidden,
  taxiiNotFound,
} from "./taxii-errors.ts";

export const API_ROOT = "/taxii2/api/";
/** Largest POST body (bytes), announced as the API root's max_content_length. */
export const MAX_CONTENT_LENGTH = 100 * 1024 * 1024;
/** Objects per page when the client names no limit, and the most it may ask for. */
export const DEFAULT_PAGE = 1_000;
export const MAX_PAGE = 10_000;
const STIX_MEDIA_TYPE = "application/stix+json;version=2.1";

/** What a TAXII handler answers: a JSON text (already serialised) and its headers. */
export interface TaxiiAnswer {
  readonly status?: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

const json = (value: unknown, status = 200): TaxiiAnswer => ({ status, body: JSON.stringify(value) });

export function discovery(origin: string): TaxiiAnswer {
  return json({
    title: "Bulwark TAXII 2.1",
    description: "STIX 2.1 collections of the communities your organisation belongs to.",
    default: `${origin}${API_ROOT}`,
    api_roots: [`${origin}${API_ROOT}`],
  });
}

export function apiRoot(maxContentLength = MAX_CONTENT_LENGTH): TaxiiAnswer {
  return json({
    title: "Bulwark",
    description: "One collection per community; objects are read under their TLP 2.0 marking.",
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: maxContentLength,
  });
}

export async function getStatus(context: ServerContext, caller: Actor, id: string): Promise<TaxiiAnswer> {
  const status = UUID.test(id) ? await findTaxiiStatus(context.db, caller.userId, id) : null;
  if (!status) throw taxiiNotFound("status resource");
  return json(status);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function collectionResource(
  viewer: SharingViewer,
  collection: { id: string; title: string; description: string },
) {
  const abilities = collectionAbilities(viewer, collection.id);
  return {
    id: collection.id,
    title: collection.title,
    ...(collection.description ? { description: collection.description } : {}),
    can_read: abilities.mayRead,
    can_write: abilities.mayWrite,
    media_types: [STIX_MEDIA_TYPE],
  };
}

export async function listCollections(context: ServerContext, caller: Actor): Promise<TaxiiAnswer> {
  const viewer = await sharingViewer(context.db, caller);
  const collections = await stixCollections(context.db, viewer);
  // An empty list is left out, as the specification shows ({}).
  return json(
    collections.length ? { collections: collections.map((c) => collectionResource(viewer, c)) } : {},
  );
}

/** The viewer and the collection, or 404 when the viewer's organisation is not in its community. */
async function readable(context: ServerContext, caller: Actor, collectionId: string) {
  const viewer = await sharingViewer(context.db, caller);
  if (!UUID.test(collectionId) || !collectionAbilities(viewer, collectionId).mayRead)
    throw taxiiNotFound("collection");
  return viewer;
}

export async function getCollection(context: ServerContext, caller: Actor, id: string): Promise<TaxiiAnswer> {
  const viewer = await readable(context, caller, id);
  const collection = (await stixCollections(context.db, viewer)).find((c) => c.id === id);
  if (!collection) throw taxiiNotFound("collection");
  return json(collectionResource(viewer, collection));
}

type Query = Record<string, string | string[] | undefined>;

/** A filter's values: repeated parameters and comma-separated lists alike. */
function listOf(query: Query, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value])
    .flatMap((item) => item.split(","))
    .map((item) => item.trim())
    .filter(Boolean);
}

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw taxiiBadRequest(`The parameter ${name} must be given only once.`);
  return value;
}

function versionMatch(query: Query): StixVersionMatch {
  const values = listOf(query, "match[version]");
  const match: StixVersionMatch = { all: false, first: false, last: values.length === 0, at: [] };
  for (const value of values) {
    if (value === "all") match.all = true;
    else if (value === "first") match.first = true;
    else if (value === "last") match.last = true;
    else if (isStixTimestamp(value)) match.at.push(value);
    else
      throw taxiiBadRequest(
        `match[version] takes first, last, all or a timestamp; "${value}" is none of them.`,
      );
  }
  return match;
}

const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const encodeCursor = (dateAdded: string) => Buffer.from(dateAdded).toString("base64url");
function decodeCursor(next: string | undefined): string | null {
  if (next === undefined) return null;
  const decoded = Buffer.from(next, "base64url").toString("utf8");
  if (!CURSOR.test(decoded)) throw taxiiBadRequest("This next value was not given by this server.");
  return decoded;
}

function pageQuery(
  collectionId: string,
  query: Query,
  allowed: { id?: boolean; type?: boolean; version?: boolean },
): StixObjectQuery {
  const addedAfter = single(query, "added_after");
  if (addedAfter !== undefined && !isStixTimestamp(addedAfter))
    throw taxiiBadRequest("added_after must be a timestamp such as 2026-01-31T12:00:00.000000Z.");
  const limitText = single(query, "limit");
  let limit = DEFAULT_PAGE;
  if (limitText !== undefined) {
    limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1) throw taxiiBadRequest("limit must be a positive integer.");
    limit = Math.min(limit, MAX_PAGE);
  }
  return {
    collectionId,
    addedAfter: addedAfter ?? null,
    cursor: decodeCursor(single(query, "next")),
    ids: allowed.id ? listOf(query, "match[id]") : [],
    types: allowed.type ? listOf(query, "match[type]") : [],
    specVersions: listOf(query, "match[spec_version]"),
    versions: allowed.version ? versionMatch(query) : { all: true, first: false, last: false, at: [] },
    limit,
  };
}

/** The page's paging properties and X-TAXII-Date-Added headers. */
function paging(rows: StixObjectRow[], more: boolean) {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const headers: Record<string, string> = {};
  if (first && last) {
    headers["x-taxii-date-added-first"] = first.dateAdded;
    headers["x-taxii-date-added-last"] = last.dateAdded;
  }
  const next = more && last ? encodeCursor(last.dateAdded) : null;
  return { headers, next };
}

/** An envelope, written as text: the objects are sent as stored, never parsed on the way out. */
function envelope(rows: StixObjectRow[], more: boolean): TaxiiAnswer {
  const { headers, next } = paging(rows, more);
  let body = `{"more":${more}`;
  if (next) body += `,"next":${JSON.stringify(next)}`;
  if (rows.length > 0) body += `,"objects":[${rows.map((row) => row.objectText).join(",")}]`;
  return { body: `${body}}`, headers };
}

export async function getObjects(
  context: ServerContext,
  caller: Actor,
  collectionId: string,
  query: Query,
): Promise<TaxiiAnswer> {
  const viewer = await readable(context, caller, collectionId);
  const page = await stixObjectPage(
    context.db,
    viewer,
    pageQuery(collectionId, query, { id: true, type: true, version: true }),
    true,
  );
  return envelope(page.rows, page.more);
}

export async function getManifest(
  context: ServerContext,
  caller: Actor,
  collectionId: string,
  query: Query,
): Promise<TaxiiAnswer> {
  const viewer = await readable(context, caller, collectionId);
  const page = await stixObjectPage(
    context.db,
    viewer,
    pageQuery(collectionId, query, { id: true, type: true, version: true }),
    false,
  );
  const { headers, next } = paging(page.rows, page.more);
  return {
    body: JSON.stringify({
      more: page.more,
      ...(next ? { next } : {}),
      ...(page.rows.length
        ? {
            objects: page.rows.map((row) => ({
              id: row.stixId,
              date_added: row.dateAdded,
              version: row.version,
              media_type: `application/stix+json;version=${row.specVersion}`,
            })),
          }
        : {}),
    }),
    headers,
  };
}

async function visibleObject(
  context: ServerContext,
  viewer: SharingViewer,
  collectionId: string,
  id: string,
) {
  if (!(await stixObjectVisible(context.db, viewer, collectionId, id)))
    throw taxiiNotFound("object with this id");
}

export async function getObject(
  context: ServerContext,
  caller: Actor,
  collectionId: string,
  objectId: string,
  query: Query,
): Promise<TaxiiAnswer> {
  const viewer = await readable(context, caller, collectionId);
  await visibleObject(context, viewer, collectionId, objectId);
  const page = await stixObjectPage(
    context.db,
    viewer,
    { ...pageQuery(collectionId, query, { version: true }), ids: [objectId] },
    true,
  );
  return envelope(page.rows, page.more);
}

export async function getVersions(
  context: ServerContext,
  caller: Actor,
  collectionId: string,
  objectId: string,
  query: Query,
): Promise<TaxiiAnswer> {
  const viewer = await readable(context, caller, collectionId);
  await visibleObject(context, viewer, collectionId, objectId);
  const page = await stixObjectPage(
    context.db,
    viewer,
    { ...pageQuery(collectionId, query, {}), ids: [objectId] },
    false,
  );
  const { headers, next } = paging(page.rows, page.more);
  return {
    body: JSON.stringify({
      more: page.more,
      ...(next ? { next } : {}),
      ...(page.rows.length ? { versions: page.rows.map((row) => row.version) } : {}),
    }),
    headers,
  };
}

export async function deleteObject(
  context: ServerContext,
  caller: Actor,
  collectionId: string,
  objectId: string,
  query: Query,
): Promise<TaxiiAnswer> {
  const viewer = await readable(context, caller, collectionId);
  if (!collectionAbilities(viewer, collectionId).mayWrite)
    throw taxiiForbidden("Your roles may not write to this collection.");
  await visibleObject(context, viewer, collectionId, objectId);
  const { versions, specVersions } = pageQuery(collectionId, query, { version: true });
  const now = context.clock();
  const deleted = await context.db.transaction(async (tx) => {
    const deleted = await deleteStixObjectVersions(tx, viewer, {
      collectionId,
      stixId: objectId,
      versions,
      specVersions,
    });
    if (deleted === "not-owner")
      throw taxiiForbidden(
        "Your organisation holds no version of this object: only the organisation that put versions in may delete them.",
      );
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "taxii.delete-object",
        targetType: "community",
        targetId: collectionId,
        details: { versions: deleted },
      },
      now,
    );
    return deleted;
  });
  if (deleted === 0) throw taxiiNotFound("version of this object matching these filters");
  return { body: "" };
}

/**
 * POST objects: each object checked on its own; the good ones put in; a status resource answers.
 * Its messages are for a person (TAXII 2.1 fixes no wording for status-details' `message`): said
 * in the poster's language (Accept-Language), as the status is stored and read back.
 */
export async function addObjects(
  context: ServerContext,
  caller: Actor,
  collectionId: string,
  body: unknown,
  language: Language = "en",
): Promise<TaxiiAnswer> {
  const viewer = await readable(context, caller, collectionId);
  if (!collectionAbilities(viewer, collectionId).mayWrite)
    throw taxiiForbidden("Your roles may not write to this collection.");
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new TaxiiError(
      422,
      "Unprocessable content",
      'The body must be a TAXII envelope: {"objects": [...]}.',
    );
  const objects = (body as { objects?: unknown }).objects ?? [];
  if (!Array.isArray(objects))
    throw new TaxiiError(
      422,
      "Unprocessable content",
      "The envelope's objects must be a list of STIX objects.",
    );
  const sorted = sortStixObjects(objects);
  const now = context.clock();
  const id = randomUUID();
  const versionOf = (object: unknown): string => {
    const record = (typeof object === "object" && object !== null ? object : {}) as Record<string, unknown>;
    const version = record.modified ?? record.created;
    return typeof version === "string" ? version : now.toISOString();
  };
  const idOf = (object: unknown, index: number): string => {
    const value = typeof object === "object" && object !== null ? (object as { id?: unknown }).id : undefined;
    return typeof value === "string" ? value : `objects[${index}]`;
  };
  const resource = await context.db.transaction(async (tx) => {
    const result = await putCheckedStixObjects(
      tx,
      { collectionId, writer: viewer, addedBy: caller.userId, source: "taxii", defaultTlp: "amber" },
      sorted.valid.map((entry) => entry.object),
      now,
      sorted.valid.map((entry) => entry.json),
    );
    const successes: { id: string; version: string; message?: string }[] = [];
    const failures: { id: string; version: string; message: string }[] = [];
    for (const problem of sorted.invalid) {
      const index = problem.index ?? 0;
      failures.push({
        id: idOf(objects[index], index),
        version: versionOf(objects[index]),
        message: say(
          language,
          problem.property
            ? {
                key: "taxii.propertyProblem",
                values: { property: problem.property, what: (l: Language) => say(l, problem.sentence) },
              }
            : problem.sentence,
        ),
      });
    }
    const refusals = new Map(result.refused.map((refusal) => [refusal.index, refusal.reason]));
    result.outcomes.forEach((outcome, i) => {
      const object = sorted.valid[i]?.object;
      if (!object) return;
      const detail = { id: object.id, version: versionOf(object) };
      if (outcome === "added") successes.push(detail);
      else if (outcome === "duplicate")
        successes.push({ ...detail, message: say(language, { key: "taxii.alreadyHeld" }) });
      else if (outcome === "revoked")
        failures.push({
          ...detail,
          message: say(language, { key: "taxii.revoked" }),
        });
      else {
        // Core's refusal reasons are sentences of the catalogue (stix.refusal.*).
        const reason = refusals.get(i);
        failures.push({
          ...detail,
          message: reason ? translated(language, reason) : say(language, { key: "taxii.refused" }),
        });
      }
    });
    const resource = {
      id,
      status: "complete",
      request_timestamp: now.toISOString().replace("Z", "000Z"),
      total_count: objects.length,
      success_count: successes.length,
      ...(successes.length ? { successes } : {}),
      failure_count: failures.length,
      ...(failures.length ? { failures } : {}),
      pending_count: 0,
    };
    await insertTaxiiStatus(tx, { id, userId: caller.userId, collectionId, requestedAt: now, resource });
    await appendAudit(
      tx,
      importAudit(caller.userId, collectionId, "taxii.add-objects", objects.length, result),
      now,
    );
    return { resource, added: result.added };
  });
  if (resource.added >= STATISTICS_AFTER) await refreshStixStatistics(context.db);
  return json(resource.resource, 202);
}
