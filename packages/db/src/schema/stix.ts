// STIX 2.1 objects held in community collections (ADR 0009): one row per version of an object in a
// collection, the object kept as received; each owner organisation's versions of an id are a
// lineage of their own (ADR 0015). Who reads a row is decided by maySeeStixObject in
// @bulwark/core and compiled to SQL in repositories/stix-scope.ts.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { communities, users } from "./base.ts";
import { at } from "./columns.ts";

export const stixObjects = pgTable(
  "stix_objects",
  {
    /** Order of arrival; TAXII's `next` cursor. */
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    // collection_id, owner_organisation_id, added_by and shared_item_id reference communities
    // (cascade), organisations (restrict), users and shared_items (set null) through triggers that
    // check once per statement, not foreign keys checked once per row (migration
    // stix_batch_checks, ADR 0038): an import adds 100,000 rows in 20 statements.
    /** The community whose collection holds it (TAXII collection id). */
    collectionId: uuid("collection_id").notNull(),
    stixId: text("stix_id").notNull(),
    type: text("type").notNull(),
    specVersion: text("spec_version").notNull(),
    /** `modified`, else `created`, else the time it was added. */
    version: at("version").notNull(),
    /** Strictly increasing within a collection, with microseconds (TAXII's date_added). */
    dateAdded: at("date_added", 6).notNull(),
    /** The TLP 2.0 marking it is held under. */
    tlp: text("tlp").notNull(),
    ownerOrganisationId: uuid("owner_organisation_id").notNull(),
    addedBy: uuid("added_by"),
    /** import, taxii, subscription, bulwark */
    source: text("source").notNull(),
    sharedItemId: uuid("shared_item_id"),
    revoked: boolean("revoked").notNull().default(false),
    /** The object as received. */
    object: jsonb("object").notNull(),
  },
  (table) => [
    // Each organisation's versions of an id form a lineage of their own (ADR 0015): another
    // organisation's post never collides with, follows or revokes the owner's versions.
    uniqueIndex("stix_objects_version_key").on(
      table.collectionId,
      table.stixId,
      table.ownerOrganisationId,
      table.version,
    ),
    index("stix_objects_added_idx").on(table.collectionId, table.dateAdded),
    index("stix_objects_type_idx").on(table.collectionId, table.type),
    check("stix_objects_tlp_check", sql`${table.tlp} in ('clear', 'green', 'amber', 'amber+strict')`),
    check(
      "stix_objects_source_check",
      sql`${table.source} in ('import', 'taxii', 'subscription', 'bulwark')`,
    ),
  ],
);

/**
 * TAXII 2.1 status resources: what became of each object of a POST to a collection. The POST is
 * handled at once, so a status is written complete in the same transaction as the objects; only
 * the person who posted reads it back.
 */
export const taxiiStatuses = pgTable(
  "taxii_statuses",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    collectionId: uuid("collection_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    requestedAt: at("requested_at", 6).notNull(),
    /** The status resource's counts and its successes, failures and pendings (ids and versions). */
    resource: jsonb("resource").notNull(),
  },
  (table) => [index("taxii_statuses_user_idx").on(table.userId, table.requestedAt)],
);
