import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { type AnalysisCache, runCascade, runCriticality } from "./analysis.service.ts";

/** The analysis routes over `cache`, which other capabilities (incidents) share. */
export function analysisRoutes(app: FastifyInstance, context: ServerContext, cache: AnalysisCache): void {
  route(app, context, "cascade", ({ caller, body }) => runCascade(context, cache, caller, body));
  route(app, context, "criticality", ({ caller, query }) =>
    runCriticality(context, cache, caller, query.top),
  );
}
