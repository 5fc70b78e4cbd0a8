// Workshops and events: the events themselves (their parts are in event-parts.ts). Every read
// takes the policy's scope: a `marking` scope becomes the TLP rule with the host organisation as
// owner; participant names have a scope of their own (participantNamesVisible).
import type { ParticipantScope, Scope } from "@bulwark/core";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { events } from "../schema.ts";
import { likePattern, markedFor, scopeFilter } from "../scope.ts";

/** A timestamptz as RFC 3339 UTC text with milliseconds (the same on PGlite and node-postgres). */
export const eventTimeText = (column: SQL): SQL =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The events an actor may see, for a query that names the events table `alias`. */
export const eventScope = (scope: Scope, alias = "events"): SQL =>
  scopeFilter(
    scope,
    () => sql`false`,
    (organisationId) => markedFor(alias, "host_organisation_id", organisationId),
  ) ?? sql`true`;

/** Whether the participant list of the event `eventId` (an SQL expression) shows names. */
export const participantNamesVisible = (scope: ParticipantScope, eventId: SQL): SQL =>
  scope.kind === "all"
    ? sql`true`
    : sql`(exists (select 1 from events as host where host.id = ${eventId} and host.host_organisation_id = ${scope.organisationId})
        or exists (select 1 from event_participants as me where me.event_id = ${eventId} and me.user_id = ${scope.userId}))`;

export interface EventRecord {
  id: string;
  kind: string;
  title: string;
  summary: string;
  host: { id: string; name: string };
  region: string;
  countries: string[];
  venue: string;
  startsOn: string;
  endsOn: string;
  marking: string;
  participants: number;
  actions: number;
  createdAt: string;
  updatedAt: string;
}

interface EventRow extends Omit<EventRecord, "host" | "participants" | "actions"> {
  host_id: string;
  host_name: string;
  participants: number | string;
  actions: number | string;
}

const eventSelect = sql`select events.id, events.kind, events.title, events.summary,
    events.host_organisation_id as host_id, host.name as host_name, events.region, events.countries,
    events.venue, events.starts_on::text as "startsOn", events.ends_on::text as "endsOn", events.marking,
    ${eventTimeText(sql`events.created_at`)} as "createdAt", ${eventTimeText(sql`events.updated_at`)} as "updatedAt",
    (select count(*) from event_participants as p where p.event_id = events.id) as participants,
    (select count(*) from event_actions as a where a.event_id = events.id) as actions
  from events join organisations as host on host.id = events.host_organisation_id`;

const presentEvent = ({ host_id, host_name, participants, actions, ...row }: EventRow): EventRecord => ({
  ...row,
  host: { id: host_id, name: host_name },
  participants: Number(participants),
  actions: Number(actions),
});

export interface EventFilter {
  when: "upcoming" | "past" | "all";
  /** Today's date (YYYY-MM-DD): an event is upcoming until its last day has passed. */
  today: string;
  kind?: string | undefined;
  region?: string | undefined;
  country?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export async function listEvents(
  db: Executor,
  scope: Scope,
  filter: EventFilter,
): Promise<{ items: EventRecord[]; total: number; counts: { upcoming: number; past: number } }> {
  const conditions: SQL[] = [eventScope(scope)];
  if (filter.kind) conditions.push(sql`events.kind = ${filter.kind}`);
  if (filter.region) conditions.push(sql`events.region = ${filter.region}`);
  if (filter.country) conditions.push(sql`${filter.country} = any(events.countries)`);
  if (filter.q)
    conditions.push(
      sql`(events.title ilike ${likePattern(filter.q)} or events.venue ilike ${likePattern(filter.q)})`,
    );
  const visible = sql.join(conditions, sql` and `);
  const when =
    filter.when === "upcoming"
      ? sql`events.ends_on >= ${filter.today}::date`
      : filter.when === "past"
        ? sql`events.ends_on < ${filter.today}::date`
        : sql`true`;
  // Upcoming soonest first; past most recent first.
  const order =
    filter.when === "past"
      ? sql`events.starts_on desc, events.title`
      : sql`(events.ends_on < ${filter.today}::date), events.starts_on, events.title`;
  const [items, counts] = await Promise.all([
    db.execute(
      sql`${eventSelect} where ${visible} and ${when} order by ${order} limit ${filter.limit} offset ${filter.offset}`,
    ),
    db.execute(sql`select count(*) filter (where events.ends_on >= ${filter.today}::date) as upcoming,
        count(*) filter (where events.ends_on < ${filter.today}::date) as past
      from events where ${visible}`),
  ]);
  const count = rowsOf<{ upcoming: string | number; past: string | number }>(counts)[0];
  const upcoming = Number(count?.upcoming ?? 0);
  const past = Number(count?.past ?? 0);
  return {
    items: rowsOf<EventRow>(items).map(presentEvent),
    total: filter.when === "upcoming" ? upcoming : filter.when === "past" ? past : upcoming + past,
    counts: { upcoming, past },
  };
}

export async function findEvent(db: Executor, scope: Scope, id: string): Promise<EventRecord | null> {
  const [row] = rowsOf<EventRow>(
    await db.execute(sql`${eventSelect} where events.id = ${id} and ${eventScope(scope)}`),
  );
  return row ? presentEvent(row) : null;
}

export interface EventInput {
  kind: string;
  title: string;
  summary: string;
  hostOrganisationId: string;
  region: string;
  countries: string[];
  venue: string;
  startsOn: string;
  endsOn: string;
  marking: string;
}

export async function insertEvent(db: Executor, input: EventInput, now: Date): Promise<string> {
  const [row] = await db
    .insert(events)
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning({ id: events.id });
  if (!row) throw new Error("The event was not created.");
  return row.id;
}

export async function updateEvent(
  db: Executor,
  id: string,
  input: Partial<Omit<EventInput, "hostOrganisationId">>,
  now: Date,
): Promise<void> {
  await db
    .update(events)
    .set({ ...input, updatedAt: now })
    .where(eq(events.id, id));
}

/** Marks the event changed (its parts changed). */
export async function touchEvent(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(events).set({ updatedAt: now }).where(eq(events.id, id));
}
