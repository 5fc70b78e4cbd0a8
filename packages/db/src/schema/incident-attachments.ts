// Files attached to an incident (issue 17): kept in the database (so PGlite, PostgreSQL and backups
// all carry them) with their SHA-256, read only by those who may see the incident (its TLP rule,
// in SQL: repositories/incident-attachments.ts).
import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./base.ts";
import { at } from "./columns.ts";
import { incidents } from "./incidents.ts";

/** Bytes as PostgreSQL's bytea: Buffer from node-postgres, Uint8Array from PGlite. */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => value,
});

export const incidentAttachments = pgTable(
  "incident_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    /** Sanitised on upload: no paths, no control characters. */
    filename: text("filename").notNull(),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    /** Hex SHA-256 of the bytes as uploaded. */
    sha256: text("sha256").notNull(),
    content: bytes("content").notNull(),
    addedBy: uuid("added_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    addedAt: at("added_at").notNull(),
  },
  (table) => [
    index("incident_attachments_incident_idx").on(table.incidentId),
    check("incident_attachments_size_check", sql`${table.size} > 0`),
    check("incident_attachments_sha256_check", sql`${table.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);
