// The self-assessment's routes: frameworks, runs, answers, comments, submission, results and the
// anonymised aggregation. Handlers stay a line: the services validate, authorise and audit.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { frameworks, frameworkVersion } from "./frameworks.service.ts";
import { runReport } from "./report.service.ts";
import { aggregation, runResults } from "./results.service.ts";
import { addComment, archive, runDetail, runs, startRun, submit, updateAnswer } from "./runs.service.ts";

export function selfAssessmentRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listFrameworks", () => frameworks(context));
  route(app, context, "getFramework", ({ params }) => frameworkVersion(context, params.id, params.version));
  route(app, context, "listRuns", ({ caller }) => runs(context, caller));
  route(app, context, "createRun", ({ caller, body }) => startRun(context, caller, body));
  route(app, context, "getRun", ({ caller, params }) => runDetail(context, caller, params.id));
  route(app, context, "updateAnswer", ({ caller, params, body }) =>
    updateAnswer(context, caller, params.id, params.questionId, body),
  );
  route(app, context, "addRunComment", ({ caller, params, body }) =>
    addComment(context, caller, params.id, params.questionId, body),
  );
  route(app, context, "submitRun", ({ caller, params, body }) =>
    submit(context, caller, params.id, body.consent),
  );
  route(app, context, "archiveRun", ({ caller, params, body }) =>
    archive(context, caller, params.id, body.archived),
  );
  route(app, context, "getRunResults", ({ caller, params }) => runResults(context, caller, params.id));
  route(app, context, "getRunReport", ({ caller, params, request }) =>
    runReport(context, caller, params.id, requestLanguage(request)),
  );
  route(app, context, "getAggregation", ({ caller, query }) => aggregation(context, caller, query));
}
