// The incident board's log and tasks. Every read takes the viewer and filters in SQL with
// incident-board-scope.ts: an entry or a task of an incident the viewer may not see, or an entry
// whose marking keeps it from them, is never read, counted or announced to them. A new entry is
// announced on INCIDENTS_CHANNEL as `{"id": <entry>, "kind": "incident-log"}` in its transaction;
// the live stream asks visibleLogEntries who may hear of it (logEntriesSeenBy).
import type { Role, SharingViewer } from "@bulwark/core";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { incidentLogEntries, incidentLogRecipients, incidentTasks } from "../schema.ts";
import { iso, isoOrNull, sqlArray } from "../scope.ts";
import { incidentSeen, visibleLogEntries } from "./incident-board-scope.ts";
import { INCIDENTS_CHANNEL } from "./incidents.ts";
import { policyVersionSql } from "./policy-state.ts";

/** The kind of an entry's announcement on INCIDENTS_CHANNEL (and the event's name on the stream). */
export const INCIDENT_LOG_KIND = "incident-log";

export interface LogEntryRecord {
  id: string;
  incidentId: string;
  author: { id: string; name: string };
  organisation: { id: string; name: string };
  at: string;
  text: string;
  significant: boolean;
  tlp: string;
  recipients: { id: string; name: string }[];
}

export async function insertLogEntry(
  db: Executor,
  input: {
    incidentId: string;
    authorId: string;
    authorOrganisationId: string;
    text: string;
    significant: boolean;
    tlp: string;
    recipientIds: readonly string[];
    now: Date;
  },
): Promise<string> {
  const { recipientIds, now, ...fields } = input;
  const [row] = await db
    .insert(incidentLogEntries)
    .values({ ...fields, at: now })
    .returning({ id: incidentLogEntries.id });
  if (!row) throw new Error("The entry was not recorded.");
  if (recipientIds.length > 0)
    await db
      .insert(incidentLogRecipients)
      .values(recipientIds.map((userId) => ({ entryId: row.id, userId })));
  await db.execute(
    sql`select pg_notify(${INCIDENTS_CHANNEL}, ${JSON.stringify({ id: row.id, kind: INCIDENT_LOG_KIND })})`,
  );
  return row.id;
}

const entryColumns = (viewer: SharingViewer) => ({
  entry: incidentLogEntries,
  authorName: sql<string>`(select name from users where users.id = incident_log_entries.author_id)`,
  organisationName: sql<string>`(select name from organisations where organisations.id = incident_log_entries.author_organisation_id)`,
  // The people a RED entry names are shown to its author only (a confidential audience).
  recipients: sql<
    { id: string; name: string }[] | string | null
  >`case when incident_log_entries.author_id = ${viewer.userId}
    then (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name, u.id), '[]'::json)
      from incident_log_recipients as r join users as u on u.id = r.user_id
      where r.entry_id = incident_log_entries.id) end`,
});

type EntryRow = {
  entry: typeof incidentLogEntries.$inferSelect;
  authorName: string;
  organisationName: string;
  recipients: { id: string; name: string }[] | string | null;
};

const presentEntry = ({ entry, authorName, organisationName, recipients }: EntryRow): LogEntryRecord => ({
  id: entry.id,
  incidentId: entry.incidentId,
  author: { id: entry.authorId, name: authorName },
  organisation: { id: entry.authorOrganisationId, name: organisationName },
  at: iso(entry.at),
  text: entry.text,
  significant: entry.significant,
  tlp: entry.tlp,
  recipients: (typeof recipients === "string" ? JSON.parse(recipients) : recipients) ?? [],
});

export async function findLogEntry(
  db: Executor,
  viewer: SharingViewer,
  id: string,
): Promise<LogEntryRecord | null> {
  const [row] = await db
    .select(entryColumns(viewer))
    .from(incidentLogEntries)
    .where(and(eq(incidentLogEntries.id, id), visibleLogEntries(viewer)));
  return row ? presentEntry(row) : null;
}

/** The entries of an incident the viewer may read, newest first, with how many they may read in all. */
export async function listLogEntries(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
  filter: { significant?: boolean | undefined; limit: number; offset: number },
): Promise<{ items: LogEntryRecord[]; total: number }> {
  const conditions: SQL[] = [eq(incidentLogEntries.incidentId, incidentId), visibleLogEntries(viewer)];
  if (filter.significant !== undefined)
    conditions.push(eq(incidentLogEntries.significant, filter.significant));
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select(entryColumns(viewer))
      .from(incidentLogEntries)
      .where(where)
      .orderBy(desc(incidentLogEntries.at), desc(incidentLogEntries.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(incidentLogEntries).where(where),
  ]);
  return { items: rows.map(presentEntry), total: Number(count?.total ?? 0) };
}

/**
 * Which of `userIds` (people of one organisation, with its roles and communities) may read which
 * of `entryIds`, by visibleLogEntries: one query, with the policy version of its snapshot, and
 * each entry's incident (the event names it).
 */
export async function logEntriesSeenBy(
  db: Executor,
  viewer: Omit<SharingViewer, "userId">,
  userIds: readonly string[],
  entryIds: readonly string[],
): Promise<{ version: number; seen: [userId: string, entryId: string, incidentId: string][] }> {
  const visible = visibleLogEntries({ ...viewer, userId: sql`reader.user_id` });
  const [row] = rowsOf<{ version: number | string; seen: [string, string, string][] | string | null }>(
    await db.execute(sql`select ${policyVersionSql} as version,
      (select coalesce(json_agg(json_build_array(reader.user_id, incident_log_entries.id, incident_log_entries.incident_id)), '[]'::json)
        from unnest(${sqlArray(userIds, "uuid")}) as reader(user_id)
        join incident_log_entries on incident_log_entries.id = any(${sqlArray(entryIds, "uuid")})
          and ${visible}) as seen`),
  );
  const seen =
    typeof row?.seen === "string" ? (JSON.parse(row.seen) as [string, string, string][]) : row?.seen;
  return { version: Number(row?.version ?? 0), seen: seen ?? [] };
}

export interface TaskRecord {
  id: string;
  incidentId: string;
  title: string;
  description: string;
  assignee: { kind: "organisation" | "user"; id: string; name: string; organisationId: string };
  dueAt: string | null;
  status: string;
  overdue: boolean;
  createdBy: { id: string; name: string };
  organisation: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
}

/** Overdue by the server's clock: due before `now`, neither done nor cancelled (isTaskOverdue of core). */
export const overdueSql = (now: Date): SQL =>
  sql`(incident_tasks.due_at is not null and incident_tasks.due_at < ${now.toISOString()}::timestamptz
    and incident_tasks.status not in ('done', 'cancelled'))`;

export const taskColumns = (now: Date) => ({
  task: incidentTasks,
  assigneeName: sql<string>`coalesce(
    (select name from organisations where organisations.id = incident_tasks.assignee_organisation_id),
    (select name from users where users.id = incident_tasks.assignee_user_id))`,
  assigneeOrganisationId: sql<string>`coalesce(incident_tasks.assignee_organisation_id,
    (select organisation_id from users where users.id = incident_tasks.assignee_user_id))`,
  creatorName: sql<string>`(select name from users where users.id = incident_tasks.created_by)`,
  creatorOrganisationName: sql<string>`(select name from organisations where organisations.id = incident_tasks.created_by_organisation_id)`,
  overdue: sql<boolean>`${overdueSql(now)}`,
});

export type TaskRow = {
  task: typeof incidentTasks.$inferSelect;
  assigneeName: string;
  assigneeOrganisationId: string;
  creatorName: string;
  creatorOrganisationName: string;
  overdue: boolean;
};

export const presentTask = (row: TaskRow): TaskRecord => {
  const { task } = row;
  return {
    id: task.id,
    incidentId: task.incidentId,
    title: task.title,
    description: task.description,
    assignee: {
      kind: task.assigneeUserId ? "user" : "organisation",
      id: task.assigneeUserId ?? task.assigneeOrganisationId ?? "",
      name: row.assigneeName,
      organisationId: row.assigneeOrganisationId,
    },
    dueAt: isoOrNull(task.dueAt),
    status: task.status,
    overdue: row.overdue === true || String(row.overdue) === "true",
    createdBy: { id: task.createdBy, name: row.creatorName },
    organisation: { id: task.createdByOrganisationId, name: row.creatorOrganisationName },
    createdAt: iso(task.createdAt),
    updatedAt: iso(task.updatedAt),
    acknowledgedAt: isoOrNull(task.acknowledgedAt),
  };
};

export async function findTask(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
  taskId: string,
  now: Date,
): Promise<TaskRecord | null> {
  const [row] = await db
    .select(taskColumns(now))
    .from(incidentTasks)
    .where(
      and(
        eq(incidentTasks.id, taskId),
        eq(incidentTasks.incidentId, incidentId),
        incidentSeen(viewer, sql`incident_tasks.incident_id`),
      ),
    );
  return row ? presentTask(row) : null;
}

/** The incident's tasks (for those who see it), by due time (none last), with the overdue count. */
export async function listTasks(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
  now: Date,
  filter: { status?: string | undefined; overdue?: boolean | undefined; limit: number; offset: number },
): Promise<{ items: TaskRecord[]; total: number; overdue: number }> {
  const base: SQL[] = [
    eq(incidentTasks.incidentId, incidentId),
    incidentSeen(viewer, sql`incident_tasks.incident_id`),
  ];
  const conditions = [...base];
  if (filter.status) conditions.push(eq(incidentTasks.status, filter.status));
  if (filter.overdue !== undefined)
    conditions.push(filter.overdue ? overdueSql(now) : sql`not ${overdueSql(now)}`);
  const where = and(...conditions);
  const [rows, [count], [late]] = await Promise.all([
    db
      .select(taskColumns(now))
      .from(incidentTasks)
      .where(where)
      .orderBy(sql`incident_tasks.due_at asc nulls last`, asc(incidentTasks.createdAt), asc(incidentTasks.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(incidentTasks).where(where),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(incidentTasks)
      .where(and(...base, overdueSql(now))),
  ]);
  return {
    items: rows.map(presentTask),
    total: Number(count?.total ?? 0),
    overdue: Number(late?.total ?? 0),
  };
}

export interface TaskFields {
  title: string;
  description: string;
  assigneeOrganisationId: string | null;
  assigneeUserId: string | null;
  dueAt: Date | null;
}

export async function insertTask(
  db: Executor,
  input: TaskFields & { incidentId: string; createdBy: string; createdByOrganisationId: string; now: Date },
): Promise<string> {
  const { now, ...fields } = input;
  const [row] = await db
    .insert(incidentTasks)
    .values({ ...fields, status: "open", createdAt: now, updatedAt: now })
    .returning({ id: incidentTasks.id });
  if (!row) throw new Error("The task was not recorded.");
  return row.id;
}

export async function updateTask(
  db: Executor,
  id: string,
  change: Partial<TaskFields> & { status?: string | undefined },
  now: Date,
): Promise<void> {
  const set: Partial<typeof incidentTasks.$inferInsert> = { updatedAt: now };
  for (const key of [
    "title",
    "description",
    "assigneeOrganisationId",
    "assigneeUserId",
    "dueAt",
    "status",
  ] as const)
    if (change[key] !== undefined) Object.assign(set, { [key]: change[key] });
  // Moved on by its assignee: acknowledged then, if it was not before.
  if (change.status && change.status !== "cancelled")
    Object.assign(set, {
      acknowledgedAt: sql`coalesce(incident_tasks.acknowledged_at, ${now.toISOString()}::timestamptz)`,
    });
  await db.update(incidentTasks).set(set).where(eq(incidentTasks.id, id));
}

/** The organisations tasks of the incident are assigned to (or whose member they are assigned to). */
export async function taskOrganisationsOf(db: Executor, incidentId: string): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select distinct coalesce(t.assignee_organisation_id, u.organisation_id) as id
      from incident_tasks as t left join users as u on u.id = t.assignee_user_id
      where t.incident_id = ${incidentId}`),
  );
  return rows.map((row) => row.id);
}

/** Active people by id, with their organisation and roles (to ask what they may see). */
export async function activePeople(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { organisationId: string; roles: Role[] }>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<{ id: string; organisation_id: string; roles: string[] }>(
    await db.execute(sql`select id, organisation_id, roles from users
      where id = any(${sqlArray(ids, "uuid")}) and active`),
  );
  return new Map(
    rows.map((row) => [row.id, { organisationId: row.organisation_id, roles: row.roles as Role[] }]),
  );
}

/** Whether an organisation of this id exists. */
export async function organisationExists(db: Executor, id: string): Promise<boolean> {
  return rowsOf(await db.execute(sql`select 1 from organisations where id = ${id}`)).length > 0;
}
