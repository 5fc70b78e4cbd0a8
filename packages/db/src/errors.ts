// Database errors without the data: Drizzle's query errors carry the SQL and every parameter
// value in their message, which must never reach a log or a console (values can be personal data).
import { DrizzleQueryError } from "drizzle-orm/errors";

export interface DatabaseFailure {
  /** PostgreSQL's SQLSTATE code, e.g. 23503 for a foreign key violation. */
  readonly code: string | null;
  /** The database's own message, without the query or its parameters. */
  readonly message: string;
}

function field(value: unknown, key: string): string | null {
  if (!value || typeof value !== "object" || !(key in value)) return null;
  const found: unknown = Reflect.get(value, key);
  return typeof found === "string" ? found : null;
}

/** The driver's error under Drizzle's wrapper (pg's and PGlite's carry the same fields), or the error itself. */
const driverError = (error: unknown): unknown => (error instanceof DrizzleQueryError ? error.cause : error);

/** What went wrong in the database, safe to log; null when the error did not come from it. */
export function databaseFailure(error: unknown): DatabaseFailure | null {
  if (!(error instanceof DrizzleQueryError)) return null;
  const cause: unknown = error.cause;
  const code =
    cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string"
      ? cause.code
      : null;
  const message = cause instanceof Error ? cause.message : "query failed";
  return { code, message };
}

/** snake_case column to the camelCase name the API uses for it. */
const apiName = (column: string): string =>
  column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/**
 * A unique violation (SQLSTATE 23505, PostgreSQL and PGlite alike): the API names of the columns
 * whose values are taken (e.g. ["organisationId", "ref"]; an expression such as lower(email)
 * names its column), never the values; null for any other error. Two requests creating the same
 * thing at once both pass the service's "exists already?" check, and the database refuses the
 * second: this turns that refusal into a conflict the caller can act on, whatever the route.
 */
export function uniqueViolation(error: unknown): string[] | null {
  const cause = driverError(error);
  if (field(cause, "code") !== "23505") return null;
  // "Key (organisation_id, ref)=(...) already exists." (only the part before "=" is read)
  const key = /^Key \((.+?)\)=\(/.exec(field(cause, "detail") ?? "")?.[1];
  const columns = (key ?? "")
    .split(",")
    .map((part) => /([a-z_][a-z0-9_]*)\)*\s*$/i.exec(part.trim())?.[1] ?? "")
    .filter((column) => column !== "");
  if (columns.length > 0) return columns.map(apiName);
  const constraint = field(cause, "constraint");
  return constraint ? [constraint] : [];
}
