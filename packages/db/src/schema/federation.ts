// Federation of aggregates (issue 20, item 6; ADR 0028). On a national installation: the national
// authority's consent to send its k-anonymous aggregates to one hub (who, when, which hub, and the
// token the hub gave, sealed). On a hub: the installations allowed to send (their Ed25519 public
// key and the hash of their token) and what each sent (only cells that passed the rule). The
// installation's own key pair lives in `settings` (the private key sealed under the instance's
// secret).
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./base.ts";
import { at } from "./columns.ts";

export const federationConsents = pgTable(
  "federation_consents",
  {
    id: uuid("id").primaryKey(),
    /** The national authority that consented. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    hubUrl: text("hub_url").notNull(),
    /** The token the hub issued for this installation, sealed under the instance's secret. */
    hubToken: text("hub_token").notNull(),
    createdAt: at("created_at").notNull(),
    withdrawnAt: at("withdrawn_at"),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id, { onDelete: "set null" }),
    lastSentAt: at("last_sent_at"),
  },
  (table) => [
    index("federation_consents_organisation_idx").on(table.organisationId),
    // One consent in force per installation at a time.
    uniqueIndex("federation_consents_current_idx").on(sql`(true)`).where(sql`${table.withdrawnAt} is null`),
  ],
);

export const federationPeers = pgTable(
  "federation_peers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** ISO 3166-1 alpha-2: what the installation's aggregates are counted under. */
    country: text("country").notNull(),
    /** Ed25519 public key, 32 bytes base64url. */
    publicKey: text("public_key").notNull(),
    /** SHA-256 (hex) of the token the installation sends as Bearer. */
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
    revokedAt: at("revoked_at"),
  },
  (table) => [
    uniqueIndex("federation_peers_token_idx").on(table.tokenHash),
    uniqueIndex("federation_peers_key_idx").on(table.publicKey),
    check("federation_peers_country_check", sql`${table.country} ~ '^[A-Z]{2}$'`),
  ],
);

export const federationReceipts = pgTable(
  "federation_receipts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    peerId: uuid("peer_id")
      .notNull()
      .references(() => federationPeers.id, { onDelete: "cascade" }),
    nonce: uuid("nonce").notNull(),
    sentAt: at("sent_at").notNull(),
    receivedAt: at("received_at").notNull(),
    country: text("country").notNull(),
    /** The k the hub applied. */
    k: integer("k").notNull(),
    /** {needs, selfAssessment, engagements}: only the cells that passed the rule. */
    cells: jsonb("cells").notNull(),
    dropped: integer("dropped").notNull(),
  },
  (table) => [
    uniqueIndex("federation_receipts_nonce_idx").on(table.peerId, table.nonce),
    index("federation_receipts_peer_idx").on(table.peerId, table.sentAt),
  ],
);

/**
 * Each sending of the aggregates to the consented hub (by a person or by the daily schedule) and
 * what came of it: the cells sent and the hub's answer, or why it failed. Never the hub's token.
 */
export const federationSendings = pgTable(
  "federation_sendings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    consentId: uuid("consent_id")
      .notNull()
      .references(() => federationConsents.id, { onDelete: "cascade" }),
    hubUrl: text("hub_url").notNull(),
    /** Who sent: a person, or null for the schedule. */
    sentBy: uuid("sent_by").references(() => users.id, { onDelete: "set null" }),
    trigger: text("trigger").notNull(),
    sentAt: at("sent_at").notNull(),
    /** sent, refused (the hub answered with an error) or unreachable. */
    result: text("result").notNull(),
    /** The hub's HTTP status, when it answered. */
    status: integer("status"),
    /** The hub's problem detail or why it could not be reached (at most 500 characters). */
    detail: text("detail").notNull().default(""),
    /** Cells sent: {needs, selfAssessment, engagements}. */
    cells: jsonb("cells").notNull(),
    /** What the hub kept and dropped: the AggregatesReceived answer, when it was sent. */
    received: jsonb("received"),
  },
  (table) => [
    index("federation_sendings_sent_idx").on(table.sentAt),
    check("federation_sendings_trigger_check", sql`${table.trigger} in ('manual', 'schedule')`),
    check("federation_sendings_result_check", sql`${table.result} in ('sent', 'refused', 'unreachable')`),
  ],
);
