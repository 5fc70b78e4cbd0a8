import { appliedMigration, databaseOutage } from "@bulwark/db";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { databaseUnavailable, diskRecentlyFull } from "./database-outage.ts";

/**
 * 200 when the database answers; otherwise 503 problem+json whose type names the failing part:
 * urn:bulwark:problem:database-unreachable, -slow, or -disk-full (a write failed for want of space
 * in the last minutes; see database-outage.ts).
 */
export function healthRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "health", async () => {
    const started = performance.now();
    try {
      await context.db.execute(sql`select 1`);
    } catch (error) {
      throw databaseUnavailable(databaseOutage(error) ?? "unreachable");
    }
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    if (diskRecentlyFull(context)) throw databaseUnavailable("disk-full");
    return {
      status: "ok" as const,
      version: context.version,
      database: {
        kind: context.connection.kind,
        ok: true,
        latencyMs,
        migration: await appliedMigration(context.db),
      },
    };
  });
}
