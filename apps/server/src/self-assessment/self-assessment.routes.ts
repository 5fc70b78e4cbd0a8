// The self-assessment's routes: frameworks, runs, answers, comments, submission, results and the
// anonymised aggregation. Handlers stay a line: the services validate, authorise and audit.
import type { FastifyInstance } from "fastify";
import { readerLanguage } from "../content/translations.ts";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { frameworks, frameworkVersion } from "./frameworks.service.ts";
import { runReport } from "./report.service.ts";
import { aggregation, runResults } from "./results.service.ts";
import { addComment, archive, runDetail, runs, startRun, submit, updateAnswer } from "./runs.service.ts";

export function selfAssessmentRoutes(app: FastifyInstance, context: ServerContext): void {
  // Framework texts come in the reader's language (Bulwark's translations, content/frameworks/i18n).
  route(app, context, "listFrameworks", ({ request, reply }) =>
    frameworks(context, readerLanguage({ request, reply })),
  );
  route(app, context, "getFramework", ({ params, request, reply }) =>
    frameworkVersion(context, params.id, params.version, readerLanguage({ request, reply })),
  );
  route(app, context, "listRuns", ({ caller, request, reply }) =>
    runs(context, caller, readerLanguage({ request, reply })),
  );
  route(app, context, "createRun", ({ caller, body, request, reply }) =>
    startRun(context, caller, body, readerLanguage({ request, reply })),
  );
  route(app, context, "getRun", ({ caller, params, request, reply }) =>
    runDetail(context, caller, params.id, readerLanguage({ request, reply })),
  );
  route(app, context, "updateAnswer", ({ caller, params, body }) =>
    updateAnswer(context, caller, params.id, params.questionId, body),
  );
  route(app, context, "addRunComment", ({ caller, params, body }) =>
    addComment(context, caller, params.id, params.questionId, body),
  );
  route(app, context, "submitRun", ({ caller, params, body, request, reply }) =>
    submit(context, caller, params.id, body.consent, readerLanguage({ request, reply })),
  );
  route(app, context, "archiveRun", ({ caller, params, body, request, reply }) =>
    archive(context, caller, params.id, body.archived, readerLanguage({ request, reply })),
  );
  route(app, context, "getRunResults", ({ caller, params, request, reply }) =>
    runResults(context, caller, params.id, readerLanguage({ request, reply })),
  );
  route(app, context, "getRunReport", ({ caller, params, request }) =>
    runReport(context, caller, params.id, requestLanguage(request)),
  );
  route(app, context, "getAggregation", ({ caller, query, request, reply }) =>
    aggregation(context, caller, query, readerLanguage({ request, reply })),
  );
}
