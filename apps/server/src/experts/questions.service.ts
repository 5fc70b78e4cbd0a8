// Questions to the expert network: ask (to the whole platform or one's communities), list with
// the unanswered first, read with answers, answer, and accept an answer (the asker or a compendium
// moderator). Visibility is expertsPolicy's audience rule, enforced in SQL.
import type {
  Post,
  PostCreate,
  QuestionCreate,
  QuestionDetail,
  QuestionQuery,
  QuestionSummary,
} from "@bulwark/contracts";
import { type Actor, expertsPolicy } from "@bulwark/core";
import {
  acceptAnswer,
  appendAudit,
  findQuestion,
  insertQuestion,
  isAnswerOf,
  listQuestions,
  type QuestionRecord,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { createPost, threadOf } from "./discussions.service.ts";
import { must } from "./profiles.service.ts";

type Create = z.output<typeof QuestionCreate>;
type Query = z.output<typeof QuestionQuery>;

// Stored values were validated by the same schema on the way in.
const asSummary = ({ body: _body, acceptedPostId: _accepted, ...record }: QuestionRecord): QuestionSummary =>
  record as QuestionSummary;

export async function questions(context: ServerContext, caller: Actor, query: Query) {
  const page = await listQuestions(context.db, expertsPolicy.questionScope(caller), query);
  return { total: page.total, items: page.items.map(asSummary) };
}

async function visibleQuestion(context: ServerContext, caller: Actor, id: string): Promise<QuestionRecord> {
  const question = await findQuestion(context.db, expertsPolicy.questionScope(caller), id);
  if (!question) throw notFound("question");
  return question;
}

export async function questionDetail(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<QuestionDetail> {
  const question = await visibleQuestion(context, caller, id);
  const thread = await threadOf(context, caller, { kind: "question", id });
  return {
    ...asSummary(question),
    body: question.body,
    acceptedPostId: question.acceptedPostId,
    thread,
    abilities: {
      accept: expertsPolicy.accept(caller, { askerId: question.asker.id, status: question.status }).allowed,
      answer: expertsPolicy.post(caller).allowed,
    },
  };
}

export async function ask(context: ServerContext, caller: Actor, input: Create): Promise<QuestionDetail> {
  must(expertsPolicy.ask(caller));
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertQuestion(
      tx,
      {
        askerId: caller.userId,
        organisationId: caller.organisationId,
        title: input.title,
        body: input.body,
        sectors: input.sectors,
        themes: input.themes,
        visibility: input.visibility,
      },
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "question.ask",
        targetType: "question",
        targetId: created,
        details: { visibility: input.visibility },
      },
      now,
    );
    return created;
  });
  return questionDetail(context, caller, id);
}

export async function answer(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof PostCreate>,
): Promise<Post> {
  await visibleQuestion(context, caller, id);
  return createPost(context, caller, { kind: "question", id }, input);
}

export async function accept(
  context: ServerContext,
  caller: Actor,
  id: string,
  postId: string,
): Promise<QuestionDetail> {
  const question = await visibleQuestion(context, caller, id);
  must(expertsPolicy.accept(caller, { askerId: question.asker.id, status: question.status }));
  if (!(await isAnswerOf(context.db, postId, id)))
    throw invalid("Accept one of this question's answers.", [
      { path: "body.postId", message: "not an answer here" },
    ]);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await acceptAnswer(tx, id, postId, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "question.accept",
        targetType: "question",
        targetId: id,
        details: { postId },
      },
      now,
    );
  });
  return questionDetail(context, caller, id);
}
