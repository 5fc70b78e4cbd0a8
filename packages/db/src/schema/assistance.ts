// Technical assistance (issue 20): a state's needs, providers' offers, and the engagements between
// them. Needs and offers are seen under the TLP rule of shared items (needAbilities and
// offerAbilities in @bulwark/core), compiled to SQL by the sharing recipient clause
// (repositories/sharing-scope.ts) over each table and its audience table. An engagement is seen by
// its two parties (the state's organisation and the provider's).
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { communities, organisations, users } from "./base.ts";
import { at } from "./columns.ts";
import { eventActions } from "./events.ts";
import { selfAssessmentRuns } from "./self-assessment.ts";

const day = (name: string) => date(name, { mode: "string" });
const TLP_CHECK = "in ('clear', 'green', 'amber', 'amber+strict', 'red')";

export const assistanceNeeds = pgTable(
  "assistance_needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The state's organisation that needs the help. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    recorderId: uuid("recorder_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    /** What is needed (plain text). */
    description: text("description").notNull().default(""),
    theme: text("theme").notNull(),
    sectors: text("sectors").array().notNull().default(sql`'{}'::text[]`),
    /** A section of the resolution 2341 self-assessment framework (content/frameworks/unsc-2341-*.yaml). */
    section: text("section"),
    urgency: text("urgency").notNull(),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    modality: text("modality").notNull(),
    neededBy: day("needed_by"),
    status: text("status").notNull().default("open"),
    tlp: text("tlp").notNull(),
    /** Drawn from a self-assessment gap (run and question) or an event's follow-up action. */
    sourceRunId: uuid("source_run_id").references(() => selfAssessmentRuns.id, { onDelete: "set null" }),
    sourceQuestionId: text("source_question_id"),
    sourceActionId: uuid("source_action_id").references(() => eventActions.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("assistance_needs_organisation_idx").on(table.organisationId),
    index("assistance_needs_theme_idx").on(table.theme, table.status),
    check("assistance_needs_tlp_check", sql.raw(`tlp ${TLP_CHECK}`)),
    check("assistance_needs_status_check", sql`${table.status} in ('open', 'engaged', 'closed')`),
    check("assistance_needs_urgency_check", sql`${table.urgency} in ('low', 'medium', 'high')`),
  ],
);

/** One addressee of a need: a community, an organisation or (RED) a person. */
export const assistanceNeedAudience = pgTable(
  "assistance_need_audience",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => assistanceNeeds.id, { onDelete: "cascade" }),
    communityId: uuid("community_id").references(() => communities.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [
    index("assistance_need_audience_need_idx").on(table.needId),
    index("assistance_need_audience_organisation_idx").on(table.organisationId),
    index("assistance_need_audience_community_idx").on(table.communityId),
    index("assistance_need_audience_user_idx").on(table.userId),
    check(
      "assistance_need_audience_one_check",
      sql`num_nonnulls(${table.communityId}, ${table.organisationId}, ${table.userId}) = 1`,
    ),
  ],
);

export const assistanceOffers = pgTable(
  "assistance_offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The provider. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    recorderId: uuid("recorder_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    themes: text("themes").array().notNull(),
    sectors: text("sectors").array().notNull().default(sql`'{}'::text[]`),
    regions: text("regions").array().notNull(),
    languages: text("languages").array().notNull(),
    modalities: text("modalities").array().notNull(),
    /** How many engagements it can take at once; null: not limited. */
    capacity: integer("capacity"),
    availableFrom: day("available_from"),
    availableUntil: day("available_until"),
    status: text("status").notNull().default("open"),
    tlp: text("tlp").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("assistance_offers_organisation_idx").on(table.organisationId),
    check("assistance_offers_tlp_check", sql.raw(`tlp ${TLP_CHECK}`)),
    check("assistance_offers_status_check", sql`${table.status} in ('open', 'closed')`),
    check(
      "assistance_offers_window_check",
      sql`${table.availableFrom} is null or ${table.availableUntil} is null or ${table.availableFrom} <= ${table.availableUntil}`,
    ),
  ],
);

export const assistanceOfferAudience = pgTable(
  "assistance_offer_audience",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    offerId: uuid("offer_id")
      .notNull()
      .references(() => assistanceOffers.id, { onDelete: "cascade" }),
    communityId: uuid("community_id").references(() => communities.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [
    index("assistance_offer_audience_offer_idx").on(table.offerId),
    index("assistance_offer_audience_organisation_idx").on(table.organisationId),
    index("assistance_offer_audience_community_idx").on(table.communityId),
    index("assistance_offer_audience_user_idx").on(table.userId),
    check(
      "assistance_offer_audience_one_check",
      sql`num_nonnulls(${table.communityId}, ${table.organisationId}, ${table.userId}) = 1`,
    ),
  ],
);

export const assistanceEngagements = pgTable(
  "assistance_engagements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => assistanceNeeds.id, { onDelete: "restrict" }),
    offerId: uuid("offer_id").references(() => assistanceOffers.id, { onDelete: "set null" }),
    /** The need's organisation, copied so that the parties' rule reads one row. */
    stateOrganisationId: uuid("state_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    providerOrganisationId: uuid("provider_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    proposedBy: uuid("proposed_by").references(() => users.id, { onDelete: "set null" }),
    /** The provider's note when expressing interest. */
    message: text("message").notNull().default(""),
    status: text("status").notNull().default("proposed"),
    /** [{title, dueOn, doneOn}] in order. */
    milestones: jsonb("milestones").notNull().default(sql`'[]'::jsonb`),
    /** [{title, deliveredOn}] in order: what the engagement produced. */
    deliverables: jsonb("deliverables").notNull().default(sql`'[]'::jsonb`),
    /** People of the two parties who take part (ids of users); names are read from users. */
    participantIds: uuid("participant_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** The state lets the provider see the comparison of the two runs. */
    /** Events linked to the engagement (ids); each reader sees those of them it may see. */
    linkedEventIds: uuid("linked_event_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Compendium entries linked to it (slugs); each reader sees them under their marking. */
    linkedEntrySlugs: text("linked_entry_slugs").array().notNull().default(sql`'{}'::text[]`),
    outcomeConsent: boolean("outcome_consent").notNull().default(false),
    baselineRunId: uuid("baseline_run_id").references(() => selfAssessmentRuns.id, { onDelete: "set null" }),
    followUpRunId: uuid("follow_up_run_id").references(() => selfAssessmentRuns.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    startedAt: at("started_at"),
    endedAt: at("ended_at"),
  },
  (table) => [
    index("assistance_engagements_need_idx").on(table.needId),
    index("assistance_engagements_state_idx").on(table.stateOrganisationId),
    index("assistance_engagements_provider_idx").on(table.providerOrganisationId),
    index("assistance_engagements_offer_idx").on(table.offerId),
    check(
      "assistance_engagements_status_check",
      sql`${table.status} in ('proposed', 'active', 'completed', 'declined', 'withdrawn')`,
    ),
    check(
      "assistance_engagements_parties_check",
      sql`${table.stateOrganisationId} <> ${table.providerOrganisationId}`,
    ),
  ],
);
