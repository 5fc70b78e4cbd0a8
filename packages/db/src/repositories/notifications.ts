// Notifications: a row per recipient when someone replies in a discussion they took part in or
// answers their question. Listing checks again, in SQL, that the reader may still see the subject
// (the compendium entry's TLP rule, the question's audience): a notification never reveals what
// its recipient may not read.
import type { Actor, AudienceScope, OrganisationKind, Role, Scope } from "@bulwark/core";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { notifications, organisations, users } from "../schema.ts";
import { entryScope } from "./compendium.ts";
import { questionAudience, type Subject } from "./discussions.ts";

/** The reader's scopes for both kinds of subject. */
export interface SubjectScopes {
  entries: Scope;
  questions: AudienceScope;
}

const visibleSubject = (scopes: SubjectScopes): SQL =>
  sql`((e.id is not null and ${entryScope(scopes.entries, "e") ?? sql`true`})
    or (q.id is not null and ${questionAudience(scopes.questions, "q")}))`;

/** Whether a reader with these scopes may see a subject. */
export async function subjectVisible(
  db: Executor,
  scopes: SubjectScopes,
  subject: Subject,
): Promise<boolean> {
  const entryId = subject.kind === "entry" ? subject.id : null;
  const questionId = subject.kind === "question" ? subject.id : null;
  const result = await db.execute(sql`select 1 as found
    from (select 1) as one
    left join compendium_entries as e on e.id = ${entryId}
    left join questions as q on q.id = ${questionId}
    where ${visibleSubject(scopes)}`);
  return rowsOf(result).length > 0;
}

/** Active users as the policy sees them (for checking what each recipient may see). */
export async function actorsOf(db: Executor, ids: readonly string[]): Promise<Actor[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      userId: users.id,
      organisationId: users.organisationId,
      roles: users.roles,
      organisationKind: organisations.kind,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(inArray(users.id, [...ids]), eq(users.active, true)));
  return rows.map((row) => ({
    userId: row.userId,
    organisationId: row.organisationId,
    roles: row.roles as Role[],
    organisationKind: row.organisationKind as OrganisationKind,
  }));
}

export async function insertNotifications(
  db: Executor,
  rows: { userId: string; kind: string; postId: string; actorId: string }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(notifications).values(rows.map((row) => ({ ...row, createdAt: now })));
}

export interface NotificationRecord {
  id: string;
  kind: string;
  actor: { id: string; name: string } | null;
  subject: { kind: "entry" | "question"; id: string; slug: string | null; title: string };
  postId: string;
  createdAt: string;
  readAt: string | null;
}

type NotificationRow = {
  id: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  entryId: string | null;
  slug: string | null;
  entryTitle: string | null;
  questionId: string | null;
  questionTitle: string | null;
  postId: string;
  createdAt: Date | string;
  readAt: Date | string | null;
};

const fromNotifications = sql`from notifications as n
  join discussion_posts as p on p.id = n.post_id
  left join compendium_entries as e on e.id = p.entry_id
  left join questions as q on q.id = p.question_id`;

/** The reader's notifications about subjects they may still see: unread first, newest first. */
export async function listNotifications(
  db: Executor,
  userId: string,
  scopes: SubjectScopes,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: NotificationRecord[] }> {
  const where = sql`n.user_id = ${userId} and ${visibleSubject(scopes)}`;
  const [items, counted] = await Promise.all([
    db.execute(sql`select n.id, n.kind, n.actor_id as "actorId", a.name as "actorName",
        e.id as "entryId", e.slug, e.title as "entryTitle", q.id as "questionId", q.title as "questionTitle",
        n.post_id as "postId", n.created_at as "createdAt", n.read_at as "readAt"
      ${fromNotifications}
      left join users as a on a.id = n.actor_id
      where ${where}
      order by n.read_at is not null, n.created_at desc, n.id
      limit ${page.limit} offset ${page.offset}`),
    db.execute(sql`select count(*)::int as total ${fromNotifications} where ${where}`),
  ]);
  return {
    total: rowsOf<{ total: number }>(counted)[0]?.total ?? 0,
    items: rowsOf<NotificationRow>(items).map((row) => ({
      id: row.id,
      kind: row.kind,
      actor: row.actorId && row.actorName ? { id: row.actorId, name: row.actorName } : null,
      subject: row.entryId
        ? { kind: "entry", id: row.entryId, slug: row.slug, title: row.entryTitle ?? "" }
        : { kind: "question", id: row.questionId ?? "", slug: null, title: row.questionTitle ?? "" },
      postId: row.postId,
      createdAt: new Date(row.createdAt).toISOString(),
      readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
    })),
  };
}

export async function unreadCount(db: Executor, userId: string, scopes: SubjectScopes): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as count ${fromNotifications}
      where n.user_id = ${userId} and n.read_at is null and ${visibleSubject(scopes)}`,
  );
  return rowsOf<{ count: number }>(result)[0]?.count ?? 0;
}

/** Mark one of the reader's notifications read; false when it is not theirs. */
export async function markRead(db: Executor, userId: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(db: Executor, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
