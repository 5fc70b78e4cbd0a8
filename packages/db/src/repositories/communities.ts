import type { Scope } from "@bulwark/core";
import { and, asc, eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import {
  communities,
  communityInvitations,
  communityModerators,
  communityOrganisations,
  organisations,
  users,
} from "../schema.ts";
import { iso, likePattern, scopeFilter } from "../scope.ts";

export interface Named {
  id: string;
  name: string;
}

export interface CommunityRecord {
  id: string;
  name: string;
  description: string;
  organisations: Named[];
  moderators: Named[];
  /** Organisations invited and not yet decided (not members). */
  invited: (Named & { invitationId: string })[];
  createdAt: string;
  updatedAt: string;
}

const visible = (scope: Scope) =>
  scopeFilter(
    scope,
    (organisationId) =>
      sql`exists (select 1 from ${communityOrganisations} where ${communityOrganisations.communityId} = ${communities.id} and ${communityOrganisations.organisationId} = ${organisationId})`,
  );

async function withMembers(
  db: Executor,
  rows: (typeof communities.$inferSelect)[],
): Promise<CommunityRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [orgs, mods, invited] = await Promise.all([
    db
      .select({
        communityId: communityOrganisations.communityId,
        id: organisations.id,
        name: organisations.name,
      })
      .from(communityOrganisations)
      .innerJoin(organisations, eq(organisations.id, communityOrganisations.organisationId))
      .where(inArray(communityOrganisations.communityId, ids))
      .orderBy(asc(organisations.name)),
    db
      .select({ communityId: communityModerators.communityId, id: users.id, name: users.name })
      .from(communityModerators)
      .innerJoin(users, eq(users.id, communityModerators.userId))
      .where(inArray(communityModerators.communityId, ids))
      .orderBy(asc(users.name)),
    db
      .select({
        communityId: communityInvitations.communityId,
        invitationId: communityInvitations.id,
        id: organisations.id,
        name: organisations.name,
      })
      .from(communityInvitations)
      .innerJoin(organisations, eq(organisations.id, communityInvitations.organisationId))
      .where(and(inArray(communityInvitations.communityId, ids), eq(communityInvitations.state, "pending")))
      .orderBy(asc(organisations.name)),
  ]);
  const pick = (list: { communityId: string; id: string; name: string }[], id: string) =>
    list.filter((item) => item.communityId === id).map(({ id: memberId, name }) => ({ id: memberId, name }));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    organisations: pick(orgs, row.id),
    moderators: pick(mods, row.id),
    invited: invited
      .filter((item) => item.communityId === row.id)
      .map(({ invitationId, id, name }) => ({ invitationId, id, name })),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  }));
}

export async function listCommunities(
  db: Executor,
  scope: Scope,
  query: { limit: number; offset: number; q?: string },
): Promise<{ items: CommunityRecord[]; total: number }> {
  const filters: (SQL | undefined)[] = [visible(scope)];
  if (query.q) filters.push(ilike(communities.name, likePattern(query.q)));
  const where = and(...filters);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(communities)
      .where(where)
      .orderBy(asc(communities.name))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(communities).where(where),
  ]);
  return { items: await withMembers(db, rows), total: Number(count?.total ?? 0) };
}

export async function getCommunity(db: Executor, scope: Scope, id: string): Promise<CommunityRecord | null> {
  const rows = await db
    .select()
    .from(communities)
    .where(and(eq(communities.id, id), visible(scope)));
  const [record] = await withMembers(db, rows);
  return record ?? null;
}

/** Membership of a community, for policy checks (unscoped: the caller decides). */
export async function communityMembership(
  db: Executor,
  id: string,
): Promise<{ organisationIds: string[]; moderatorIds: string[] } | null> {
  const [exists] = await db.select({ id: communities.id }).from(communities).where(eq(communities.id, id));
  if (!exists) return null;
  const [orgs, mods] = await Promise.all([
    db
      .select({ id: communityOrganisations.organisationId })
      .from(communityOrganisations)
      .where(eq(communityOrganisations.communityId, id)),
    db
      .select({ id: communityModerators.userId })
      .from(communityModerators)
      .where(eq(communityModerators.communityId, id)),
  ]);
  return { organisationIds: orgs.map((row) => row.id), moderatorIds: mods.map((row) => row.id) };
}

export async function communityNameTaken(db: Executor, name: string, except?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(
      and(
        sql`lower(${communities.name}) = lower(${name})`,
        except ? sql`${communities.id} <> ${except}` : undefined,
      ),
    );
  return Boolean(row);
}

export async function insertCommunity(
  db: Executor,
  fields: { id?: string; name: string; description: string },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(communities)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .returning({ id: communities.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export async function updateCommunity(
  db: Executor,
  id: string,
  fields: Partial<{ name: string; description: string }>,
  now: Date,
): Promise<void> {
  await db
    .update(communities)
    .set({ ...fields, updatedAt: now })
    .where(eq(communities.id, id));
}

export async function setCommunityOrganisations(
  db: Executor,
  id: string,
  organisationIds: readonly string[],
): Promise<void> {
  await db.delete(communityOrganisations).where(eq(communityOrganisations.communityId, id));
  if (organisationIds.length > 0)
    await db
      .insert(communityOrganisations)
      .values([...new Set(organisationIds)].map((organisationId) => ({ communityId: id, organisationId })));
}

export async function setCommunityModerators(
  db: Executor,
  id: string,
  userIds: readonly string[],
): Promise<void> {
  await db.delete(communityModerators).where(eq(communityModerators.communityId, id));
  if (userIds.length > 0)
    await db
      .insert(communityModerators)
      .values([...new Set(userIds)].map((userId) => ({ communityId: id, userId })));
}

export async function deleteCommunity(db: Executor, id: string): Promise<void> {
  await db.delete(communities).where(eq(communities.id, id));
}

/** Which of these ids name existing rows (to reject unknown ids with a clear error). */
export async function missingIds(
  db: Executor,
  table: "organisations" | "users",
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const source = table === "organisations" ? organisations : users;
  const rows = await db
    .select({ id: source.id })
    .from(source)
    .where(inArray(source.id, [...ids]));
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !found.has(id));
}
