// Multi-year exercise programmes (issue 19; HSEEP's Integrated Preparedness Plan): the exercises an
// organisation plans per year by type, and the priorities they serve, drawn when the programme is
// made from what Bulwark knows of the organisation's weaknesses: the largest gaps of its latest
// submitted self-assessment and the highest risks of the register it sees, each with its source
// named so a reader can go back to it. Kept as they were drawn: the programme records what it was
// agreed on. Seen by the owning organisation only (core's exerciseProgrammePolicy, SQL in
// programmesOf).
import {
  type ExerciseProgramme,
  type ExerciseProgrammeCreate,
  type ExerciseProgrammeUpdate,
  ProgrammePriority,
  RegisterQuery,
} from "@bulwark/contracts";
import { type Actor, EXERCISE_TYPES, type ExerciseType, exerciseProgrammePolicy } from "@bulwark/core";
import {
  appendAudit,
  deleteProgramme,
  insertProgramme,
  type ProgrammeRecord,
  programmesOf,
  updateProgramme,
} from "@bulwark/db";
import { z } from "zod";
import type { ServerContext } from "../context.ts";
import { type FieldError, invalid, notFound } from "../errors.ts";
import { riskRegister } from "../risk/register.service.ts";
import { runResults } from "../self-assessment/results.service.ts";
import { runs } from "../self-assessment/runs.service.ts";
import { must } from "./exercises.service.ts";

/** How many priorities each source gives. */
const FROM_EACH = 3;

type Priority = z.infer<typeof ProgrammePriority>;
const StoredExercise = z.object({
  year: z.number().int(),
  type: z.enum(EXERCISE_TYPES),
  title: z.string(),
  priority: z.number().int().nullable(),
});

const percent = (score: number | null) => (score === null ? "unanswered" : `${Math.round(score * 100)} %`);

/** The priorities as they stand now, from the organisation's own self-assessment and its register. */
export async function drawPriorities(context: ServerContext, caller: Actor): Promise<Priority[]> {
  const submitted = (await runs(context, caller))
    .filter(
      (run) =>
        run.organisation.id === caller.organisationId &&
        run.state === "submitted" &&
        run.archivedAt === null &&
        run.submittedAt !== null,
    )
    .sort((a, b) => (b.submittedAt ?? "").localeCompare(a.submittedAt ?? ""));
  const priorities: Priority[] = [];
  const latest = submitted[0];
  if (latest) {
    const results = await runResults(context, caller, latest.id);
    for (const gap of results.gaps.slice(0, FROM_EACH))
      priorities.push({
        title: gap.question,
        source: {
          kind: "self-assessment",
          label: `Self-assessment "${latest.title}" (${latest.framework.title}, version ${latest.framework.version}), submitted ${latest.submittedAt?.slice(0, 10)}: question ${gap.questionId}, ${percent(gap.score)}`,
          id: latest.id,
        },
      });
  }
  const register = await riskRegister(context, caller, RegisterQuery.parse({ limit: FROM_EACH }));
  for (const item of register.items)
    priorities.push({
      title: `${item.scenario.title}: ${item.title}`,
      source: {
        kind: "risk-register",
        label: `Risk register: "${item.title}" of ${item.organisation.name}, score ${item.score}${item.aboveAppetite ? ", above the risk appetite" : ""} (version ${item.version})`,
        id: item.id,
      },
    });
  return priorities;
}

function present(record: ProgrammeRecord): ExerciseProgramme {
  const priorities = z.array(ProgrammePriority).parse(record.priorities);
  const exercises = z.array(StoredExercise).parse(record.exercises);
  const years = [];
  for (let year = record.startYear; year <= record.endYear; year += 1)
    years.push({
      year,
      // In each year from the simplest type to the most complex, as HSEEP builds them up.
      exercises: exercises
        .map((exercise, i) => ({ exercise, i }))
        .filter(({ exercise }) => exercise.year === year)
        .sort(
          (a, b) =>
            EXERCISE_TYPES.indexOf(a.exercise.type) - EXERCISE_TYPES.indexOf(b.exercise.type) || a.i - b.i,
        )
        .map(({ exercise }) => ({ type: exercise.type, title: exercise.title, priority: exercise.priority })),
    });
  return {
    id: record.id,
    owner: record.owner,
    title: record.title,
    startYear: record.startYear,
    endYear: record.endYear,
    priorities,
    years,
    createdAt: record.createdAt,
  };
}

export async function programmeList(context: ServerContext, caller: Actor) {
  const { organisationId } = exerciseProgrammePolicy.readScope(caller);
  return { items: (await programmesOf(context.db, organisationId)).map(present) };
}

export async function makeProgramme(
  context: ServerContext,
  caller: Actor,
  input: z.output<typeof ExerciseProgrammeCreate>,
): Promise<ExerciseProgramme> {
  must(exerciseProgrammePolicy.create(caller));
  const priorities = await drawPriorities(context, caller);
  const errors = input.exercises.flatMap((exercise, i) =>
    exercise.priority !== null && exercise.priority > priorities.length
      ? [{ path: `body.exercises.${i}.priority`, message: "Not a priority of this programme." }]
      : [],
  );
  if (errors.length > 0) throw invalid("The programme cannot be made as written.", errors);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertProgramme(
      tx,
      {
        ownerOrganisationId: caller.organisationId,
        title: input.title,
        startYear: input.startYear,
        endYear: input.startYear + input.years - 1,
        priorities,
        exercises: input.exercises.map((exercise) => ({
          year: exercise.year,
          type: exercise.type satisfies ExerciseType,
          title: exercise.title,
          priority: exercise.priority,
        })),
        createdBy: caller.userId,
      },
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "exercises.programme.create",
        targetType: "exercise-programme",
        targetId: created,
        details: { years: input.years, exercises: input.exercises.length, priorities: priorities.length },
      },
      now,
    );
    return created;
  });
  const [record] = await programmesOf(context.db, caller.organisationId, id);
  if (!record) throw new Error("The programme was not found after it was made.");
  return present(record);
}

/**
 * Changes a programme of the caller's organisation: another organisation's is "not found" (the
 * SQL reads and writes the owner's only), a non-designer is refused. Its priorities stay as drawn
 * unless asked to be drawn again; the exercises must then still name priorities it has.
 */
export async function changeProgramme(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof ExerciseProgrammeUpdate>,
): Promise<ExerciseProgramme> {
  const { organisationId } = exerciseProgrammePolicy.readScope(caller);
  const [record] = await programmesOf(context.db, organisationId, id);
  if (!record) throw notFound("exercise programme");
  must(exerciseProgrammePolicy.change(caller));
  const priorities = input.redrawPriorities
    ? await drawPriorities(context, caller)
    : z.array(ProgrammePriority).parse(record.priorities);
  const startYear = input.startYear ?? record.startYear;
  const endYear =
    input.years === undefined ? record.endYear - record.startYear + startYear : startYear + input.years - 1;
  const exercises = input.exercises ?? z.array(StoredExercise).parse(record.exercises);
  // Exercises kept as they were are reported against what moved (the years, the priorities).
  const kept = input.exercises === undefined;
  const errors = exercises.flatMap((exercise, i): FieldError[] => [
    ...(exercise.year < startYear || exercise.year > endYear
      ? [
          kept
            ? {
                path: "body.years",
                message: {
                  key: "exercise.outsideYears" as const,
                  values: { title: exercise.title, year: String(exercise.year) },
                },
              }
            : { path: `body.exercises.${i}.year`, message: "A year of the programme." },
        ]
      : []),
    ...(exercise.priority !== null && exercise.priority > priorities.length
      ? [
          kept
            ? {
                path: "body.redrawPriorities",
                message: {
                  key: "exercise.lostPriority" as const,
                  values: { title: exercise.title, priority: exercise.priority },
                },
              }
            : { path: `body.exercises.${i}.priority`, message: "Not a priority of this programme." },
        ]
      : []),
  ]);
  if (errors.length > 0) throw invalid("The programme cannot be changed as written.", errors);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const changed = await updateProgramme(
      tx,
      organisationId,
      id,
      {
        title: input.title ?? record.title,
        startYear,
        endYear,
        priorities,
        exercises: exercises.map((exercise) => ({
          year: exercise.year,
          type: exercise.type satisfies ExerciseType,
          title: exercise.title,
          priority: exercise.priority,
        })),
      },
      now,
    );
    if (!changed) throw notFound("exercise programme");
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "exercises.programme.change",
        targetType: "exercise-programme",
        targetId: id,
        details: {
          years: endYear - startYear + 1,
          exercises: exercises.length,
          redrawn: input.redrawPriorities,
        },
      },
      now,
    );
  });
  const [saved] = await programmesOf(context.db, organisationId, id);
  if (!saved) throw notFound("exercise programme");
  return present(saved);
}

export async function removeProgramme(context: ServerContext, caller: Actor, id: string): Promise<void> {
  const { organisationId } = exerciseProgrammePolicy.readScope(caller);
  const [record] = await programmesOf(context.db, organisationId, id);
  if (!record) throw notFound("exercise programme");
  must(exerciseProgrammePolicy.change(caller));
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await deleteProgramme(tx, organisationId, id))) throw notFound("exercise programme");
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "exercises.programme.remove",
        targetType: "exercise-programme",
        targetId: id,
        details: { title: record.title },
      },
      now,
    );
  });
}
