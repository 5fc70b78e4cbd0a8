// Incidents filed in exercise mode (issue 19): the link of an incident to its exercise (and the
// inject it answers). Who sees them is in visibleIncidents (sharing-scope.ts): the exercise's
// participating organisations only. The real incident list leaves them out; an exercise's list
// holds only them.
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { exerciseIncidents } from "../schema.ts";
import { sqlArray } from "../scope.ts";

/** Incidents (the table `incidents`, under that name) of this exercise; undefined: real ones only. */
export const exerciseIncidentFilter = (exerciseId: string | undefined): SQL =>
  exerciseId === undefined
    ? sql`not exists (select 1 from exercise_incidents as drill where drill.incident_id = incidents.id)`
    : sql`exists (select 1 from exercise_incidents as drill
        where drill.incident_id = incidents.id and drill.exercise_id = ${exerciseId})`;

export async function insertExerciseIncident(
  db: Executor,
  link: { incidentId: string; exerciseId: string; injectId: string | null },
  now: Date,
): Promise<void> {
  await db.insert(exerciseIncidents).values({ ...link, createdAt: now });
}

/** The exercise each of these incidents was filed for (those filed in exercise mode only). */
export async function exercisesOfIncidents(
  db: Executor,
  incidentIds: readonly string[],
): Promise<Map<string, { id: string; title: string }>> {
  if (incidentIds.length === 0) return new Map();
  const rows = rowsOf<{ incident_id: string; id: string; title: string }>(
    await db.execute(sql`select drill.incident_id, e.id, e.title
      from exercise_incidents as drill join exercises as e on e.id = drill.exercise_id
      where drill.incident_id = any(${sqlArray(incidentIds, "uuid")})`),
  );
  return new Map(rows.map((row) => [row.incident_id, { id: row.id, title: row.title }]));
}

/** Which of these users do not belong to one of these organisations (or do not exist). */
export async function usersOutsideOrganisations(
  db: Executor,
  userIds: readonly string[],
  organisationIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from users where id = any(${sqlArray(userIds, "uuid")})
      and organisation_id = any(${sqlArray(organisationIds, "uuid")})`),
  );
  const inside = new Set(rows.map((row) => row.id));
  return new Set(userIds.filter((id) => !inside.has(id)));
}
