// Workshops and events: the event (owned by its host organisation for the TLP rule), its agenda,
// materials, participants, outcomes, and the follow-up actions tracked per country to done.
import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./base.ts";
import { at } from "./columns.ts";

const day = (name: string) => date(name, { mode: "string" });

export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    hostOrganisationId: uuid("host_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    region: text("region").notNull(),
    countries: text("countries").array().notNull().default(sql`'{}'::text[]`),
    venue: text("venue").notNull(),
    startsOn: day("starts_on").notNull(),
    endsOn: day("ends_on").notNull(),
    marking: text("marking").notNull().default("amber"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("events_host_idx").on(table.hostOrganisationId),
    index("events_starts_idx").on(table.startsOn),
  ],
);

/** Who takes part: a platform user (organisation from the account) or an external person. */
export const eventParticipants = pgTable(
  "event_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** External participants only (a user's name and organisation come from the account). */
    name: text("name"),
    organisationName: text("organisation_name"),
    country: text("country"),
    role: text("role").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    index("event_participants_event_idx").on(table.eventId),
    index("event_participants_user_idx").on(table.userId),
  ],
);

/** The agenda: sessions with their times and speakers (participant ids). */
export const eventSessions = pgTable(
  "event_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    speakerIds: uuid("speaker_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("event_sessions_event_idx").on(table.eventId, table.startsAt)],
);

/** A compendium entry (by slug, shown only to who may see the entry) or an external link. */
export const eventMaterials = pgTable(
  "event_materials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id").references(() => eventSessions.id, { onDelete: "cascade" }),
    entrySlug: text("entry_slug"),
    title: text("title"),
    url: text("url"),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("event_materials_event_idx").on(table.eventId)],
);

/** Outcomes and recommendations, in order, each possibly citing compendium entries. */
export const eventOutcomes = pgTable(
  "event_outcomes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    entrySlugs: text("entry_slugs").array().notNull().default(sql`'{}'::text[]`),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("event_outcomes_event_idx").on(table.eventId, table.position)],
);

/** Follow-up actions per country, owned by an organisation (and optionally one of its people). */
export const eventActions = pgTable(
  "event_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    country: text("country").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    ownerOrganisationId: uuid("owner_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    dueOn: day("due_on").notNull(),
    status: text("status").notNull().default("open"),
    doneOn: day("done_on"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("event_actions_event_idx").on(table.eventId),
    index("event_actions_tracker_idx").on(table.country, table.status, table.dueOn),
    index("event_actions_owner_idx").on(table.ownerOrganisationId),
  ],
);

/** A dated note on each change of an action (its progress log). */
export const eventActionNotes = pgTable(
  "event_action_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actionId: uuid("action_id")
      .notNull()
      .references(() => eventActions.id, { onDelete: "cascade" }),
    /** 1, 2, 3... within the action: the order notes were written in (several may share a millisecond). */
    position: integer("position").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status").notNull(),
    note: text("note").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (table) => [uniqueIndex("event_action_notes_position_key").on(table.actionId, table.position)],
);
