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
