import { appliedMigration } from "@bulwark/db";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { UserError } from "../errors.ts";

export function healthRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "health", async () => {
    const started = performance.now();
    try {
      await context.db.execute(sql`select 1`);
    } catch {
      throw new UserError(
        503,
        "Database unavailable",
        `The ${context.connection.kind} database does not answer.`,
      );
    }
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
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
