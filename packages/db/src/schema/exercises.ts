// Exercises (issue 19), as HSEEP plans, runs and evaluates them: the exercise with its clock (stored
// as anchors, so every process computes the same exercise time: core's exerciseTime), the
// organisations taking part, objectives, the MSEL's injects, evaluators' observations, and the
// corrective actions of the after-action report (rows of the events' follow-up tracker).
// Who sees what is core's exerciseAbilities, compiled in repositories/exercises.ts. Nothing here
// ever enters shared_items, stix_objects or the CAP feed.
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations, users } from "./base.ts";
import { at } from "./columns.ts";
import { eventActions, events } from "./events.ts";
import { incidents } from "./incidents.ts";

export const exercises = pgTable(
  "exercises",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    /** seminar, workshop, tabletop, game, drill, functional, full-scale */
    type: text("type").notNull(),
    /** planning, running, paused, completed */
    status: text("status").notNull().default("planning"),
    ownerOrganisationId: uuid("owner_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** The threat scenario played (risk_scenarios.slug), if one is. */
    scenarioSlug: text("scenario_slug"),
    /** The assets the scenario attacks; the cascade from them is the exercise's ground truth. */
    attackedAssetIds: uuid("attacked_asset_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Exercise time (ms) gone by at the last start, resume or pause. */
    clockBaseMs: bigint("clock_base_ms", { mode: "number" }).notNull().default(0),
    /** Real time of the last start or resume; null unless running. */
    clockAnchor: at("clock_anchor"),
    /** Exercise seconds per real second. */
    speed: doublePrecision("speed").notNull().default(1),
    /** The event (kind exercise) whose follow-up actions hold the corrective actions. */
    followUpEventId: uuid("follow_up_event_id").references(() => events.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("exercises_owner_idx").on(table.ownerOrganisationId),
    check(
      "exercises_type_check",
      sql`${table.type} in ('seminar', 'workshop', 'tabletop', 'game', 'drill', 'functional', 'full-scale')`,
    ),
    check("exercises_status_check", sql`${table.status} in ('planning', 'running', 'paused', 'completed')`),
    check("exercises_clock_check", sql`(${table.status} = 'running') = (${table.clockAnchor} is not null)`),
    check("exercises_speed_check", sql`${table.speed} >= 0.1 and ${table.speed} <= 1000`),
  ],
);

/** The organisations taking part beside the owner (the owner controls): player, controller or evaluator. */
export const exerciseParticipants = pgTable(
  "exercise_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    exerciseId: uuid("exercise_id")
      .notNull()
      .references(() => exercises.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
  },
  (table) => [
    uniqueIndex("exercise_participants_key").on(table.exerciseId, table.organisationId),
    index("exercise_participants_organisation_idx").on(table.organisationId),
    check("exercise_participants_role_check", sql`${table.role} in ('player', 'controller', 'evaluator')`),
  ],
);

/** What the exercise tests: each objective tied to a section of resolution 2341 or to a capability. */
export const exerciseObjectives = pgTable(
  "exercise_objectives",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    exerciseId: uuid("exercise_id")
      .notNull()
      .references(() => exercises.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    /** A section id of the unsc-2341 self-assessment framework. */
    section: text("section"),
    /** A capability id (core's EXERCISE_CAPABILITIES). */
    capability: text("capability"),
  },
  (table) => [
    uniqueIndex("exercise_objectives_position_key").on(table.exerciseId, table.position),
    check("exercise_objectives_tie_check", sql`num_nonnulls(${table.section}, ${table.capability}) = 1`),
  ],
);

/** The master scenario events list: each inject, due at its exercise time, to its recipients. */
export const exerciseInjects = pgTable(
  "exercise_injects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    exerciseId: uuid("exercise_id")
      .notNull()
      .references(() => exercises.id, { onDelete: "cascade" }),
    /** 1, 2, 3... in the order written: injects due at the same time arrive in this order. */
    position: integer("position").notNull(),
    offsetMs: bigint("offset_ms", { mode: "number" }).notNull(),
    sender: text("sender").notNull(),
    /** Player organisations it reaches. */
    recipientOrganisationIds: uuid("recipient_organisation_ids").array().notNull(),
    channel: text("channel").notNull(),
    content: text("content").notNull(),
    expectedAction: text("expected_action").notNull().default(""),
    objectiveId: uuid("objective_id").references(() => exerciseObjectives.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("exercise_injects_position_key").on(table.exerciseId, table.position),
    index("exercise_injects_due_idx").on(table.exerciseId, table.offsetMs, table.position),
    check("exercise_injects_offset_check", sql`${table.offsetMs} >= 0`),
  ],
);

/** What evaluators saw against an objective, with HSEEP's rating, strengths and areas for improvement. */
export const exerciseObservations = pgTable(
  "exercise_observations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    exerciseId: uuid("exercise_id")
      .notNull()
      .references(() => exercises.id, { onDelete: "cascade" }),
    /** 1, 2, 3... within the exercise: the order observations were recorded in. */
    position: integer("position").notNull(),
    objectiveId: uuid("objective_id")
      .notNull()
      .references(() => exerciseObjectives.id, { onDelete: "cascade" }),
    evaluatorId: uuid("evaluator_id").references(() => users.id, { onDelete: "set null" }),
    evaluatorOrganisationId: uuid("evaluator_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** P, S, M, U */
    rating: text("rating").notNull(),
    strengths: text("strengths").array().notNull().default(sql`'{}'::text[]`),
    areasForImprovement: text("areas_for_improvement").array().notNull().default(sql`'{}'::text[]`),
    note: text("note").notNull().default(""),
    /** The exercise time it was recorded at. */
    exerciseTimeMs: bigint("exercise_time_ms", { mode: "number" }).notNull(),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("exercise_observations_position_key").on(table.exerciseId, table.position),
    check("exercise_observations_rating_check", sql`${table.rating} in ('P', 'S', 'M', 'U')`),
  ],
);

/** The improvement plan: corrective actions, each a follow-up action of the tracker (event_actions). */
export const exerciseCorrectiveActions = pgTable(
  "exercise_corrective_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    exerciseId: uuid("exercise_id")
      .notNull()
      .references(() => exercises.id, { onDelete: "cascade" }),
    objectiveId: uuid("objective_id").references(() => exerciseObjectives.id, { onDelete: "set null" }),
    actionId: uuid("action_id")
      .notNull()
      .references(() => eventActions.id, { onDelete: "cascade" }),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    index("exercise_corrective_actions_exercise_idx").on(table.exerciseId),
    uniqueIndex("exercise_corrective_actions_action_key").on(table.actionId),
  ],
);

/**
 * A multi-year exercise programme (HSEEP's Integrated Preparedness Plan) of one organisation: its
 * priorities, each with the source it was drawn from (a self-assessment gap, a risk of the register)
 * as they stood when the programme was made, and the exercises planned per year by type. Seen by
 * the owning organisation only.
 */
export const exerciseProgrammes = pgTable(
  "exercise_programmes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerOrganisationId: uuid("owner_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startYear: integer("start_year").notNull(),
    endYear: integer("end_year").notNull(),
    /** [{ title, source: { kind, label, id } }] */
    priorities: jsonb("priorities").notNull(),
    /** [{ year, type, title, priority }] */
    exercises: jsonb("exercises").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("exercise_programmes_owner_idx").on(table.ownerOrganisationId),
    check("exercise_programmes_years_check", sql`${table.endYear} >= ${table.startYear}`),
  ],
);

/**
 * Incidents filed in exercise mode: a player's answer to an inject with Bulwark's own incident
 * tools. An incident with a row here is seen only by people of the exercise's participating
 * organisations (repositories/sharing-scope.ts visibleIncidents) and never in the real incident
 * list, sitreps or feeds; every page, PDF and export of it carries EXERCISE EXERCISE EXERCISE.
 */
export const exerciseIncidents = pgTable(
  "exercise_incidents",
  {
    incidentId: uuid("incident_id")
      .primaryKey()
      .references(() => incidents.id, { onDelete: "cascade" }),
    exerciseId: uuid("exercise_id")
      .notNull()
      .references(() => exercises.id, { onDelete: "cascade" }),
    /** The inject it answers, if one. */
    injectId: uuid("inject_id").references(() => exerciseInjects.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("exercise_incidents_exercise_idx").on(table.exerciseId)],
);
