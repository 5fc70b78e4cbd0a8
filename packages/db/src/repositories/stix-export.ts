// What STIX exports need beyond the sharing and registry reads: the organisations that become
// identities (authors of items the caller may see, operators of assets the caller may read).
// Callers pass only ids taken from records the caller's scope already allowed.
import type { Sector } from "@bulwark/core";
import { asc, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { organisations } from "../schema.ts";
import { iso, sqlArray } from "../scope.ts";

export interface StixOrganisationRecord {
  id: string;
  name: string;
  sectors: Sector[];
  createdAt: string;
  updatedAt: string;
}

/**
 * Every organisation's id: the STIX intake checks that an object names as its creator, or is the
 * identity of, no Bulwark organisation but the writer's own (ADR 0015).
 */
export async function allOrganisationIds(db: Executor): Promise<string[]> {
  return (await db.select({ id: organisations.id }).from(organisations)).map((row) => row.id);
}

export async function organisationsForStix(
  db: Executor,
  ids: readonly string[],
): Promise<StixOrganisationRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      sectors: organisations.sectors,
      createdAt: organisations.createdAt,
      updatedAt: organisations.updatedAt,
    })
    .from(organisations)
    .where(sql`${organisations.id} = any(${sqlArray([...new Set(ids)], "uuid")})`)
    .orderBy(asc(organisations.name));
  // Stored sectors were validated on the way in.
  return rows.map((row) => ({
    ...row,
    sectors: row.sectors as Sector[],
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  }));
}
