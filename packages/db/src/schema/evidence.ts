// The investigation log of an incident (issue 18): law enforcement's evidence items, each with
// the SHA-256 of its file (the file itself is never stored here) and its chain of custody,
// hash-chained as the audit trail is (sealCustody in @bulwark/core), and the organisations law
// enforcement shared the log with by name. Who sees it: evidenceAbilities in @bulwark/core,
// compiled to SQL in repositories/evidence.ts.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./base.ts";
import { at } from "./columns.ts";
import { incidents } from "./incidents.ts";

export const incidentEvidence = pgTable(
  "incident_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    /** 1, 2, 3... within the incident: the exhibit number. */
    number: integer("number").notNull(),
    description: text("description").notNull(),
    /** The SHA-256 of the file, 64 lower-case hex digits. */
    sha256: text("sha256").notNull(),
    fileName: text("file_name").notNull().default(""),
    fileSize: bigint("file_size", { mode: "number" }),
    /** The law-enforcement organisation that recorded it. */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("incident_evidence_number_key").on(table.incidentId, table.number),
    check("incident_evidence_sha256_check", sql`${table.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** One hand-over of an evidence item, on its hash chain (seq 1 is its collection). */
export const incidentEvidenceCustody = pgTable(
  "incident_evidence_custody",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => incidentEvidence.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    /** collected, transfer */
    kind: text("kind").notNull(),
    /** When it changed hands. */
    at: at("at").notNull(),
    fromHolder: text("from_holder").notNull(),
    toHolder: text("to_holder").notNull(),
    reason: text("reason").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    recordedAt: at("recorded_at").notNull(),
    /** On the first record: the description and file hash it covers (JSON). */
    item: text("item"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (table) => [
    uniqueIndex("incident_evidence_custody_seq_key").on(table.evidenceId, table.seq),
    check("incident_evidence_custody_kind_check", sql`${table.kind} in ('collected', 'transfer')`),
  ],
);

/** The organisations, besides law enforcement, that law enforcement shared the log with. */
export const incidentEvidenceShares = pgTable(
  "incident_evidence_shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    sharedBy: uuid("shared_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    sharedAt: at("shared_at").notNull(),
  },
  (table) => [
    uniqueIndex("incident_evidence_shares_key").on(table.incidentId, table.organisationId),
    index("incident_evidence_shares_organisation_idx").on(table.organisationId),
  ],
);
