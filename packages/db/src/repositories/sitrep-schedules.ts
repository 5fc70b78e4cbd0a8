// Incidents' sitrep schedules (issue 18) and the people reminded or told about an incident: the
// schedule is read by whoever sees its incident (the service checks that first); the people told
// are found in SQL under visibleIncidents, each with their own organisation and communities, so
// nobody who does not see the incident is ever notified of it.
import type { Role } from "@bulwark/core";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sitrepSchedules } from "../schema.ts";
import { sqlArray } from "../scope.ts";
import { type SharingViewerOf, visibleIncidents } from "./sharing-scope.ts";

export interface SitrepScheduleRecord {
  incidentId: string;
  everyHours: number;
  organisation: { id: string; name: string };
  since: string;
  setBy: { id: string; name: string };
  updatedAt: string;
  /** The last report of the responsible organisation sent since the schedule was set, if any. */
  lastSentAt: string | null;
}

type ScheduleRow = {
  incident_id: string;
  every_hours: number;
  organisation_id: string;
  organisation_name: string;
  since: string | Date;
  set_by: string;
  set_by_name: string;
  updated_at: string | Date;
  last_sent_at: string | Date | null;
};

const scheduleSelect = (where: SQL) => sql`select s.incident_id, s.every_hours, s.organisation_id,
    o.name as organisation_name, s.since, s.set_by, u.name as set_by_name, s.updated_at,
    (select max(r.sent_at) from sitreps as r
      where r.incident_id = s.incident_id and r.author_organisation_id = s.organisation_id
        and r.sent_at >= s.since) as last_sent_at
  from sitrep_schedules as s
  join organisations as o on o.id = s.organisation_id
  join users as u on u.id = s.set_by
  join incidents on incidents.id = s.incident_id
  where ${where}`;

const present = (row: ScheduleRow): SitrepScheduleRecord => ({
  incidentId: row.incident_id,
  everyHours: Number(row.every_hours),
  organisation: { id: row.organisation_id, name: row.organisation_name },
  since: new Date(row.since).toISOString(),
  setBy: { id: row.set_by, name: row.set_by_name },
  updatedAt: new Date(row.updated_at).toISOString(),
  lastSentAt: row.last_sent_at === null ? null : new Date(row.last_sent_at).toISOString(),
});

/** The incident's schedule (the caller has checked that the reader sees the incident), or null. */
export async function findSitrepSchedule(
  db: Executor,
  incidentId: string,
): Promise<SitrepScheduleRecord | null> {
  const [row] = rowsOf<ScheduleRow>(await db.execute(scheduleSelect(sql`s.incident_id = ${incidentId}`)));
  return row ? present(row) : null;
}

/** Schedules of incidents still under way (not closed, not merged into another). */
export async function activeSitrepSchedules(db: Executor): Promise<SitrepScheduleRecord[]> {
  return rowsOf<ScheduleRow>(
    await db.execute(scheduleSelect(sql`incidents.state <> 'closed' and incidents.merged_into_id is null`)),
  ).map(present);
}

export async function saveSitrepSchedule(
  db: Executor,
  input: { incidentId: string; everyHours: number; organisationId: string; setBy: string; now: Date },
): Promise<void> {
  const values = {
    incidentId: input.incidentId,
    everyHours: input.everyHours,
    organisationId: input.organisationId,
    since: input.now,
    setBy: input.setBy,
    updatedAt: input.now,
  };
  await db
    .insert(sitrepSchedules)
    .values(values)
    .onConflictDoUpdate({ target: sitrepSchedules.incidentId, set: values });
}

/** Ends the incident's schedule; whether there was one. */
export async function deleteSitrepSchedule(db: Executor, incidentId: string): Promise<boolean> {
  const rows = await db
    .delete(sitrepSchedules)
    .where(eq(sitrepSchedules.incidentId, incidentId))
    .returning({ id: sitrepSchedules.incidentId });
  return rows.length > 0;
}

/**
 * Active people who see the incident (visibleIncidents, each under their own organisation and
 * communities), among those of `organisationId` holding one of `roles` (any role when null) or the
 * person `userId`; never `except`.
 */
export async function peopleSeeingIncident(
  db: Executor,
  incidentId: string,
  who: {
    organisationId?: string | null;
    userId?: string | null;
    roles?: readonly Role[] | null;
    except?: string | null;
  },
): Promise<string[]> {
  const viewer: SharingViewerOf = {
    userId: sql`u.id`,
    organisationId: sql`u.organisation_id`,
    roles: [],
    communityIds: sql`(select c.community_id from community_organisations as c
      where c.organisation_id = u.organisation_id)`,
  };
  const whom = who.userId
    ? sql`u.id = ${who.userId}`
    : sql`u.organisation_id = ${who.organisationId ?? null}::uuid`;
  const roles = who.roles ? sql` and u.roles && ${sqlArray(who.roles)}` : sql``;
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select u.id from users as u
      where ${whom} and u.active${roles} and u.id is distinct from ${who.except ?? null}::uuid
        and exists (select 1 from incidents where incidents.id = ${incidentId} and ${visibleIncidents(viewer)})
      order by u.id`),
  );
  return rows.map((row) => row.id);
}
