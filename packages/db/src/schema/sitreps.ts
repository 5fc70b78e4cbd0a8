// Situation reports of incidents (issue 18, ICS 209) and resource requests between organisations
// (ICS 213RR). Who sees a sitrep: sitrepAbilities in @bulwark/core, compiled to SQL in
// repositories/sitreps.ts; a resource request: resourceRequestAbilities, in
// repositories/resource-requests.ts.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./base.ts";
import { at } from "./columns.ts";
import { incidents } from "./incidents.ts";
import { sharedItems } from "./sharing.ts";

/**
 * One situation report of an incident, numbered from 1 per incident. Its texts are the author's; its
 * figures are not stored: they are computed for each reader, as of `as_of`.
 */
export const sitreps = pgTable(
  "sitreps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    /** draft, approved, sent */
    status: text("status").notNull(),
    /** The moment the report speaks of: set when drafted and at each edit, fixed once approved. */
    asOf: at("as_of").notNull(),
    situation: text("situation").notNull(),
    actions: text("actions").notNull(),
    resources: text("resources").notNull(),
    nextSteps: text("next_steps").notNull(),
    /** TLP 2.0 of the report when sent: the incident's or narrower. */
    tlp: text("tlp").notNull(),
    /** The audience it is sent to: {communityIds, organisationIds, userIds}. */
    audience: jsonb("audience").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    authorOrganisationId: uuid("author_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    approverId: uuid("approver_id").references(() => users.id, { onDelete: "restrict" }),
    approvedAt: at("approved_at"),
    /** The shared item it went out as. */
    sharedItemId: uuid("shared_item_id").references(() => sharedItems.id, { onDelete: "restrict" }),
    sentAt: at("sent_at"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    uniqueIndex("sitreps_incident_number_idx").on(table.incidentId, table.number),
    index("sitreps_shared_item_idx").on(table.sharedItemId),
    check("sitreps_status_check", sql`${table.status} in ('draft', 'approved', 'sent')`),
    check("sitreps_tlp_check", sql`${table.tlp} in ('clear', 'green', 'amber', 'amber+strict', 'red')`),
    check("sitreps_sent_check", sql`(${table.status} = 'sent') = (${table.sharedItemId} is not null)`),
    check(
      "sitreps_approved_check",
      sql`(${table.status} = 'draft') = (${table.approverId} is null) and ${table.approverId} is distinct from ${table.authorId}`,
    ),
  ],
);

/**
 * An incident's sitrep schedule (issue 18): a report is due every `every_hours` hours, counted from
 * the last report sent after `since` (or from `since`); the responsible organisation's coordinators
 * who see the incident are reminded before it is due and once it is overdue. Set by the incident's
 * coordinators (sitrepScheduleAbilities in @bulwark/core); one per incident.
 */
export const sitrepSchedules = pgTable(
  "sitrep_schedules",
  {
    incidentId: uuid("incident_id")
      .primaryKey()
      .references(() => incidents.id, { onDelete: "cascade" }),
    everyHours: integer("every_hours").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    since: at("since").notNull(),
    setBy: uuid("set_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [check("sitrep_schedules_every_check", sql`${table.everyHours} between 1 and 168`)],
);

/** A request for resources from one organisation to another, optionally for an incident. */
export const resourceRequests = pgTable(
  "resource_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    what: text("what").notNull(),
    quantity: integer("quantity").notNull(),
    unit: text("unit").notNull(),
    /** Where it is needed (a place, an address, an asset's site). */
    deliverTo: text("deliver_to").notNull(),
    neededBy: at("needed_by").notNull(),
    /** urgent, high, routine, low */
    priority: text("priority").notNull(),
    details: text("details").notNull(),
    fromOrganisationId: uuid("from_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    toOrganisationId: uuid("to_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** requested, approved, assigned, delivered, declined, cancelled */
    state: text("state").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("resource_requests_incident_idx").on(table.incidentId),
    index("resource_requests_from_idx").on(table.fromOrganisationId),
    index("resource_requests_to_idx").on(table.toOrganisationId),
    check(
      "resource_requests_state_check",
      sql`${table.state} in ('requested', 'approved', 'assigned', 'delivered', 'declined', 'cancelled')`,
    ),
    check("resource_requests_priority_check", sql`${table.priority} in ('urgent', 'high', 'routine', 'low')`),
    check("resource_requests_quantity_check", sql`${table.quantity} > 0`),
    check("resource_requests_sides_check", sql`${table.fromOrganisationId} <> ${table.toOrganisationId}`),
  ],
);

/** Each state a request entered, when, by whom, with a note (what was assigned, why declined). */
export const resourceRequestChanges = pgTable(
  "resource_request_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => resourceRequests.id, { onDelete: "cascade" }),
    state: text("state").notNull(),
    note: text("note").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    at: at("at").notNull(),
  },
  (table) => [index("resource_request_changes_request_idx").on(table.requestId, table.at)],
);
