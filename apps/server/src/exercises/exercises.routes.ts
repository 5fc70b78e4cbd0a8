// Routes of the exercises capability: thin handlers over the services.
import type { FastifyInstance } from "fastify";
import type { AnalysisCache } from "../analysis/analysis.service.ts";
import { readerLanguage } from "../content/translations.ts";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { publicOrigin } from "../system/public-origin.ts";
import { aarReport } from "./aar.service.ts";
import {
  addCorrectiveAction,
  correctiveActionList,
  observationList,
  recordObservation,
  scenarioTruth,
} from "./evaluation.service.ts";
import { respondWithIncident } from "./exercise-incidents.service.ts";
import { exerciseLiveRoute } from "./exercises.live.ts";
import {
  addInject,
  changeClock,
  exerciseDetail,
  exerciseList,
  injectCap,
  injectList,
  planExercise,
} from "./exercises.service.ts";
import { removeInject, rewriteInject } from "./msel.service.ts";
import { exercisePackageFile, importPackageAs } from "./package.service.ts";
import { changeParticipants } from "./participants.service.ts";
import { changeProgramme, makeProgramme, programmeList, removeProgramme } from "./programme.service.ts";
import { tabletopPack } from "./tabletop-pack.service.ts";

export function exerciseRoutes(app: FastifyInstance, context: ServerContext, analysis: AnalysisCache): void {
  exerciseLiveRoute(app, context);
  route(app, context, "listExercises", ({ caller, query }) => exerciseList(context, caller, query));
  route(app, context, "createExercise", ({ caller, body }) => planExercise(context, caller, body));
  route(app, context, "getExercise", ({ caller, params, request, reply }) =>
    exerciseDetail(context, caller, params.id, readerLanguage({ request, reply })),
  );
  route(app, context, "updateExerciseParticipants", ({ caller, params, body }) =>
    changeParticipants(context, caller, params.id, body),
  );
  route(app, context, "createExerciseIncident", ({ caller, params, body }) =>
    respondWithIncident(context, caller, params.id, body),
  );
  route(app, context, "listExerciseInjects", ({ caller, params }) => injectList(context, caller, params.id));
  route(app, context, "createExerciseInject", ({ caller, params, body }) =>
    addInject(context, caller, params.id, body),
  );
  route(app, context, "updateExerciseInject", ({ caller, params, body }) =>
    rewriteInject(context, caller, params.id, params.injectId, body),
  );
  route(app, context, "deleteExerciseInject", async ({ caller, params }) => {
    await removeInject(context, caller, params.id, params.injectId);
    return undefined;
  });
  route(app, context, "getExerciseInjectCap", ({ caller, params, request }) =>
    injectCap(context, caller, params.id, params.injectId, publicOrigin(context, request)),
  );
  route(app, context, "changeExerciseClock", ({ caller, params, body }) =>
    changeClock(context, caller, params.id, body),
  );
  route(app, context, "listExerciseObservations", ({ caller, params }) =>
    observationList(context, caller, params.id),
  );
  route(app, context, "createExerciseObservation", ({ caller, params, body }) =>
    recordObservation(context, caller, params.id, body),
  );
  route(app, context, "exerciseScenario", ({ caller, params, request, reply }) =>
    scenarioTruth(context, analysis, caller, params.id, readerLanguage({ request, reply })),
  );
  route(app, context, "listExerciseCorrectiveActions", ({ caller, params }) =>
    correctiveActionList(context, caller, params.id),
  );
  route(app, context, "createExerciseCorrectiveAction", ({ caller, params, body }) =>
    addCorrectiveAction(context, caller, params.id, body),
  );
  route(app, context, "exerciseAar", ({ caller, params, request }) =>
    aarReport(context, caller, params.id, requestLanguage(request)),
  );
  route(app, context, "exercisePackage", ({ caller, params }) =>
    exercisePackageFile(context, caller, params.id),
  );
  route(app, context, "importExercisePackage", ({ caller, body }) => importPackageAs(context, caller, body));
  route(app, context, "listExerciseProgrammes", ({ caller }) => programmeList(context, caller));
  route(app, context, "createExerciseProgramme", ({ caller, body }) => makeProgramme(context, caller, body));
  route(app, context, "updateExerciseProgramme", ({ caller, params, body }) =>
    changeProgramme(context, caller, params.id, body),
  );
  route(app, context, "deleteExerciseProgramme", async ({ caller, params }) => {
    await removeProgramme(context, caller, params.id);
    return undefined;
  });
  route(app, context, "exerciseTabletopPack", ({ caller, params, request }) =>
    tabletopPack(context, caller, params.id, requestLanguage(request)),
  );
}
