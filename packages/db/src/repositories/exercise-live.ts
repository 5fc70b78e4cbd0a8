// What live exercise delivery (apps/server/src/exercises/exercises.live.ts) asks the database.
// Changes are announced on EXERCISES_CHANNEL in the writing transaction: `{"id": <exercise>}` when
// its clock or participants change, `{"id": <exercise>, "kind": "msel"}` when its MSEL changes,
// `{"id": <inject>, "kind": "inject"}` for an inject written or rewritten (delivered to whoever
// may read it only if the clock has already reached it). The clock's own deliveries are found by
// each process's scheduler, which hands `inject:<id>` to its own readers. Who hears what is the
// rule of the exercise routes (exercises.ts): an exercise's changes reach the organisations taking
// part; MSEL changes its controllers and evaluators; an inject, once due, its recipients and the
// controllers and evaluators, never before its time and never another player.
import { sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sqlArray } from "../scope.ts";
import { evaluatedExercises, visibleExercises } from "./exercises.ts";
import { policyVersionSql } from "./policy-state.ts";

/** The channel exercise changes are announced on (see the file's comment for the payloads). */
export const EXERCISES_CHANNEL = "bulwark_exercises";
/** The kind of an MSEL change's announcement (and the stream's event name). */
export const EXERCISE_MSEL_KIND = "msel";
/** The kind of an inject's delivery (and the stream's event name). */
export const EXERCISE_INJECT_KIND = "inject";

/** Tell every process listening, at commit, that the exercise's clock or participants changed. */
export async function announceExercise(db: Executor, exerciseId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${EXERCISES_CHANNEL}, ${JSON.stringify({ id: exerciseId })})`);
}

/** Tell every process listening, at commit, that the MSEL changed (and which inject, if one was written). */
export async function announceMsel(db: Executor, exerciseId: string, injectId?: string): Promise<void> {
  await db.execute(
    sql`select pg_notify(${EXERCISES_CHANNEL}, ${JSON.stringify({ id: exerciseId, kind: EXERCISE_MSEL_KIND })})`,
  );
  if (injectId)
    await db.execute(
      sql`select pg_notify(${EXERCISES_CHANNEL}, ${JSON.stringify({ id: injectId, kind: EXERCISE_INJECT_KIND })})`,
    );
}

export interface ExerciseClockRow {
  exerciseId: string;
  status: string;
  baseMs: number;
  anchor: string | null;
  speed: number;
}

/** The clocks of the exercises holding these injects, by inject id (for core to compute their time). */
export async function clocksOfInjects(
  db: Executor,
  injectIds: readonly string[],
): Promise<Map<string, ExerciseClockRow>> {
  if (injectIds.length === 0) return new Map();
  const rows = rowsOf<{
    inject_id: string;
    exercise_id: string;
    status: string;
    base: number | string;
    anchor: string | Date | null;
    speed: number | string;
  }>(
    await db.execute(sql`select i.id as inject_id, e.id as exercise_id, e.status, e.clock_base_ms as base,
        e.clock_anchor as anchor, e.speed
      from exercise_injects as i join exercises as e on e.id = i.exercise_id
      where i.id = any(${sqlArray(injectIds, "uuid")})`),
  );
  return new Map(
    rows.map((row) => [
      row.inject_id,
      {
        exerciseId: row.exercise_id,
        status: row.status,
        baseMs: Number(row.base),
        anchor: row.anchor === null ? null : new Date(row.anchor).toISOString(),
        speed: Number(row.speed),
      },
    ]),
  );
}

/**
 * Which of `userIds` (people of one organisation) hear of which changes: `ids` are exercise ids
 * (clock or participants changed), `msel:<exercise>` and `inject:<inject>`; `times` gives each
 * exercise's time now (core's exerciseTime) for the injects asked about. One query, with the
 * policy version of its snapshot. Seen ids come back as asked, with the exercise they belong to.
 */
export async function exerciseChangesSeenBy(
  db: Executor,
  organisationId: string,
  userIds: readonly string[],
  ids: readonly string[],
  times: ReadonlyMap<string, number>,
): Promise<{ version: number; seen: [userId: string, id: string, exerciseId: string][] }> {
  const exerciseIds = ids.filter((id) => !id.includes(":"));
  const mselIds = ids.filter((id) => id.startsWith(`${EXERCISE_MSEL_KIND}:`)).map((id) => id.slice(5));
  const injectIds = ids.filter((id) => id.startsWith(`${EXERCISE_INJECT_KIND}:`)).map((id) => id.slice(7));
  const timed = [...times].filter(([exerciseId]) => exerciseId.length > 0);
  const [row] = rowsOf<{ version: number | string; seen: [string, string, string][] | string | null }>(
    await db.execute(sql`with changed as (
        select exercises.id as exercise_id, exercises.id::text as key from exercises
        where exercises.id = any(${sqlArray(exerciseIds, "uuid")}) and ${visibleExercises(organisationId)}
        union all
        select exercises.id, ${`${EXERCISE_MSEL_KIND}:`} || exercises.id::text from exercises
        where exercises.id = any(${sqlArray(mselIds, "uuid")}) and ${evaluatedExercises(organisationId)}
        union all
        select exercises.id, ${`${EXERCISE_INJECT_KIND}:`} || i.id::text
        from exercise_injects as i
        join exercises on exercises.id = i.exercise_id
        join (select unnest(${sqlArray(
          timed.map(([id]) => id),
          "uuid",
        )}) as exercise_id, unnest(${sqlArray(timed.map(([, time]) => String(time)))}::bigint[]) as time_ms) as now
          on now.exercise_id = exercises.id
        where i.id = any(${sqlArray(injectIds, "uuid")})
          and exercises.status <> 'planning' and i.offset_ms <= now.time_ms
          and (${evaluatedExercises(organisationId)}
            or (${visibleExercises(organisationId)}
              and ${organisationId}::uuid = any(i.recipient_organisation_ids))))
      select ${policyVersionSql} as version,
        (select coalesce(json_agg(json_build_array(reader.user_id, changed.key, changed.exercise_id)), '[]'::json)
          from unnest(${sqlArray(userIds, "uuid")}) as reader(user_id) cross join changed) as seen`),
  );
  const seen =
    typeof row?.seen === "string" ? (JSON.parse(row.seen) as [string, string, string][]) : (row?.seen ?? []);
  return { version: Number(row?.version ?? 0), seen };
}

/**
 * The injects of running exercises that organisations among `organisationIds` take part in, not
 * yet due at the clock's last start or resume, with their exercise's clock: what a process's
 * scheduler arms timers for (its own readers' exercises only).
 */
export async function injectsToCome(
  db: Executor,
  organisationIds: readonly string[],
): Promise<{ injectId: string; offsetMs: number; clock: ExerciseClockRow }[]> {
  if (organisationIds.length === 0) return [];
  const rows = rowsOf<{
    inject_id: string;
    offset_ms: number | string;
    exercise_id: string;
    status: string;
    base: number | string;
    anchor: string | Date | null;
    speed: number | string;
  }>(
    await db.execute(sql`select i.id as inject_id, i.offset_ms, e.id as exercise_id, e.status,
        e.clock_base_ms as base, e.clock_anchor as anchor, e.speed
      from exercises as e join exercise_injects as i on i.exercise_id = e.id
      where e.status = 'running' and i.offset_ms >= e.clock_base_ms
        and (e.owner_organisation_id = any(${sqlArray(organisationIds, "uuid")})
          or exists (select 1 from exercise_participants as taking where taking.exercise_id = e.id
            and taking.organisation_id = any(${sqlArray(organisationIds, "uuid")})))
      order by e.id, i.offset_ms, i.position`),
  );
  return rows.map((row) => ({
    injectId: row.inject_id,
    offsetMs: Number(row.offset_ms),
    clock: {
      exerciseId: row.exercise_id,
      status: row.status,
      baseMs: Number(row.base),
      anchor: row.anchor === null ? null : new Date(row.anchor).toISOString(),
      speed: Number(row.speed),
    },
  }));
}
