// Self-assessment runs: start one, answer question by question (each save carries the answer's
// version, and a stale one is refused with 409), attach evidence links and notes, assign to a
// colleague, comment, submit. Only the run's organisation sees it (policy in core, SQL in db);
// every change is audited without personal data.
import type {
  Answer,
  AnswerUpdate,
  Comment,
  CommentCreate,
  Framework,
  Run,
  RunCreate,
  RunSummary,
} from "@bulwark/contracts";
import {
  type Actor,
  type AnswerValue,
  answerFits,
  type Decision,
  type Language,
  type RunFacts,
  scoreRun,
  selfAssessmentPolicy,
} from "@bulwark/core";
import {
  appendAudit,
  archiveRun,
  colleaguesOf,
  findRun,
  insertComment,
  insertRun,
  listAnswers,
  listComments,
  listRuns,
  type RunAnswerRecord,
  type RunRecord,
  saveAnswer,
  submitRun,
  touchRun,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { frameworkVersion } from "./frameworks.service.ts";

type Create = z.output<typeof RunCreate>;
type Update = z.output<typeof AnswerUpdate>;

const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

export async function visibleRun(context: ServerContext, caller: Actor, id: string): Promise<RunRecord> {
  const run = await findRun(context.db, selfAssessmentPolicy.readScope(caller), id);
  if (!run) throw notFound("self-assessment run");
  return run;
}

/** Stored values passed the AnswerValue schema on the way in. */
export const storedValue = (record: RunAnswerRecord): AnswerValue | null =>
  (record.value as AnswerValue | null) ?? null;

export const answerMap = (records: readonly RunAnswerRecord[]): Map<string, AnswerValue> =>
  new Map(
    records.flatMap((record) => {
      const value = storedValue(record);
      return value ? [[record.questionId, value] as const] : [];
    }),
  );

export function summaryOf(
  run: RunRecord,
  framework: Framework,
  answers: readonly RunAnswerRecord[],
): RunSummary {
  const score = scoreRun(framework, answerMap(answers));
  return {
    id: run.id,
    title: run.title,
    // The framework's title in the language it was read in (run.frameworkTitle is the English one).
    framework: { id: run.frameworkId, version: run.frameworkVersion, title: framework.title },
    organisation: { id: run.organisation.id, name: run.organisation.name },
    state: run.state,
    consent: run.consent,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    submittedAt: run.submittedAt,
    archivedAt: run.archivedAt,
    overall: score.overall,
    completeness: score.completeness,
  };
}

const presentAnswer = (record: RunAnswerRecord): Answer => ({
  questionId: record.questionId,
  value: storedValue(record),
  note: record.note,
  evidence: record.evidence,
  assignee: record.assignee,
  version: record.version,
  updatedBy: record.updatedBy,
  updatedAt: record.updatedAt,
});

const factsOf = (run: RunRecord): RunFacts => ({
  organisationId: run.organisation.id,
  state: run.state,
  archived: run.archivedAt !== null,
});

async function present(
  context: ServerContext,
  caller: Actor,
  run: RunRecord,
  language: Language,
): Promise<Run> {
  const [framework, answers, comments, colleagues] = await Promise.all([
    frameworkVersion(context, run.frameworkId, run.frameworkVersion, language),
    listAnswers(context.db, [run.id]),
    listComments(context.db, run.id),
    colleaguesOf(context.db, run.organisation.id),
  ]);
  const facts = factsOf(run);
  return {
    ...summaryOf(run, framework, answers),
    frameworkContent: framework,
    answers: answers.map(presentAnswer),
    comments,
    colleagues,
    abilities: {
      answer: selfAssessmentPolicy.answer(caller, facts).allowed,
      submit: selfAssessmentPolicy.submit(caller, facts).allowed,
      archive: selfAssessmentPolicy.archive(caller, facts).allowed,
    },
  };
}

export async function runs(
  context: ServerContext,
  caller: Actor,
  language: Language = "en",
): Promise<RunSummary[]> {
  const records = await listRuns(context.db, selfAssessmentPolicy.readScope(caller));
  const answers = await listAnswers(
    context.db,
    records.map((run) => run.id),
  );
  const frameworks = new Map<string, Framework>();
  const summaries: RunSummary[] = [];
  for (const run of records) {
    const key = `${run.frameworkId}@${run.frameworkVersion}`;
    const framework =
      frameworks.get(key) ??
      (await frameworkVersion(context, run.frameworkId, run.frameworkVersion, language));
    frameworks.set(key, framework);
    summaries.push(
      summaryOf(
        run,
        framework,
        answers.filter((answer) => answer.runId === run.id),
      ),
    );
  }
  return summaries;
}

export async function runDetail(
  context: ServerContext,
  caller: Actor,
  id: string,
  language: Language = "en",
): Promise<Run> {
  return present(context, caller, await visibleRun(context, caller, id), language);
}

export async function startRun(
  context: ServerContext,
  caller: Actor,
  input: Create,
  language: Language = "en",
): Promise<Run> {
  must(selfAssessmentPolicy.start(caller));
  // In the caller's language: the run's default title names the framework as they read it.
  const framework = await frameworkVersion(context, input.frameworkId, input.frameworkVersion, language);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertRun(tx, {
      organisationId: caller.organisationId,
      frameworkId: framework.id,
      frameworkVersion: framework.version,
      title: input.title ?? `${framework.title}, ${now.toISOString().slice(0, 10)}`,
      createdBy: caller.userId,
      now,
    });
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "self-assessment.start",
        targetType: "self-assessment-run",
        targetId: created,
        details: { framework: framework.id, version: framework.version },
      },
      now,
    );
    return created;
  });
  return runDetail(context, caller, id, language);
}

export async function updateAnswer(
  context: ServerContext,
  caller: Actor,
  id: string,
  questionId: string,
  input: Update,
): Promise<Answer> {
  const run = await visibleRun(context, caller, id);
  must(selfAssessmentPolicy.answer(caller, factsOf(run)));
  const framework = await frameworkVersion(context, run.frameworkId, run.frameworkVersion);
  const question = framework.sections
    .flatMap((section) => section.questions)
    .find((item) => item.id === questionId);
  if (!question) throw notFound("question");
  if (input.value && !answerFits(question.answer, input.value))
    throw invalid({ key: "selfAssessment.answerType", values: { type: question.answer.type } }, [
      {
        path: "body.value.type",
        message: { key: "selfAssessment.expected" as const, values: { type: question.answer.type } },
      },
    ]);
  if (input.assigneeId) {
    const colleagues = await colleaguesOf(context.db, run.organisation.id);
    if (!colleagues.some((person) => person.id === input.assigneeId))
      throw invalid("Assign questions to people of the run's organisation.", [
        { path: "body.assigneeId", message: "Not a colleague in this organisation." },
      ]);
  }
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const saved = await saveAnswer(
      tx,
      { runId: run.id, questionId },
      input.version,
      {
        ...(input.value !== undefined ? { value: input.value } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.evidence !== undefined ? { evidence: input.evidence } : {}),
        ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
      },
      caller.userId,
      now,
    );
    if (saved === null)
      throw conflict(
        "Someone saved this answer since you loaded it: reload it, then make your change again.",
      );
    await touchRun(tx, run.id, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "self-assessment.answer",
        targetType: "self-assessment-run",
        targetId: run.id,
        details: {
          question: questionId,
          version: saved,
          fields: ["value", "note", "evidence", "assigneeId"].filter(
            (field) => field in input && input[field as keyof Update] !== undefined,
          ),
        },
      },
      now,
    );
  });
  const [record] = (await listAnswers(context.db, [run.id])).filter(
    (answer) => answer.questionId === questionId,
  );
  if (!record) throw notFound("answer");
  return presentAnswer(record);
}

export async function addComment(
  context: ServerContext,
  caller: Actor,
  id: string,
  questionId: string,
  input: z.output<typeof CommentCreate>,
): Promise<Comment> {
  const run = await visibleRun(context, caller, id);
  must(selfAssessmentPolicy.answer(caller, factsOf(run)));
  const framework = await frameworkVersion(context, run.frameworkId, run.frameworkVersion);
  if (!framework.sections.some((section) => section.questions.some((question) => question.id === questionId)))
    throw notFound("question");
  const now = context.clock();
  const commentId = await context.db.transaction(async (tx) => {
    const created = await insertComment(tx, {
      runId: run.id,
      questionId,
      authorId: caller.userId,
      body: input.body,
      now,
    });
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "self-assessment.comment",
        targetType: "self-assessment-run",
        targetId: run.id,
        details: { question: questionId, comment: created },
      },
      now,
    );
    return created;
  });
  const comment = (await listComments(context.db, run.id)).find((item) => item.id === commentId);
  if (!comment) throw notFound("comment");
  return comment;
}

export async function submit(
  context: ServerContext,
  caller: Actor,
  id: string,
  consent: boolean,
  language: Language = "en",
): Promise<Run> {
  const run = await visibleRun(context, caller, id);
  must(selfAssessmentPolicy.submit(caller, factsOf(run)));
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await submitRun(tx, run.id, consent, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "self-assessment.submit",
        targetType: "self-assessment-run",
        targetId: run.id,
        details: { consent },
      },
      now,
    );
  });
  return runDetail(context, caller, id, language);
}

export async function archive(
  context: ServerContext,
  caller: Actor,
  id: string,
  archived: boolean,
  language: Language = "en",
): Promise<Run> {
  const run = await visibleRun(context, caller, id);
  must(selfAssessmentPolicy.archive(caller, factsOf(run)));
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await archiveRun(tx, run.id, archived ? now : null);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: archived ? "self-assessment.archive" : "self-assessment.unarchive",
        targetType: "self-assessment-run",
        targetId: run.id,
        details: {},
      },
      now,
    );
  });
  return runDetail(context, caller, id, language);
}
