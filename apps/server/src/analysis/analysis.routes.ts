import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { dropOnPolicyChange } from "../system/policy-changes.ts";
import { AnalysisCache, runCascade, runCriticality } from "./analysis.service.ts";

export function analysisRoutes(app: FastifyInstance, context: ServerContext): void {
  const cache = new AnalysisCache();
  dropOnPolicyChange(app, context, () => cache.drop());
  route(app, context, "cascade", ({ caller, body }) => runCascade(context, cache, caller, body));
  route(app, context, "criticality", ({ caller, query }) =>
    runCriticality(context, cache, caller, query.top),
  );
}
