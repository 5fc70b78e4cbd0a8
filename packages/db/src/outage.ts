// When the database, not the request, is at fault: the errors that mean "try again later" (503
// with Retry-After), sorted by what an operator must look at. node-postgres gives connection
// failures no SQLSTATE, only a socket error code or a message, so those are matched too.
import { DrizzleQueryError } from "drizzle-orm/errors";

/** What is failing: the database cannot be reached, answers too slowly, or cannot write (disk). */
export type DatabaseOutage = "unreachable" | "slow" | "disk-full";

/** A query abandoned because the database stopped answering (see pool.ts's watchdog). */
export class DatabaseUnresponsive extends Error {
  override name = "DatabaseUnresponsive";
  readonly code = "BULWARK_DB_UNRESPONSIVE";
}

const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "BULWARK_DB_UNRESPONSIVE",
]);

/** node-postgres's own connection failures (no code), and PGlite's after close. */
const UNREACHABLE_MESSAGES = [
  "Connection terminated",
  "timeout expired",
  "Client has encountered a connection error",
  "Client was closed and is not queryable",
  "PGlite is closed",
];

function ofCode(code: string): DatabaseOutage | null {
  if (SOCKET_CODES.has(code)) return "unreachable";
  // connection_exception (08xxx); admin_shutdown, crash_shutdown, cannot_connect_now (57P0x).
  if (code.startsWith("08") || /^57P0[1-3]$/.test(code)) return "unreachable";
  if (code === "53100") return "disk-full";
  // too_many_connections, out_of_memory, and query_canceled: a statement_timeout (or an operator
  // cancelling a stuck query). None is the caller's fault; all may pass.
  if (code === "53300" || code === "53200" || code === "57014") return "slow";
  return null;
}

function ofOne(error: unknown): DatabaseOutage | null {
  // Drizzle's wrapper has no code, and its message holds the query's parameters (words a user
  // wrote): only its cause speaks.
  if (!(error instanceof Error) || error instanceof DrizzleQueryError) return null;
  const code = "code" in error && typeof error.code === "string" ? error.code : null;
  if (code) return ofCode(code);
  // The pool waited connectTimeout for a free connection: every connection is busy.
  if (error.message.includes("timeout exceeded when trying to connect")) return "slow";
  if (UNREACHABLE_MESSAGES.some((text) => error.message.includes(text))) return "unreachable";
  return null;
}

/**
 * The outage an error reveals, or null when it is an ordinary error. Looks through wrappers
 * (Drizzle's DrizzleQueryError keeps the driver's error as `cause`; Node's AggregateError holds
 * one error per address tried).
 */
export function databaseOutage(error: unknown): DatabaseOutage | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const found = ofOne(current);
    if (found) return found;
    if (current instanceof AggregateError)
      for (const inner of current.errors) {
        const innerFound = ofOne(inner);
        if (innerFound) return innerFound;
      }
    current = current.cause;
  }
  return null;
}
