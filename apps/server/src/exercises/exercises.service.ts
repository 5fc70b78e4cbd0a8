// Exercises (issue 19): plan, run the clock, read the MSEL. Core decides (exerciseAbilities,
// exercisePolicy); every read goes through the repository's SQL filters compiled from the same
// rule, so an exercise the caller's organisation takes no part in is "not found" on every route,
// and a player's inbox holds only what the clock has delivered to it. The clock lives in the
// exercise's row (anchors, not timers): any process computes the same exercise time.

import type {
  ClockChange,
  Exercise,
  ExerciseCreate,
  ExerciseSummary,
  FileAnswer,
  Inject,
  InjectCreate,
  InjectList,
} from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import {
  type Actor,
  assetPolicy,
  capXml,
  type Decision,
  EXERCISE_FRAMEWORK,
  EXERCISE_MARK,
  type ExerciseAbilities,
  type ExerciseCapability,
  type ExerciseClock,
  type ExerciseFacts,
  type ExerciseRole,
  type ExerciseStatus,
  type ExerciseType,
  exerciseAbilities,
  exerciseCapMessage,
  exercisePolicy,
  exerciseTime,
  type InjectChannel,
  type Json,
  type Language,
  moveClock,
} from "@bulwark/core";
import {
  announceExercise,
  announceMsel,
  appendAudit,
  type Executor,
  type ExerciseRecord,
  exerciseObjectivesOf,
  exerciseParticipantsOf,
  existingOrganisations,
  findExercise,
  findScenario,
  injectsFor,
  insertExercise,
  insertInject,
  listExercises,
  lockExercise,
  type ParticipantRecord,
  readableAssets,
  saveExerciseClock,
  type Transaction,
} from "@bulwark/db";
import type { z } from "zod";
import { frameworkIn } from "../content/translations.ts";
import type { ServerContext } from "../context.ts";
import { type FieldError, forbidden, invalid, notFound } from "../errors.ts";
import { scenarioOf } from "../risk/scenarios.service.ts";
import { readFrameworks } from "../self-assessment/frameworks.service.ts";

export const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

export interface SeenExercise {
  readonly record: ExerciseRecord;
  readonly participants: ParticipantRecord[];
  readonly facts: ExerciseFacts;
  readonly abilities: ExerciseAbilities;
  readonly role: ExerciseRole;
}

export const clockOf = (record: ExerciseRecord): ExerciseClock => ({
  status: record.status as ExerciseStatus,
  baseMs: record.clock.baseMs,
  anchor: record.clock.anchor === null ? null : Date.parse(record.clock.anchor),
  speed: record.clock.speed,
});

/** The exercise as the caller's organisation may see it, or 404 (absent and hidden look the same). */
export async function seenExercise(
  context: ServerContext,
  caller: Actor,
  id: string,
  db: Executor = context.db,
): Promise<SeenExercise> {
  const record = await findExercise(db, caller.organisationId, id);
  if (!record) throw notFound("exercise");
  const participants = await exerciseParticipantsOf(db, id);
  const facts: ExerciseFacts = {
    ownerOrganisationId: record.owner.id,
    status: record.status as ExerciseStatus,
    participants: participants.map((p) => ({
      organisationId: p.organisation.id,
      role: p.role as ExerciseRole,
    })),
  };
  const abilities = exerciseAbilities(caller, facts);
  // The SQL filter and the rule are one rule; should they ever disagree, the narrower wins.
  if (!abilities.maySee || abilities.role === null) throw notFound("exercise");
  return { record, participants, facts, abilities, role: abilities.role };
}

export const clockState = (context: ServerContext, record: ExerciseRecord) => ({
  status: record.status as ExerciseStatus,
  speed: record.clock.speed,
  exerciseTimeMs: exerciseTime(clockOf(record), context.clock().getTime()),
});

export async function exerciseDetail(
  context: ServerContext,
  caller: Actor,
  id: string,
  language: Language = "en",
): Promise<Exercise> {
  const seen = await seenExercise(context, caller, id);
  const { record, abilities } = seen;
  const [objectives, scenario] = await Promise.all([
    exerciseObjectivesOf(context.db, id),
    record.scenarioSlug ? findScenario(context.db, record.scenarioSlug) : null,
  ]);
  return {
    ...summaryOf(record, seen.role),
    summary: record.summary,
    participants: seen.participants.map((p) => ({
      organisation: p.organisation,
      role: p.role as ExerciseRole,
    })),
    objectives: objectives.map((objective) => ({
      ...objective,
      capability: objective.capability as ExerciseCapability | null,
    })),
    scenario: {
      slug: record.scenarioSlug,
      title: scenario ? scenarioOf(scenario, language).title : null,
      attackedAssetIds: abilities.seesAll ? record.attackedAssetIds : [],
    },
    clock: clockState(context, record),
    abilities: {
      control: abilities.control,
      observe: exercisePolicy.observe(abilities, record.status as ExerciseStatus).allowed,
      evaluate: exercisePolicy.evaluate(abilities).allowed,
      respond: exercisePolicy.respond(abilities, record.status as ExerciseStatus, caller).allowed,
    },
  };
}

const summaryOf = (record: ExerciseRecord, role: ExerciseRole): ExerciseSummary => ({
  id: record.id,
  mark: EXERCISE_MARK,
  title: record.title,
  type: record.type as ExerciseType,
  status: record.status as ExerciseStatus,
  owner: record.owner,
  role,
  updatedAt: record.updatedAt,
});

export async function exerciseList(
  context: ServerContext,
  caller: Actor,
  page: { limit: number; offset: number },
) {
  const found = await listExercises(context.db, caller.organisationId, page);
  return {
    items: found.items.map((record) => summaryOf(record, record.role as ExerciseRole)),
    total: found.total,
  };
}

const sections = new Map<Language, ReadonlyMap<string, string>>();
/** The sections (id to title, in `language`) of the newest shipped version of resolution 2341's framework. */
export function frameworkSections(language: Language = "en"): ReadonlyMap<string, string> {
  let found = sections.get(language);
  if (!found) {
    const newest = readFrameworks()
      .filter((framework) => framework.id === EXERCISE_FRAMEWORK)
      .sort((a, b) => b.version - a.version)[0];
    const read = newest ? frameworkIn(newest, language) : undefined;
    found = new Map(read?.sections.map((section) => [section.id, section.title]) ?? []);
    sections.set(language, found);
  }
  return found;
}

export async function planExercise(
  context: ServerContext,
  caller: Actor,
  input: z.output<typeof ExerciseCreate>,
): Promise<Exercise> {
  must(exercisePolicy.create(caller));
  const errors: FieldError[] = [];
  const known = frameworkSections();
  input.objectives.forEach((objective, i) => {
    if (objective.section !== undefined && !known.has(objective.section))
      errors.push({
        path: `body.objectives.${i}.section`,
        message: { key: "exercise.noSection" as const, values: { section: objective.section } },
      });
  });
  const found = await existingOrganisations(
    context.db,
    input.participants.map((p) => p.organisationId),
  );
  input.participants.forEach((participant, i) => {
    if (participant.organisationId === caller.organisationId)
      errors.push({
        path: `body.participants.${i}.organisationId`,
        message: "Your organisation controls it already.",
      });
    else if (!found.has(participant.organisationId))
      errors.push({ path: `body.participants.${i}.organisationId`, message: "No such organisation." });
  });
  if (input.scenario.slug !== null && !(await findScenario(context.db, input.scenario.slug)))
    errors.push({ path: "body.scenario.slug", message: "No such threat scenario." });
  const readable = await readableAssets(
    context.db,
    assetPolicy.readScope(caller),
    input.scenario.attackedAssetIds,
  );
  input.scenario.attackedAssetIds.forEach((id, i) => {
    if (!readable.has(id))
      errors.push({
        path: `body.scenario.attackedAssetIds.${i}`,
        message: { key: "detail.noSuchAsset" as const, values: { id } },
      });
  });
  if (errors.length > 0) throw invalid("The exercise cannot be planned as written.", errors);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertExercise(
      tx,
      {
        title: input.title,
        summary: input.summary,
        type: input.type,
        ownerOrganisationId: caller.organisationId,
        scenarioSlug: input.scenario.slug,
        attackedAssetIds: input.scenario.attackedAssetIds,
        participants: input.participants,
        objectives: input.objectives.map((objective) => ({
          title: objective.title,
          section: objective.section ?? null,
          capability: objective.capability ?? null,
        })),
        createdBy: caller.userId,
      },
      now,
    );
    await audited(tx, caller, created, "exercises.plan", now, {
      type: input.type,
      participants: input.participants.length,
      objectives: input.objectives.length,
      attackedAssets: input.scenario.attackedAssetIds.length,
    });
    return created;
  });
  return exerciseDetail(context, caller, id);
}

export async function audited(
  tx: Transaction,
  caller: Actor,
  id: string,
  action: AuditAction,
  now: Date,
  details: Json,
) {
  await appendAudit(
    tx,
    { actorId: caller.userId, action, targetType: "exercise", targetId: id, details },
    now,
  );
}

export async function changeClock(
  context: ServerContext,
  caller: Actor,
  id: string,
  change: z.output<typeof ClockChange>,
): Promise<Exercise> {
  await context.db.transaction(async (tx) => {
    await lockExercise(tx, id);
    const seen = await seenExercise(context, caller, id, tx);
    must(exercisePolicy.control(seen.abilities));
    const now = context.clock();
    const moved = moveClock(clockOf(seen.record), change.action, now.getTime(), change.speed);
    if ("refused" in moved) throw forbidden(moved.refused.reason);
    const clock = moved.clock;
    await saveExerciseClock(
      tx,
      id,
      { ...clock, anchor: clock.anchor === null ? null : new Date(clock.anchor) },
      now,
    );
    await announceExercise(tx, id);
    await audited(tx, caller, id, `exercises.clock.${change.action}`, now, {
      speed: clock.speed,
      exerciseTimeMs: exerciseTime(clock, now.getTime()),
    });
  });
  return exerciseDetail(context, caller, id);
}

type InjectRow = Awaited<ReturnType<typeof injectsFor>>[number];

function presentInject(
  row: InjectRow,
  seen: SeenExercise,
  timeMs: number,
  names: ReadonlyMap<string, string>,
): Inject {
  const delivered = seen.record.status !== "planning" && row.offsetMs <= timeMs;
  const base: Inject = {
    id: row.id,
    mark: EXERCISE_MARK,
    position: row.position,
    offsetMs: row.offsetMs,
    sender: row.sender,
    channel: row.channel as InjectChannel,
    content: row.content,
    status: delivered ? ("delivered" as const) : ("pending" as const),
  };
  if (!seen.abilities.seesAll) return base;
  return {
    ...base,
    recipients: row.recipientOrganisationIds.map((organisationId) => ({
      id: organisationId,
      name: names.get(organisationId) ?? "",
    })),
    expectedAction: row.expectedAction,
    objectiveId: row.objectiveId,
  };
}

const participantNames = (seen: SeenExercise) =>
  new Map([
    [seen.record.owner.id, seen.record.owner.name],
    ...seen.participants.map((p) => [p.organisation.id, p.organisation.name] as const),
  ]);

export async function injectList(context: ServerContext, caller: Actor, id: string): Promise<InjectList> {
  const seen = await seenExercise(context, caller, id);
  const clock = clockState(context, seen.record);
  const rows = await injectsFor(
    context.db,
    { organisationId: caller.organisationId, all: seen.abilities.seesAll },
    id,
    clock.exerciseTimeMs,
  );
  const names = participantNames(seen);
  return {
    mark: EXERCISE_MARK,
    clock,
    items: rows.map((row) => presentInject(row, seen, clock.exerciseTimeMs, names)),
  };
}

/**
 * A delivered inject of the cap-alert channel as CAP 1.2 with status Exercise, for whoever may
 * read the inject (the same query as the inbox); 404 for anything else.
 */
export async function injectCap(
  context: ServerContext,
  caller: Actor,
  id: string,
  injectId: string,
  origin: string,
): Promise<FileAnswer> {
  const seen = await seenExercise(context, caller, id);
  const list = await injectList(context, caller, id);
  const inject = list.items.find(
    (item) => item.id === injectId && item.status === "delivered" && item.channel === "cap-alert",
  );
  if (!inject) throw notFound("inject");
  const xml = capXml(
    exerciseCapMessage({
      exerciseId: id,
      exerciseTitle: seen.record.title,
      injectId,
      senderName: inject.sender,
      content: inject.content,
      // The message is originated when it is served: the inject's real time depends on pauses.
      sent: context.clock(),
      sender: new URL(origin).hostname,
    }),
  );
  return { bytes: new TextEncoder().encode(xml), filename: `exercise-inject-${inject.position}.xml` };
}

export async function addInject(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof InjectCreate>,
): Promise<Inject> {
  const now = context.clock();
  const created = await context.db.transaction(async (tx) => {
    await lockExercise(tx, id);
    const seen = await seenExercise(context, caller, id, tx);
    must(exercisePolicy.editMsel(seen.abilities, seen.record.status as ExerciseStatus));
    const players = new Set(
      seen.participants.filter((p) => p.role === "player").map((p) => p.organisation.id),
    );
    const errors = input.recipientOrganisationIds.flatMap((organisationId, i) =>
      players.has(organisationId)
        ? []
        : [{ path: `body.recipientOrganisationIds.${i}`, message: "Not a player of this exercise." }],
    );
    if (input.objectiveId !== null) {
      const objectives = await exerciseObjectivesOf(tx, id);
      if (!objectives.some((objective) => objective.id === input.objectiveId))
        errors.push({ path: "body.objectiveId", message: "Not an objective of this exercise." });
    }
    if (errors.length > 0) throw invalid("The inject cannot be added as written.", errors);
    const injectId = await insertInject(tx, id, input, caller.userId, now);
    await announceMsel(tx, id, injectId);
    await audited(tx, caller, id, "exercises.inject.add", now, {
      injectId,
      offsetMs: input.offsetMs,
      recipients: input.recipientOrganisationIds.length,
      channel: input.channel,
    });
    return injectId;
  });
  const list = await injectList(context, caller, id);
  const inject = list.items.find((item) => item.id === created);
  if (!inject) throw notFound("inject");
  return inject;
}
