import type { OrganisationKind, Scope, Sector } from "@bulwark/core";
import { and, asc, eq, getTableColumns, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { organisations } from "../schema.ts";
import { iso, likePattern, scopeFilter } from "../scope.ts";

export interface OrganisationRecord {
  id: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  country: string;
  sectors: Sector[];
  website: string | null;
  verified: boolean;
  userCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrganisationFields {
  /** Given only when ids must be stable (the demo country); otherwise generated. */
  id?: string;
  name: string;
  shortName?: string | null;
  kind: OrganisationKind;
  country: string;
  sectors: Sector[];
  website?: string | null;
  verified?: boolean;
}

export interface OrganisationListQuery {
  limit: number;
  offset: number;
  q?: string;
  kind?: OrganisationKind;
  sector?: Sector;
}

// Written out in full: inside a subquery, Drizzle's unqualified column names would be ambiguous.
const userCount = sql<number>`(select count(*)::int from users as member where member.organisation_id = "organisations"."id")`;
const columns = { ...getTableColumns(organisations), userCount };

type Row = typeof organisations.$inferSelect & { userCount: number };
// Stored values are validated on the way in, so the vocabularies hold for what comes out.
const present = (row: Row): OrganisationRecord => ({
  id: row.id,
  name: row.name,
  shortName: row.shortName,
  kind: row.kind as OrganisationKind,
  country: row.country,
  sectors: row.sectors as Sector[],
  website: row.website,
  verified: row.verified,
  userCount: Number(row.userCount),
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

const visible = (scope: Scope) =>
  scopeFilter(scope, (organisationId) => eq(organisations.id, organisationId));

export async function listOrganisations(
  db: Executor,
  scope: Scope,
  query: OrganisationListQuery,
): Promise<{ items: OrganisationRecord[]; total: number }> {
  const filters: (SQL | undefined)[] = [visible(scope)];
  if (query.q) {
    const pattern = likePattern(query.q);
    filters.push(or(ilike(organisations.name, pattern), ilike(organisations.shortName, pattern)));
  }
  if (query.kind) filters.push(eq(organisations.kind, query.kind));
  if (query.sector) filters.push(sql`${query.sector} = any(${organisations.sectors})`);
  const where = and(...filters);
  const [rows, [count]] = await Promise.all([
    db
      .select(columns)
      .from(organisations)
      .where(where)
      .orderBy(asc(organisations.name))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(organisations).where(where),
  ]);
  return { items: rows.map(present), total: Number(count?.total ?? 0) };
}

export async function getOrganisation(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<OrganisationRecord | null> {
  const [row] = await db
    .select(columns)
    .from(organisations)
    .where(and(eq(organisations.id, id), visible(scope)));
  return row ? present(row) : null;
}

export async function findOrganisationByName(db: Executor, name: string): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`lower(${organisations.name}) = lower(${name})`);
  return row ?? null;
}

export async function insertOrganisation(
  db: Executor,
  fields: OrganisationFields,
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(organisations)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .returning({ id: organisations.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export async function updateOrganisation(
  db: Executor,
  id: string,
  fields: Partial<OrganisationFields>,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(organisations)
    .set({ ...fields, updatedAt: now })
    .where(eq(organisations.id, id))
    .returning({ id: organisations.id });
  return rows.length > 0;
}

export async function deleteOrganisation(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .delete(organisations)
    .where(eq(organisations.id, id))
    .returning({ id: organisations.id });
  return rows.length > 0;
}

/** Every organisation's id, name and short name (to resolve names given in files). */
export async function organisationNames(
  db: Executor,
): Promise<{ id: string; name: string; shortName: string | null }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName })
    .from(organisations);
}
