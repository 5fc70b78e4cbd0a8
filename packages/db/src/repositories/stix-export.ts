// What STIX exports need beyond the sharing and registry reads: the organisations that become
// identities (authors of items the caller may see, operators of assets the caller may read).
// Callers pass only ids taken from records the caller's scope already allowed.
import type { Sector } from "@bulwark/core";
import { asc, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
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

/**
 * organisationsForStix, and in the same statement the locks of these collections that
 * putStixObjects takes (pg_advisory_xact_lock(hashtext(collection id)), held until commit), in
 * this order: a mirror that puts into them next takes no lock of its own (`locked`), and holds
 * them one round trip less. The organisations' rows do not depend on the locks.
 */
export async function organisationsForStixLocking(
  db: Executor,
  ids: readonly string[],
  collectionIds: readonly string[],
): Promise<StixOrganisationRecord[]> {
  // The locks' subquery is the preserved side of the join: it runs whether or not an organisation
  // is found.
  const rows = rowsOf<{
    id: string | null;
    name: string;
    sectors: string[];
    created_at: string | Date;
    updated_at: string | Date;
  }>(
    await db.execute(sql`select o.id, o.name, o.sectors, o.created_at, o.updated_at
      from (select count(pg_advisory_xact_lock(hashtext(c.value))) as locks
          from jsonb_array_elements_text(${JSON.stringify(collectionIds)}::jsonb) with ordinality as c(value, k)) as l
        left join organisations as o on o.id = any(${sqlArray([...new Set(ids)], "uuid")})
      order by o.name`),
  );
  return rows.flatMap((row) =>
    row.id === null
      ? []
      : [
          {
            id: row.id,
            name: row.name,
            // Stored sectors were validated on the way in.
            sectors: row.sectors as Sector[],
            createdAt: new Date(row.created_at).toISOString(),
            updatedAt: new Date(row.updated_at).toISOString(),
          },
        ],
  );
}
