// Answering in exercise mode (issue 19): a player files an incident with Bulwark's own incident
// tools, linked to the exercise (and the inject it answers) in the same transaction as it is
// filed, before anything is announced. From then on visibleIncidents shows it to people of the
// exercise's organisations only; the real incident list, sitreps and feeds leave it out; its page,
// list, PDFs and STIX export say EXERCISE EXERCISE EXERCISE.
import type { ExerciseIncidentCreate, Incident } from "@bulwark/contracts";
import { type Actor, type ExerciseStatus, exercisePolicy } from "@bulwark/core";
import { appendAudit, insertExerciseIncident, usersOutsideOrganisations } from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { type FieldError, forbidden, invalid } from "../errors.ts";
import { fileIncident } from "../incidents/incidents.service.ts";
import { injectList, seenExercise } from "./exercises.service.ts";

export async function respondWithIncident(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof ExerciseIncidentCreate>,
): Promise<Incident> {
  const seen = await seenExercise(context, caller, id);
  const decision = exercisePolicy.respond(seen.abilities, seen.record.status as ExerciseStatus, caller);
  if (!decision.allowed) throw forbidden(decision.reason);
  const taking = new Set([seen.record.owner.id, ...seen.participants.map((p) => p.organisation.id)]);
  const { audience } = input.incident;
  const errors: FieldError[] = [];
  if (input.injectId !== null) {
    // Only an inject the caller's organisation has received (the inbox's own query) is answered.
    const received = await injectList(context, caller, id);
    if (!received.items.some((item) => item.id === input.injectId && item.status === "delivered"))
      errors.push({ path: "body.injectId", message: "Not an inject delivered to you in this exercise." });
  }
  audience.communityIds.forEach((_, i) => {
    errors.push({
      path: `body.incident.audience.communityIds.${i}`,
      message: "An exercise incident is addressed to organisations or people taking part, not communities.",
    });
  });
  audience.organisationIds.forEach((organisationId, i) => {
    if (!taking.has(organisationId))
      errors.push({
        path: `body.incident.audience.organisationIds.${i}`,
        message: "Not taking part in this exercise.",
      });
  });
  const outside = await usersOutsideOrganisations(context.db, audience.userIds, [...taking]);
  audience.userIds.forEach((userId, i) => {
    if (outside.has(userId))
      errors.push({
        path: `body.incident.audience.userIds.${i}`,
        message: "Not taking part in this exercise.",
      });
  });
  if (errors.length > 0) throw invalid("The exercise incident cannot be filed as written.", errors);
  return fileIncident(context, caller, input.incident, async (tx, incidentId) => {
    const now = context.clock();
    await insertExerciseIncident(tx, { incidentId, exerciseId: id, injectId: input.injectId }, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "exercises.incident.file",
        targetType: "exercise",
        targetId: id,
        details: { incidentId, injectId: input.injectId },
      },
      now,
    );
  });
}
