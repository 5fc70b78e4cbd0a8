// Incidents (issue 17): an operator's notice of assets down or degraded, the authority's response
// and the recovery. Who sees an incident is the TLP rule of shared items (incidentAbilities in
// @bulwark/core), compiled to SQL with the sharing one (repositories/sharing-scope.ts) over
// `incidents` and `incident_audience`. Every change notifies INCIDENTS_CHANNEL in its transaction.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { communities, organisations, users } from "./base.ts";
import { at } from "./columns.ts";

export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** A threat family, or accident, technical-failure, natural-hazard, other. */
    type: text("type").notNull(),
    /** reported, acknowledged, responding, recovering, closed */
    state: text("state").notNull(),
    /** The notification regime's id (content/notification-regimes/<id>.yaml). */
    regime: text("regime").notNull(),
    /** TLP 2.0: clear, green, amber, amber+strict, red. */
    tlp: text("tlp").notNull(),
    filerId: uuid("filer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    filerOrganisationId: uuid("filer_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    startedAt: at("started_at").notNull(),
    awareAt: at("aware_at").notNull(),
    /** attack, accident, technical-failure, natural-hazard, unknown */
    suspectedCause: text("suspected_cause").notNull(),
    /** With a suspected attack: its threat family. */
    threatFamily: text("threat_family"),
    causeDetails: text("cause_details").notNull().default(""),
    servicesAffected: text("services_affected").array().notNull().default(sql`'{}'::text[]`),
    /** People affected as the filer estimates them (null: not known). */
    peopleAffected: bigint("people_affected", { mode: "number" }),
    /** Countries outside the filer's where effects are felt (ISO 3166-1 alpha-2). */
    effectsAbroad: text("effects_abroad").array().notNull().default(sql`'{}'::text[]`),
    effectsAbroadDetails: text("effects_abroad_details").notNull().default(""),
    /** minor, significant, major, critical; null until the filer or the authority names one. */
    severity: text("severity"),
    /** True once the authority set the severity (false: the filer's proposal, or none). */
    severityAssessed: boolean("severity_assessed").notNull().default(false),
    /** Set when the authority merged this incident's notices into another one. */
    mergedIntoId: uuid("merged_into_id"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    closedAt: at("closed_at"),
  },
  (table) => [
    index("incidents_filer_org_idx").on(table.filerOrganisationId),
    index("incidents_state_idx").on(table.state),
    check("incidents_tlp_check", sql`${table.tlp} in ('clear', 'green', 'amber', 'amber+strict', 'red')`),
    check(
      "incidents_state_check",
      sql`${table.state} in ('reported', 'acknowledged', 'responding', 'recovering', 'closed')`,
    ),
    check(
      "incidents_severity_check",
      sql`${table.severity} is null or ${table.severity} in ('minor', 'significant', 'major', 'critical')`,
    ),
    check(
      "incidents_cause_check",
      sql`(${table.suspectedCause} = 'attack') = (${table.threatFamily} is not null)`,
    ),
  ],
);

/** One addressee of an incident: a community, an organisation or (RED) a person. */
export const incidentAudience = pgTable(
  "incident_audience",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    communityId: uuid("community_id").references(() => communities.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [
    index("incident_audience_incident_idx").on(table.incidentId),
    index("incident_audience_organisation_idx").on(table.organisationId),
    index("incident_audience_community_idx").on(table.communityId),
    index("incident_audience_user_idx").on(table.userId),
    check(
      "incident_audience_one_check",
      sql`num_nonnulls(${table.communityId}, ${table.organisationId}, ${table.userId}) = 1`,
    ),
  ],
);

/**
 * The status history of the incident's assets: each row, an asset down, degraded or restored from
 * a moment on. Asset ids carry no foreign key: an asset removed later leaves the history whole.
 */
export const incidentAssets = pgTable(
  "incident_assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    assetId: uuid("asset_id").notNull(),
    /** down, degraded, restored */
    status: text("status").notNull(),
    at: at("at").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    recordedAt: at("recorded_at").notNull(),
  },
  (table) => [
    index("incident_assets_incident_idx").on(table.incidentId, table.at),
    index("incident_assets_asset_idx").on(table.assetId),
    check("incident_assets_status_check", sql`${table.status} in ('down', 'degraded', 'restored')`),
  ],
);

/**
 * The operators' notices an incident gathers: the first filing, and each incident the authority
 * merged into it (its id kept in `fromIncidentId`).
 */
export const incidentNotices = pgTable(
  "incident_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    fromIncidentId: uuid("from_incident_id").notNull(),
    filerId: uuid("filer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    filerOrganisationId: uuid("filer_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull(),
    tlp: text("tlp").notNull(),
    filedAt: at("filed_at").notNull(),
    mergedAt: at("merged_at"),
    mergedBy: uuid("merged_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (table) => [
    index("incident_notices_incident_idx").on(table.incidentId),
    index("incident_notices_organisation_idx").on(table.filerOrganisationId),
  ],
);

/** Follow-up and final reports filed against an incident (`report` names the regime's report). */
export const incidentReports = pgTable(
  "incident_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    report: text("report").notNull(),
    body: text("body").notNull(),
    filerId: uuid("filer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    filerOrganisationId: uuid("filer_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    filedAt: at("filed_at").notNull(),
  },
  (table) => [index("incident_reports_incident_idx").on(table.incidentId, table.filedAt)],
);

/** Each state an incident entered, when and by whom (the timeline of the response). */
export const incidentStateChanges = pgTable(
  "incident_state_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    state: text("state").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    at: at("at").notNull(),
  },
  (table) => [index("incident_state_changes_incident_idx").on(table.incidentId, table.at)],
);
