// In-process caches of anything derived from a read scope drop at once when any server process
// changes what scopes are made of: the policy triggers notify POLICY_CHANNEL at commit (ADR 0019).
// The notification frees memory and ends caches that cannot ask the database (the recent-callers
// cache answers while the database is busy); caches that can also compare the policy version
// before each use, so a lost notification never serves a stale scope.
import { POLICY_CHANNEL, SESSIONS_CHANNEL } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";

/** Calls `drop` on every policy change (and when notifications may have been lost) while `app` runs. */
export function dropOnPolicyChange(app: FastifyInstance, context: ServerContext, drop: () => void): void {
  const unsubscribe = context.connection.changes.subscribe(POLICY_CHANNEL, { notify: drop, missed: drop });
  app.addHook("onClose", async () => unsubscribe());
}

/** Calls `drop` whenever sessions end in any process (and when notifications may have been lost). */
export function dropOnSessionsEnded(app: FastifyInstance, context: ServerContext, drop: () => void): void {
  const unsubscribe = context.connection.changes.subscribe(SESSIONS_CHANNEL, { notify: drop, missed: drop });
  app.addHook("onClose", async () => unsubscribe());
}
