// Shared items (alerts, reports) linked to an incident (issue 17). A link is read only by someone
// who may see both the incident and the item: each under its own TLP rule, in SQL
// (repositories/incident-links.ts, with sharing-scope.ts's filters).
import { index, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { users } from "./base.ts";
import { at } from "./columns.ts";
import { incidents } from "./incidents.ts";
import { sharedItems } from "./sharing.ts";

export const incidentLinks = pgTable(
  "incident_links",
  {
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => sharedItems.id, { onDelete: "cascade" }),
    linkedById: uuid("linked_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    linkedAt: at("linked_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.incidentId, table.itemId] }),
    index("incident_links_item_idx").on(table.itemId),
  ],
);
