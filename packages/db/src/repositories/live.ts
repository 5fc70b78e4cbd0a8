// What live updates (apps/server/src/live, ADR 0025) ask the database: who is still behind the
// open streams, and which of the readers sharing one scope may see the things that changed. Each
// answer carries the policy version read in the same statement, so the hub knows whether the scope
// it asked under is still the current one (ADR 0019).
import type { OrganisationKind, Role, SharingViewer } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sqlArray } from "../scope.ts";
import { visibleLogEntries } from "./incident-board-scope.ts";
import { policyVersionSql } from "./policy-state.ts";
import { type SharingViewerOf, visibleIncidents, visibleSharedItems } from "./sharing-scope.ts";

export interface LiveReader {
  readonly userId: string;
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  readonly roles: Role[];
}

/**
 * The readers still behind these sessions and API tokens, by `session:<id>` and `token:<id>`, with
 * the same tests as signing a request in (principalBySession, principalByToken): a session used
 * within its idle time and started after `startedAfter`, a token neither revoked nor expired, an
 * active account. Absent: the stream must end. One query for every open stream of a process.
 */
export async function liveReaders(
  db: Executor,
  keys: { readonly sessionIds: readonly string[]; readonly tokenIds: readonly string[] },
  now: Date,
  startedAfter: Date,
): Promise<{ version: number; readers: Map<string, LiveReader> }> {
  const at = now.toISOString();
  const rows = rowsOf<{
    key: string | null;
    user_id: string | null;
    organisation_id: string | null;
    kind: string | null;
    roles: string[] | null;
    version: number | string;
  }>(
    await db.execute(sql`with found as (
        select 'session:' || s.id as key, s.user_id from sessions as s
        where s.id = any(${sqlArray(keys.sessionIds)})
          and s.expires_at > ${at}::timestamptz and s.created_at > ${startedAfter.toISOString()}::timestamptz
        union all
        select 'token:' || t.id, t.user_id from api_tokens as t
        where t.id = any(${sqlArray(keys.tokenIds, "uuid")})
          and t.revoked_at is null and (t.expires_at is null or t.expires_at > ${at}::timestamptz))
      select found.key, u.id as user_id, u.organisation_id, o.kind, u.roles, ${policyVersionSql} as version
      from (select 1) as one
      left join (found join users as u on u.id = found.user_id and u.active
        join organisations as o on o.id = u.organisation_id) on true`),
  );
  const readers = new Map<string, LiveReader>();
  for (const row of rows)
    if (row.key && row.user_id && row.organisation_id)
      readers.set(row.key, {
        userId: row.user_id,
        organisationId: row.organisation_id,
        organisationKind: row.kind as OrganisationKind,
        roles: (row.roles ?? []) as Role[],
      });
  return { version: Number(rows[0]?.version ?? 0), readers };
}

/** The communities an organisation belongs to, with the policy version they were read at. */
export async function sharingScopeOf(
  db: Executor,
  organisationId: string,
): Promise<{ version: number; communityIds: string[] }> {
  const [row] = rowsOf<{ version: number | string; communities: string[] | null }>(
    await db.execute(sql`select ${policyVersionSql} as version,
      array(select community_id::text from community_organisations
        where organisation_id = ${organisationId} order by 1) as communities`),
  );
  return { version: Number(row?.version ?? 0), communityIds: row?.communities ?? [] };
}

/**
 * Which of `userIds` (people of the viewer's organisation, with its roles and communities) may see
 * which of `itemIds`, by visibleSharedItems, the rule every sharing route reads through: one query
 * for all of them, with the policy version of the same snapshot.
 */
export function sharedItemsSeenBy(
  db: Executor,
  viewer: Omit<SharingViewer, "userId">,
  userIds: readonly string[],
  itemIds: readonly string[],
): Promise<{ version: number; seen: [userId: string, itemId: string][] }> {
  return seenBy(db, sql`shared_items`, visibleSharedItems, viewer, userIds, itemIds);
}

/** The same question for incidents, by visibleIncidents, the rule of every incident route. */
export function incidentsSeenBy(
  db: Executor,
  viewer: Omit<SharingViewer, "userId">,
  userIds: readonly string[],
  incidentIds: readonly string[],
): Promise<{ version: number; seen: [userId: string, incidentId: string][] }> {
  return seenBy(db, sql`incidents`, visibleIncidents, viewer, userIds, incidentIds);
}

async function seenBy(
  db: Executor,
  table: SQL,
  visible: (viewer: SharingViewerOf) => SQL,
  viewer: Omit<SharingViewer, "userId">,
  userIds: readonly string[],
  ids: readonly string[],
): Promise<{ version: number; seen: [string, string][] }> {
  const [row] = rowsOf<{ version: number | string; seen: [string, string][] | string | null }>(
    await db.execute(sql`select ${policyVersionSql} as version,
      (select coalesce(json_agg(json_build_array(reader.user_id, ${table}.id)), '[]'::json)
        from unnest(${sqlArray(userIds, "uuid")}) as reader(user_id)
        join ${table} on ${table}.id = any(${sqlArray(ids, "uuid")})
          and ${visible({ ...viewer, userId: sql`reader.user_id` })}) as seen`),
  );
  const seen = typeof row?.seen === "string" ? (JSON.parse(row.seen) as [string, string][]) : row?.seen;
  return { version: Number(row?.version ?? 0), seen: seen ?? [] };
}

/**
 * Which of `readers` (people of any organisations) may see which of `incidentIds`, by
 * visibleIncidents, and read which of `entryIds` (activity-log entries), by visibleLogEntries: ONE
 * query for every reader of a server process, whatever their organisations, with the policy version
 * of its snapshot. Neither rule depends on roles; each reader's communities are read in the same
 * statement (so no cached scope can be stale). Each entry comes with its incident.
 */
export async function incidentChangesSeenBy(
  db: Executor,
  readers: readonly { readonly userId: string; readonly organisationId: string }[],
  incidentIds: readonly string[],
  entryIds: readonly string[],
): Promise<{
  version: number;
  incidents: [userId: string, incidentId: string][];
  entries: [userId: string, entryId: string, incidentId: string][];
}> {
  const reader = sql`unnest(${sqlArray(
    readers.map((r) => r.userId),
    "uuid",
  )}, ${sqlArray(
    readers.map((r) => r.organisationId),
    "uuid",
  )}) as reader(user_id, organisation_id)`;
  const viewer: SharingViewerOf = {
    userId: sql`reader.user_id`,
    organisationId: sql`reader.organisation_id`,
    roles: [],
    communityIds: sql`(select c.community_id from community_organisations as c
      where c.organisation_id = reader.organisation_id)`,
  };
  const none = sql`'[]'::json`;
  const [row] = rowsOf<{
    version: number | string;
    incidents: [string, string][] | string | null;
    entries: [string, string, string][] | string | null;
  }>(
    await db.execute(sql`select ${policyVersionSql} as version,
      ${
        incidentIds.length === 0
          ? none
          : sql`(select coalesce(json_agg(json_build_array(reader.user_id, incidents.id)), '[]'::json)
        from ${reader}
        join incidents on incidents.id = any(${sqlArray(incidentIds, "uuid")}) and ${visibleIncidents(viewer)})`
      } as incidents,
      ${
        entryIds.length === 0
          ? none
          : sql`(select coalesce(json_agg(json_build_array(reader.user_id, incident_log_entries.id, incident_log_entries.incident_id)), '[]'::json)
        from ${reader}
        join incident_log_entries on incident_log_entries.id = any(${sqlArray(entryIds, "uuid")})
          and ${visibleLogEntries(viewer)})`
      } as entries`),
  );
  const parse = <T>(value: T[] | string | null | undefined): T[] =>
    (typeof value === "string" ? (JSON.parse(value) as T[]) : value) ?? [];
  return {
    version: Number(row?.version ?? 0),
    incidents: parse(row?.incidents),
    entries: parse(row?.entries),
  };
}

/** The channel the shared-item triggers notify (migration 0025), with `{"id": "<item id>"}`. */
export const SHARING_CHANNEL = "bulwark_sharing";
