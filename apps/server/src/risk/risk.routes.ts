// Risk assessment routes: handlers validate (the endpoint table's schemas), call a service, return.
import type { FastifyInstance } from "fastify";
import { AnalysisCache } from "../analysis/analysis.service.ts";
import { readerLanguage } from "../content/translations.ts";
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
  // The shipped scenarios and default methodology come in the reader's language (content/*/i18n).
  route(app, context, "listRiskScenarios", ({ caller, request, reply }) =>
    scenarioCatalogue(context, caller, readerLanguage({ request, reply })),
  );
  route(app, context, "getRiskScenario", ({ params, request, reply }) =>
    scenarioDetail(context, params.slug, readerLanguage({ request, reply })),
  );
  route(app, context, "createRiskScenario", ({ caller, body }) => addScenario(context, caller, body));
  route(app, context, "getRiskMethodology", ({ caller, request, reply }) =>
    methodologyView(context, caller, readerLanguage({ request, reply })),
  );
  route(app, context, "setRiskMethodology", ({ caller, body, request, reply }) =>
    setMethodology(context, caller, body, readerLanguage({ request, reply })),
  );
  route(app, context, "proposeRiskConsequence", async ({ caller, body }) => {
    const { methodology } = await methodologyOf(context, caller.organisationId);
    return proposeFromCascade(context, cache, caller, body.assetIds, methodology);
  });
  route(app, context, "createRiskAssessment", ({ caller, body, request, reply }) =>
    createAssessment(context, cache, caller, body, readerLanguage({ request, reply })),
  );
  route(app, context, "getRiskAssessment", ({ caller, params, request, reply }) =>
    assessmentDetail(context, caller, params.id, readerLanguage({ request, reply })),
  );
  route(app, context, "updateRiskAssessment", ({ caller, params, body, request, reply }) =>
    reviseRiskAssessment(context, cache, caller, params.id, body, readerLanguage({ request, reply })),
  );
  route(app, context, "getRiskAssessmentReport", ({ caller, params, request }) =>
    assessmentReport(context, caller, params.id, requestLanguage(request)),
  );
  route(app, context, "listRiskAssessmentVersions", ({ caller, params }) =>
    assessmentVersions(context, caller, params.id),
  );
  route(app, context, "riskRegister", ({ caller, query, request, reply }) =>
    riskRegister(context, caller, query, readerLanguage({ request, reply })),
  );
  route(app, context, "exportRiskRegister", ({ caller, query }) => exportRegister(context, caller, query));
  route(app, context, "exportRiskRegisterPdf", ({ caller, query, request }) =>
    registerReport(context, caller, query, requestLanguage(request)),
  );
}
