// Database errors without the data: Drizzle's query errors carry the SQL and every parameter
// value in their message, which must never reach a log or a console (values can be personal data).
import { DrizzleQueryError } from "drizzle-orm/errors";

export interface DatabaseFailure {
  /** PostgreSQL's SQLSTATE code, e.g. 23503 for a foreign key violation. */
  readonly code: string | null;
  /** The database's own message, without the query or its parameters. */
  readonly message: string;
}

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
