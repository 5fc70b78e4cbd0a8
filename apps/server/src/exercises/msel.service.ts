// Changing the MSEL after an inject was written: a controller rewrites or removes an inject the
// clock has not delivered yet (core's exercisePolicy.changeInject). A delivered inject stays as
// it was: players have read it, and the after-action report rests on it.
import type { Inject, InjectCreate } from "@bulwark/contracts";
import { type Actor, type ExerciseStatus, exercisePolicy, exerciseTime } from "@bulwark/core";
import {
  announceMsel,
  deleteInject,
  type Executor,
  exerciseObjectivesOf,
  injectOffset,
  lockExercise,
  updateInject,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { audited, clockOf, injectList, must, type SeenExercise, seenExercise } from "./exercises.service.ts";

/** Whether the inject may change now: the caller controls the exercise and the clock has not reached it. */
async function changeable(seen: SeenExercise, tx: Executor, injectId: string, now: Date): Promise<void> {
  // Only those who see the whole MSEL learn whether an inject exists.
  must(exercisePolicy.evaluate(seen.abilities));
  const offsetMs = await injectOffset(tx, seen.record.id, injectId);
  if (offsetMs === null) throw notFound("inject");
  const status = seen.record.status as ExerciseStatus;
  const delivered = status !== "planning" && offsetMs <= exerciseTime(clockOf(seen.record), now.getTime());
  must(exercisePolicy.changeInject(seen.abilities, status, delivered));
}

export async function rewriteInject(
  context: ServerContext,
  caller: Actor,
  id: string,
  injectId: string,
  input: z.output<typeof InjectCreate>,
): Promise<Inject> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await lockExercise(tx, id);
    const seen = await seenExercise(context, caller, id, tx);
    await changeable(seen, tx, injectId, now);
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
    if (errors.length > 0) throw invalid("The inject cannot be changed as written.", errors);
    if (!(await updateInject(tx, id, injectId, input, now))) throw notFound("inject");
    await announceMsel(tx, id, injectId);
    await audited(tx, caller, id, "exercises.inject.change", now, {
      injectId,
      offsetMs: input.offsetMs,
      recipients: input.recipientOrganisationIds.length,
      channel: input.channel,
    });
  });
  const list = await injectList(context, caller, id);
  const inject = list.items.find((item) => item.id === injectId);
  if (!inject) throw notFound("inject");
  return inject;
}

export async function removeInject(
  context: ServerContext,
  caller: Actor,
  id: string,
  injectId: string,
): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await lockExercise(tx, id);
    const seen = await seenExercise(context, caller, id, tx);
    await changeable(seen, tx, injectId, now);
    if (!(await deleteInject(tx, id, injectId, now))) throw notFound("inject");
    await announceMsel(tx, id);
    await audited(tx, caller, id, "exercises.inject.remove", now, { injectId });
  });
}
