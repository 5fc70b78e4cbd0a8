// Engagements: a provider expresses interest in a need it may see, the state accepts (the work
// begins) or declines, the parties record milestones, and with the state's consent the outcome is
// the change between two of its self-assessment runs, section by section (compareRuns of core).
// An engagement is seen by its two parties only (engagementScope in SQL); others get 404.
import type { Engagement, EngagementCreate, EngagementListQuery, EngagementUpdate } from "@bulwark/contracts";
import {
  type Actor,
  type AssistanceViewer,
  checkEngagementTransition,
  compareRuns,
  type EngagementFacts,
  type EngagementStatus,
  engagementAbilities,
  engagementPolicy,
  scoreRun,
  selfAssessmentPolicy,
} from "@bulwark/core";
import {
  type EngagementRecord,
  type Executor,
  findEngagement,
  findRun,
  insertEngagement,
  listAnswers,
  listEngagements,
  lockEngagement,
  lockNeed,
  openEngagementExists,
  peopleOfParties,
  rowsOf,
  updateEngagement,
  updateNeed,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { frameworkVersion } from "../self-assessment/frameworks.service.ts";
import { answerMap } from "../self-assessment/runs.service.ts";
import { changeLinks, linksFor } from "./engagement-links.ts";
import { seenNeed } from "./needs.service.ts";
import { seenOffer } from "./offers.service.ts";
import { assistanceViewerOf, audited } from "./viewer.ts";

type Create = z.output<typeof EngagementCreate>;
type Update = z.output<typeof EngagementUpdate>;

const factsOf = (record: EngagementRecord): EngagementFacts => ({
  stateOrganisationId: record.state.id,
  providerOrganisationId: record.provider.id,
  status: record.status as EngagementStatus,
  outcomeConsent: record.outcomeConsent,
});

/** The runs' scores compared section by section (both of the state's organisation, one framework). */
async function outcomeOf(context: ServerContext, record: EngagementRecord): Promise<Engagement["outcome"]> {
  if (!record.baselineRunId || !record.followUpRunId) return null;
  // The state's own runs: read under the state's scope, shown to the provider only with consent.
  const scope = { kind: "organisation", organisationId: record.state.id } as const;
  const [before, after] = await Promise.all([
    findRun(context.db, scope, record.baselineRunId),
    findRun(context.db, scope, record.followUpRunId),
  ]);
  if (!before || !after) return null;
  const [frameworkBefore, frameworkAfter, answers] = await Promise.all([
    frameworkVersion(context, before.frameworkId, before.frameworkVersion),
    frameworkVersion(context, after.frameworkId, after.frameworkVersion),
    listAnswers(context.db, [before.id, after.id]),
  ]);
  const of = (runId: string) => answerMap(answers.filter((answer) => answer.runId === runId));
  return compareRuns(scoreRun(frameworkBefore, of(before.id)), scoreRun(frameworkAfter, of(after.id)));
}

async function present(
  context: ServerContext,
  caller: Actor,
  viewer: AssistanceViewer,
  record: EngagementRecord,
): Promise<Engagement> {
  const abilities = engagementAbilities(viewer, factsOf(record));
  return {
    ...record,
    ...(await linksFor(context.db, caller, record.id)),
    status: record.status as EngagementStatus,
    need: { ...record.need, theme: record.need.theme as Engagement["need"]["theme"] },
    baselineRunId: abilities.asState ? record.baselineRunId : null,
    followUpRunId: abilities.asState ? record.followUpRunId : null,
    outcome: abilities.maySeeOutcome ? await outcomeOf(context, record) : null,
    abilities: {
      transitions: [...abilities.transitions],
      recordMilestones: abilities.mayRecordMilestones,
      manageOutcome: abilities.mayManageOutcome,
    },
  };
}

async function seenEngagement(context: ServerContext, caller: Actor, id: string, db: Executor = context.db) {
  const record = await findEngagement(db, engagementPolicy.readScope(caller), id);
  if (!record) throw notFound("engagement");
  return record;
}

export async function engagementDetail(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<Engagement> {
  const viewer = await assistanceViewerOf(context, caller);
  return present(context, caller, viewer, await seenEngagement(context, caller, id));
}

export async function engagementList(
  context: ServerContext,
  caller: Actor,
  query: z.output<typeof EngagementListQuery>,
): Promise<{ items: Engagement[]; total: number }> {
  const viewer = await assistanceViewerOf(context, caller);
  const page = await listEngagements(context.db, engagementPolicy.readScope(caller), query);
  return {
    items: await Promise.all(page.items.map((record) => present(context, caller, viewer, record))),
    total: page.total,
  };
}

export async function proposeEngagement(
  context: ServerContext,
  caller: Actor,
  input: Create,
): Promise<Engagement> {
  const viewer = await assistanceViewerOf(context, caller);
  const need = await seenNeed(context, viewer, input.needId);
  if (!need.abilities.mayExpressInterest)
    throw forbidden(
      "Only a provider that may see this open need, through an administrator, coordinator or analyst, offers help on it.",
    );
  if (input.offerId) {
    const offer = await seenOffer(context, viewer, input.offerId);
    if (offer.record.organisation.id !== caller.organisationId)
      throw invalid("The offer named is not one of your organisation's.", [
        { path: "body.offerId", message: "The offer named is not one of your organisation's." },
      ]);
  }
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    await lockNeed(tx, input.needId);
    if (await openEngagementExists(tx, input.needId, caller.organisationId))
      throw conflict("Your organisation has offered help on this need already.");
    const created = await insertEngagement(tx, {
      needId: input.needId,
      offerId: input.offerId,
      stateOrganisationId: need.record.organisation.id,
      providerOrganisationId: caller.organisationId,
      proposedBy: caller.userId,
      message: input.message,
      now,
    });
    await audited(tx, caller, "assistance-engagement", created, "assistance.engagement.propose", now, {
      needId: input.needId,
      offerId: input.offerId,
    });
    return created;
  });
  return engagementDetail(context, caller, id);
}

/** Both runs the state's own, of one framework, or 422. */
async function checkRuns(
  context: ServerContext,
  caller: Actor,
  baseline: string | null,
  followUp: string | null,
) {
  const scope = selfAssessmentPolicy.readScope(caller);
  const runs = await Promise.all(
    [baseline, followUp].map((id) => (id === null ? Promise.resolve(null) : findRun(context.db, scope, id))),
  );
  const errors = (["baselineRunId", "followUpRunId"] as const).flatMap((key, index) =>
    [baseline, followUp][index] !== null && runs[index] === null
      ? [{ path: `body.${key}`, message: "No such self-assessment run of your organisation." }]
      : [],
  );
  if (errors.length > 0) throw invalid("No such self-assessment run of your organisation.", errors);
  const [before, after] = runs;
  if (before && after && before.frameworkId !== after.frameworkId)
    throw invalid("Compare two runs of the same framework.", [
      { path: "body.followUpRunId", message: "Compare two runs of the same framework." },
    ]);
}

/** Every participant is a person of one of the two parties, or 422 naming each other one. */
async function checkParticipants(db: Executor, record: EngagementRecord, ids: readonly string[]) {
  const found = await peopleOfParties(db, ids, [record.state.id, record.provider.id]);
  const errors = ids
    .map((id, index) => ({ id, index }))
    .filter(({ id }) => !found.includes(id))
    .map(({ index }) => ({
      path: `body.participantIds.${index}`,
      message: "Not a person of the state's organisation or of the provider's.",
    }));
  if (errors.length > 0)
    throw invalid("Participants are people of the engagement's two organisations.", errors);
}

/** Does the need have an engagement under way besides this one? */
async function otherActive(db: Executor, needId: string, id: string): Promise<boolean> {
  return (
    rowsOf(
      await db.execute(sql`select 1 from assistance_engagements
        where need_id = ${needId} and id <> ${id} and status = 'active'`),
    ).length > 0
  );
}

export async function changeEngagement(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: Update,
): Promise<Engagement> {
  const viewer = await assistanceViewerOf(context, caller);
  const current = await seenEngagement(context, caller, id);
  const outcomeChange =
    input.outcomeConsent !== undefined ||
    input.baselineRunId !== undefined ||
    input.followUpRunId !== undefined;
  // The runs are checked before the transaction (they are the caller's own; a run is never moved
  // to another organisation), the rest again under the engagement's lock.
  if (outcomeChange && engagementAbilities(viewer, factsOf(current)).mayManageOutcome)
    await checkRuns(
      context,
      caller,
      input.baselineRunId === undefined ? current.baselineRunId : input.baselineRunId,
      input.followUpRunId === undefined ? current.followUpRunId : input.followUpRunId,
    );
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await lockEngagement(tx, id);
    const record = await seenEngagement(context, caller, id, tx);
    const abilities = engagementAbilities(viewer, factsOf(record));
    const from = record.status as EngagementStatus;
    if (
      (input.milestones !== undefined ||
        input.deliverables !== undefined ||
        input.participantIds !== undefined ||
        input.linkedEvents !== undefined ||
        input.linkedEntries !== undefined) &&
      !abilities.mayRecordMilestones
    )
      throw forbidden(
        "Only the engagement's parties, through an administrator, coordinator or analyst, record milestones, deliverables, participants and links while it is open.",
      );
    if (outcomeChange && !abilities.mayManageOutcome)
      throw forbidden("Only the state chooses the runs compared and consents to share the outcome.");
    if (input.participantIds !== undefined) await checkParticipants(tx, record, input.participantIds);
    const links = await changeLinks(tx, caller, id, input);
    const moves = input.status !== undefined && input.status !== from;
    if (moves && input.status) {
      const decision = checkEngagementTransition(abilities, from, input.status);
      if (!decision.allowed) throw forbidden(decision.reason);
      await lockNeed(tx, record.need.id);
      if (input.status === "active") await updateNeed(tx, record.need.id, { status: "engaged" }, now);
      else if (
        from === "active" &&
        input.status !== "completed" &&
        !(await otherActive(tx, record.need.id, id))
      )
        await updateNeed(tx, record.need.id, { status: "open" }, now);
    }
    await updateEngagement(
      tx,
      id,
      {
        ...(moves ? { status: input.status } : {}),
        ...(moves && input.status === "active" ? { startedAt: now } : {}),
        ...(moves && input.status !== "active" ? { endedAt: now } : {}),
        ...(input.milestones !== undefined ? { milestones: input.milestones } : {}),
        ...(input.deliverables !== undefined ? { deliverables: input.deliverables } : {}),
        ...(input.participantIds !== undefined ? { participantIds: input.participantIds } : {}),
        ...(input.outcomeConsent !== undefined ? { outcomeConsent: input.outcomeConsent } : {}),
        ...(input.baselineRunId !== undefined ? { baselineRunId: input.baselineRunId } : {}),
        ...(input.followUpRunId !== undefined ? { followUpRunId: input.followUpRunId } : {}),
      },
      now,
    );
    await audited(tx, caller, "assistance-engagement", id, "assistance.engagement.update", now, {
      fields: Object.keys(input).sort(),
      ...(links ? { links } : {}),
      ...(moves ? { from, to: input.status } : {}),
    });
  });
  return engagementDetail(context, caller, id);
}
