// Exercises: the exercise and its clock, participants, objectives, MSEL injects, observations and
// corrective actions. Every read takes the reading organisation and filters in SQL with core's
// exerciseAbilities rule: an exercise is seen by the organisations taking part (the owner
// controls); the whole MSEL, the observations and the corrective actions by controllers and
// evaluators; a player's inbox holds only the injects addressed to its organisation whose time has
// come by the exercise clock (the exercise time is computed by core from the stored anchors and
// handed in).
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import {
  exerciseCorrectiveActions,
  exerciseInjects,
  exerciseObjectives,
  exerciseObservations,
  exerciseParticipants,
  exerciseProgrammes,
  exercises,
  organisations,
  users,
} from "../schema.ts";
import { iso, isoOrNull, sqlArray } from "../scope.ts";

/** Exercises (the table `exercises`, under that name) the organisation takes part in. */
export const visibleExercises = (organisationId: string): SQL =>
  sql`(exercises.owner_organisation_id = ${organisationId}
    or exists (select 1 from exercise_participants as taking
      where taking.exercise_id = exercises.id and taking.organisation_id = ${organisationId}))`;

/** Exercises whose whole evaluation (MSEL, observations, actions) the organisation sees: controllers and evaluators. */
export const evaluatedExercises = (organisationId: string): SQL =>
  sql`(exercises.owner_organisation_id = ${organisationId}
    or exists (select 1 from exercise_participants as taking
      where taking.exercise_id = exercises.id and taking.organisation_id = ${organisationId}
        and taking.role in ('controller', 'evaluator')))`;

export interface ExerciseRecord {
  id: string;
  title: string;
  summary: string;
  type: string;
  status: string;
  owner: { id: string; name: string };
  scenarioSlug: string | null;
  attackedAssetIds: string[];
  clock: { baseMs: number; anchor: string | null; speed: number };
  followUpEventId: string | null;
  createdAt: string;
  updatedAt: string;
}

const columns = { exercise: exercises, ownerName: organisations.name };

const present = ({
  exercise,
  ownerName,
}: {
  exercise: typeof exercises.$inferSelect;
  ownerName: string;
}) => ({
  id: exercise.id,
  title: exercise.title,
  summary: exercise.summary,
  type: exercise.type,
  status: exercise.status,
  owner: { id: exercise.ownerOrganisationId, name: ownerName },
  scenarioSlug: exercise.scenarioSlug,
  attackedAssetIds: exercise.attackedAssetIds,
  clock: { baseMs: exercise.clockBaseMs, anchor: isoOrNull(exercise.clockAnchor), speed: exercise.speed },
  followUpEventId: exercise.followUpEventId,
  createdAt: iso(exercise.createdAt),
  updatedAt: iso(exercise.updatedAt),
});

/** One exercise the organisation takes part in (null: none such, or not theirs; they cannot tell which). */
/** The exercise if the organisation takes part in it; `null` reader: the operator at the console (CLI). */
export async function findExercise(
  db: Executor,
  organisationId: string | null,
  id: string,
): Promise<ExerciseRecord | null> {
  const [row] = await db
    .select(columns)
    .from(exercises)
    .innerJoin(organisations, eq(organisations.id, exercises.ownerOrganisationId))
    .where(
      organisationId === null
        ? eq(exercises.id, id)
        : and(eq(exercises.id, id), visibleExercises(organisationId)),
    );
  return row ? present(row) : null;
}

/**
 * The exercises the organisation takes part in, most recently changed first, each with the
 * organisation's role in it (core's exerciseRoleOf: the owner controls).
 */
export async function listExercises(
  db: Executor,
  organisationId: string,
  page: { limit: number; offset: number },
): Promise<{ items: (ExerciseRecord & { role: string })[]; total: number }> {
  const where = visibleExercises(organisationId);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        ...columns,
        role: sql<string>`case when exercises.owner_organisation_id = ${organisationId} then 'controller'
          else (select taking.role from exercise_participants as taking
            where taking.exercise_id = exercises.id and taking.organisation_id = ${organisationId}) end`,
      })
      .from(exercises)
      .innerJoin(organisations, eq(organisations.id, exercises.ownerOrganisationId))
      .where(where)
      .orderBy(sql`exercises.updated_at desc, exercises.id`)
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(exercises).where(where),
  ]);
  return {
    items: rows.map((row) => ({ ...present(row), role: row.role })),
    total: Number(count?.total ?? 0),
  };
}

export interface ParticipantRecord {
  organisation: { id: string; name: string };
  role: string;
}

export async function exerciseParticipantsOf(db: Executor, exerciseId: string): Promise<ParticipantRecord[]> {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, role: exerciseParticipants.role })
    .from(exerciseParticipants)
    .innerJoin(organisations, eq(organisations.id, exerciseParticipants.organisationId))
    .where(eq(exerciseParticipants.exerciseId, exerciseId))
    .orderBy(asc(organisations.name));
  return rows.map((row) => ({ organisation: { id: row.id, name: row.name }, role: row.role }));
}

/** Sets the organisations taking part beside the owner to `participants` (the new list, whole). */
export async function replaceParticipants(
  db: Executor,
  exerciseId: string,
  participants: readonly { organisationId: string; role: string }[],
  now: Date,
): Promise<void> {
  await db.delete(exerciseParticipants).where(eq(exerciseParticipants.exerciseId, exerciseId));
  if (participants.length > 0)
    await db
      .insert(exerciseParticipants)
      .values(participants.map((p) => ({ exerciseId, organisationId: p.organisationId, role: p.role })));
  await db.update(exercises).set({ updatedAt: now }).where(eq(exercises.id, exerciseId));
}

/** The organisations some inject of the exercise is addressed to. */
export async function injectRecipientsOf(db: Executor, exerciseId: string): Promise<Set<string>> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select distinct unnest(recipient_organisation_ids)::text as id
      from exercise_injects where exercise_id = ${exerciseId}`),
  );
  return new Set(rows.map((row) => row.id));
}

export interface ObjectiveRecord {
  id: string;
  position: number;
  title: string;
  section: string | null;
  capability: string | null;
}

export async function exerciseObjectivesOf(db: Executor, exerciseId: string): Promise<ObjectiveRecord[]> {
  return db
    .select({
      id: exerciseObjectives.id,
      position: exerciseObjectives.position,
      title: exerciseObjectives.title,
      section: exerciseObjectives.section,
      capability: exerciseObjectives.capability,
    })
    .from(exerciseObjectives)
    .where(eq(exerciseObjectives.exerciseId, exerciseId))
    .orderBy(asc(exerciseObjectives.position));
}

export interface ExerciseInput {
  title: string;
  summary: string;
  type: string;
  ownerOrganisationId: string;
  scenarioSlug: string | null;
  attackedAssetIds: string[];
  participants: { organisationId: string; role: string }[];
  objectives: { title: string; section: string | null; capability: string | null }[];
  /** Null when the operator imports a package at the console. */
  createdBy: string | null;
}

export async function insertExercise(db: Executor, input: ExerciseInput, now: Date): Promise<string> {
  const { participants, objectives, ...fields } = input;
  const [row] = await db
    .insert(exercises)
    .values({ ...fields, status: "planning", createdAt: now, updatedAt: now })
    .returning({ id: exercises.id });
  if (!row) throw new Error("The exercise was not created.");
  if (participants.length > 0)
    await db.insert(exerciseParticipants).values(participants.map((p) => ({ ...p, exerciseId: row.id })));
  if (objectives.length > 0)
    await db
      .insert(exerciseObjectives)
      .values(objectives.map((objective, i) => ({ ...objective, exerciseId: row.id, position: i + 1 })));
  return row.id;
}

/** Hold the exercise's row until the transaction ends: its clock and MSEL change one at a time. */
export async function lockExercise(db: Executor, id: string): Promise<void> {
  await db.execute(sql`select id from exercises where id = ${id} for update`);
}

export async function saveExerciseClock(
  db: Executor,
  id: string,
  clock: { status: string; baseMs: number; anchor: Date | null; speed: number },
  now: Date,
): Promise<void> {
  await db
    .update(exercises)
    .set({
      status: clock.status,
      clockBaseMs: clock.baseMs,
      clockAnchor: clock.anchor,
      speed: clock.speed,
      updatedAt: now,
    })
    .where(eq(exercises.id, id));
}

export async function setFollowUpEvent(db: Executor, id: string, eventId: string, now: Date): Promise<void> {
  await db.update(exercises).set({ followUpEventId: eventId, updatedAt: now }).where(eq(exercises.id, id));
}

export interface InjectInput {
  offsetMs: number;
  sender: string;
  recipientOrganisationIds: string[];
  channel: string;
  content: string;
  expectedAction: string;
  objectiveId: string | null;
}

export async function insertInject(
  db: Executor,
  exerciseId: string,
  input: InjectInput,
  createdBy: string | null,
  now: Date,
): Promise<string> {
  const [last] = rowsOf<{ position: number | null }>(
    await db.execute(
      sql`select max(position) as position from exercise_injects where exercise_id = ${exerciseId}`,
    ),
  );
  const [row] = await db
    .insert(exerciseInjects)
    .values({ ...input, exerciseId, position: Number(last?.position ?? 0) + 1, createdBy, createdAt: now })
    .returning({ id: exerciseInjects.id });
  if (!row) throw new Error("The inject was not recorded.");
  await db.update(exercises).set({ updatedAt: now }).where(eq(exercises.id, exerciseId));
  return row.id;
}

/** Rewrites an inject of the exercise; false when the exercise holds no such inject. */
export async function updateInject(
  db: Executor,
  exerciseId: string,
  injectId: string,
  input: InjectInput,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(exerciseInjects)
    .set(input)
    .where(and(eq(exerciseInjects.id, injectId), eq(exerciseInjects.exerciseId, exerciseId)))
    .returning({ id: exerciseInjects.id });
  if (rows.length === 0) return false;
  await db.update(exercises).set({ updatedAt: now }).where(eq(exercises.id, exerciseId));
  return true;
}

/** Takes an inject out of the exercise's MSEL; false when the exercise holds no such inject. */
export async function deleteInject(
  db: Executor,
  exerciseId: string,
  injectId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .delete(exerciseInjects)
    .where(and(eq(exerciseInjects.id, injectId), eq(exerciseInjects.exerciseId, exerciseId)))
    .returning({ id: exerciseInjects.id });
  if (rows.length === 0) return false;
  await db.update(exercises).set({ updatedAt: now }).where(eq(exercises.id, exerciseId));
  return true;
}

/** An inject's due time, or null when the exercise holds no such inject. */
export async function injectOffset(
  db: Executor,
  exerciseId: string,
  injectId: string,
): Promise<number | null> {
  const [row] = await db
    .select({ offsetMs: exerciseInjects.offsetMs })
    .from(exerciseInjects)
    .where(and(eq(exerciseInjects.id, injectId), eq(exerciseInjects.exerciseId, exerciseId)));
  return row?.offsetMs ?? null;
}

export interface InjectRecord extends InjectInput {
  id: string;
  position: number;
}

/**
 * The injects of an exercise the organisation may read at exercise time `timeMs`, in the order
 * they arrive (due time, then the order written). `all`: controllers and evaluators, every inject;
 * otherwise a player's inbox: those addressed to the organisation and due by `timeMs`, none before
 * the exercise starts. The rule is in the query, not after it.
 */
export async function injectsFor(
  db: Executor,
  reader: { organisationId: string; all: boolean },
  exerciseId: string,
  timeMs: number,
): Promise<InjectRecord[]> {
  const seen = reader.all
    ? evaluatedExercises(reader.organisationId)
    : sql`(${visibleExercises(reader.organisationId)}
        and exercises.status <> 'planning'
        and exercise_injects.offset_ms <= ${timeMs}
        and ${reader.organisationId}::uuid = any(exercise_injects.recipient_organisation_ids))`;
  const rows = await db
    .select({
      id: exerciseInjects.id,
      position: exerciseInjects.position,
      offsetMs: exerciseInjects.offsetMs,
      sender: exerciseInjects.sender,
      recipientOrganisationIds: exerciseInjects.recipientOrganisationIds,
      channel: exerciseInjects.channel,
      content: exerciseInjects.content,
      expectedAction: exerciseInjects.expectedAction,
      objectiveId: exerciseInjects.objectiveId,
    })
    .from(exerciseInjects)
    .innerJoin(exercises, eq(exercises.id, exerciseInjects.exerciseId))
    .where(and(eq(exerciseInjects.exerciseId, exerciseId), seen))
    .orderBy(asc(exerciseInjects.offsetMs), asc(exerciseInjects.position));
  return rows;
}

export interface ObservationInput {
  objectiveId: string;
  rating: string;
  strengths: string[];
  areasForImprovement: string[];
  note: string;
  exerciseTimeMs: number;
}

export async function insertObservation(
  db: Executor,
  exerciseId: string,
  input: ObservationInput,
  evaluator: { userId: string; organisationId: string },
  now: Date,
): Promise<string> {
  const [last] = rowsOf<{ position: number | null }>(
    await db.execute(
      sql`select max(position) as position from exercise_observations where exercise_id = ${exerciseId}`,
    ),
  );
  const [row] = await db
    .insert(exerciseObservations)
    .values({
      ...input,
      exerciseId,
      position: Number(last?.position ?? 0) + 1,
      evaluatorId: evaluator.userId,
      evaluatorOrganisationId: evaluator.organisationId,
      createdAt: now,
    })
    .returning({ id: exerciseObservations.id });
  if (!row) throw new Error("The observation was not recorded.");
  return row.id;
}

export interface ObservationRecord extends ObservationInput {
  id: string;
  evaluator: { id: string; name: string } | null;
  organisation: { id: string; name: string };
  createdAt: string;
}

/** The observations of an exercise, for controllers and evaluators only (in the query), in the order recorded. */
export async function observationsFor(
  db: Executor,
  organisationId: string,
  exerciseId: string,
): Promise<ObservationRecord[]> {
  const rows = await db
    .select({
      observation: exerciseObservations,
      evaluatorName: users.name,
      organisationName: organisations.name,
    })
    .from(exerciseObservations)
    .innerJoin(exercises, eq(exercises.id, exerciseObservations.exerciseId))
    .innerJoin(organisations, eq(organisations.id, exerciseObservations.evaluatorOrganisationId))
    .leftJoin(users, eq(users.id, exerciseObservations.evaluatorId))
    .where(and(eq(exerciseObservations.exerciseId, exerciseId), evaluatedExercises(organisationId)))
    .orderBy(asc(exerciseObservations.position));
  return rows.map(({ observation, evaluatorName, organisationName }) => ({
    id: observation.id,
    objectiveId: observation.objectiveId,
    rating: observation.rating,
    strengths: observation.strengths,
    areasForImprovement: observation.areasForImprovement,
    note: observation.note,
    exerciseTimeMs: observation.exerciseTimeMs,
    evaluator:
      observation.evaluatorId && evaluatorName ? { id: observation.evaluatorId, name: evaluatorName } : null,
    organisation: { id: observation.evaluatorOrganisationId, name: organisationName },
    createdAt: iso(observation.createdAt),
  }));
}

export async function linkCorrectiveAction(
  db: Executor,
  exerciseId: string,
  objectiveId: string | null,
  actionId: string,
  now: Date,
): Promise<void> {
  await db.insert(exerciseCorrectiveActions).values({ exerciseId, objectiveId, actionId, createdAt: now });
}

export interface CorrectiveActionRecord {
  id: string;
  objectiveId: string | null;
  title: string;
  description: string;
  owner: { id: string; name: string };
  dueOn: string;
  status: string;
}

/** The improvement plan's actions as the tracker holds them, for controllers and evaluators only (in the query). */
export async function correctiveActionsFor(
  db: Executor,
  organisationId: string,
  exerciseId: string,
): Promise<CorrectiveActionRecord[]> {
  const rows = rowsOf<{
    id: string;
    objective_id: string | null;
    title: string;
    description: string;
    owner_id: string;
    owner_name: string;
    due_on: string;
    status: string;
  }>(
    await db.execute(sql`select a.id, c.objective_id, a.title, a.description, a.owner_organisation_id as owner_id,
        owner.name as owner_name, a.due_on::text as due_on, a.status
      from exercise_corrective_actions as c
      join exercises on exercises.id = c.exercise_id
      join event_actions as a on a.id = c.action_id
      join organisations as owner on owner.id = a.owner_organisation_id
      where c.exercise_id = ${exerciseId} and ${evaluatedExercises(organisationId)}
      order by a.due_on, a.title, a.id`),
  );
  return rows.map((row) => ({
    id: row.id,
    objectiveId: row.objective_id,
    title: row.title,
    description: row.description,
    owner: { id: row.owner_id, name: row.owner_name },
    dueOn: row.due_on,
    status: row.status,
  }));
}

/** Which of these organisations exist (participants and recipients named by id). */
export async function existingOrganisations(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from organisations where id = any(${sqlArray(ids, "uuid")})`),
  );
  return new Set(rows.map((row) => row.id));
}

/**
 * Organisations by name, compared without case as names are unique (exercise packages name them):
 * each name given to the id of the organisation so named, when there is one.
 */
export async function organisationsNamed(
  db: Executor,
  names: readonly string[],
): Promise<Map<string, { id: string; name: string }>> {
  if (names.length === 0) return new Map();
  const rows = rowsOf<{ id: string; name: string }>(
    await db.execute(
      sql`select id, name from organisations where lower(name) = any(${sqlArray(
        names.map((name) => name.toLowerCase()),
        "text",
      )})`,
    ),
  );
  const byLower = new Map(rows.map((row) => [row.name.toLowerCase(), row]));
  return new Map(
    names.flatMap((name) => {
      const found = byLower.get(name.toLowerCase());
      return found ? [[name, found] as const] : [];
    }),
  );
}

/** Organisations' names by id (for ids read through another rule, e.g. readable assets' operators). */
export async function namesOfOrganisations(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<{ id: string; name: string }>(
    await db.execute(
      sql`select id, name from organisations where id = any(${sqlArray([...new Set(ids)], "uuid")})`,
    ),
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

export interface ProgrammeRecord {
  id: string;
  owner: { id: string; name: string };
  title: string;
  startYear: number;
  endYear: number;
  priorities: unknown;
  exercises: unknown;
  createdAt: string;
  updatedAt: string;
}

export async function insertProgramme(
  db: Executor,
  input: {
    ownerOrganisationId: string;
    title: string;
    startYear: number;
    endYear: number;
    priorities: unknown;
    exercises: unknown;
    createdBy: string;
  },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(exerciseProgrammes)
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning({ id: exerciseProgrammes.id });
  if (!row) throw new Error("The programme was not created.");
  return row.id;
}

/** The programmes of one organisation (core's exerciseProgrammePolicy: its own only), newest first. */
export async function programmesOf(
  db: Executor,
  organisationId: string,
  id?: string,
): Promise<ProgrammeRecord[]> {
  const rows = await db
    .select({ programme: exerciseProgrammes, ownerName: organisations.name })
    .from(exerciseProgrammes)
    .innerJoin(organisations, eq(organisations.id, exerciseProgrammes.ownerOrganisationId))
    .where(
      and(
        eq(exerciseProgrammes.ownerOrganisationId, organisationId),
        id === undefined ? undefined : eq(exerciseProgrammes.id, id),
      ),
    )
    .orderBy(sql`exercise_programmes.created_at desc, exercise_programmes.id`);
  return rows.map(({ programme, ownerName }) => ({
    id: programme.id,
    owner: { id: programme.ownerOrganisationId, name: ownerName },
    title: programme.title,
    startYear: programme.startYear,
    endYear: programme.endYear,
    priorities: programme.priorities,
    exercises: programme.exercises,
    createdAt: iso(programme.createdAt),
    updatedAt: iso(programme.updatedAt),
  }));
}

/** Changes a programme of the organisation; false when it holds no such programme. */
export async function updateProgramme(
  db: Executor,
  organisationId: string,
  id: string,
  fields: { title: string; startYear: number; endYear: number; priorities: unknown; exercises: unknown },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(exerciseProgrammes)
    .set({ ...fields, updatedAt: now })
    .where(and(eq(exerciseProgrammes.id, id), eq(exerciseProgrammes.ownerOrganisationId, organisationId)))
    .returning({ id: exerciseProgrammes.id });
  return rows.length > 0;
}

/** Removes a programme of the organisation; false when it holds no such programme. */
export async function deleteProgramme(db: Executor, organisationId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(exerciseProgrammes)
    .where(and(eq(exerciseProgrammes.id, id), eq(exerciseProgrammes.ownerOrganisationId, organisationId)))
    .returning({ id: exerciseProgrammes.id });
  return rows.length > 0;
}
