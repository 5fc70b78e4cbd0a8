import { auditPolicy } from "@bulwark/core";
import { listAudit, recordAudit, verifyAuditChain } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { forbidden } from "../errors.ts";

export function auditRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listAudit", async ({ caller, query }) => {
    const decision = auditPolicy.read(caller);
    if (!decision.allowed) throw forbidden(decision.reason);
    // Reading the trail is itself recorded: oversight of the overseers.
    const { limit, before, ...filter } = query;
    await recordAudit(
      context.db,
      {
        actorId: caller.userId,
        action: "audit.read",
        targetType: "audit-log",
        details: { filter, before: before ?? null },
      },
      context.clock(),
    );
    return listAudit(context.db, auditPolicy.readScope(caller), query);
  });
  route(app, context, "verifyAudit", async ({ caller }) => {
    const decision = auditPolicy.read(caller);
    if (!decision.allowed) throw forbidden(decision.reason);
    const report = await verifyAuditChain(context.db);
    await recordAudit(
      context.db,
      {
        actorId: caller.userId,
        action: "audit.verify",
        targetType: "audit-log",
        details: { ok: report.ok, checked: report.checked, firstBrokenSeq: report.firstBroken?.seq ?? null },
      },
      context.clock(),
    );
    return report;
  });
}
