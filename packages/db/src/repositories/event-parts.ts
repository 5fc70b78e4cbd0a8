// The parts of an event: agenda sessions, materials (a compendium entry appears only under the
// compendium's own rule), participants (names only under the participant scope; counts for all
// who see the event) and outcomes. Callers have checked that the event is visible.
import type { ParticipantScope, Scope } from "@bulwark/core";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { eventMaterials, eventOutcomes, eventParticipants, eventSessions } from "../schema.ts";
import { sqlArray } from "../scope.ts";
import { entryScope } from "./compendium.ts";
import { eventTimeText, participantNamesVisible } from "./events.ts";

// Sessions ------------------------------------------------------------------------------------

export interface EventSessionRecord {
  id: string;
  startsAt: string;
  endsAt: string;
  title: string;
  description: string;
  speakerIds: string[];
}

export async function listEventSessions(db: Executor, eventId: string): Promise<EventSessionRecord[]> {
  return rowsOf<EventSessionRecord>(
    await db.execute(sql`select id, ${eventTimeText(sql`starts_at`)} as "startsAt", ${eventTimeText(sql`ends_at`)} as "endsAt",
        title, description, speaker_ids::text[] as "speakerIds"
      from event_sessions where event_id = ${eventId} order by starts_at, title`),
  );
}

export async function insertEventSession(
  db: Executor,
  eventId: string,
  input: { startsAt: string; endsAt: string; title: string; description: string; speakerIds: string[] },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(eventSessions)
    .values({
      eventId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      title: input.title,
      description: input.description,
      speakerIds: input.speakerIds,
      createdAt: now,
    })
    .returning({ id: eventSessions.id });
  if (!row) throw new Error("The session was not created.");
  return row.id;
}

/** Replace a session's times, text and speakers; false when the event has no such session. */
export async function updateEventSession(
  db: Executor,
  eventId: string,
  id: string,
  input: { startsAt: string; endsAt: string; title: string; description: string; speakerIds: string[] },
): Promise<boolean> {
  const rows = await db
    .update(eventSessions)
    .set({
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      title: input.title,
      description: input.description,
      speakerIds: input.speakerIds,
    })
    .where(and(eq(eventSessions.eventId, eventId), eq(eventSessions.id, id)))
    .returning({ id: eventSessions.id });
  return rows.length > 0;
}

export async function eventSessionExists(db: Executor, eventId: string, sessionId: string): Promise<boolean> {
  const rows = await db
    .select({ id: eventSessions.id })
    .from(eventSessions)
    .where(and(eq(eventSessions.eventId, eventId), eq(eventSessions.id, sessionId)));
  return rows.length > 0;
}

type PartTable =
  | typeof eventSessions
  | typeof eventMaterials
  | typeof eventParticipants
  | typeof eventOutcomes;

/** Delete one part of an event; false when the event has no such part. */
export async function deleteEventPart(
  db: Executor,
  table: PartTable,
  eventId: string,
  id: string,
): Promise<boolean> {
  const rows = await db
    .delete(table)
    .where(and(eq(table.eventId, eventId), eq(table.id, id)))
    .returning({ id: table.id });
  return rows.length > 0;
}

export const EVENT_PARTS = {
  session: eventSessions,
  material: eventMaterials,
  participant: eventParticipants,
  outcome: eventOutcomes,
} as const;

// Materials -----------------------------------------------------------------------------------

export interface EventMaterialRecord {
  id: string;
  sessionId: string | null;
  kind: "entry" | "link";
  entry: { slug: string; title: string; type: string; marking: string } | null;
  title: string | null;
  url: string | null;
}

/**
 * The event's materials; a link to a compendium entry appears only when `entries` (the
 * compendium's read scope) lets the caller see that entry.
 */
export async function listEventMaterials(
  db: Executor,
  entries: Scope,
  eventId: string,
): Promise<EventMaterialRecord[]> {
  const rows = rowsOf<{
    id: string;
    session_id: string | null;
    entry_slug: string | null;
    entry_title: string | null;
    entry_type: string | null;
    entry_marking: string | null;
    title: string | null;
    url: string | null;
  }>(
    await db.execute(sql`select m.id, m.session_id, m.entry_slug, e.title as entry_title, e.type as entry_type,
        e.marking as entry_marking, m.title, m.url
      from event_materials as m
      left join compendium_entries as e on e.slug = m.entry_slug
      where m.event_id = ${eventId}
        and (m.entry_slug is null or (e.id is not null and ${entryScope(entries, "e") ?? sql`true`}))
      order by m.created_at, m.id`),
  );
  return rows.map((row) => ({
    id: row.id,
    sessionId: row.session_id,
    kind: row.entry_slug ? "entry" : "link",
    entry:
      row.entry_slug && row.entry_title && row.entry_type && row.entry_marking
        ? { slug: row.entry_slug, title: row.entry_title, type: row.entry_type, marking: row.entry_marking }
        : null,
    title: row.title,
    url: row.url,
  }));
}

export async function insertEventMaterial(
  db: Executor,
  eventId: string,
  input: { sessionId: string | null; entrySlug: string | null; title: string | null; url: string | null },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(eventMaterials)
    .values({ eventId, ...input, createdAt: now })
    .returning({ id: eventMaterials.id });
  if (!row) throw new Error("The material was not created.");
  return row.id;
}

/** The slugs among `slugs` of entries the scope may see. */
export async function visibleEntrySlugsOf(
  db: Executor,
  entries: Scope,
  slugs: readonly string[],
): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = rowsOf<{ slug: string }>(
    await db.execute(sql`select e.slug from compendium_entries as e
      where e.slug = any(${sqlArray(slugs)}) and ${entryScope(entries, "e") ?? sql`true`}`),
  );
  return rows.map((row) => row.slug);
}

// Participants --------------------------------------------------------------------------------

export interface EventParticipantRecord {
  id: string;
  userId: string | null;
  name: string;
  organisation: { id: string | null; name: string };
  country: string;
  role: string;
}

/** Who takes part, in one place: a user's name, organisation and country come from the account. */
const participantRows = sql`select p.id, p.user_id, coalesce(u.name, p.name) as name, u.organisation_id,
    coalesce(o.name, p.organisation_name) as organisation_name, coalesce(o.country, p.country) as country, p.role
  from event_participants as p
  left join users as u on u.id = p.user_id
  left join organisations as o on o.id = u.organisation_id`;

/** The names: empty unless the participant scope lets the caller read this event's list. */
export async function listEventParticipants(
  db: Executor,
  scope: ParticipantScope,
  eventId: string,
): Promise<EventParticipantRecord[]> {
  const rows = rowsOf<{
    id: string;
    user_id: string | null;
    name: string;
    organisation_id: string | null;
    organisation_name: string;
    country: string;
    role: string;
  }>(
    await db.execute(sql`${participantRows}
      where p.event_id = ${eventId} and ${participantNamesVisible(scope, sql`p.event_id`)}
      order by case p.role when 'organiser' then 0 when 'speaker' then 1 else 2 end, name, p.id`),
  );
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    name: row.name,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    country: row.country,
    role: row.role,
  }));
}

export async function mayReadEventParticipants(
  db: Executor,
  scope: ParticipantScope,
  eventId: string,
): Promise<boolean> {
  const [row] = rowsOf<{ visible: boolean }>(
    await db.execute(sql`select ${participantNamesVisible(scope, sql`${eventId}::uuid`)} as visible`),
  );
  return row?.visible === true;
}

/** What everyone who sees the event may know: how many, per organisation and per country. */
export async function eventParticipantCounts(db: Executor, eventId: string) {
  const rows = rowsOf<{ organisation_name: string; country: string; count: string | number }>(
    await db.execute(sql`select organisation_name, country, count(*) as count from (${participantRows}
        where p.event_id = ${eventId}) as who group by organisation_name, country`),
  );
  const byOrganisation = new Map<string, number>();
  const byCountry = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    const count = Number(row.count);
    total += count;
    byOrganisation.set(row.organisation_name, (byOrganisation.get(row.organisation_name) ?? 0) + count);
    byCountry.set(row.country, (byCountry.get(row.country) ?? 0) + count);
  }
  const sorted = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    total,
    byOrganisation: sorted(byOrganisation).map(([organisation, count]) => ({ organisation, count })),
    byCountry: sorted(byCountry).map(([country, count]) => ({ country, count })),
  };
}

/** Each participant's organisation by participant id (no names): what speakers show to everyone. */
export async function eventParticipantOrganisations(
  db: Executor,
  eventId: string,
): Promise<Map<string, string>> {
  const rows = rowsOf<{ id: string; organisation_name: string }>(
    await db.execute(
      sql`select id, organisation_name from (${participantRows} where p.event_id = ${eventId}) as who`,
    ),
  );
  return new Map(rows.map((row) => [row.id, row.organisation_name]));
}

export async function insertEventParticipant(
  db: Executor,
  eventId: string,
  input: {
    userId: string | null;
    name: string | null;
    organisationName: string | null;
    country: string | null;
    role: string;
  },
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(eventParticipants)
    .values({ eventId, ...input, createdAt: now })
    .returning({ id: eventParticipants.id });
  if (!row) throw new Error("The participant was not added.");
  return row.id;
}

/** Participant ids of the event among `ids` (for choosing speakers). */
export async function eventParticipantIdsOf(
  db: Executor,
  eventId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from event_participants where event_id = ${eventId} and id = any(${sqlArray(ids, "uuid")})`,
    ),
  );
  return rows.map((row) => row.id);
}

export async function isEventParticipant(db: Executor, eventId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: eventParticipants.id })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.userId, userId)));
  return rows.length > 0;
}

// Outcomes ------------------------------------------------------------------------------------

export interface EventOutcomeRecord {
  id: string;
  position: number;
  text: string;
  entries: { slug: string; title: string }[];
}

/** Outcomes in order, each with the cited entries the compendium's scope lets the caller see. */
export async function listEventOutcomes(
  db: Executor,
  entries: Scope,
  eventId: string,
): Promise<EventOutcomeRecord[]> {
  return rowsOf<EventOutcomeRecord>(
    await db.execute(sql`select o.id, o.position, o.text,
        coalesce((select jsonb_agg(jsonb_build_object('slug', e.slug, 'title', e.title)
                    order by array_position(o.entry_slugs, e.slug))
                  from compendium_entries as e
                  where e.slug = any(o.entry_slugs) and ${entryScope(entries, "e") ?? sql`true`}), '[]'::jsonb) as entries
      from event_outcomes as o where o.event_id = ${eventId} order by o.position`),
  );
}

export async function appendEventOutcome(
  db: Executor,
  eventId: string,
  input: { text: string; entrySlugs: string[] },
  now: Date,
): Promise<string> {
  const [last] = rowsOf<{ position: number | null }>(
    await db.execute(sql`select max(position) as position from event_outcomes where event_id = ${eventId}`),
  );
  const [row] = await db
    .insert(eventOutcomes)
    .values({ eventId, position: (last?.position ?? 0) + 1, ...input, createdAt: now })
    .returning({ id: eventOutcomes.id });
  if (!row) throw new Error("The outcome was not added.");
  return row.id;
}

/** Move an outcome to `position` (1-based) and number the others around it; false when unknown. */
export async function moveEventOutcome(
  db: Executor,
  eventId: string,
  id: string,
  position: number,
): Promise<boolean> {
  const rows = await db
    .select({ id: eventOutcomes.id })
    .from(eventOutcomes)
    .where(eq(eventOutcomes.eventId, eventId))
    .orderBy(eventOutcomes.position, eventOutcomes.createdAt);
  const order = rows.map((row) => row.id);
  const from = order.indexOf(id);
  if (from < 0) return false;
  order.splice(from, 1);
  order.splice(Math.min(position - 1, order.length), 0, id);
  for (const [index, outcomeId] of order.entries())
    await db
      .update(eventOutcomes)
      .set({ position: index + 1 })
      .where(eq(eventOutcomes.id, outcomeId));
  return true;
}
