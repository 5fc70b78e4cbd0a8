// Statements written once as SQL text with $1, $2… parameters, for the paths run on every request
// (a token's lookup, a publication): Drizzle builds nothing per call. Building a select of a few
// dozen columns with Drizzle cost the server's one thread about half a millisecond per call, more
// than sending it and reading its answer (issue 14, ADR 0060). The session runs the text as
// Drizzle's own db.execute() would: the same type parsers on both drivers (timestamps as text).
import type { Executor } from "./connect.ts";
import { rowsOf } from "./rows.ts";

/** The rows `text` answers with these parameters, in `db` (the database or an open transaction). */
export async function runStatement<T>(db: Executor, text: string, params: readonly unknown[]): Promise<T[]> {
  return rowsOf<T>(
    await db._.session
      .prepareQuery({ sql: text, params: [...params] }, undefined, undefined, false)
      .execute(),
  );
}

/** A timestamp as a statement answers it (text on both drivers), as a Date. */
export const dateOf = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));
