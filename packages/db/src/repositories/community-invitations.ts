// Invitations of organisations into communities: an organisation joins only when one of its
// administrators accepts. Unscoped: the service asks communityPolicy who may read and act.
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../connect.ts";
import {
  communities,
  communityInvitations,
  communityModerators,
  communityOrganisations,
  organisations,
  users,
} from "../schema.ts";
import { iso } from "../scope.ts";

export type InvitationState = "pending" | "accepted" | "declined" | "withdrawn";

export interface InvitationRecord {
  id: string;
  community: { id: string; name: string; description: string };
  organisation: { id: string; name: string };
  state: InvitationState;
  createdAt: string;
  decidedAt: string | null;
}

const invited = alias(organisations, "invited");

const select = (db: Executor, where: SQL | undefined) =>
  db
    .select({
      id: communityInvitations.id,
      communityId: communities.id,
      communityName: communities.name,
      communityDescription: communities.description,
      organisationId: invited.id,
      organisationName: invited.name,
      state: communityInvitations.state,
      createdAt: communityInvitations.createdAt,
      decidedAt: communityInvitations.decidedAt,
    })
    .from(communityInvitations)
    .innerJoin(communities, eq(communities.id, communityInvitations.communityId))
    .innerJoin(invited, eq(invited.id, communityInvitations.organisationId))
    .where(where)
    .orderBy(desc(communityInvitations.createdAt), asc(invited.name));

type Row = Awaited<ReturnType<typeof select>>[number];
// States are written only by this module, from the vocabulary above.
const present = (row: Row): InvitationRecord => ({
  id: row.id,
  community: { id: row.communityId, name: row.communityName, description: row.communityDescription },
  organisation: { id: row.organisationId, name: row.organisationName },
  state: row.state as InvitationState,
  createdAt: iso(row.createdAt),
  decidedAt: row.decidedAt ? iso(row.decidedAt) : null,
});

export async function listInvitations(
  db: Executor,
  filter: { communityId?: string; organisationId?: string; state?: InvitationState },
): Promise<InvitationRecord[]> {
  const rows = await select(
    db,
    and(
      filter.communityId ? eq(communityInvitations.communityId, filter.communityId) : undefined,
      filter.organisationId ? eq(communityInvitations.organisationId, filter.organisationId) : undefined,
      filter.state ? eq(communityInvitations.state, filter.state) : undefined,
    ),
  );
  return rows.map(present);
}

/** Pending invitations of these communities (for the community pages). */
export async function pendingInvitationsOf(
  db: Executor,
  communityIds: readonly string[],
): Promise<InvitationRecord[]> {
  if (communityIds.length === 0) return [];
  const rows = await select(
    db,
    and(
      inArray(communityInvitations.communityId, [...communityIds]),
      eq(communityInvitations.state, "pending"),
    ),
  );
  return rows.map(present);
}

export async function getInvitation(db: Executor, id: string): Promise<InvitationRecord | null> {
  const [row] = await select(db, eq(communityInvitations.id, id));
  return row ? present(row) : null;
}

export async function insertInvitation(
  db: Executor,
  fields: { communityId: string; organisationId: string; invitedBy: string | null },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(communityInvitations)
    .values({ ...fields, state: "pending", createdAt: now })
    .returning({ id: communityInvitations.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

/** Close a pending invitation; false when it was no longer pending (decided meanwhile). */
export async function closeInvitation(
  db: Executor,
  id: string,
  state: Exclude<InvitationState, "pending">,
  decidedBy: string | null,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(communityInvitations)
    .set({ state, decidedBy, decidedAt: now })
    .where(and(eq(communityInvitations.id, id), eq(communityInvitations.state, "pending")))
    .returning({ id: communityInvitations.id });
  return rows.length > 0;
}

/** Withdraw every pending invitation of an organisation to a community (it joined directly). */
export async function closePendingInvitations(
  db: Executor,
  communityId: string,
  organisationIds: readonly string[],
  decidedBy: string | null,
  now: Date,
): Promise<void> {
  if (organisationIds.length === 0) return;
  await db
    .update(communityInvitations)
    .set({ state: "withdrawn", decidedBy, decidedAt: now })
    .where(
      and(
        eq(communityInvitations.communityId, communityId),
        inArray(communityInvitations.organisationId, [...organisationIds]),
        eq(communityInvitations.state, "pending"),
      ),
    );
}

export async function addCommunityOrganisation(
  db: Executor,
  communityId: string,
  organisationId: string,
): Promise<void> {
  await db.insert(communityOrganisations).values({ communityId, organisationId }).onConflictDoNothing();
}

/** An organisation leaves a community; its people stop moderating it. */
export async function removeCommunityOrganisation(
  db: Executor,
  communityId: string,
  organisationId: string,
): Promise<void> {
  await db
    .delete(communityOrganisations)
    .where(
      and(
        eq(communityOrganisations.communityId, communityId),
        eq(communityOrganisations.organisationId, organisationId),
      ),
    );
  await db
    .delete(communityModerators)
    .where(
      and(
        eq(communityModerators.communityId, communityId),
        sql`${communityModerators.userId} in (select ${users.id} from ${users} where ${users.organisationId} = ${organisationId})`,
      ),
    );
}
