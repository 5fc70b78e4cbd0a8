// Lessons of an incident (issue 18): the after-action review written once it is closed (what went
// well, what to improve), the follow-up actions it turns into (statuses of the events' tracker:
// open, in-progress, done, dropped), and the compendium case-study proposal it pre-filled. Who sees
// them: whoever sees the incident (the incident's TLP rule, through visibleIncidents).
import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { compendiumProposals, organisations, users } from "./base.ts";
import { at } from "./columns.ts";
import { incidents } from "./incidents.ts";

export const incidentReviews = pgTable(
  "incident_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    wentWell: text("went_well").notNull(),
    toImprove: text("to_improve").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** The case-study proposal it pre-filled, if its author asked for one. */
    proposalId: uuid("proposal_id").references(() => compendiumProposals.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
  },
  (table) => [uniqueIndex("incident_reviews_incident_key").on(table.incidentId)],
);

export const incidentReviewActions = pgTable(
  "incident_review_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => incidentReviews.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    ownerOrganisationId: uuid("owner_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    status: text("status").notNull().default("open"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("incident_review_actions_review_idx").on(table.reviewId),
    index("incident_review_actions_owner_idx").on(table.ownerOrganisationId),
    check(
      "incident_review_actions_status_check",
      sql`${table.status} in ('open', 'in-progress', 'done', 'dropped')`,
    ),
  ],
);
