// Routes of the incidents capability: thin handlers over the services.
import type { FastifyInstance } from "fastify";
import type { AnalysisCache } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { liveRoute } from "../live/hub.ts";
import { incidentReportPdf } from "./closing-report.pdf.ts";
import { incidentsTopic } from "./incidents.live.ts";
import {
  advanceIncident,
  changeSeverity,
  fileIncident,
  fileReport,
  incidentDetail,
  incidentList,
  mergeIncident,
  recordAssetStatus,
} from "./incidents.service.ts";
import { incidentProjection, incidentRecovery } from "./projection.service.ts";
import { incidentStix } from "./stix.service.ts";

export function incidentRoutes(app: FastifyInstance, context: ServerContext, analysis: AnalysisCache): void {
  liveRoute(app, context, "streamIncidentEvents", incidentsTopic);
  route(app, context, "listIncidents", ({ caller, query }) => incidentList(context, caller, query));
  route(app, context, "createIncident", ({ caller, body }) => fileIncident(context, caller, body));
  route(app, context, "getIncident", ({ caller, params }) => incidentDetail(context, caller, params.id));
  route(app, context, "changeIncidentState", ({ caller, params, body }) =>
    advanceIncident(context, caller, params.id, body.state),
  );
  route(app, context, "setIncidentSeverity", ({ caller, params, body }) =>
    changeSeverity(context, caller, params.id, body.severity),
  );
  route(app, context, "recordIncidentAssetStatus", ({ caller, params, body }) =>
    recordAssetStatus(context, caller, params.id, body),
  );
  route(app, context, "mergeIncident", ({ caller, params, body }) =>
    mergeIncident(context, caller, params.id, body.incidentId),
  );
  route(app, context, "fileIncidentReport", ({ caller, params, body }) =>
    fileReport(context, caller, params.id, body),
  );
  route(app, context, "incidentProjection", ({ caller, params, query }) =>
    incidentProjection(context, analysis, caller, params.id, query.hours),
  );
  route(app, context, "incidentRecovery", ({ caller, params }) =>
    incidentRecovery(context, analysis, caller, params.id),
  );
  route(app, context, "exportIncidentStix", ({ caller, params }) => incidentStix(context, caller, params.id));
  // The closing (or interim) report, in the reader's language: Accept-Language, else the account's.
  route(app, context, "exportIncidentReport", ({ caller, params, request }) =>
    incidentReportPdf(context, analysis, caller, params.id, requestLanguage(request)),
  );
}
