// Routes of incidents' situation reports (issue 18): thin handlers over the service.
import type { FastifyInstance } from "fastify";
import type { AnalysisCache } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { setSitrepSchedule } from "./sitrep-schedule.service.ts";
import { sitrepPdf } from "./sitreps.pdf.ts";
import {
  approveSitrep,
  draftSitrep,
  editSitrep,
  sendSitrep,
  sitrepDetail,
  sitrepList,
} from "./sitreps.service.ts";

export function sitrepRoutes(app: FastifyInstance, context: ServerContext, analysis: AnalysisCache): void {
  route(app, context, "listSitreps", ({ caller, params }) => sitrepList(context, caller, params.id));
  route(app, context, "createSitrep", ({ caller, params, body }) =>
    draftSitrep(context, analysis, caller, params.id, body),
  );
  route(app, context, "setSitrepSchedule", ({ caller, params, body }) =>
    setSitrepSchedule(context, caller, params.id, body),
  );
  route(app, context, "getSitrep", ({ caller, params }) =>
    sitrepDetail(context, analysis, caller, params.id, params.n),
  );
  route(app, context, "updateSitrep", ({ caller, params, body }) =>
    editSitrep(context, analysis, caller, params.id, params.n, body),
  );
  route(app, context, "approveSitrep", ({ caller, params }) =>
    approveSitrep(context, analysis, caller, params.id, params.n),
  );
  route(app, context, "sendSitrep", ({ caller, params }) =>
    sendSitrep(context, analysis, caller, params.id, params.n),
  );
  // In the reader's language: Accept-Language, else the account's (issue 15).
  route(app, context, "exportSitrepPdf", ({ caller, params, request }) =>
    sitrepPdf(context, analysis, caller, params.id, params.n, requestLanguage(request)),
  );
}
