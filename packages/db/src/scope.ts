// Turns a policy Scope (decided in @bulwark/core) into a SQL filter. The only place where the
// database learns who may read what; repositories take a Scope and never decide it.
import type { Scope } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";

/**
 * `byOrganisation` says what "tied to this organisation" means for the table being read, and
 * `byMarking` what "owned by it or marked for it" means; a table without markings shows nothing
 * to a marking scope (deny by default).
 */
export function scopeFilter(
  scope: Scope,
  byOrganisation: (organisationId: string) => SQL,
  byMarking?: (organisationId: string) => SQL,
): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "none":
      return sql`false`;
    case "organisation":
      return byOrganisation(scope.organisationId);
    case "marking":
      return byMarking ? byMarking(scope.organisationId) : sql`false`;
  }
}

export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);
/** Escape LIKE wildcards in user text. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * An array parameter for raw SQL, the same on every driver: sent as one JSON text and unpacked by
 * PostgreSQL (Drizzle would spread a JS array into a list of parameters).
 */
export const sqlArray = (values: readonly string[], type: "text" | "uuid" = "text"): SQL =>
  sql`(select coalesce(array_agg(value), '{}') from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) as value)::${sql.raw(type)}[]`;

/**
 * The TLP rule for a table of marked things aliased as `table`, owned through `ownerColumn`: the
 * owner's own, CLEAR ones, and GREEN ones of owners sharing a community with the reader. AMBER
 * and narrower stay with the owner (and with the readers whose scope is `all`). Written out as SQL
 * because it also runs in subqueries.
 */
export function markedFor(table: string, ownerColumn: string, organisationId: string): SQL {
  const owner = sql.raw(`"${table}".${ownerColumn}`);
  const marking = sql.raw(`"${table}".marking`);
  return sql`(${owner} = ${organisationId}
    or ${marking} = 'clear'
    or (${marking} = 'green' and exists (
      select 1 from community_organisations as mine
      join community_organisations as theirs on theirs.community_id = mine.community_id
      where mine.organisation_id = ${organisationId} and theirs.organisation_id = ${owner})))`;
}
