// Sharing between agencies and operators under TLP 2.0: items (alerts, reports, incident notices,
// indicators), who they are addressed to (the author's audience and every reshare's additions),
// acknowledgements, reads (for "new for me") and each organisation's four-eyes setting.
// Who sees what is decided by sharingAbilities in @bulwark/core and compiled to SQL in
// repositories/sharing-scope.ts.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { communities, organisations, users } from "./base.ts";
import { at } from "./columns.ts";

export const sharedItems = pgTable(
  "shared_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** alert, report, incident-notice, indicator */
    type: text("type").notNull(),
    /** As written (personal data included, hand-marked as [[pii:...]]). */
    title: text("title").notNull(),
    /** The title with every personal value replaced by its pseudonym: what others read and search. */
    publicTitle: text("public_title").notNull().default(""),
    /** Markdown, as written (personal data included, hand-marked as [[pii:...]]). */
    body: text("body").notNull(),
    /** The body with every personal value replaced by its keyed-hash pseudonym: what others read and search. */
    publicBody: text("public_body").notNull(),
    /**
     * Alerts: the CAP warning with every personal value in its free text replaced by its pseudonym,
     * what others read and what goes out as CAP XML and Atom (null with no warning).
     */
    publicWarning: jsonb("public_warning"),
    /**
     * How public_title, public_body and public_warning were made: 2 for pseudonyms keyed on the
     * author's organisation and the current personal-data rules (ADR 0016); lower ones are redone at
     * start-up.
     */
    publicTextsVersion: integer("public_texts_version").notNull().default(1),
    /** Roles of recipients outside the author's organisation who may read the personal data as written. */
    personalDataRoles: text("personal_data_roles").array().notNull().default(sql`'{}'::text[]`),
    /** When the item type's retention ran out and its personal data was removed. */
    personalDataPurgedAt: at("personal_data_purged_at"),
    sectors: text("sectors").array().notNull().default(sql`'{}'::text[]`),
    /** Ids of the assets concerned (assets may be removed later; the item keeps its history). */
    assetIds: uuid("asset_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** TLP 2.0: clear, green, amber, amber+strict, red. */
    tlp: text("tlp").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    authorOrganisationId: uuid("author_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** draft, awaiting-approval, published, withdrawn */
    status: text("status").notNull(),
    approverId: uuid("approver_id").references(() => users.id, { onDelete: "restrict" }),
    /** Recipients of a confidential (AMBER+STRICT, RED) audience may see each other's names. */
    revealAudience: boolean("reveal_audience").notNull().default(false),
    /** Alerts: the CAP 1.2 warning (codes, instruction, expiry, area), as validated by the contracts. */
    warning: jsonb("warning"),
    /** Indicators: a STIX 2.1 pattern (pattern_type stix), as checked by the contracts; null without one. */
    pattern: text("pattern"),
    /**
     * Alerts: when each CAP message went out, oldest first (the Alert on publication, an Update
     * after each revision of the warning, a Cancel on withdrawal). Message n's identifier is fixed.
     */
    capSent: at("cap_sent").array().notNull().default(sql`'{}'::timestamptz[]`),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    publishedAt: at("published_at"),
  },
  (table) => [
    index("shared_items_author_org_idx").on(table.authorOrganisationId, table.status),
    index("shared_items_published_idx").on(table.publishedAt),
    check("shared_items_tlp_check", sql`${table.tlp} in ('clear', 'green', 'amber', 'amber+strict', 'red')`),
    check(
      "shared_items_status_check",
      sql`${table.status} in ('draft', 'awaiting-approval', 'published', 'withdrawn')`,
    ),
  ],
);

/** A recipient added by someone who reshared an item (the item keeps its marking). */
export const sharedItemReshares = pgTable(
  "shared_item_reshares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => sharedItems.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("shared_item_reshares_item_idx").on(table.itemId)],
);

/** One addressee of an item: a community, an organisation or (RED) a person. */
export const sharedItemAudience = pgTable(
  "shared_item_audience",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => sharedItems.id, { onDelete: "cascade" }),
    communityId: uuid("community_id").references(() => communities.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** Null for the author's own audience. */
    reshareId: uuid("reshare_id").references(() => sharedItemReshares.id, { onDelete: "cascade" }),
  },
  (table) => [
    index("shared_item_audience_item_idx").on(table.itemId),
    index("shared_item_audience_community_idx").on(table.communityId),
    index("shared_item_audience_organisation_idx").on(table.organisationId),
    index("shared_item_audience_user_idx").on(table.userId),
    check(
      "shared_item_audience_one_check",
      sql`num_nonnulls(${table.communityId}, ${table.organisationId}, ${table.userId}) = 1`,
    ),
  ],
);

export const sharedItemAcknowledgements = pgTable(
  "shared_item_acknowledgements",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => sharedItems.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** received, acted */
    state: text("state").notNull(),
    at: at("at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.itemId, table.userId] }),
    check("shared_item_acknowledgements_state_check", sql`${table.state} in ('received', 'acted')`),
  ],
);

/** When a person first opened an item: what is not here is new for them. */
export const sharedItemReads = pgTable(
  "shared_item_reads",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => sharedItems.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    readAt: at("read_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.itemId] })],
);

/** Each organisation's sharing settings (absent row: defaults). */
export const sharingOrganisationSettings = pgTable("sharing_organisation_settings", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** AMBER, AMBER+STRICT and RED items go out only after a second person approves. */
  requiresFourEyes: boolean("requires_four_eyes").notNull().default(false),
  updatedAt: at("updated_at").notNull(),
});

/** Bytes as PostgreSQL's bytea: Buffer from node-postgres, Uint8Array from PGlite. */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => value,
});

/**
 * A file attached to an item, kept in the database (so PGlite, PostgreSQL and backups all carry
 * it). A personal attachment loses its bytes when the item type's retention runs out; the row
 * stays as the record that it existed.
 */
export const sharedItemAttachments = pgTable(
  "shared_item_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => sharedItems.id, { onDelete: "cascade" }),
    /** Sanitised on upload: no paths, no control characters. */
    filename: text("filename").notNull(),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    /** Hex SHA-256 of the bytes as uploaded. */
    sha256: text("sha256").notNull(),
    /** Null once purged. */
    content: bytes("content"),
    /** The author marked it as holding personal data. */
    personal: boolean("personal").notNull().default(false),
    addedBy: uuid("added_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    addedAt: at("added_at").notNull(),
    purgedAt: at("purged_at"),
  },
  (table) => [
    index("shared_item_attachments_item_idx").on(table.itemId),
    check("shared_item_attachments_size_check", sql`${table.size} > 0`),
    check(
      "shared_item_attachments_purged_check",
      sql`(${table.content} is null) = (${table.purgedAt} is not null)`,
    ),
  ],
);
