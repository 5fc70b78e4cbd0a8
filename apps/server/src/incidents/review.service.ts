// Lessons of a closed incident (issue 18): the after-action review (what went well, what to
// improve), written once by the authority or the filing operator, read by whoever sees the
// incident; its follow-up actions; and, when its author asks, a compendium case-study proposal
// pre-filled from the incident and the review, anonymised as chosen (caseStudyDraft in core), which
// then goes through the compendium's usual review (proposals.service.ts).
import type {
  IncidentReviewActionUpdate,
  IncidentReviewAnswer,
  IncidentReviewCreate,
} from "@bulwark/contracts";
import { EntryContent } from "@bulwark/contracts";
import {
  type Actor,
  assetPolicy,
  caseStudyDraft,
  checkReview,
  checkReviewActionProgress,
  compendiumPolicy,
  type Sector,
  slugify,
  type ThreatFamily,
} from "@bulwark/core";
import {
  appendAudit,
  findIncidentReview,
  findProposal,
  type IncidentReviewRecord,
  incidentAssetHistory,
  incidentOrganisations,
  insertIncidentReview,
  linkReviewProposal,
  lockIncident,
  readableAssets,
  setReviewActionStatus,
} from "@bulwark/db";
import type { z } from "zod";
import { propose } from "../compendium/proposals.service.ts";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { incidentViewerOf, seenIncident } from "./incidents.service.ts";

type Create = z.output<typeof IncidentReviewCreate>;

const todayOf = (context: ServerContext) => context.clock().toISOString().slice(0, 10);

async function present(
  context: ServerContext,
  caller: Actor,
  review: IncidentReviewRecord | null,
  write: boolean,
): Promise<IncidentReviewAnswer> {
  if (!review) return { review: null, abilities: { write } };
  const proposal = review.proposalId
    ? await findProposal(context.db, compendiumPolicy.proposalScope(caller), review.proposalId)
    : null;
  return {
    review: {
      id: review.id,
      incidentId: review.incidentId,
      wentWell: review.wentWell,
      toImprove: review.toImprove,
      author: review.author,
      organisation: review.organisation,
      createdAt: review.createdAt,
      actions: review.actions.map((action) => ({
        ...action,
        status: action.status as "open" | "in-progress" | "done" | "dropped",
      })),
      proposal: proposal ? { id: proposal.id, state: proposal.state, title: proposal.title } : null,
    },
    abilities: { write: false },
  };
}

export async function reviewOf(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<IncidentReviewAnswer> {
  const viewer = await incidentViewerOf(context, caller);
  const { facts, abilities } = await seenIncident(context, viewer, id);
  const review = await findIncidentReview(context.db, viewer, id, todayOf(context));
  return present(context, caller, review, checkReview(abilities, facts.state).allowed);
}

/** Move a follow-up action of the review on (open, in progress, done, dropped), audited. */
export async function progressReviewAction(
  context: ServerContext,
  caller: Actor,
  id: string,
  actionId: string,
  input: z.output<typeof IncidentReviewActionUpdate>,
): Promise<IncidentReviewAnswer> {
  const viewer = await incidentViewerOf(context, caller);
  const { abilities } = await seenIncident(context, viewer, id);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await lockIncident(tx, id);
    const review = await findIncidentReview(tx, viewer, id, todayOf(context));
    const action = review?.actions.find((candidate) => candidate.id === actionId);
    if (!review || !action) throw notFound("action");
    const decision = checkReviewActionProgress(caller, abilities, action.ownerOrganisation.id);
    if (!decision.allowed) throw forbidden(decision.reason);
    await setReviewActionStatus(tx, review.id, actionId, input.status, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "incidents.review-action",
        targetType: "incident",
        targetId: id,
        details: { actionId, from: action.status, to: input.status },
      },
      now,
    );
  });
  return reviewOf(context, caller, id);
}

export async function createReview(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: Create,
): Promise<IncidentReviewAnswer> {
  const viewer = await incidentViewerOf(context, caller);
  const seen = await seenIncident(context, viewer, id);
  const decision = checkReview(seen.abilities, seen.facts.state);
  if (!decision.allowed) throw forbidden(decision.reason);
  if (input.caseStudy.propose) {
    const may = compendiumPolicy.propose(caller);
    if (!may.allowed) throw forbidden(may.reason);
  }
  const involved = await incidentOrganisations(context.db, id);
  const owners = new Set([caller.organisationId, ...involved.map((organisation) => organisation.id)]);
  const strangers = input.actions.flatMap((action, index) =>
    owners.has(action.ownerOrganisationId)
      ? []
      : [
          {
            path: `body.actions.${index}.ownerOrganisationId`,
            message: "Give actions to your organisation or one the incident involves.",
          },
        ],
  );
  if (strangers.length > 0)
    throw invalid("Some actions go to organisations the incident does not involve.", strangers);
  const now = context.clock();
  const reviewId = await context.db.transaction(async (tx) => {
    await lockIncident(tx, id);
    if (await findIncidentReview(tx, viewer, id, todayOf(context)))
      throw conflict("The incident has its after-action review already.");
    const created = await insertIncidentReview(tx, {
      incidentId: id,
      wentWell: input.wentWell,
      toImprove: input.toImprove,
      authorId: caller.userId,
      organisationId: caller.organisationId,
      actions: input.actions,
      now,
    });
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "incidents.review",
        targetType: "incident",
        targetId: id,
        details: { actions: input.actions.length, caseStudy: input.caseStudy.propose },
      },
      now,
    );
    return created;
  });
  if (input.caseStudy.propose) {
    const record = seen.record;
    const history = await incidentAssetHistory(context.db, id);
    const assets = await readableAssets(context.db, assetPolicy.readScope(caller), [
      ...new Set(history.map((row) => row.assetId)),
    ]);
    const author = involved.find((organisation) => organisation.id === caller.organisationId);
    const draft = caseStudyDraft(
      {
        title: record.title,
        type: record.type,
        threatFamily: record.threatFamily as ThreatFamily | null,
        startedAt: record.startedAt,
        closedAt: record.closedAt,
        sectors: [...new Set([...assets.values()].map((asset) => asset.sector as Sector))],
        assetsAffected: new Set(history.map((row) => row.assetId)).size,
        peopleAffected: record.peopleAffected,
        wentWell: input.wentWell,
        toImprove: input.toImprove,
        actions: input.actions.map((action) => action.title),
        organisationNames: [...involved.map((organisation) => organisation.name), record.organisation.name],
        assetNames: [...assets.values()].flatMap((asset) => [asset.name, asset.ref]),
        country: author?.country ?? null,
        authorOrganisation: author?.name ?? record.organisation.name,
      },
      input.caseStudy,
    );
    const content = EntryContent.parse({
      title: draft.title,
      type: "case-study",
      summary: draft.summary,
      body: draft.body,
      phases: draft.phases,
      sectors: draft.sectors,
      threats: draft.threats,
      themes: ["crisis"],
      countries: draft.countries.filter((country) => /^[A-Z]{2}$/.test(country)),
      marking: input.caseStudy.marking,
      source: { citation: draft.citation },
    });
    const proposal = await propose(context, caller, {
      slug: `${slugify(draft.title).slice(0, 80) || "case-study"}-${reviewId.slice(0, 8)}`,
      content,
      note: "Pre-filled from an incident's after-action review.",
    });
    await linkReviewProposal(context.db, reviewId, proposal.id);
  }
  return reviewOf(context, caller, id);
}
