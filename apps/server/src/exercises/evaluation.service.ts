// Evaluating an exercise (issue 19): evaluators' observations against the objectives with HSEEP's
// ratings, the scenario's ground truth (the cascade from the attacked assets), and the improvement
// plan's corrective actions, which go into the events' follow-up tracker: the exercise gets one
// event of kind "exercise", hosted by its owner (TLP:AMBER, so the tracker shows it to the owner),
// and each corrective action is a follow-up action of it with its owner organisation and due date.
import type {
  CorrectiveAction,
  CorrectiveActionCreate,
  ExerciseScenario,
  Observation,
  ObservationCreate,
} from "@bulwark/contracts";
import {
  type Actor,
  ALL,
  cascade,
  EXERCISE_MARK,
  type ExerciseStatus,
  exercisePolicy,
  exerciseTime,
  type HseepRating,
  type Language,
  regionOfCountry,
} from "@bulwark/core";
import {
  correctiveActionsFor,
  exerciseObjectivesOf,
  findScenario,
  getOrganisation,
  getUser,
  insertEvent,
  insertEventAction,
  insertObservation,
  linkCorrectiveAction,
  lockExercise,
  observationsFor,
  setFollowUpEvent,
  touchEvent,
} from "@bulwark/db";
import type { z } from "zod";
import type { AnalysisCache } from "../analysis/analysis.service.ts";
import { cascadeReport } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { type FieldError, invalid, notFound } from "../errors.ts";
import { scenarioOf } from "../risk/scenarios.service.ts";
import { audited, clockOf, must, seenExercise } from "./exercises.service.ts";

type ObservationRow = Awaited<ReturnType<typeof observationsFor>>[number];
const presentObservation = (row: ObservationRow): Observation => ({
  ...row,
  mark: EXERCISE_MARK,
  rating: row.rating as HseepRating,
});

export async function observationList(context: ServerContext, caller: Actor, id: string) {
  const seen = await seenExercise(context, caller, id);
  must(exercisePolicy.evaluate(seen.abilities));
  const rows = await observationsFor(context.db, caller.organisationId, id);
  return { items: rows.map(presentObservation) };
}

export async function recordObservation(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof ObservationCreate>,
): Promise<Observation> {
  const now = context.clock();
  const created = await context.db.transaction(async (tx) => {
    // Observations of one exercise are numbered in the order recorded, one at a time.
    await lockExercise(tx, id);
    const seen = await seenExercise(context, caller, id, tx);
    must(exercisePolicy.observe(seen.abilities, seen.record.status as ExerciseStatus));
    const objectives = await exerciseObjectivesOf(tx, id);
    if (!objectives.some((objective) => objective.id === input.objectiveId))
      throw invalid("The observation names no objective of this exercise.", [
        { path: "body.objectiveId", message: "Not an objective of this exercise." },
      ]);
    const observationId = await insertObservation(
      tx,
      id,
      { ...input, exerciseTimeMs: exerciseTime(clockOf(seen.record), now.getTime()) },
      { userId: caller.userId, organisationId: caller.organisationId },
      now,
    );
    await audited(tx, caller, id, "exercises.observe", now, {
      observationId,
      objectiveId: input.objectiveId,
      rating: input.rating,
    });
    return observationId;
  });
  const rows = await observationsFor(context.db, caller.organisationId, id);
  const row = rows.find((item) => item.id === created);
  if (!row) throw notFound("observation");
  return presentObservation(row);
}

export async function scenarioTruth(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  id: string,
  language: Language = "en",
): Promise<ExerciseScenario> {
  const seen = await seenExercise(context, caller, id);
  must(exercisePolicy.evaluate(seen.abilities));
  const entry = await analysis.graphFor(context, caller);
  const attacked = seen.record.attackedAssetIds.flatMap((assetId) => {
    const index = entry.graph.indexOf.get(assetId);
    return index === undefined ? [] : [index];
  });
  const scenario = seen.record.scenarioSlug ? await findScenario(context.db, seen.record.scenarioSlug) : null;
  return {
    mark: EXERCISE_MARK,
    slug: seen.record.scenarioSlug,
    title: scenario ? scenarioOf(scenario, language).title : null,
    hiddenAssets: seen.record.attackedAssetIds.length - attacked.length,
    cascade: cascadeReport(entry, cascade(entry.graph, attacked)),
  };
}

export async function correctiveActionList(context: ServerContext, caller: Actor, id: string) {
  const seen = await seenExercise(context, caller, id);
  must(exercisePolicy.evaluate(seen.abilities));
  const items = await correctiveActionsFor(context.db, caller.organisationId, id);
  return { eventId: seen.record.followUpEventId, items };
}

export async function addCorrectiveAction(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof CorrectiveActionCreate>,
): Promise<CorrectiveAction> {
  const now = context.clock();
  const actionId = await context.db.transaction(async (tx) => {
    await lockExercise(tx, id);
    const seen = await seenExercise(context, caller, id, tx);
    must(exercisePolicy.control(seen.abilities));
    const errors: FieldError[] = [];
    const taking = new Set([seen.record.owner.id, ...seen.participants.map((p) => p.organisation.id)]);
    const owner = taking.has(input.ownerOrganisationId)
      ? await getOrganisation(tx, ALL, input.ownerOrganisationId)
      : null;
    if (!owner)
      errors.push({ path: "body.ownerOrganisationId", message: "Not an organisation of this exercise." });
    if (input.ownerUserId) {
      const person = await getUser(tx, ALL, input.ownerUserId);
      if (!person || person.organisationId !== input.ownerOrganisationId)
        errors.push({ path: "body.ownerUserId", message: "Not a member of the owner organisation." });
    }
    if (input.objectiveId !== null) {
      const objectives = await exerciseObjectivesOf(tx, id);
      if (!objectives.some((objective) => objective.id === input.objectiveId))
        errors.push({ path: "body.objectiveId", message: "Not an objective of this exercise." });
    }
    if (!owner || errors.length > 0)
      throw invalid("The corrective action cannot be added as written.", errors);
    let eventId = seen.record.followUpEventId;
    if (!eventId) {
      const host = await getOrganisation(tx, ALL, seen.record.owner.id);
      const country = host?.country ?? owner.country;
      const day = now.toISOString().slice(0, 10);
      eventId = await insertEvent(
        tx,
        {
          kind: "exercise",
          title: `${EXERCISE_MARK}: improvement plan of ${seen.record.title}`,
          summary: `Corrective actions of the after-action report of the ${seen.record.type} exercise “${seen.record.title}”.`,
          hostOrganisationId: seen.record.owner.id,
          region: regionOfCountry(country) ?? "global",
          countries: [country],
          venue: "",
          startsOn: day,
          endsOn: day,
          marking: "amber",
        },
        now,
      );
      await setFollowUpEvent(tx, id, eventId, now);
    }
    const created = await insertEventAction(
      tx,
      eventId,
      {
        country: owner.country,
        title: input.title,
        description: input.description,
        ownerOrganisationId: owner.id,
        ownerUserId: input.ownerUserId,
        dueOn: input.dueOn,
      },
      caller.userId,
      now,
    );
    await touchEvent(tx, eventId, now);
    await linkCorrectiveAction(tx, id, input.objectiveId, created, now);
    await audited(tx, caller, id, "exercises.corrective-action.add", now, {
      actionId: created,
      eventId,
      ownerOrganisationId: owner.id,
      dueOn: input.dueOn,
    });
    return created;
  });
  const items = await correctiveActionsFor(context.db, caller.organisationId, id);
  const action = items.find((item) => item.id === actionId);
  if (!action) throw notFound("action");
  return action;
}
