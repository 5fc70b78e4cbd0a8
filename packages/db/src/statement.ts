// Statements written once as SQL text with $1, $2… parameters, for the paths run on every request
// (a token's lookup, a publication): Drizzle builds nothing per call. Building a select of a few
// dozen columns with Drizzle cost the server's one thread about half a millisecond per call, more
// than sending it and reading its answer (issue 14, ADR 0060). The session runs the text as
// Drizzle's own db.execute() would: the same type parsers on both drivers (timestamps as text).
import type { Executor } from "./connect.ts";
import { rowsOf } from "./rows.ts";

/**
 * The rows `text` answers with these parameters, in `db` (the database or an open transaction).
 * On PostgreSQL the text is a named prepared statement of each connection: parsed and analysed by
 * the database once per connection rather than on every run, and sent by name (PGlite ignores the
 * name).
 */
export async function runStatement<T>(db: Executor, text: string, params: readonly unknown[]): Promise<T[]> {
  return rowsOf<T>(
    await db._.session
      .prepareQuery({ sql: text, params: [...params] }, undefined, statementName(text), false)
      .execute(),
  );
}

/** Names given to statement texts in this process, one per text (a connection refuses a name reused for another text). */
const names = new Map<string, string>();
/**
 * Texts beyond this many run unnamed: each name holds a prepared statement in every connection,
 * and the texts run here are a few dozen fixed ones (their variants included).
 */
const NAMED_MAX = 200;

function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= NAMED_MAX) return known;
  const name = `bulwark_${names.size + 1}`;
  names.set(text, name);
  return name;
}

/** A timestamp as a statement answers it (text on both drivers), as a Date. */
export const dateOf = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

/** Adds a value to a statement's parameters and answers its placeholder ($1, $2…). */
export type Param = (value: unknown) => string;

/**
 * A statement's text and parameters, as `write` writes it with `param` for each value: text put
 * together by plain string concatenation, then run by runStatement (no Drizzle SQL built).
 */
export function written(write: (param: Param) => string): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const text = write((value) => {
    params.push(value);
    return `$${params.length}`;
  });
  return { text, params };
}

/** The rows of the statement `write` writes (see written), in `db`. */
export function runWritten<T>(db: Executor, write: (param: Param) => string): Promise<T[]> {
  const { text, params } = written(write);
  return runStatement<T>(db, text, params);
}
