// The incident board (issue 18): the activity log of an incident (append-only: a trigger refuses
// changes; a correction is a new entry), the people a RED entry names, the incident's tasks, and
// the organisations' 24/7 points of contact (personal data: read only through the contacts
// repository's scope, never written to the audit trail or the logs).
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./base.ts";
import { at } from "./columns.ts";
import { incidents } from "./incidents.ts";

export const incidentLogEntries = pgTable(
  "incident_log_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "restrict" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    authorOrganisationId: uuid("author_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    at: at("at").notNull(),
    text: text("text").notNull(),
    significant: boolean("significant").notNull().default(false),
    /** TLP 2.0: clear, green, amber, amber+strict, red. */
    tlp: text("tlp").notNull(),
  },
  (table) => [
    index("incident_log_entries_incident_idx").on(table.incidentId, table.at),
    check(
      "incident_log_entries_tlp_check",
      sql`${table.tlp} in ('clear', 'green', 'amber', 'amber+strict', 'red')`,
    ),
  ],
);

/** The people a RED entry names (the only audience an entry has: the others are the incident's). */
export const incidentLogRecipients = pgTable(
  "incident_log_recipients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => incidentLogEntries.id, { onDelete: "restrict" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    // Never set: the sharing rule's audience clause (sharing-scope.ts) reads these columns.
    organisationId: uuid("organisation_id"),
    communityId: uuid("community_id"),
  },
  (table) => [
    index("incident_log_recipients_entry_idx").on(table.entryId),
    index("incident_log_recipients_user_idx").on(table.userId),
    check(
      "incident_log_recipients_people_check",
      sql`${table.organisationId} is null and ${table.communityId} is null`,
    ),
  ],
);

export const incidentTasks = pgTable(
  "incident_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    assigneeOrganisationId: uuid("assignee_organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    assigneeUserId: uuid("assignee_user_id").references(() => users.id, { onDelete: "restrict" }),
    dueAt: at("due_at"),
    /** open, acknowledged, in_progress, done, cancelled */
    status: text("status").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdByOrganisationId: uuid("created_by_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    acknowledgedAt: at("acknowledged_at"),
  },
  (table) => [
    index("incident_tasks_incident_idx").on(table.incidentId, table.dueAt),
    index("incident_tasks_assignee_org_idx").on(table.assigneeOrganisationId),
    index("incident_tasks_assignee_user_idx").on(table.assigneeUserId),
    check(
      "incident_tasks_status_check",
      sql`${table.status} in ('open', 'acknowledged', 'in_progress', 'done', 'cancelled')`,
    ),
    check(
      "incident_tasks_assignee_check",
      sql`num_nonnulls(${table.assigneeOrganisationId}, ${table.assigneeUserId}) = 1`,
    ),
  ],
);

/** An organisation's 24/7 points of contact, in its order. */
export const organisationContacts = pgTable(
  "organisation_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull().default(""),
    phone: text("phone").notNull(),
    email: text("email"),
    hours: text("hours").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [index("organisation_contacts_organisation_idx").on(table.organisationId, table.position)],
);
