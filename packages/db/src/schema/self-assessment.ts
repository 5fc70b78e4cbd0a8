// Self-assessment tables: framework versions (loaded from content/frameworks), runs of an
// organisation, one answer per question of a run (with evidence links, note, assignee and a
// version for refusing lost updates), and comments per question.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations, users } from "./base.ts";
import { at } from "./columns.ts";

/** One version of one framework, its file's content as validated by contracts' `Framework`. */
export const selfAssessmentFrameworks = pgTable(
  "self_assessment_frameworks",
  {
    id: text("id").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    content: jsonb("content").notNull(),
    loadedAt: at("loaded_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.id, table.version] })],
);

export const selfAssessmentRuns = pgTable(
  "self_assessment_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    frameworkId: text("framework_id").notNull(),
    frameworkVersion: integer("framework_version").notNull(),
    title: text("title").notNull(),
    state: text("state").notNull().default("draft"),
    /** The organisation lets this run count, anonymised, in the regional aggregation. */
    consent: boolean("consent").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    submittedAt: at("submitted_at"),
    /** Put away by the organisation: out of its list of runs and its home, still on record. */
    archivedAt: at("archived_at"),
  },
  (table) => [
    index("self_assessment_runs_organisation_idx").on(table.organisationId, table.frameworkId),
    foreignKey({
      name: "self_assessment_runs_framework_fk",
      columns: [table.frameworkId, table.frameworkVersion],
      foreignColumns: [selfAssessmentFrameworks.id, selfAssessmentFrameworks.version],
    }).onDelete("restrict"),
    check("self_assessment_runs_state_check", sql`${table.state} in ('draft', 'submitted')`),
    check(
      "self_assessment_runs_submitted_check",
      sql`(${table.state} = 'submitted') = (${table.submittedAt} is not null)`,
    ),
  ],
);

export const selfAssessmentAnswers = pgTable(
  "self_assessment_answers",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => selfAssessmentRuns.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    /** The answer ({type, level|choice|value|text}); null when cleared or only notes were given. */
    value: jsonb("value"),
    note: text("note"),
    /** [{title, url}] links to evidence. */
    evidence: jsonb("evidence").notNull().default(sql`'[]'::jsonb`),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.questionId] })],
);

export const selfAssessmentComments = pgTable(
  "self_assessment_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => selfAssessmentRuns.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("self_assessment_comments_run_idx").on(table.runId, table.createdAt)],
);
