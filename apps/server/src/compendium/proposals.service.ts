// Contribution: any member proposes a new entry or an edit; the compendium's moderators comment,
// request changes, approve (which publishes a new version) or reject. Every step is audited.
import type { Proposal, ProposalCreate, ProposalUpdate, ReviewCreate } from "@bulwark/contracts";
import { type Actor, compendiumPolicy, type Decision, isCompendiumModerator, slugify } from "@bulwark/core";
import {
  appendAudit,
  entryIdOfSlug,
  findEntry,
  findProposal,
  findVersion,
  insertProposal,
  insertReview,
  listProposals,
  listReviews,
  type ProposalRecord,
  publishEntry,
  updateProposal,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, notFound } from "../errors.ts";
import { notifyModerators } from "../notifications/notify.ts";
import { asContent, entryDiff } from "./entries.service.ts";

type Create = z.output<typeof ProposalCreate>;
type Update = z.output<typeof ProposalUpdate>;
type Review = z.output<typeof ReviewCreate>;

const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

async function visibleProposal(context: ServerContext, caller: Actor, id: string): Promise<ProposalRecord> {
  const proposal = await findProposal(context.db, compendiumPolicy.proposalScope(caller), id);
  if (!proposal) throw notFound("proposal");
  return proposal;
}

const facts = (proposal: ProposalRecord) => ({
  authorId: proposal.author.id,
  organisationId: proposal.organisation.id,
  state: proposal.state,
});

async function present(context: ServerContext, caller: Actor, proposal: ProposalRecord): Promise<Proposal> {
  const [reviews, base] = await Promise.all([
    listReviews(context.db, proposal.id),
    proposal.entry && proposal.baseVersion
      ? findVersion(context.db, proposal.entry.id, proposal.baseVersion)
      : Promise.resolve(null),
  ]);
  return {
    id: proposal.id,
    state: proposal.state as Proposal["state"],
    slug: proposal.slug,
    title: proposal.title,
    entry: proposal.entry ? { slug: proposal.entry.slug, title: proposal.entry.title } : null,
    author: proposal.author,
    organisation: proposal.organisation,
    note: proposal.note,
    createdAt: proposal.createdAt,
    updatedAt: proposal.updatedAt,
    baseVersion: proposal.baseVersion,
    content: asContent(proposal.content),
    diff: entryDiff(base?.content ?? null, proposal.content),
    reviews: reviews as Proposal["reviews"],
    publishedVersion: proposal.publishedVersion,
    abilities: {
      review: isCompendiumModerator(caller) && ["open", "changes-requested"].includes(proposal.state),
      edit: compendiumPolicy.revise(caller, facts(proposal)).allowed,
    },
  };
}

export async function proposalDetail(context: ServerContext, caller: Actor, id: string): Promise<Proposal> {
  return present(context, caller, await visibleProposal(context, caller, id));
}

export async function proposals(
  context: ServerContext,
  caller: Actor,
  query: { state?: string | undefined; limit: number; offset: number },
) {
  const page = await listProposals(context.db, compendiumPolicy.proposalScope(caller), query);
  return {
    total: page.total,
    items: page.items.map((proposal) => ({
      id: proposal.id,
      state: proposal.state as Proposal["state"],
      title: proposal.title,
      entry: proposal.entry ? { slug: proposal.entry.slug, title: proposal.entry.title } : null,
      author: proposal.author,
      organisation: proposal.organisation,
      note: proposal.note,
      createdAt: proposal.createdAt,
      updatedAt: proposal.updatedAt,
    })),
  };
}

export async function propose(context: ServerContext, caller: Actor, input: Create): Promise<Proposal> {
  must(compendiumPolicy.propose(caller));
  const now = context.clock();
  let entryId: string | null = null;
  let slug: string;
  let baseVersion: number | null = null;
  if (input.entrySlug) {
    const entry = await findEntry(context.db, compendiumPolicy.readScope(caller), input.entrySlug);
    if (!entry) throw notFound("entry");
    entryId = entry.id;
    slug = entry.slug;
    baseVersion = input.baseVersion ?? entry.version;
    if (baseVersion > entry.version)
      throw conflict({ key: "compendium.noVersion", values: { version: baseVersion } });
  } else {
    slug = input.slug ?? slugify(input.content.title);
    // Only an entry the proposer may read answers "exists already": a slug taken by an entry hidden
    // from them is caught when a moderator (who sees every entry) approves, so what the proposer
    // learns never depends on entries they cannot see (issue 12, finding 16).
    if (await findEntry(context.db, compendiumPolicy.readScope(caller), slug))
      throw conflict({ key: "compendium.slugTaken", values: { slug } });
  }
  const id = await context.db.transaction(async (tx) => {
    const created = await insertProposal(tx, {
      entryId,
      slug,
      baseVersion,
      content: input.content,
      note: input.note ?? null,
      authorId: caller.userId,
      organisationId: caller.organisationId,
      now,
    });
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: entryId ? "compendium.propose-edit" : "compendium.propose-entry",
        targetType: "compendium-proposal",
        targetId: created,
        details: { slug, baseVersion, marking: input.content.marking },
      },
      now,
    );
    await notifyModerators(tx, created, caller.userId, now);
    return created;
  });
  return proposalDetail(context, caller, id);
}

export async function revise(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: Update,
): Promise<Proposal> {
  const proposal = await visibleProposal(context, caller, id);
  must(compendiumPolicy.revise(caller, facts(proposal)));
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await updateProposal(tx, id, {
      content: input.content,
      ...(input.note !== undefined ? { note: input.note } : {}),
      state: "open",
      now,
    });
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "compendium.revise",
        targetType: "compendium-proposal",
        targetId: id,
        details: { slug: proposal.slug },
      },
      now,
    );
  });
  return proposalDetail(context, caller, id);
}

const NEXT_STATE = {
  comment: null,
  "request-changes": "changes-requested",
  approve: "approved",
  reject: "rejected",
  withdraw: "withdrawn",
} as const;

export async function review(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: Review,
): Promise<Proposal> {
  const proposal = await visibleProposal(context, caller, id);
  must(compendiumPolicy.comment(caller, facts(proposal)));
  // The author withdraws their own open proposal; deciding on it is the moderators'.
  if (input.action === "withdraw") must(compendiumPolicy.revise(caller, facts(proposal)));
  else if (input.action !== "comment") must(compendiumPolicy.moderate(caller));
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    let publishedVersion: number | undefined;
    if (input.action === "approve") {
      const current = await entryIdOfSlug(tx, proposal.slug);
      if (proposal.entry === null && current)
        throw conflict({ key: "compendium.slugPublishedMeanwhile", values: { slug: proposal.slug } });
      if (proposal.entry !== null && (!current || current.version !== proposal.baseVersion))
        throw conflict(
          "The entry changed since this edit began: ask the author to revise it against the latest version.",
        );
      const published = await publishEntry(tx, {
        slug: proposal.slug,
        content: proposal.content,
        organisationId: proposal.organisation.id,
        authorId: proposal.author.id,
        note: proposal.note,
        now,
      });
      publishedVersion = published.version;
    }
    await insertReview(tx, {
      proposalId: id,
      authorId: caller.userId,
      action: input.action,
      comment: input.comment,
      now,
    });
    const state = NEXT_STATE[input.action];
    await updateProposal(tx, id, {
      ...(state ? { state } : {}),
      ...(publishedVersion !== undefined ? { publishedVersion } : {}),
      now,
    });
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: `compendium.${input.action}`,
        targetType: "compendium-proposal",
        targetId: id,
        details: { slug: proposal.slug, ...(publishedVersion ? { version: publishedVersion } : {}) },
      },
      now,
    );
  });
  return proposalDetail(context, caller, id);
}
