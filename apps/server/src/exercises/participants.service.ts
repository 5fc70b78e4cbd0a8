// Who takes part in an exercise, changed after it was planned (issue 19): a controller adds or
// takes away organisations and sets their role (player, controller, evaluator), before and during
// conduct (core's exercisePolicy.editParticipants). An organisation an inject is addressed to stays
// a player: its inbox is part of the exercise (rewrite the inject first, if it is not delivered).
// Every process's readers hear of the change (announceExercise): a removed organisation's streams
// hear nothing more of the exercise, its pages get 404.
import type { Exercise, ExerciseParticipantsChange } from "@bulwark/contracts";
import { type Actor, type ExerciseStatus, exercisePolicy } from "@bulwark/core";
import {
  announceExercise,
  existingOrganisations,
  injectRecipientsOf,
  lockExercise,
  replaceParticipants,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { type FieldError, invalid } from "../errors.ts";
import { audited, exerciseDetail, must, seenExercise } from "./exercises.service.ts";

export async function changeParticipants(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof ExerciseParticipantsChange>,
): Promise<Exercise> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await lockExercise(tx, id);
    const seen = await seenExercise(context, caller, id, tx);
    must(exercisePolicy.editParticipants(seen.abilities, seen.record.status as ExerciseStatus));
    const [found, recipients] = await Promise.all([
      existingOrganisations(
        tx,
        input.participants.map((p) => p.organisationId),
      ),
      injectRecipientsOf(tx, id),
    ]);
    const errors: FieldError[] = [];
    input.participants.forEach((participant, i) => {
      const path = `body.participants.${i}`;
      if (participant.organisationId === seen.record.owner.id)
        errors.push({
          path: `${path}.organisationId`,
          message: "The owning organisation controls it already.",
        });
      else if (!found.has(participant.organisationId))
        errors.push({ path: `${path}.organisationId`, message: "No such organisation." });
      else if (recipients.has(participant.organisationId) && participant.role !== "player")
        errors.push({ path: `${path}.role`, message: "Injects are addressed to it: it stays a player." });
    });
    const kept = new Set(input.participants.map((p) => p.organisationId));
    for (const organisationId of recipients)
      if (!kept.has(organisationId))
        errors.push({
          path: "body.participants",
          message: {
            key: "exercise.staysPlayerNamed" as const,
            values: {
              organisation:
                seen.participants.find((p) => p.organisation.id === organisationId)?.organisation.name ??
                organisationId,
            },
          },
        });
    // A controller taking part beside the owner does not take its own organisation out of control.
    if (caller.organisationId !== seen.record.owner.id) {
      const own = input.participants.find((p) => p.organisationId === caller.organisationId);
      if (own?.role !== "controller")
        errors.push({ path: "body.participants", message: "Your organisation stays a controller." });
    }
    if (errors.length > 0) throw invalid("The participants cannot be set as written.", errors);
    const before = new Map(seen.participants.map((p) => [p.organisation.id, p.role]));
    await replaceParticipants(tx, id, input.participants, now);
    await announceExercise(tx, id);
    await audited(tx, caller, id, "exercises.participants.change", now, {
      added: input.participants.filter((p) => !before.has(p.organisationId)).length,
      removed: [...before.keys()].filter((organisationId) => !kept.has(organisationId)).length,
      changed: input.participants.filter(
        (p) => before.has(p.organisationId) && before.get(p.organisationId) !== p.role,
      ).length,
    });
  });
  return exerciseDetail(context, caller, id);
}
