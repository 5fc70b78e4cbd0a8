// Routes of the expert network: profiles, questions and answers, discussion threads.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { deletePost, editPost, entryThread, hidePost, postOnEntry } from "./discussions.service.ts";
import {
  changeProfile,
  expertProfile,
  myProfile,
  optIn,
  searchExperts,
  withdraw,
} from "./profiles.service.ts";
import { accept, answer, ask, questionDetail, questions } from "./questions.service.ts";

export function expertsRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "searchExperts", ({ caller, query }) => searchExperts(context, caller, query));
  route(app, context, "getExpert", ({ caller, params }) => expertProfile(context, caller, params.userId));
  route(app, context, "getMyExpertProfile", ({ caller }) => myProfile(context, caller));
  route(app, context, "createMyExpertProfile", ({ caller, body }) => optIn(context, caller, body));
  route(app, context, "updateMyExpertProfile", ({ caller, body }) => changeProfile(context, caller, body));
  route(app, context, "withdrawMyExpertProfile", async ({ caller }) => withdraw(context, caller));
  route(app, context, "listQuestions", ({ caller, query }) => questions(context, caller, query));
  route(app, context, "askQuestion", ({ caller, body }) => ask(context, caller, body));
  route(app, context, "getQuestion", ({ caller, params }) => questionDetail(context, caller, params.id));
  route(app, context, "answerQuestion", ({ caller, params, body }) =>
    answer(context, caller, params.id, body),
  );
  route(app, context, "acceptAnswer", ({ caller, params, body }) =>
    accept(context, caller, params.id, body.postId),
  );
  route(app, context, "getEntryDiscussion", ({ caller, params }) =>
    entryThread(context, caller, params.slug),
  );
  route(app, context, "postOnEntry", ({ caller, params, body }) =>
    postOnEntry(context, caller, params.slug, body),
  );
  route(app, context, "editPost", ({ caller, params, body }) =>
    editPost(context, caller, params.id, body.body),
  );
  route(app, context, "deletePost", ({ caller, params }) => deletePost(context, caller, params.id));
  route(app, context, "hidePost", ({ caller, params }) => hidePost(context, caller, params.id));
}
