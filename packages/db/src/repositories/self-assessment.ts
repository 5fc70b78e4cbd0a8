// Self-assessment storage: framework versions, runs, answers (saved one question at a time with a
// version that refuses lost updates), comments, and what results and the aggregation read. Every
// read of runs takes the policy's scope; the recommended entries go through the compendium's TLP
// rule in SQL.
import type { Scope } from "@bulwark/core";
import { and, asc, desc, eq, ilike, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../connect.ts";
import {
  compendiumEntries,
  organisations,
  selfAssessmentAnswers,
  selfAssessmentComments,
  selfAssessmentFrameworks,
  selfAssessmentRuns,
  users,
} from "../schema.ts";
import { iso, isoOrNull, likePattern, scopeFilter, sqlArray } from "../scope.ts";
import { entryScope } from "./compendium.ts";

export interface FrameworkRecord {
  id: string;
  version: number;
  title: string;
  content: unknown;
}

export async function listFrameworks(db: Executor): Promise<FrameworkRecord[]> {
  return db
    .select({
      id: selfAssessmentFrameworks.id,
      version: selfAssessmentFrameworks.version,
      title: selfAssessmentFrameworks.title,
      content: selfAssessmentFrameworks.content,
    })
    .from(selfAssessmentFrameworks)
    .orderBy(asc(selfAssessmentFrameworks.id), desc(selfAssessmentFrameworks.version));
}

/** A version of a framework, or its latest version when `version` is left out. */
export async function findFramework(
  db: Executor,
  id: string,
  version?: number,
): Promise<FrameworkRecord | null> {
  const [row] = await db
    .select({
      id: selfAssessmentFrameworks.id,
      version: selfAssessmentFrameworks.version,
      title: selfAssessmentFrameworks.title,
      content: selfAssessmentFrameworks.content,
    })
    .from(selfAssessmentFrameworks)
    .where(
      and(
        eq(selfAssessmentFrameworks.id, id),
        version === undefined ? undefined : eq(selfAssessmentFrameworks.version, version),
      ),
    )
    .orderBy(desc(selfAssessmentFrameworks.version))
    .limit(1);
  return row ?? null;
}

export async function insertFramework(db: Executor, framework: FrameworkRecord, now: Date): Promise<void> {
  await db
    .insert(selfAssessmentFrameworks)
    .values({ ...framework, content: framework.content, loadedAt: now });
}

export interface RunRecord {
  id: string;
  title: string;
  frameworkId: string;
  frameworkVersion: number;
  frameworkTitle: string;
  organisation: { id: string; name: string; country: string };
  state: "draft" | "submitted";
  consent: boolean;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  archivedAt: string | null;
}

const runColumns = {
  run: selfAssessmentRuns,
  frameworkTitle: selfAssessmentFrameworks.title,
  organisationName: organisations.name,
  organisationCountry: organisations.country,
};

type RunRow = {
  run: typeof selfAssessmentRuns.$inferSelect;
  frameworkTitle: string;
  organisationName: string;
  organisationCountry: string;
};

const presentRun = (row: RunRow): RunRecord => ({
  id: row.run.id,
  title: row.run.title,
  frameworkId: row.run.frameworkId,
  frameworkVersion: row.run.frameworkVersion,
  frameworkTitle: row.frameworkTitle,
  organisation: { id: row.run.organisationId, name: row.organisationName, country: row.organisationCountry },
  state: row.run.state === "submitted" ? "submitted" : "draft",
  consent: row.run.consent,
  createdAt: iso(row.run.createdAt),
  updatedAt: iso(row.run.updatedAt),
  submittedAt: isoOrNull(row.run.submittedAt),
  archivedAt: isoOrNull(row.run.archivedAt),
});

const runScope = (scope: Scope): SQL | undefined =>
  scopeFilter(scope, (organisationId) => eq(selfAssessmentRuns.organisationId, organisationId));

function selectRuns(db: Executor) {
  return db
    .select(runColumns)
    .from(selfAssessmentRuns)
    .innerJoin(organisations, eq(organisations.id, selfAssessmentRuns.organisationId))
    .innerJoin(
      selfAssessmentFrameworks,
      and(
        eq(selfAssessmentFrameworks.id, selfAssessmentRuns.frameworkId),
        eq(selfAssessmentFrameworks.version, selfAssessmentRuns.frameworkVersion),
      ),
    );
}

export async function listRuns(db: Executor, scope: Scope): Promise<RunRecord[]> {
  const rows = await selectRuns(db)
    .where(runScope(scope))
    .orderBy(desc(selfAssessmentRuns.createdAt), desc(selfAssessmentRuns.id));
  return rows.map(presentRun);
}

/** Runs whose title or framework title holds `q` (case-insensitive), newest first, and how many. */
export async function searchRuns(
  db: Executor,
  scope: Scope,
  q: string,
  limit: number,
): Promise<{ items: RunRecord[]; total: number }> {
  const where = and(
    runScope(scope),
    or(
      ilike(selfAssessmentRuns.title, likePattern(q)),
      ilike(selfAssessmentFrameworks.title, likePattern(q)),
    ),
  );
  const [rows, [count]] = await Promise.all([
    selectRuns(db)
      .where(where)
      .orderBy(desc(selfAssessmentRuns.updatedAt), desc(selfAssessmentRuns.id))
      .limit(limit),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(selfAssessmentRuns)
      .innerJoin(
        selfAssessmentFrameworks,
        and(
          eq(selfAssessmentFrameworks.id, selfAssessmentRuns.frameworkId),
          eq(selfAssessmentFrameworks.version, selfAssessmentRuns.frameworkVersion),
        ),
      )
      .where(where),
  ]);
  return { items: rows.map(presentRun), total: Number(count?.total ?? 0) };
}

export async function findRun(db: Executor, scope: Scope, id: string): Promise<RunRecord | null> {
  const [row] = await selectRuns(db).where(and(eq(selfAssessmentRuns.id, id), runScope(scope)));
  return row ? presentRun(row) : null;
}

/** The organisation's submitted run of the same framework before `run` (by submission time). */
export async function previousSubmittedRun(
  db: Executor,
  scope: Scope,
  run: RunRecord,
): Promise<RunRecord | null> {
  const before = run.submittedAt ?? run.createdAt;
  const [row] = await selectRuns(db)
    .where(
      and(
        runScope(scope),
        eq(selfAssessmentRuns.organisationId, run.organisation.id),
        eq(selfAssessmentRuns.frameworkId, run.frameworkId),
        eq(selfAssessmentRuns.state, "submitted"),
        ne(selfAssessmentRuns.id, run.id),
        sql`${selfAssessmentRuns.submittedAt} < ${before}::timestamptz`,
      ),
    )
    .orderBy(desc(selfAssessmentRuns.submittedAt))
    .limit(1);
  return row ? presentRun(row) : null;
}

export interface RunInput {
  organisationId: string;
  frameworkId: string;
  frameworkVersion: number;
  title: string;
  createdBy: string;
  now: Date;
}

export async function insertRun(db: Executor, input: RunInput): Promise<string> {
  const [row] = await db
    .insert(selfAssessmentRuns)
    .values({
      organisationId: input.organisationId,
      frameworkId: input.frameworkId,
      frameworkVersion: input.frameworkVersion,
      title: input.title,
      createdBy: input.createdBy,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: selfAssessmentRuns.id });
  if (!row) throw new Error("The run was not created.");
  return row.id;
}

export async function touchRun(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(selfAssessmentRuns).set({ updatedAt: now }).where(eq(selfAssessmentRuns.id, id));
}

export async function submitRun(db: Executor, id: string, consent: boolean, now: Date): Promise<void> {
  await db
    .update(selfAssessmentRuns)
    .set({ state: "submitted", consent, submittedAt: now, updatedAt: now })
    .where(and(eq(selfAssessmentRuns.id, id), eq(selfAssessmentRuns.state, "draft")));
}

/**
 * Archive a run (a time) or bring it back (null). The only change a submitted run accepts: the
 * database's read-only trigger lets archived_at alone through.
 */
export async function archiveRun(db: Executor, id: string, archivedAt: Date | null): Promise<void> {
  await db.update(selfAssessmentRuns).set({ archivedAt }).where(eq(selfAssessmentRuns.id, id));
}

export interface RunAnswerRecord {
  runId: string;
  questionId: string;
  value: unknown;
  note: string | null;
  evidence: { title: string; url: string }[];
  assignee: { id: string; name: string } | null;
  version: number;
  updatedBy: { id: string; name: string } | null;
  updatedAt: string;
}

const assignees = alias(users, "assignees");
const editors = alias(users, "editors");

/** Answers of these runs (the caller checked it may see them). */
export async function listAnswers(db: Executor, runIds: readonly string[]): Promise<RunAnswerRecord[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .select({
      answer: selfAssessmentAnswers,
      assigneeName: assignees.name,
      editorName: editors.name,
    })
    .from(selfAssessmentAnswers)
    .leftJoin(assignees, eq(assignees.id, selfAssessmentAnswers.assigneeId))
    .leftJoin(editors, eq(editors.id, selfAssessmentAnswers.updatedBy))
    .where(inArray(selfAssessmentAnswers.runId, [...runIds]))
    .orderBy(asc(selfAssessmentAnswers.questionId));
  return rows.map(({ answer, assigneeName, editorName }) => ({
    runId: answer.runId,
    questionId: answer.questionId,
    value: answer.value,
    note: answer.note,
    evidence: answer.evidence as RunAnswerRecord["evidence"],
    assignee: answer.assigneeId && assigneeName ? { id: answer.assigneeId, name: assigneeName } : null,
    version: answer.version,
    updatedBy: answer.updatedBy && editorName ? { id: answer.updatedBy, name: editorName } : null,
    updatedAt: iso(answer.updatedAt),
  }));
}

export interface AnswerChange {
  value?: unknown;
  note?: string | null;
  evidence?: { title: string; url: string }[];
  assigneeId?: string | null;
}

/**
 * Save one answer if it is still at `expectedVersion` (0: not answered yet), as version + 1.
 * Returns the new version, or null when someone saved it in between (a lost update refused).
 */
export async function saveAnswer(
  db: Executor,
  key: { runId: string; questionId: string },
  expectedVersion: number,
  change: AnswerChange,
  userId: string,
  now: Date,
): Promise<number | null> {
  const fields = {
    ...(change.value !== undefined ? { value: change.value } : {}),
    ...(change.note !== undefined ? { note: change.note } : {}),
    ...(change.evidence !== undefined ? { evidence: change.evidence } : {}),
    ...(change.assigneeId !== undefined ? { assigneeId: change.assigneeId } : {}),
    updatedBy: userId,
    updatedAt: now,
  };
  if (expectedVersion === 0) {
    const rows = await db
      .insert(selfAssessmentAnswers)
      .values({ ...key, ...fields, version: 1 })
      .onConflictDoNothing()
      .returning({ version: selfAssessmentAnswers.version });
    return rows[0]?.version ?? null;
  }
  const rows = await db
    .update(selfAssessmentAnswers)
    .set({ ...fields, version: expectedVersion + 1 })
    .where(
      and(
        eq(selfAssessmentAnswers.runId, key.runId),
        eq(selfAssessmentAnswers.questionId, key.questionId),
        eq(selfAssessmentAnswers.version, expectedVersion),
      ),
    )
    .returning({ version: selfAssessmentAnswers.version });
  return rows[0]?.version ?? null;
}

export interface CommentRecord {
  id: string;
  questionId: string;
  author: { id: string; name: string } | null;
  body: string;
  createdAt: string;
}

export async function listComments(db: Executor, runId: string): Promise<CommentRecord[]> {
  const rows = await db
    .select({ comment: selfAssessmentComments, authorName: users.name })
    .from(selfAssessmentComments)
    .leftJoin(users, eq(users.id, selfAssessmentComments.authorId))
    .where(eq(selfAssessmentComments.runId, runId))
    .orderBy(asc(selfAssessmentComments.createdAt), asc(selfAssessmentComments.id));
  return rows.map(({ comment, authorName }) => ({
    id: comment.id,
    questionId: comment.questionId,
    author: comment.authorId && authorName ? { id: comment.authorId, name: authorName } : null,
    body: comment.body,
    createdAt: iso(comment.createdAt),
  }));
}

export async function insertComment(
  db: Executor,
  input: { runId: string; questionId: string; authorId: string; body: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(selfAssessmentComments)
    .values({
      runId: input.runId,
      questionId: input.questionId,
      authorId: input.authorId,
      body: input.body,
      createdAt: input.now,
    })
    .returning({ id: selfAssessmentComments.id });
  if (!row) throw new Error("The comment was not saved.");
  return row.id;
}

/** Active people of an organisation, by name (to assign questions to). */
export async function colleaguesOf(
  db: Executor,
  organisationId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.active, true)))
    .orderBy(asc(users.name));
}

/**
 * For the aggregation: each consenting organisation's latest submitted run of this framework
 * version, with the organisation's country. Unscoped: only the aggregation's anonymising code in
 * core may read it, and it publishes no run, answer or organisation.
 */
export async function consentedRunsForAggregation(
  db: Executor,
  frameworkId: string,
  frameworkVersion: number,
): Promise<{ runId: string; organisationId: string; country: string; verified: boolean }[]> {
  const rows = await db
    .selectDistinctOn([selfAssessmentRuns.organisationId], {
      runId: selfAssessmentRuns.id,
      organisationId: selfAssessmentRuns.organisationId,
      country: organisations.country,
      verified: organisations.verified,
    })
    .from(selfAssessmentRuns)
    .innerJoin(organisations, eq(organisations.id, selfAssessmentRuns.organisationId))
    .where(
      and(
        eq(selfAssessmentRuns.frameworkId, frameworkId),
        eq(selfAssessmentRuns.frameworkVersion, frameworkVersion),
        eq(selfAssessmentRuns.state, "submitted"),
        eq(selfAssessmentRuns.consent, true),
      ),
    )
    .orderBy(selfAssessmentRuns.organisationId, desc(selfAssessmentRuns.submittedAt));
  return rows;
}

export interface RecommendedEntryRecord {
  slug: string;
  title: string;
  type: string;
  marking: string;
}

/** The compendium entries among `slugs` that the compendium's read scope lets the caller see. */
export async function visibleEntriesBySlug(
  db: Executor,
  compendiumScope: Scope,
  slugs: readonly string[],
): Promise<RecommendedEntryRecord[]> {
  if (slugs.length === 0) return [];
  return db
    .select({
      slug: compendiumEntries.slug,
      title: compendiumEntries.title,
      type: compendiumEntries.type,
      marking: compendiumEntries.marking,
    })
    .from(compendiumEntries)
    .where(and(sql`${compendiumEntries.slug} = any(${sqlArray(slugs)})`, entryScope(compendiumScope)));
}
