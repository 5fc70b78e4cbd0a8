// The database schema of the foundation, the asset registry and the compendium. Timestamps are timestamptz with millisecond values
// written by the application (so the audit chain's hashes round-trip exactly).
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at } from "./columns.ts";

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    shortName: text("short_name"),
    kind: text("kind").notNull(),
    country: text("country").notNull(),
    sectors: text("sectors").array().notNull().default(sql`'{}'::text[]`),
    website: text("website"),
    /**
     * Vouched for by a platform administrator: only verified organisations count towards the
     * anonymised self-assessment comparison (organisations made for the purpose must not).
     */
    verified: boolean("verified").notNull().default(false),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [uniqueIndex("organisations_name_key").on(sql`lower(${table.name})`)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    roles: text("roles").array().notNull(),
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    totpSecret: text("totp_secret"),
    totpEnabled: boolean("totp_enabled").notNull().default(false),
    /** The 30-second step of the last code accepted: a code works once (no replay). */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: at("locked_until"),
    lastSignInAt: at("last_sign_in_at"),
    /** The person's chosen language (one of the six UN languages); null: not chosen. */
    language: text("language"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    uniqueIndex("users_email_key").on(table.email),
    index("users_organisation_idx").on(table.organisationId),
    check("users_language_check", sql`${table.language} in ('ar', 'zh', 'en', 'fr', 'ru', 'es')`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie's secret: a stolen table gives no usable session. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: at("created_at").notNull(),
    lastSeenAt: at("last_seen_at").notNull(),
    expiresAt: at("expires_at").notNull(),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    /** SHA-256 of the secret (the secret has 256 bits of entropy, so a fast hash is enough). */
    tokenHash: text("token_hash").notNull(),
    createdAt: at("created_at").notNull(),
    expiresAt: at("expires_at"),
    lastUsedAt: at("last_used_at"),
    revokedAt: at("revoked_at"),
    /**
     * What the token may do (read, write, taxii; @bulwark/core's TokenScope). The default is for
     * the tokens made before scopes existed: reading, over the API and TAXII, never writing.
     */
    scopes: text("scopes").array().notNull().default(sql`'{read,taxii}'::text[]`),
  },
  (table) => [
    uniqueIndex("api_tokens_hash_key").on(table.tokenHash),
    index("api_tokens_user_idx").on(table.userId),
  ],
);

/**
 * Failed authentications per client address (the key is a SHA-256, never the address), in a
 * window: counted with one atomic upsert, so every server process shares them. Rows whose window
 * has ended are deleted by the hourly purge.
 */
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowEnds: at("window_ends").notNull(),
});

export const communities = pgTable(
  "communities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [uniqueIndex("communities_name_key").on(sql`lower(${table.name})`)],
);

export const communityOrganisations = pgTable(
  "community_organisations",
  {
    communityId: uuid("community_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
  },
  (table) => [
    primaryKey({ columns: [table.communityId, table.organisationId] }),
    index("community_organisations_org_idx").on(table.organisationId),
  ],
);

export const communityModerators = pgTable(
  "community_moderators",
  {
    communityId: uuid("community_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.communityId, table.userId] })],
);

/**
 * One row: a version number moved, by statement triggers in the same transaction, on every change
 * to what read scopes are made of (organisations, their users' roles and accounts, community
 * memberships). Caches of read scopes compare it before use; the same triggers notify every server
 * process on the channel `bulwark_policy`. See ADR 0019.
 */
export const policyState = pgTable("policy_state", {
  id: integer("id").primaryKey().default(1),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});

/**
 * An organisation asked to join a community. It becomes a member only when one of its
 * organisation administrators accepts (a platform administrator may add it directly instead).
 * At most one invitation per community and organisation is pending at a time.
 */
export const communityInvitations = pgTable(
  "community_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    communityId: uuid("community_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** pending, accepted, declined or withdrawn. */
    state: text("state").notNull().default("pending"),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
    decidedAt: at("decided_at"),
  },
  (table) => [
    uniqueIndex("community_invitations_pending_key")
      .on(table.communityId, table.organisationId)
      .where(sql`${table.state} = 'pending'`),
    index("community_invitations_org_idx").on(table.organisationId, table.state),
  ],
);

/**
 * Append-only and hash-chained (see @bulwark/core audit/chain.ts). A trigger refuses UPDATE and
 * DELETE; `seq` is assigned by the writer under a lock, so a gap means a deleted entry.
 * No foreign keys: the trail outlives the accounts and things it names.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    at: at("at").notNull(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: jsonb("details").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (table) => [
    index("audit_log_actor_idx").on(table.actorId, table.seq),
    index("audit_log_action_idx").on(table.action, table.seq),
    index("audit_log_target_idx").on(table.targetType, table.targetId),
    index("audit_log_at_idx").on(table.at),
  ],
);

/** Facts about this installation (e.g. when the demo country was loaded). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: at("updated_at").notNull(),
});

/**
 * Critical assets. `ref` is the operator-facing identifier (the `id` column of CSV files), unique
 * per operator, so whether a ref is free never depends on assets the writer cannot see (issue 12,
 * finding 16); `id` is the database's own. Location is a WGS84 point (lat/lon) and, for long
 * or large assets, an optional GeoJSON polygon.
 */
export const assets = pgTable(
  "assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ref: text("ref").notNull(),
    name: text("name").notNull(),
    sector: text("sector").notNull(),
    subsector: text("subsector"),
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    area: jsonb("area"),
    status: text("status").notNull().default("operational"),
    populationServed: bigint("population_served", { mode: "number" }).notNull().default(0),
    capacity: doublePrecision("capacity"),
    capacityUnit: text("capacity_unit"),
    /** Hours within which the operator aims to restore the asset after an outage (issue 17). */
    recoveryTargetHours: doublePrecision("recovery_target_hours"),
    marking: text("marking").notNull().default("amber"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb("attributes").notNull().default(sql`'{}'::jsonb`),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    /**
     * The registry import that wrote the row (ADR 0040). While that import's staged_imports row
     * exists, the asset is staged: no read sees it (assetScope), and a failed import deletes it.
     */
    importId: uuid("import_id"),
  },
  (table) => [
    uniqueIndex("assets_operator_ref_key").on(table.operatorId, table.ref),
    index("assets_operator_idx").on(table.operatorId),
    index("assets_sector_idx").on(table.sector),
    index("assets_import_idx").on(table.importId).where(sql`${table.importId} is not null`),
  ],
);

/** dependent -> supplier for a service, with the dependent's redundancy rule and buffer. */
export const dependencies = pgTable(
  "dependencies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dependentId: uuid("dependent_id")
      .notNull()
      .references(() => assets.id, { onDelete: "cascade" }),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => assets.id, { onDelete: "cascade" }),
    service: text("service").notNull(),
    kind: text("kind").notNull().default("physical"),
    k: integer("k").notNull().default(1),
    bufferHours: doublePrecision("buffer_hours").notNull().default(0),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("dependencies_edge_key").on(table.dependentId, table.supplierId, table.service),
    index("dependencies_supplier_idx").on(table.supplierId),
  ],
);

/** PostgreSQL's text-search vector (Drizzle has no built-in type for it). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * Published compendium entries: the current version's content. `organisation_id` owns the entry
 * for the TLP rule (null for the shipped pack).
 */
export const compendiumEntries = pgTable(
  "compendium_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    type: text("type").notNull(),
    toolKind: text("tool_kind"),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    language: text("language").notNull().default("en"),
    phases: text("phases").array().notNull().default(sql`'{}'::text[]`),
    sectors: text("sectors").array().notNull().default(sql`'{}'::text[]`),
    threats: text("threats").array().notNull().default(sql`'{}'::text[]`),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    regions: text("regions").array().notNull().default(sql`'{}'::text[]`),
    countries: text("countries").array().notNull().default(sql`'{}'::text[]`),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    marking: text("marking").notNull().default("clear"),
    source: jsonb("source").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    uniqueIndex("compendium_entries_slug_key").on(table.slug),
    index("compendium_entries_organisation_idx").on(table.organisationId),
  ],
);

/**
 * Bulwark's own translations of an entry's title and summary into another language (the shipped
 * pack's content/compendium/translations/<language>.yaml); the entry and its cited source stay
 * the original. `words`: the title (weight A) and summary (B) as the search index reads them,
 * stemmed in the translation's language (Chinese split into words by the application first,
 * core's searchableText). A trigger (hand-written at the end of the i18nc migration) adds them to the entry's
 * search row, so search finds entries in each language. `source`: which English title and summary
 * were translated (translationSource, ADR 0041); when the entry's own differ, the translation is
 * stale and readers are told it may be out of date. Null: not known, read as stale.
 */
export const compendiumTranslations = pgTable(
  "compendium_translations",
  {
    entryId: uuid("entry_id")
      .notNull()
      .references(() => compendiumEntries.id, { onDelete: "cascade" }),
    language: text("language").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    source: text("source"),
    words: tsvector("words").notNull(),
  },
  (table) => [primaryKey({ columns: [table.entryId, table.language] })],
);

/**
 * What search reads, one row per entry, kept by a trigger on compendium_entries (migrations 0004
 * and 0005): `seq` (a small number naming the row in the search index each server process holds),
 * the TLP columns, every tag as "facet:value", and `words`: title (weight A), summary (B) and body
 * (C) as PostgreSQL stems them in the entry's language (five of the six UN languages; Chinese and
 * others word by word). Search loads these rows into memory (repositories/compendium-index.ts) and
 * reloads them when compendium_search_state's version moves.
 */
export const compendiumSearch = pgTable(
  "compendium_search",
  {
    entryId: uuid("entry_id")
      .primaryKey()
      .references(() => compendiumEntries.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull().generatedAlwaysAsIdentity(),
    organisationId: uuid("organisation_id"),
    marking: text("marking").notNull(),
    title: text("title").notNull(),
    tags: text("tags").array().notNull(),
    words: tsvector("words").notNull(),
  },
  (table) => [
    uniqueIndex("compendium_search_seq_key").on(table.seq),
    index("compendium_search_title_idx").on(table.title, table.entryId),
    index("compendium_search_restricted_idx").on(table.marking).where(sql`marking <> 'clear'`),
  ],
);

/**
 * One row: a version number a statement trigger moves on every change to compendium_search, read
 * in the same transaction as the rows, so a process knows whether its search index is current.
 * `loggedFrom`: compendium_search_changes names every entry changed after this version (older
 * changes are pruned), so a process at this version or later can catch up entry by entry.
 */
export const compendiumSearchState = pgTable("compendium_search_state", {
  id: integer("id").primaryKey().default(1),
  version: bigint("version", { mode: "number" }).notNull().default(0),
  loggedFrom: bigint("logged_from", { mode: "number" }).notNull().default(0),
});

/**
 * Which entries each version of compendium_search changed (written by the statement trigger that
 * moves the version; migration 0022): a null entry means "everything" (a TRUNCATE), so processes
 * reload in full. Server processes apply the changed entries to their search index (ADR 0023).
 */
export const compendiumSearchChanges = pgTable(
  "compendium_search_changes",
  {
    version: bigint("version", { mode: "number" }).notNull(),
    entryId: uuid("entry_id"),
  },
  (table) => [index("compendium_search_changes_version_idx").on(table.version)],
);

/** Every published version of every entry, in full: history and diffs come from here. */
export const compendiumVersions = pgTable(
  "compendium_versions",
  {
    entryId: uuid("entry_id")
      .notNull()
      .references(() => compendiumEntries.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: jsonb("content").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    createdAt: at("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.entryId, table.version] })],
);

/** A proposed new entry or edit, reviewed by the compendium's moderators before publication. */
export const compendiumProposals = pgTable(
  "compendium_proposals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id").references(() => compendiumEntries.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    baseVersion: integer("base_version"),
    title: text("title").notNull(),
    content: jsonb("content").notNull(),
    state: text("state").notNull().default("open"),
    note: text("note"),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    publishedVersion: integer("published_version"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("compendium_proposals_state_idx").on(table.state, table.updatedAt),
    index("compendium_proposals_organisation_idx").on(table.organisationId),
  ],
);

/** Comments and decisions on a proposal, in order. */
export const compendiumReviews = pgTable(
  "compendium_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** 1, 2, 3... within the proposal: the order reviews were written in (several may share a millisecond). */
    position: integer("position").notNull(),
    proposalId: uuid("proposal_id")
      .notNull()
      .references(() => compendiumProposals.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    action: text("action").notNull(),
    comment: text("comment").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (table) => [uniqueIndex("compendium_reviews_position_key").on(table.proposalId, table.position)],
);
