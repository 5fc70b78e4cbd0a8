// Routes of the investigation log (issue 18): thin handlers over evidence.service.ts.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import {
  addEvidence,
  custodyReport,
  evidenceItem,
  evidenceLog,
  shareEvidence,
  transferEvidence,
  verifyEvidence,
} from "./evidence.service.ts";
import { createReview, progressReviewAction, reviewOf } from "./review.service.ts";

export function evidenceRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listIncidentEvidence", ({ caller, params, query }) =>
    evidenceLog(context, caller, params.id, query),
  );
  route(app, context, "addIncidentEvidence", ({ caller, params, body }) =>
    addEvidence(context, caller, params.id, body),
  );
  route(app, context, "verifyIncidentEvidence", ({ caller, params, request }) =>
    verifyEvidence(context, caller, params.id, requestLanguage(request)),
  );
  route(app, context, "shareIncidentEvidence", ({ caller, params, body }) =>
    shareEvidence(context, caller, params.id, body),
  );
  route(
    app,
    context,
    "getIncidentEvidence",
    async ({ caller, params }) => (await evidenceItem(context, caller, params.id, params.evidenceId)).item,
  );
  route(app, context, "transferIncidentEvidence", ({ caller, params, body }) =>
    transferEvidence(context, caller, params.id, params.evidenceId, body),
  );
  route(app, context, "incidentEvidenceCustodyReport", ({ caller, params, request }) =>
    custodyReport(context, caller, params.id, params.evidenceId, requestLanguage(request)),
  );
  route(app, context, "getIncidentReview", ({ caller, params }) => reviewOf(context, caller, params.id));
  route(app, context, "createIncidentReview", ({ caller, params, body }) =>
    createReview(context, caller, params.id, body),
  );
  route(app, context, "progressIncidentReviewAction", ({ caller, params, body }) =>
    progressReviewAction(context, caller, params.id, params.actionId, body),
  );
}
