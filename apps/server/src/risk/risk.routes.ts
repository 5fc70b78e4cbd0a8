// Risk assessment routes: handlers validate (the endpoint table's schemas), call a service, return.
import type { FastifyInstance } from "fastify";
import { AnalysisCache } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { dropOnPolicyChange } from "../system/policy-changes.ts";
import {
  assessmentDetail,
  assessmentVersions,
  createAssessment,
  methodologyOf,
  proposeFromCascade,
  reviseRiskAssessment,
} from "./assessments.service.ts";
import { exportRegister, riskRegister } from "./register.service.ts";
import { assessmentReport, registerReport } from "./report.service.ts";
import {
  addScenario,
  methodologyView,
  scenarioCatalogue,
  scenarioDetail,
  setMethodology,
} from "./scenarios.service.ts";

export function riskRoutes(app: FastifyInstance, context: ServerContext): void {
  // The engine's graph per reader's scope, kept until the registry or a policy input changes (as
  // analysis does).
  const cache = new AnalysisCache();
  dropOnPolicyChange(app, context, () => cache.drop());
  route(app, context, "listRiskScenarios", ({ caller }) => scenarioCatalogue(context, caller));
  route(app, context, "getRiskScenario", ({ params }) => scenarioDetail(context, params.slug));
  route(app, context, "createRiskScenario", ({ caller, body }) => addScenario(context, caller, body));
  route(app, context, "getRiskMethodology", ({ caller }) => methodologyView(context, caller));
  route(app, context, "setRiskMethodology", ({ caller, body }) => setMethodology(context, caller, body));
  route(app, context, "proposeRiskConsequence", async ({ caller, body }) => {
    const { methodology } = await methodologyOf(context, caller.organisationId);
    return proposeFromCascade(context, cache, caller, body.assetIds, methodology);
  });
  route(app, context, "createRiskAssessment", ({ caller, body }) =>
    createAssessment(context, cache, caller, body),
  );
  route(app, context, "getRiskAssessment", ({ caller, params }) =>
    assessmentDetail(context, caller, params.id),
  );
  route(app, context, "updateRiskAssessment", ({ caller, params, body }) =>
    reviseRiskAssessment(context, cache, caller, params.id, body),
  );
  route(app, context, "getRiskAssessmentReport", ({ caller, params, request }) =>
    assessmentReport(context, caller, params.id, requestLanguage(request)),
  );
  route(app, context, "listRiskAssessmentVersions", ({ caller, params }) =>
    assessmentVersions(context, caller, params.id),
  );
  route(app, context, "riskRegister", ({ caller, query }) => riskRegister(context, caller, query));
  route(app, context, "exportRiskRegister", ({ caller, query }) => exportRegister(context, caller, query));
  route(app, context, "exportRiskRegisterPdf", ({ caller, query, request }) =>
    registerReport(context, caller, query, requestLanguage(request)),
  );
}
