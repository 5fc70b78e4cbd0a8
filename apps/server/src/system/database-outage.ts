// A database outage answers 503 with Retry-After on every route, naming what fails (unreachable,
// slow, disk full) in the problem's type, so that a load balancer, a client and an operator each
// know to wait rather than to fix their request.
//
// A full disk is remembered for a while after a write failed with it, and /api/health reports it.
// Health does not write to find out: PostgreSQL takes a small write into WAL space it has already
// allocated and into memory, so a probe row would succeed while real imports and uploads fail;
// the failures users actually met are the honest signal.
import type { Connection, DatabaseOutage } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { UserError } from "../errors.ts";

/** Seconds a client should wait before trying again. */
const RETRY_AFTER: Record<DatabaseOutage, number> = { unreachable: 5, slow: 5, "disk-full": 60 };

const DETAIL: Record<DatabaseOutage, string> = {
  unreachable: "The database cannot be reached. Try again shortly.",
  slow: "The database is too busy to answer in time. Try again shortly.",
  "disk-full": "The database's disk is full: nothing can be saved until space is freed.",
};

/** How long health reports a full disk after a write last failed with it. */
export const DISK_FULL_REMEMBERED_MS = 5 * 60_000;

export function databaseUnavailable(outage: DatabaseOutage): UserError {
  return new UserError(503, "Service unavailable", DETAIL[outage], `urn:bulwark:problem:database-${outage}`, {
    "retry-after": String(RETRY_AFTER[outage]),
  });
}

const diskFullAt = new WeakMap<Connection, number>();

export function rememberOutage(context: ServerContext, outage: DatabaseOutage): void {
  if (outage === "disk-full") diskFullAt.set(context.connection, context.clock().getTime());
}

/** Whether a write failed for want of disk space in the last few minutes. */
export function diskRecentlyFull(context: ServerContext): boolean {
  const at = diskFullAt.get(context.connection);
  return at !== undefined && context.clock().getTime() - at < DISK_FULL_REMEMBERED_MS;
}
