// Assembles the HTTP server from its capabilities. Each capability registers its own routes from
// the contracts' endpoint table; this file only wires them together.
import cookie from "@fastify/cookie";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { analysisRoutes } from "./analysis/analysis.routes.ts";
import { AnalysisCache } from "./analysis/analysis.service.ts";
import { assistanceRoutes } from "./assistance/assistance.routes.ts";
import { auditRoutes } from "./audit/audit.routes.ts";
import { authRoutes } from "./auth/auth.routes.ts";
import { forgetRecentCallers } from "./auth/principal.ts";
import { capRoutes } from "./cap/cap.routes.ts";
import { communityRoutes } from "./communities/communities.routes.ts";
import { compendiumRoutes } from "./compendium/compendium.routes.ts";
import type { ServerContext } from "./context.ts";
import { demoRoutes } from "./demo/demo.routes.ts";
import { registerErrorHandler } from "./errors.ts";
import { eventRoutes } from "./events/events.routes.ts";
import { exerciseRoutes } from "./exercises/exercises.routes.ts";
import { expertsRoutes } from "./experts/experts.routes.ts";
import { federationRoutes } from "./federation/federation.routes.ts";
import { homeRoutes } from "./home/home.routes.ts";
import { implementationRoutes } from "./implementation/implementation.routes.ts";
import { incidentBoardRoutes } from "./incidents/board.routes.ts";
import { evidenceRoutes } from "./incidents/evidence.routes.ts";
import { incidentRoutes } from "./incidents/incidents.routes.ts";
import { incidentLinkRoutes } from "./incidents/links.routes.ts";
import { regimeRoutes } from "./incidents/regimes.routes.ts";
import { sitrepRoutes } from "./incidents/sitreps.routes.ts";
import { refuseUnstorableInput } from "./input-guard.ts";
import { notificationRoutes } from "./notifications/notifications.routes.ts";
import { organisationRoutes } from "./organisations/organisations.routes.ts";
import { registryRoutes } from "./registry/registry.routes.ts";
import { resourceRequestRoutes } from "./resource-requests/resource-requests.routes.ts";
import { riskRoutes } from "./risk/risk.routes.ts";
import { searchRoutes } from "./search/search.routes.ts";
import { selfAssessmentRoutes } from "./self-assessment/self-assessment.routes.ts";
import { sharingRoutes } from "./sharing/sharing.routes.ts";
import { stixRoutes } from "./stix/stix.routes.ts";
import { registerCompression } from "./system/compression.ts";
import { healthRoutes } from "./system/health.routes.ts";
import { registerOpenApi } from "./system/openapi.ts";
import { dropOnPolicyChange, dropOnSessionsEnded } from "./system/policy-changes.ts";
import { startSchedules, type Timers } from "./system/schedule.ts";
import { registerSecurityHeaders } from "./system/security-headers.ts";
import { registerWeb } from "./system/web.ts";
import { taxiiRoutes } from "./taxii/taxii.routes.ts";
import { taxiiClientRoutes } from "./taxii-client/taxii-client.routes.ts";
import { userRoutes } from "./users/users.routes.ts";

export interface AppOptions {
  /** pino log level, or false for no logs (tests). */
  readonly logLevel?: string | false;
  /** Serve the built web app (default true). */
  readonly web?: boolean;
  /** Run the server's schedules (the personal-data purge) with these timers; none when absent. */
  readonly timers?: Timers;
}

export async function buildApp(context: ServerContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const level = options.logLevel ?? context.config.logLevel;
  const app = Fastify({
    // Request logs carry method, path and status with a request id; never bodies, cookies, tokens
    // or query strings (a search's words or an attachment's filename may name a person).
    logger:
      level === false
        ? false
        : {
            level,
            redact: ["req.headers.authorization", "req.headers.cookie"],
            serializers: {
              req: (request: { method: string; url: string; ip?: string }) => ({
                method: request.method,
                url: request.url.split("?")[0],
                remoteAddress: request.ip,
              }),
            },
          },
    // Forwarded headers count only from the proxies the configuration names (none by default):
    // request.ip, protocol and host are then the connection's own, whatever a client writes.
    trustProxy: context.config.trustedProxies.length > 0 ? [...context.config.trustedProxies] : false,
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerSecurityHeaders(app, context.config);
  registerCompression(app);
  registerErrorHandler(app, context);
  refuseUnstorableInput(app);
  await app.register(cookie);
  await registerOpenApi(app, context.version);
  healthRoutes(app, context);
  authRoutes(app, context);
  organisationRoutes(app, context);
  userRoutes(app, context);
  communityRoutes(app, context);
  auditRoutes(app, context);
  registryRoutes(app, context);
  // One graph cache for every analysis over the registry (the cascade, incidents' projections).
  const analysis = new AnalysisCache();
  dropOnPolicyChange(app, context, () => analysis.drop());
  analysisRoutes(app, context, analysis);
  compendiumRoutes(app, context);
  expertsRoutes(app, context);
  notificationRoutes(app, context);
  eventRoutes(app, context);
  riskRoutes(app, context);
  selfAssessmentRoutes(app, context);
  searchRoutes(app, context);
  sharingRoutes(app, context);
  incidentRoutes(app, context, analysis);
  incidentBoardRoutes(app, context);
  evidenceRoutes(app, context);
  incidentLinkRoutes(app, context);
  exerciseRoutes(app, context, analysis);
  assistanceRoutes(app, context);
  federationRoutes(app, context);
  implementationRoutes(app, context);
  sitrepRoutes(app, context, analysis);
  resourceRequestRoutes(app, context);
  capRoutes(app, context);
  stixRoutes(app, context);
  await taxiiRoutes(app, context);
  taxiiClientRoutes(app, context);
  demoRoutes(app, context);
  homeRoutes(app, context);
  regimeRoutes(app, context);
  if (options.web !== false) await registerWeb(app);
  // Callers remembered for `recentAuth` endpoints carry roles and kind: a policy change ends them,
  // and so does a session ended in any process.
  dropOnPolicyChange(app, context, () => forgetRecentCallers(context));
  dropOnSessionsEnded(app, context, () => forgetRecentCallers(context));
  // Caches must hear changes from the first request on.
  await context.connection.changes.listening();
  if (options.timers) {
    const schedules = startSchedules(context, options.timers, app.log);
    app.addHook("onClose", () => schedules.stop());
  }
  return app;
}
