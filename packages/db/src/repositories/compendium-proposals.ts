// Proposed entries and edits, and their reviews. Reads take the policy's proposal scope: the
// proposing organisation's, or all for moderators.
import type { Scope } from "@bulwark/core";
import { and, asc, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../connect.ts";
import {
  compendiumEntries,
  compendiumProposals,
  compendiumReviews,
  organisations,
  users,
} from "../schema.ts";
import { iso, scopeFilter } from "../scope.ts";
import type { EntryContentRecord } from "./compendium.ts";

export interface ReviewRecord {
  id: string;
  action: string;
  comment: string;
  author: { id: string; name: string };
  createdAt: string;
}

export interface ProposalRecord {
  id: string;
  state: string;
  slug: string;
  title: string;
  entry: { id: string; slug: string; title: string } | null;
  baseVersion: number | null;
  content: EntryContentRecord;
  note: string | null;
  author: { id: string; name: string };
  organisation: { id: string; name: string };
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

const proposalScope = (scope: Scope): SQL | undefined =>
  scopeFilter(scope, (organisationId) => eq(compendiumProposals.organisationId, organisationId));

const author = alias(users, "author");
const columns = {
  proposal: compendiumProposals,
  authorName: author.name,
  organisationName: organisations.name,
  entrySlug: compendiumEntries.slug,
  entryTitle: compendiumEntries.title,
};

type Row = {
  proposal: typeof compendiumProposals.$inferSelect;
  authorName: string;
  organisationName: string;
  entrySlug: string | null;
  entryTitle: string | null;
};

const present = ({ proposal, authorName, organisationName, entrySlug, entryTitle }: Row): ProposalRecord => ({
  id: proposal.id,
  state: proposal.state,
  slug: proposal.slug,
  title: proposal.title,
  entry:
    proposal.entryId && entrySlug && entryTitle
      ? { id: proposal.entryId, slug: entrySlug, title: entryTitle }
      : null,
  baseVersion: proposal.baseVersion,
  content: proposal.content as EntryContentRecord,
  note: proposal.note,
  author: { id: proposal.authorId, name: authorName },
  organisation: { id: proposal.organisationId, name: organisationName },
  publishedVersion: proposal.publishedVersion,
  createdAt: iso(proposal.createdAt),
  updatedAt: iso(proposal.updatedAt),
});

const selectProposals = (db: Executor) =>
  db
    .select(columns)
    .from(compendiumProposals)
    .innerJoin(author, eq(author.id, compendiumProposals.authorId))
    .innerJoin(organisations, eq(organisations.id, compendiumProposals.organisationId))
    .leftJoin(compendiumEntries, eq(compendiumEntries.id, compendiumProposals.entryId));

export async function findProposal(db: Executor, scope: Scope, id: string): Promise<ProposalRecord | null> {
  const [row] = await selectProposals(db).where(and(eq(compendiumProposals.id, id), proposalScope(scope)));
  return row ? present(row) : null;
}

export async function listProposals(
  db: Executor,
  scope: Scope,
  query: { state?: string | undefined; limit: number; offset: number },
): Promise<{ items: ProposalRecord[]; total: number }> {
  const where = and(
    proposalScope(scope),
    query.state ? eq(compendiumProposals.state, query.state) : undefined,
  );
  const [items, [total]] = await Promise.all([
    selectProposals(db)
      .where(where)
      .orderBy(desc(compendiumProposals.updatedAt), asc(compendiumProposals.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ count: count() }).from(compendiumProposals).where(where),
  ]);
  return { items: items.map(present), total: total?.count ?? 0 };
}

export interface ProposalInput {
  entryId: string | null;
  slug: string;
  baseVersion: number | null;
  content: EntryContentRecord;
  note: string | null;
  authorId: string;
  organisationId: string;
  now: Date;
}

export async function insertProposal(db: Executor, input: ProposalInput): Promise<string> {
  const [row] = await db
    .insert(compendiumProposals)
    .values({
      entryId: input.entryId,
      slug: input.slug,
      baseVersion: input.baseVersion,
      title: input.content.title,
      content: input.content,
      note: input.note,
      authorId: input.authorId,
      organisationId: input.organisationId,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: compendiumProposals.id });
  if (!row) throw new Error("The proposal was not recorded.");
  return row.id;
}

export async function updateProposal(
  db: Executor,
  id: string,
  change: {
    content?: EntryContentRecord;
    note?: string | null;
    state?: string;
    publishedVersion?: number;
    now: Date;
  },
): Promise<void> {
  await db
    .update(compendiumProposals)
    .set({
      ...(change.content ? { content: change.content, title: change.content.title } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      ...(change.state ? { state: change.state } : {}),
      ...(change.publishedVersion !== undefined ? { publishedVersion: change.publishedVersion } : {}),
      updatedAt: change.now,
    })
    .where(eq(compendiumProposals.id, id));
}

export async function insertReview(
  db: Executor,
  review: { proposalId: string; authorId: string; action: string; comment: string; now: Date },
): Promise<void> {
  await db.insert(compendiumReviews).values({
    proposalId: review.proposalId,
    position: sql`(select coalesce(max(position), 0) + 1 from compendium_reviews where proposal_id = ${review.proposalId})`,
    authorId: review.authorId,
    action: review.action,
    comment: review.comment,
    createdAt: review.now,
  });
}

export async function listReviews(db: Executor, proposalId: string): Promise<ReviewRecord[]> {
  const rows = await db
    .select({ review: compendiumReviews, authorName: users.name })
    .from(compendiumReviews)
    .innerJoin(users, eq(users.id, compendiumReviews.authorId))
    .where(eq(compendiumReviews.proposalId, proposalId))
    .orderBy(asc(compendiumReviews.position));
  return rows.map(({ review, authorName }) => ({
    id: review.id,
    action: review.action,
    comment: review.comment,
    author: { id: review.authorId, name: authorName },
    createdAt: iso(review.createdAt),
  }));
}
