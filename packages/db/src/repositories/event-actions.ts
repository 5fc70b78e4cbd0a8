// Follow-up actions of events, per country, tracked to done: one place says what "overdue" means,
// and the tracker reads every action of the events the caller may see, with counts per status and
// progress per country.
import { CLOSED_ACTION_STATUSES, type ParticipantScope, type Scope } from "@bulwark/core";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { eventActionNotes, eventActions } from "../schema.ts";
import { sqlArray } from "../scope.ts";
import { eventScope, eventTimeText, participantNamesVisible } from "./events.ts";

/** Overdue: not done or dropped, and the due date is before today. The only definition. */
export const actionOverdueSql = (today: string, alias = "a"): SQL => {
  const action = sql.raw(`"${alias}"`);
  return sql`(not (${action}.status = any(${sqlArray(CLOSED_ACTION_STATUSES)})) and ${action}.due_on < ${today}::date)`;
};

export interface EventActionRecord {
  id: string;
  event: { id: string; title: string; hostOrganisationId: string };
  country: string;
  title: string;
  description: string;
  ownerOrganisation: { id: string; name: string };
  ownerUser: { id: string; name: string } | null;
  dueOn: string;
  status: string;
  doneOn: string | null;
  overdue: boolean;
  notes: { at: string; status: string; note: string; author: { id: string; name: string } | null }[];
}

export interface EventActionFilter {
  eventId?: string | undefined;
  actionId?: string | undefined;
  country?: string | undefined;
  status?: string | undefined;
  ownerOrganisationId?: string | undefined;
  overdue?: boolean | undefined;
}

export interface EventActionViewer {
  /** The events' read scope. */
  scope: Scope;
  /** Whose names the viewer reads: owner people and note authors follow the participant rule. */
  names: ParticipantScope;
  organisationId: string;
  today: string;
}

/** A person's name, for the owner organisation's members and those who read the event's participants. */
const personName = (viewer: EventActionViewer, name: SQL, organisationId: SQL) =>
  sql`case when ${organisationId} = ${viewer.organisationId} or ${participantNamesVisible(viewer.names, sql`a.event_id`)}
    then ${name} end`;

function conditions(viewer: EventActionViewer, filter: EventActionFilter, withStatus: boolean): SQL {
  const parts: SQL[] = [eventScope(viewer.scope, "ev")];
  if (filter.eventId) parts.push(sql`a.event_id = ${filter.eventId}`);
  if (filter.actionId) parts.push(sql`a.id = ${filter.actionId}`);
  if (filter.country) parts.push(sql`a.country = ${filter.country}`);
  if (filter.ownerOrganisationId) parts.push(sql`a.owner_organisation_id = ${filter.ownerOrganisationId}`);
  if (withStatus && filter.status) parts.push(sql`a.status = ${filter.status}`);
  if (withStatus && filter.overdue !== undefined)
    parts.push(filter.overdue ? actionOverdueSql(viewer.today) : sql`not ${actionOverdueSql(viewer.today)}`);
  return sql.join(parts, sql` and `);
}

const FROM = sql`from event_actions as a join events as ev on ev.id = a.event_id`;

interface ActionRow {
  id: string;
  event_id: string;
  event_title: string;
  host_id: string;
  country: string;
  title: string;
  description: string;
  owner_organisation_id: string;
  owner_organisation_name: string;
  owner_user_id: string | null;
  owner_user_name: string | null;
  due_on: string;
  status: string;
  done_on: string | null;
  overdue: boolean;
  notes: { at: string; status: string; note: string; author_id: string | null; author_name: string | null }[];
}

export async function listEventActions(
  db: Executor,
  viewer: EventActionViewer,
  filter: EventActionFilter,
  page: { limit: number; offset: number } = { limit: 500, offset: 0 },
): Promise<{ items: EventActionRecord[]; total: number }> {
  const where = conditions(viewer, filter, true);
  const [rows, totals] = await Promise.all([
    db.execute(sql`select a.id, a.event_id, ev.title as event_title, ev.host_organisation_id as host_id, a.country,
        a.title, a.description, a.owner_organisation_id, owner.name as owner_organisation_name,
        a.owner_user_id, ${personName(viewer, sql`person.name`, sql`person.organisation_id`)} as owner_user_name,
        a.due_on::text as due_on, a.status, a.done_on::text as done_on, ${actionOverdueSql(viewer.today)} as overdue,
        coalesce((select jsonb_agg(jsonb_build_object('at', ${eventTimeText(sql`n.created_at`)}, 'status', n.status,
                    'note', n.note, 'author_id', n.author_id,
                    'author_name', ${personName(viewer, sql`author.name`, sql`author.organisation_id`)})
                    order by n.position)
                  from event_action_notes as n left join users as author on author.id = n.author_id
                  where n.action_id = a.id), '[]'::jsonb) as notes
      ${FROM}
      join organisations as owner on owner.id = a.owner_organisation_id
      left join users as person on person.id = a.owner_user_id
      where ${where}
      order by ${actionOverdueSql(viewer.today)} desc, a.due_on, a.country, a.title
      limit ${page.limit} offset ${page.offset}`),
    db.execute(sql`select count(*) as total ${FROM} where ${where}`),
  ]);
  return {
    items: rowsOf<ActionRow>(rows).map((row) => ({
      id: row.id,
      event: { id: row.event_id, title: row.event_title, hostOrganisationId: row.host_id },
      country: row.country,
      title: row.title,
      description: row.description,
      ownerOrganisation: { id: row.owner_organisation_id, name: row.owner_organisation_name },
      ownerUser:
        row.owner_user_id && row.owner_user_name
          ? { id: row.owner_user_id, name: row.owner_user_name }
          : null,
      dueOn: row.due_on,
      status: row.status,
      doneOn: row.done_on,
      overdue: row.overdue,
      notes: row.notes.map((note) => ({
        at: note.at,
        status: note.status,
        note: note.note,
        author: note.author_id && note.author_name ? { id: note.author_id, name: note.author_name } : null,
      })),
    })),
    total: Number(rowsOf<{ total: string | number }>(totals)[0]?.total ?? 0),
  };
}

/** Counts per status and overdue (every filter but those two), and progress per country. */
export async function eventActionCounts(db: Executor, viewer: EventActionViewer, filter: EventActionFilter) {
  const where = conditions(viewer, filter, false);
  const [statuses, countries] = await Promise.all([
    db.execute(sql`select a.status, count(*) as count, count(*) filter (where ${actionOverdueSql(viewer.today)}) as overdue
      ${FROM} where ${where} group by a.status`),
    db.execute(sql`select a.country, count(*) as total, count(*) filter (where a.status = 'done') as done,
        count(*) filter (where ${actionOverdueSql(viewer.today)}) as overdue
      ${FROM} where ${where} and a.status <> 'dropped' group by a.country order by a.country`),
  ]);
  const counts = { open: 0, "in-progress": 0, done: 0, dropped: 0, overdue: 0 };
  for (const row of rowsOf<{ status: string; count: string | number; overdue: string | number }>(statuses)) {
    if (
      row.status === "open" ||
      row.status === "in-progress" ||
      row.status === "done" ||
      row.status === "dropped"
    )
      counts[row.status] = Number(row.count);
    counts.overdue += Number(row.overdue);
  }
  return {
    counts,
    countries: rowsOf<{
      country: string;
      total: string | number;
      done: string | number;
      overdue: string | number;
    }>(countries).map((row) => ({
      country: row.country,
      total: Number(row.total),
      done: Number(row.done),
      overdue: Number(row.overdue),
    })),
  };
}

export interface EventActionInput {
  country: string;
  title: string;
  description: string;
  ownerOrganisationId: string;
  ownerUserId: string | null;
  dueOn: string;
}

export async function insertEventAction(
  db: Executor,
  eventId: string,
  input: EventActionInput,
  authorId: string | null,
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(eventActions)
    .values({ eventId, ...input, status: "open", createdAt: now, updatedAt: now })
    .returning({ id: eventActions.id });
  if (!row) throw new Error("The action was not created.");
  await db
    .insert(eventActionNotes)
    .values({ actionId: row.id, position: 1, authorId, status: "open", note: "Created.", createdAt: now });
  return row.id;
}

/** Apply a change and log it with its note; `doneOn` is set when done and cleared otherwise. */
export async function updateEventAction(
  db: Executor,
  id: string,
  change: { status: string; dueOn?: string | undefined; doneOn: string | null; note: string },
  authorId: string | null,
  now: Date,
): Promise<void> {
  await db
    .update(eventActions)
    .set({
      status: change.status,
      doneOn: change.doneOn,
      ...(change.dueOn ? { dueOn: change.dueOn } : {}),
      updatedAt: now,
    })
    .where(eq(eventActions.id, id));
  const [last] = rowsOf<{ position: number | null }>(
    await db.execute(sql`select max(position) as position from event_action_notes where action_id = ${id}`),
  );
  await db.insert(eventActionNotes).values({
    actionId: id,
    position: (last?.position ?? 0) + 1,
    authorId,
    status: change.status,
    note: change.note,
    createdAt: now,
  });
}
