// Risk assessment tables: the threat scenario catalogue, each organisation's own methodology, and
// assessments (the current version, denormalised for the register's filters and heat map) with
// every version kept in full.
import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations, users } from "./base.ts";
import { at } from "./columns.ts";

/** Threat scenarios: the shipped pack (organisation null) and those authorities add. */
export const riskScenarios = pgTable(
  "risk_scenarios",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    family: text("family").notNull(),
    title: text("title").notNull(),
    content: jsonb("content").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [uniqueIndex("risk_scenarios_slug_key").on(table.slug)],
);

/** An organisation's own methodology; without a row, the shipped default applies. */
export const riskMethodologies = pgTable("risk_methodologies", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  content: jsonb("content").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: at("updated_at").notNull(),
});

/**
 * The current version of each assessment. Score, band, cell and residual are computed when the
 * version is written, under the owner's methodology of that moment, so the register filters and
 * counts in SQL.
 */
export const riskAssessments = pgTable(
  "risk_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    scenarioId: uuid("scenario_id")
      .notNull()
      .references(() => riskScenarios.id, { onDelete: "restrict" }),
    sector: text("sector").notNull(),
    assetIds: uuid("asset_ids").array().notNull(),
    title: text("title").notNull(),
    marking: text("marking").notNull(),
    communityIds: uuid("community_ids").array().notNull().default(sql`'{}'::uuid[]`),
    version: integer("version").notNull(),
    likelihood: integer("likelihood").notNull(),
    vulnerability: integer("vulnerability").notNull(),
    consequence: integer("consequence").notNull(),
    score: integer("score").notNull(),
    exposure: integer("exposure").notNull(),
    band: text("band").notNull(),
    aboveAppetite: boolean("above_appetite").notNull(),
    residualScore: integer("residual_score").notNull(),
    reviewDate: date("review_date", { mode: "string" }).notNull(),
    /** The version's full record: content, proposal, methodology, residual. */
    record: jsonb("record").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("risk_assessments_organisation_idx").on(table.organisationId),
    index("risk_assessments_sector_idx").on(table.sector),
    index("risk_assessments_review_idx").on(table.reviewDate),
  ],
);

/** Every version of every assessment, in full, with its author. */
export const riskAssessmentVersions = pgTable(
  "risk_assessment_versions",
  {
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => riskAssessments.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    score: integer("score").notNull(),
    record: jsonb("record").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.assessmentId, table.version] })],
);
