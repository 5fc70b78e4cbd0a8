// Questions to the expert network and discussion posts (on compendium entries and on questions).
// Questions are read under the policy's audience scope (audienceFilter); a discussion is read only
// after its subject was found under the reader's scope, so the SQL that hides an entry or a
// question also hides its posts.
import type { AudienceScope } from "@bulwark/core";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { discussionPosts, questions } from "../schema.ts";
import { likePattern, sqlArray } from "../scope.ts";
import { audienceFilter } from "./experts.ts";

export const questionAudience = (scope: AudienceScope, table = "q"): SQL =>
  audienceFilter(scope, {
    owner: `${table}.asker_id`,
    organisation: `${table}.organisation_id`,
    visibility: `${table}.visibility`,
  }) ?? sql`true`;

export interface QuestionRecord {
  id: string;
  title: string;
  body: string;
  sectors: string[];
  themes: string[];
  visibility: string;
  status: string;
  acceptedPostId: string | null;
  asker: { id: string; name: string };
  organisation: { id: string; name: string };
  answerCount: number;
  createdAt: string;
  updatedAt: string;
}

type QuestionRow = Omit<QuestionRecord, "asker" | "organisation" | "createdAt" | "updatedAt"> & {
  askerId: string;
  askerName: string;
  organisationId: string;
  organisationName: string;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const isoOf = (value: Date | string): string => new Date(value).toISOString();

const presentQuestion = ({
  askerId,
  askerName,
  organisationId,
  organisationName,
  createdAt,
  updatedAt,
  ...row
}: QuestionRow): QuestionRecord => ({
  ...row,
  asker: { id: askerId, name: askerName },
  organisation: { id: organisationId, name: organisationName },
  createdAt: isoOf(createdAt),
  updatedAt: isoOf(updatedAt),
});

const questionSelect = sql`select q.id, q.title, q.body, q.sectors, q.themes, q.visibility, q.status,
    q.accepted_post_id as "acceptedPostId", q.created_at as "createdAt", q.updated_at as "updatedAt",
    q.asker_id as "askerId", u.name as "askerName", o.id as "organisationId", o.name as "organisationName",
    (select count(*)::int from discussion_posts as a
      where a.question_id = q.id and a.parent_id is null and a.state = 'visible') as "answerCount"
  from questions as q
  join users as u on u.id = q.asker_id
  join organisations as o on o.id = q.organisation_id`;

export interface QuestionSearch {
  q?: string | undefined;
  sector?: string | undefined;
  theme?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

/** Questions the scope may see, open ones without answers first, then open ones, newest first. */
export async function listQuestions(
  db: Executor,
  scope: AudienceScope,
  search: QuestionSearch,
): Promise<{ total: number; items: QuestionRecord[] }> {
  const words = (search.q ?? "").split(/\s+/).filter(Boolean).slice(0, 10).map(likePattern);
  const conditions: SQL[] = [questionAudience(scope)];
  if (words.length > 0)
    conditions.push(
      sql`(select bool_and(q.title || ' ' || q.body ilike pattern) from unnest(${sqlArray(words)}) as pattern)`,
    );
  if (search.sector) conditions.push(sql`${search.sector} = any(q.sectors)`);
  if (search.theme) conditions.push(sql`${search.theme} = any(q.themes)`);
  if (search.status) conditions.push(sql`q.status = ${search.status}`);
  const where = sql.join(conditions, sql` and `);
  const [items, counted] = await Promise.all([
    db.execute(sql`select * from (${questionSelect} where ${where}) as listed
      order by case when status = 'open' then 0 else 1 end, case when "answerCount" = 0 then 0 else 1 end,
        "createdAt" desc, id
      limit ${search.limit} offset ${search.offset}`),
    db.execute(sql`select count(*)::int as total from questions as q where ${where}`),
  ]);
  return {
    total: rowsOf<{ total: number }>(counted)[0]?.total ?? 0,
    items: rowsOf<QuestionRow>(items).map(presentQuestion),
  };
}

export async function findQuestion(
  db: Executor,
  scope: AudienceScope,
  id: string,
): Promise<QuestionRecord | null> {
  const result = await db.execute(sql`${questionSelect} where q.id = ${id} and ${questionAudience(scope)}`);
  const [row] = rowsOf<QuestionRow>(result);
  return row ? presentQuestion(row) : null;
}

export interface QuestionFields {
  askerId: string;
  organisationId: string;
  title: string;
  body: string;
  sectors: string[];
  themes: string[];
  visibility: string;
}

export async function insertQuestion(db: Executor, fields: QuestionFields, now: Date): Promise<string> {
  const [row] = await db
    .insert(questions)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .returning({ id: questions.id });
  if (!row) throw new Error("The question was not created.");
  return row.id;
}

export async function acceptAnswer(
  db: Executor,
  questionId: string,
  postId: string,
  now: Date,
): Promise<void> {
  await db
    .update(questions)
    .set({ acceptedPostId: postId, status: "answered", updatedAt: now })
    .where(eq(questions.id, questionId));
}

/** What a discussion hangs on: a compendium entry or a question (by their ids). */
export type Subject = { kind: "entry"; id: string } | { kind: "question"; id: string };

const subjectColumn = (subject: Subject) =>
  subject.kind === "entry" ? discussionPosts.entryId : discussionPosts.questionId;

export interface PostRecord {
  id: string;
  parentId: string | null;
  author: { id: string; name: string };
  /** Empty unless the post is visible. */
  body: string;
  state: string;
  editedAt: string | null;
  createdAt: string;
}

type PostRow = Omit<PostRecord, "author" | "editedAt" | "createdAt"> & {
  authorId: string;
  authorName: string;
  editedAt: Date | string | null;
  createdAt: Date | string;
};

const postSelect = sql`select p.id, p.parent_id as "parentId", p.state,
    case when p.state = 'visible' then p.body else '' end as body,
    p.edited_at as "editedAt", p.created_at as "createdAt", p.author_id as "authorId", u.name as "authorName"
  from discussion_posts as p join users as u on u.id = p.author_id`;

const presentPost = ({ authorId, authorName, editedAt, createdAt, ...row }: PostRow): PostRecord => ({
  ...row,
  author: { id: authorId, name: authorName },
  editedAt: editedAt ? isoOf(editedAt) : null,
  createdAt: isoOf(createdAt),
});

/** Every post of a discussion, oldest first. Call only once the subject was found under the reader's scope. */
export async function listPosts(db: Executor, subject: Subject): Promise<PostRecord[]> {
  const column = subject.kind === "entry" ? sql`p.entry_id` : sql`p.question_id`;
  const result = await db.execute(
    sql`${postSelect} where ${column} = ${subject.id} order by p.created_at, p.id`,
  );
  return rowsOf<PostRow>(result).map(presentPost);
}

export interface PostFacts {
  id: string;
  subject: Subject;
  parentId: string | null;
  authorId: string;
  state: string;
}

/** Unscoped: a post and what it hangs on; the caller then finds the subject under the reader's scope. */
export async function findPostFacts(db: Executor, id: string): Promise<PostFacts | null> {
  const [row] = await db.select().from(discussionPosts).where(eq(discussionPosts.id, id));
  if (!row) return null;
  const subject: Subject | null = row.entryId
    ? { kind: "entry", id: row.entryId }
    : row.questionId
      ? { kind: "question", id: row.questionId }
      : null;
  if (!subject) return null;
  return { id: row.id, subject, parentId: row.parentId, authorId: row.authorId, state: row.state };
}

export async function insertPost(
  db: Executor,
  post: { subject: Subject; parentId: string | null; authorId: string; body: string },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(discussionPosts)
    .values({
      entryId: post.subject.kind === "entry" ? post.subject.id : null,
      questionId: post.subject.kind === "question" ? post.subject.id : null,
      parentId: post.parentId,
      authorId: post.authorId,
      body: post.body,
      createdAt: now,
    })
    .returning({ id: discussionPosts.id });
  if (!row) throw new Error("The post was not created.");
  return row.id;
}

export async function editPost(db: Executor, id: string, body: string, now: Date): Promise<void> {
  await db.update(discussionPosts).set({ body, editedAt: now }).where(eq(discussionPosts.id, id));
}

/** Removed by its author (the text is dropped) or hidden by a moderator (kept for oversight). */
export async function setPostState(db: Executor, id: string, state: "removed" | "hidden"): Promise<void> {
  await db
    .update(discussionPosts)
    .set(state === "removed" ? { state, body: "" } : { state })
    .where(eq(discussionPosts.id, id));
}

/** Everyone who wrote in the discussion (and the asker of a question), but `except`. */
export async function participants(db: Executor, subject: Subject, except: string): Promise<string[]> {
  const authors = await db
    .selectDistinct({ id: discussionPosts.authorId })
    .from(discussionPosts)
    .where(eq(subjectColumn(subject), subject.id));
  const ids = new Set(authors.map((row) => row.id));
  if (subject.kind === "question") {
    const [question] = await db
      .select({ askerId: questions.askerId })
      .from(questions)
      .where(eq(questions.id, subject.id));
    if (question) ids.add(question.askerId);
  }
  ids.delete(except);
  return [...ids];
}

export interface AnswerRecord {
  postId: string;
  question: { id: string; title: string };
  accepted: boolean;
  createdAt: string;
}

/** An expert's answers (top-level posts on questions) to the questions the scope may see, newest first. */
export async function answersBy(
  db: Executor,
  scope: AudienceScope,
  authorId: string,
  limit = 50,
): Promise<AnswerRecord[]> {
  const result = await db.execute(sql`select p.id as "postId", q.id as "questionId", q.title,
      q.accepted_post_id = p.id as accepted, p.created_at as "createdAt"
    from discussion_posts as p join questions as q on q.id = p.question_id
    where p.author_id = ${authorId} and p.parent_id is null and p.state = 'visible' and ${questionAudience(scope)}
    order by p.created_at desc limit ${limit}`);
  return rowsOf<{
    postId: string;
    questionId: string;
    title: string;
    accepted: boolean | null;
    createdAt: Date | string;
  }>(result).map((row) => ({
    postId: row.postId,
    question: { id: row.questionId, title: row.title },
    accepted: row.accepted === true,
    createdAt: isoOf(row.createdAt),
  }));
}

/** Whether a post hangs on this question and is a top-level, visible answer. */
export async function isAnswerOf(db: Executor, postId: string, questionId: string): Promise<boolean> {
  const rows = await db
    .select({ id: discussionPosts.id })
    .from(discussionPosts)
    .where(
      and(
        eq(discussionPosts.id, postId),
        eq(discussionPosts.questionId, questionId),
        sql`${discussionPosts.parentId} is null`,
        eq(discussionPosts.state, "visible"),
      ),
    );
  return rows.length > 0;
}
