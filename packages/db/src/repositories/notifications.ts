// Notifications: a row per recipient (a reply in a discussion they took part in, an answer to
// their question, a shared item addressed to them, an approval or acknowledgement request, a
// reminder, an overdue action, a review due). Rows hold no title: listing reads the subject again
// and checks, in SQL, that the reader may still see it (the compendium entry's TLP rule, the
// question's audience, the shared item's TLP rule and audience, the event's marking, the risk
// assessment's scope), so a notification never reveals what its recipient may not read.
import {
  type Actor,
  type AudienceScope,
  type Deliveries,
  deliveryOf,
  type NotificationKind,
  type OrganisationKind,
  type Role,
  type Scope,
  type SharingViewer,
} from "@bulwark/core";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Database, Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { notificationSettings, notifications, organisations, users } from "../schema.ts";
import { scopeFilter, sqlArray } from "../scope.ts";
import { entryScope } from "./compendium.ts";
import { questionAudience, type Subject } from "./discussions.ts";
import { eventScope } from "./events.ts";
import { policyVersionSql } from "./policy-state.ts";
import { assessmentScope } from "./risk.ts";
import { visibleIncidents, visibleSharedItems } from "./sharing-scope.ts";

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

/** Replies and answers (their subject is a post). */
export async function insertNotifications(
  db: Executor,
  rows: { userId: string; kind: string; postId: string; actorId: string }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const written = await db
    .insert(notifications)
    .values(rows.map((row) => ({ ...row, createdAt: now })))
    .returning({ id: notifications.id });
  await announce(
    db,
    written.map((row) => row.id),
  );
}

/**
 * The channel every written notification is announced on, `{"id": "<notification id>"}`, from the
 * writing transaction (so at its commit): the live hub tells the notification's own recipient.
 */
export const NOTIFICATIONS_CHANNEL = "bulwark_notifications";

async function announce(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`select pg_notify(${NOTIFICATIONS_CHANNEL}, json_build_object('id', id)::text)
      from unnest(${sqlArray(ids, "uuid")}) as id`,
  );
}

/**
 * Which of `ids` belong to which of `userIds`: a notification is heard by its recipient alone (the
 * event carries its id; what it is about is read through listNotifications, under the reader's
 * scopes). With the policy version of the snapshot, as the live hub asks.
 */
export async function notificationsSeenBy(
  db: Executor,
  userIds: readonly string[],
  ids: readonly string[],
): Promise<{ version: number; seen: [string, string][] }> {
  const [row] = rowsOf<{ version: number | string; seen: [string, string][] | string | null }>(
    await db.execute(sql`select ${policyVersionSql} as version,
      (select coalesce(json_agg(json_build_array(n.user_id, n.id)), '[]'::json)
        from notifications as n
        where n.id = any(${sqlArray(ids, "uuid")}) and n.user_id = any(${sqlArray(userIds, "uuid")})) as seen`),
  );
  const seen = typeof row?.seen === "string" ? (JSON.parse(row.seen) as [string, string][]) : row?.seen;
  return { version: Number(row?.version ?? 0), seen: seen ?? [] };
}

/** Everything a reader's notifications may be about, each under the reader's own read scope. */
export interface NotificationScopes extends SubjectScopes {
  sharing: SharingViewer;
  events: Scope;
  risk: Scope;
  /** Compendium proposals: the proposing organisation's, or all (the moderators). */
  proposals: Scope;
}

export type NotificationSubjectType =
  | "shared-item"
  | "event-action"
  | "risk-assessment"
  | "compendium-proposal"
  | "community-invitation"
  | "incident"
  | "incident-task";

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  subjectType: NotificationSubjectType;
  subjectId: string;
  /** At most one notification per user and key (a reminder's key holds its day). */
  dedupeKey: string;
  actorId?: string | null;
}

/**
 * Write notifications, leaving out those whose recipient turned the topic off and those already
 * written under the same key (so running twice adds nothing). Returns how many were written.
 */
export async function notify(db: Executor, rows: readonly NewNotification[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const userIds = [...new Set(rows.map((row) => row.userId))];
  const settings = await db
    .select({ userId: notificationSettings.userId, deliveries: notificationSettings.deliveries })
    .from(notificationSettings)
    .where(inArray(notificationSettings.userId, userIds));
  const deliveries = new Map(settings.map((row) => [row.userId, row.deliveries as Deliveries]));
  const wanted = rows.filter((row) => deliveryOf(deliveries.get(row.userId) ?? {}, row.kind) !== "off");
  if (wanted.length === 0) return 0;
  const written = await db
    .insert(notifications)
    .values(wanted.map((row) => ({ ...row, actorId: row.actorId ?? null, createdAt: now })))
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  await announce(
    db,
    written.map((row) => row.id),
  );
  return written.length;
}

/** Active members of an organisation holding one of `roles`, but not `except`. */
export async function membersWithRoles(
  db: Executor,
  organisationId: string,
  roles: readonly Role[],
  except: string | null = null,
): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select u.id from users as u
      where u.organisation_id = ${organisationId} and u.active and u.roles && ${sqlArray(roles)}
        and u.id is distinct from ${except}::uuid`),
  );
  return rows.map((row) => row.id);
}

export interface NotificationRecord {
  id: string;
  kind: string;
  actor: { id: string; name: string } | null;
  subject: {
    kind:
      | "entry"
      | "question"
      | "shared-item"
      | "event-action"
      | "risk-assessment"
      | "compendium-proposal"
      | "community-invitation"
      | "incident"
      | "incident-task";
    id: string;
    slug: string | null;
    title: string;
    /** A shared item's title as written (its author's organisation reads that; others the public one). */
    asWritten: boolean;
    /** A shared item's title with personal data pseudonymised (what e-mail may carry, at most GREEN). */
    publicTitle: string | null;
    tlp: string | null;
    eventId: string | null;
    /** A sitrep reminder's incident, or an incident task's: for links. */
    incidentId: string | null;
  };
  postId: string | null;
  createdAt: string;
  readAt: string | null;
}

type NotificationRow = {
  id: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  subjectKind: NotificationRecord["subject"]["kind"];
  subjectId: string;
  slug: string | null;
  title: string | null;
  asWritten: boolean;
  publicTitle: string | null;
  tlp: string | null;
  eventId: string | null;
  incidentId: string | null;
  postId: string | null;
  createdAt: Date | string;
  readAt: Date | string | null;
};

const fromNotifications = sql`from notifications as n
  left join discussion_posts as p on p.id = n.post_id
  left join compendium_entries as e on e.id = p.entry_id
  left join questions as q on q.id = p.question_id
  left join shared_items on n.subject_type = 'shared-item' and shared_items.id = n.subject_id
  left join event_actions as a on n.subject_type = 'event-action' and a.id = n.subject_id
  left join events as ev on ev.id = a.event_id
  left join risk_assessments on n.subject_type = 'risk-assessment' and risk_assessments.id = n.subject_id
  left join compendium_proposals as cp on n.subject_type = 'compendium-proposal' and cp.id = n.subject_id
  left join community_invitations as ci on n.subject_type = 'community-invitation' and ci.id = n.subject_id
  left join communities as cm on cm.id = ci.community_id
  left join incident_tasks as it on n.subject_type = 'incident-task' and it.id = n.subject_id
  left join incidents on (n.subject_type = 'incident' and incidents.id = n.subject_id)
    or (n.subject_type = 'incident-task' and incidents.id = it.incident_id)`;

/** The subject exists and the reader may see it now. */
const visibleNotification = (scopes: NotificationScopes): SQL =>
  sql`(${visibleSubject(scopes)}
    or (shared_items.id is not null and ${visibleSharedItems(scopes.sharing)})
    or (a.id is not null and ${eventScope(scopes.events, "ev")})
    or (risk_assessments.id is not null and ${assessmentScope(scopes.risk) ?? sql`true`})
    or (cp.id is not null and ${scopeFilter(scopes.proposals, (organisationId) => sql`cp.organisation_id = ${organisationId}`) ?? sql`true`})
    or (ci.id is not null and ci.organisation_id = ${scopes.sharing.organisationId})
    or (incidents.id is not null and ${visibleIncidents(scopes.sharing)}))`;

/** The reader's notifications about subjects they may still see: unread first, newest first. */
export async function listNotifications(
  db: Executor,
  userId: string,
  scopes: NotificationScopes,
  page: { limit: number; offset: number; ids?: readonly string[] },
): Promise<{ total: number; items: NotificationRecord[] }> {
  const only = page.ids ? sql` and n.id = any(${sqlArray(page.ids, "uuid")})` : sql``;
  const where = sql`n.user_id = ${userId} and ${visibleNotification(scopes)}${only}`;
  const own = scopes.sharing.organisationId;
  const [items, counted] = await Promise.all([
    db.execute(sql`select n.id, n.kind, n.actor_id as "actorId", actor.name as "actorName",
        case when e.id is not null then 'entry' when q.id is not null then 'question'
          when shared_items.id is not null then 'shared-item' when a.id is not null then 'event-action'
          when risk_assessments.id is not null then 'risk-assessment'
          when cp.id is not null then 'compendium-proposal' when ci.id is not null then 'community-invitation'
          when it.id is not null then 'incident-task' else 'incident' end as "subjectKind",
        coalesce(e.id, q.id, shared_items.id, a.id, risk_assessments.id, cp.id, ci.id, it.id, incidents.id) as "subjectId",
        e.slug,
        coalesce(e.title, q.title,
          case when shared_items.author_organisation_id = ${own} then shared_items.title
            else shared_items.public_title end,
          a.title, risk_assessments.title, cp.title, cm.name, it.title, incidents.title) as title,
        coalesce(shared_items.author_organisation_id = ${own}, false) as "asWritten",
        shared_items.public_title as "publicTitle",
        shared_items.tlp, a.event_id as "eventId", incidents.id as "incidentId",
        n.post_id as "postId", n.created_at as "createdAt", n.read_at as "readAt"
      ${fromNotifications}
      left join users as actor on actor.id = n.actor_id
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
      subject: {
        kind: row.subjectKind,
        id: row.subjectId,
        slug: row.slug,
        title: row.title ?? "",
        asWritten: row.asWritten,
        publicTitle: row.publicTitle,
        tlp: row.tlp,
        eventId: row.eventId,
        incidentId: row.incidentId,
      },
      postId: row.postId,
      createdAt: new Date(row.createdAt).toISOString(),
      readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
    })),
  };
}

export async function unreadCount(db: Executor, userId: string, scopes: NotificationScopes): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as count ${fromNotifications}
      where n.user_id = ${userId} and n.read_at is null and ${visibleNotification(scopes)}`,
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

// ---- Settings ------------------------------------------------------------------------------------

export interface NotificationSettingsRecord {
  deliveries: Deliveries;
  language: string;
}

export async function readNotificationSettings(
  db: Executor,
  userId: string,
): Promise<NotificationSettingsRecord> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row
    ? { deliveries: row.deliveries as Deliveries, language: row.language }
    : { deliveries: {}, language: "en" };
}

/** Merge `change` into the person's settings (the topics it names; the language if given). */
export async function saveNotificationSettings(
  db: Executor,
  userId: string,
  change: { deliveries?: Deliveries | undefined; language?: string | undefined },
  now: Date,
): Promise<void> {
  const deliveries = JSON.stringify(change.deliveries ?? {});
  await db
    .insert(notificationSettings)
    .values({
      userId,
      deliveries: change.deliveries ?? {},
      language: change.language ?? "en",
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: notificationSettings.userId,
      set: {
        deliveries: sql`${notificationSettings.deliveries} || ${deliveries}::jsonb`,
        language: change.language ?? sql`${notificationSettings.language}`,
        updatedAt: now,
      },
    });
}

// ---- What reminders are due ---------------------------------------------------------------------

// One reminder run at a time across every process on the database (a transaction-scoped lock).
const NOTIFY_LOCK = sql`select pg_try_advisory_xact_lock(7236423474) as locked`;

/**
 * Run `work` in a transaction holding the notifications' advisory lock; null (and nothing done)
 * when another process holds it.
 */
export async function underNotificationLock<T>(
  db: Database,
  work: (tx: Executor) => Promise<T>,
): Promise<T | null> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(NOTIFY_LOCK));
    if (!lock?.locked) return null;
    return work(tx);
  });
}

/** Items awaiting approval since before `since`. */
export async function itemsAwaitingApproval(
  db: Executor,
  since: Date,
): Promise<{ id: string; authorId: string; authorOrganisationId: string }[]> {
  return rowsOf(
    await db.execute(sql`select id, author_id as "authorId", author_organisation_id as "authorOrganisationId"
      from shared_items where status = 'awaiting-approval' and updated_at < ${since.toISOString()}::timestamptz`),
  );
}

/** Published items whose publication lies between `from` and `to`. */
export async function itemsPublishedBetween(
  db: Executor,
  from: Date,
  to: Date,
): Promise<{ id: string; tlp: string; authorId: string; authorOrganisationId: string }[]> {
  return rowsOf(
    await db.execute(sql`select id, tlp, author_id as "authorId", author_organisation_id as "authorOrganisationId"
      from shared_items where status = 'published'
        and published_at >= ${from.toISOString()}::timestamptz and published_at < ${to.toISOString()}::timestamptz`),
  );
}

/** Open actions (not done or dropped) due on or before `dueBy`. */
export async function openActionsDueBy(
  db: Executor,
  dueBy: string,
  closed: readonly string[],
): Promise<{ id: string; ownerOrganisationId: string; ownerUserId: string | null; dueOn: string }[]> {
  return rowsOf(
    await db.execute(sql`select id, owner_organisation_id as "ownerOrganisationId", owner_user_id as "ownerUserId",
        due_on::text as "dueOn"
      from event_actions where not (status = any(${sqlArray(closed)})) and due_on <= ${dueBy}::date`),
  );
}

/** Assessments whose review date is on or before `reviewBy`. */
export async function assessmentsDueBy(
  db: Executor,
  reviewBy: string,
): Promise<{ id: string; organisationId: string; reviewDate: string }[]> {
  return rowsOf(
    await db.execute(sql`select id, organisation_id as "organisationId", review_date::text as "reviewDate"
      from risk_assessments where review_date <= ${reviewBy}::date`),
  );
}

// ---- E-mail ---------------------------------------------------------------------------------------

export interface PendingMail {
  id: string;
  userId: string;
  kind: NotificationKind;
  createdAt: Date;
  deliveries: Deliveries;
  language: string;
}

/**
 * Notifications not yet mailed, written since `since`, of people who chose e-mail or a digest for
 * some topic and are still active (the caller decides which go out, by each person's choice).
 */
export async function pendingMail(db: Executor, since: Date): Promise<PendingMail[]> {
  const rows = rowsOf<Omit<PendingMail, "createdAt"> & { createdAt: string | Date }>(
    await db.execute(sql`select n.id, n.user_id as "userId", n.kind, n.created_at as "createdAt",
        s.deliveries, s.language
      from notifications as n
      join notification_settings as s on s.user_id = n.user_id
      join users as u on u.id = n.user_id and u.active
      where n.emailed_at is null and n.created_at >= ${since.toISOString()}::timestamptz
        and exists (select 1 from jsonb_each_text(s.deliveries) as d where d.value in ('email', 'digest'))
      order by n.user_id, n.created_at, n.id`),
  );
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** The address a person's e-mail goes to (read only by the mailer; never logged). */
export async function mailAddressOf(db: Executor, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email ?? null;
}

export async function markEmailed(db: Executor, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({ emailedAt: now })
    .where(and(inArray(notifications.id, [...ids]), isNull(notifications.emailedAt)));
}

/** Active people holding one of `roles`, as the policy sees them (for asking the policy who they are). */
export async function activeActorsWithRoles(db: Executor, roles: readonly Role[]): Promise<Actor[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id from users where active and roles && ${sqlArray(roles)}`),
  );
  return actorsOf(
    db,
    rows.map((row) => row.id),
  );
}
