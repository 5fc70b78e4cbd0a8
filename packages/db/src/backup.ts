// Backup and restore of the whole database as one portable file: gzip'd JSON lines, a header then
// each table's rows. The same file moves between PGlite and PostgreSQL (a field laptop's data can
// be restored on the national server). Restore replaces everything, in one transaction, and only
// into a database at the same migration. The file is created readable by its owner only (0600),
// and the secrets in it (TOTP secrets, the pseudonym key) are sealed under the instance's secret
// (seal.ts), which no backup holds: a restore on another instance needs the same secret.

import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, renameSync, rmSync } from "node:fs";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { asc, getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import {
  BACKUP_FORMAT,
  END,
  type Header,
  linesOf,
  readBackupHeader,
  rowOf,
  verifyFile,
} from "./backup-file.ts";
import {
  BackupError,
  backupChecksum,
  backupSealer,
  openSealCheck,
  type Seal,
  sealCheck,
} from "./backup-seal.ts";
import { appliedMigration, type Database, type Executor } from "./connect.ts";
import { verifyAuditChain } from "./repositories/audit.ts";
import * as schema from "./schema.ts";

export { BACKUP_FORMAT, BackupError, readBackupHeader };

/** Every table, parents before children (the order rows are restored in). */
const TABLES: PgTable[] = [
  schema.organisations,
  schema.users,
  schema.sessions,
  schema.apiTokens,
  schema.communities,
  schema.communityOrganisations,
  schema.communityModerators,
  schema.communityInvitations,
  // Before the assets: rows of a registry import still staged when the backup was taken stay
  // hidden once restored (ADR 0040), and the sweep removes them as it does a dead import's.
  schema.stagedImports,
  // Likewise the slices of a STIX import still staged (ADR 0047), restored with their objects.
  schema.stagedStixSlices,
  schema.assets,
  schema.dependencies,
  schema.compendiumEntries,
  schema.compendiumVersions,
  schema.compendiumTranslations,
  schema.compendiumProposals,
  schema.compendiumReviews,
  schema.expertProfiles,
  schema.questions,
  schema.discussionPosts,
  schema.notifications,
  schema.notificationSettings,
  ...[schema.events, schema.eventParticipants, schema.eventSessions, schema.eventMaterials],
  ...[schema.eventOutcomes, schema.eventActions, schema.eventActionNotes],
  ...[schema.riskScenarios, schema.riskMethodologies, schema.riskAssessments, schema.riskAssessmentVersions],
  ...[schema.selfAssessmentFrameworks, schema.selfAssessmentRuns],
  ...[schema.selfAssessmentAnswers, schema.selfAssessmentComments],
  schema.sharedItems,
  schema.sharedItemReshares,
  schema.sharedItemAudience,
  schema.sharedItemAcknowledgements,
  schema.sharedItemReads,
  schema.sharingOrganisationSettings,
  schema.stixObjects,
  schema.sharedItemAttachments,
  schema.taxiiStatuses,
  ...[schema.incidents, schema.incidentAudience, schema.incidentAssets, schema.incidentNotices],
  ...[schema.incidentReports, schema.incidentStateChanges],
  ...[
    schema.incidentLogEntries,
    schema.incidentLogRecipients,
    schema.incidentTasks,
    schema.organisationContacts,
  ],
  ...[schema.incidentEvidence, schema.incidentEvidenceCustody, schema.incidentEvidenceShares],
  ...[schema.incidentReviews, schema.incidentReviewActions],
  schema.incidentLinks,
  schema.incidentAttachments,
  ...[schema.exercises, schema.exerciseParticipants, schema.exerciseObjectives, schema.exerciseInjects],
  ...[schema.exerciseObservations, schema.exerciseCorrectiveActions, schema.exerciseProgrammes],
  schema.exerciseIncidents,
  ...[schema.assistanceNeeds, schema.assistanceNeedAudience, schema.assistanceOffers],
  ...[schema.assistanceOfferAudience, schema.assistanceEngagements],
  ...[schema.sitreps, schema.resourceRequests, schema.resourceRequestChanges],
  schema.sitrepSchedules,
  ...[schema.implementationProfileShares, schema.implementationProfileShareAudience],
  // Credentials are copied sealed: their key derives from the instance's secret, which no backup
  // holds, so a backup alone never reveals them (restored elsewhere, they must be entered again).
  schema.taxiiSubscriptions,
  ...[
    schema.federationConsents,
    schema.federationPeers,
    schema.federationReceipts,
    schema.federationSendings,
  ],
  schema.auditLog,
  schema.settings,
];

/** Identity columns, whose sequences a restore moves past the restored rows. */
const IDENTITIES: readonly [PgTable, string][] = [[schema.stixObjects, "seq"]];

/**
 * Tables emptied, not copied: derived from others by trigger (search rows), or transient (the
 * failed-authentication counters, which a restore starts afresh; background jobs' progress, which
 * belongs to the processes of the instance backed up).
 */
const DERIVED: PgTable[] = [schema.compendiumSearch, schema.authThrottle, schema.jobs];

/**
 * Tables whose rows migrations write and triggers keep (the search index's version and its log of
 * changed entries, the policy's version): left alone. A restore's writes move them on, so every cache drops what it held.
 */
const KEPT: PgTable[] = [schema.compendiumSearchState, schema.compendiumSearchChanges, schema.policyState];

/**
 * Tables whose triggers refuse some writes (the append-only audit trail; answers and comments of a
 * submitted self-assessment): a restore writes them back with those triggers off.
 */
const GUARDED: PgTable[] = [
  schema.auditLog,
  schema.selfAssessmentAnswers,
  schema.selfAssessmentComments,
  ...[schema.incidentLogEntries, schema.incidentLogRecipients],
];

/** Where each table stands in a backup: copied, emptied and rebuilt, or left alone. */
export const BACKUP_COVERAGE = {
  copied: TABLES.map((table) => getTableName(table)),
  derived: DERIVED.map((table) => getTableName(table)),
  kept: KEPT.map((table) => getTableName(table)),
};

const PAGE = 1000;
/** Rows per page of a table with bytes (attachments of up to 10 MB each). */
const BYTES_PAGE = 10;
/** A restore writes a batch once it holds this many characters of file content. */
const BATCH_CHARACTERS = 32 * 1024 * 1024;

/** The keys of a table's bytea columns: written as base64 strings, read back as bytes. */
const byteaKeys = (table: PgTable): string[] =>
  Object.entries(getTableColumns(table))
    .filter(([, column]) => column.getSQLType() === "bytea")
    .map(([key]) => key);

const toBase64 = (value: unknown): unknown =>
  value instanceof Uint8Array
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64")
    : value;

export type Progress = (table: string, rows: number) => void;

/**
 * Write the backup to `file`, created 0600 (a fresh file renamed into place, so an existing file's
 * looser mode is never kept), its secrets sealed under `secret`, the instance's secret.
 */
export async function writeBackup(
  db: Database,
  file: string,
  now: Date,
  secret: string,
  progress?: Progress,
): Promise<Header> {
  const partial = `${file}.${randomBytes(6).toString("hex")}.partial`;
  try {
    // Every table read in one snapshot while the server goes on writing (PostgreSQL); on PGlite
    // the transaction holds its one connection, so writes wait for the backup.
    const header = await db.transaction((tx) => writeSnapshot(tx, partial, now, secret, progress), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
    renameSync(partial, file);
    return header;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

async function writeSnapshot(
  db: Executor,
  partial: string,
  now: Date,
  secret: string,
  progress?: Progress,
): Promise<Header> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(table);
    counts[getTableName(table)] = Number(row?.count ?? 0);
  }
  const header: Header = {
    format: BACKUP_FORMAT,
    version: 2,
    migration: await appliedMigration(db),
    createdAt: now.toISOString(),
    tables: counts,
    sealCheck: sealCheck(secret),
  };
  await writeRows(db, header, secret, partial, progress);
  return header;
}

async function writeRows(
  db: Executor,
  header: Header,
  secret: string,
  partial: string,
  progress?: Progress,
): Promise<void> {
  const seal = backupSealer(secret, "seal");
  const checksum = backupChecksum(secret);
  const lines = new PassThrough();
  // Owner-only from the moment it exists ("wx": never an existing file with another mode).
  const done = pipeline(lines, createGzip(), createWriteStream(partial, { flags: "wx", mode: 0o600 }));
  const write = async (value: unknown) => {
    const line = `${JSON.stringify(value)}\n`;
    checksum.update(line);
    if (!lines.write(line)) await once(lines, "drain");
  };
  await write(header);
  for (const table of TABLES) {
    const name = getTableName(table);
    const binary = byteaKeys(table);
    const order = Object.values(getTableColumns(table))
      .filter((column) => column.getSQLType() !== "bytea")
      .map((column) => asc(column));
    const page = binary.length > 0 ? BYTES_PAGE : PAGE;
    let written = 0;
    for (let offset = 0; ; offset += page) {
      const rows = await db
        .select()
        .from(table)
        .orderBy(...order)
        .limit(page)
        .offset(offset);
      for (const row of rows) {
        const out: Record<string, unknown> = { ...row };
        for (const key of binary) out[key] = toBase64(out[key]);
        await write({ t: name, r: seal(name, out) });
      }
      written += rows.length;
      progress?.(name, written);
      if (rows.length < page) break;
    }
  }
  lines.end(`${END}${JSON.stringify({ hmac: checksum.digest("hex") })}}\n`);
  await done;
}

/** Turn JSON values back into what each column takes (timestamps become Dates, base64 bytes). */
function reviver(table: PgTable): (row: Record<string, unknown>) => Record<string, unknown> {
  const columns = Object.entries(getTableColumns(table));
  const timestamps = columns.filter(([, column]) => column.columnType === "PgTimestamp").map(([key]) => key);
  const timestampArrays = columns
    .filter(
      ([, column]) =>
        column.columnType === "PgArray" &&
        "baseColumn" in column &&
        (column.baseColumn as { columnType?: string }).columnType === "PgTimestamp",
    )
    .map(([key]) => key);
  const binary = byteaKeys(table);
  return (row) => {
    const out = { ...row };
    for (const key of timestamps) if (typeof out[key] === "string") out[key] = new Date(String(out[key]));
    for (const key of timestampArrays) {
      const values = out[key];
      if (Array.isArray(values)) out[key] = values.map((value) => new Date(String(value)));
    }
    for (const key of binary)
      if (typeof out[key] === "string") out[key] = new Uint8Array(Buffer.from(String(out[key]), "base64"));
    return out;
  };
}

/** The header's promise about secrets kept: how to open them, or the refusal that changes nothing. */
function openerFor(header: Header, secret: string): Seal {
  // A version 1 file has no checksum, so anyone could have written it; and every one was made at
  // a migration older than this code's, which a restore refuses anyway. Refusing it outright keeps
  // a forged "old" file from going around the checksum.
  if (header.version === 1)
    throw new BackupError(
      "The backup has format version 1 (no checksum): restore it with the Bulwark version that made it, upgrade, then back up again.",
    );
  if (header.version !== 2)
    throw new BackupError(
      `The backup has format version ${String(header.version)}: restore it with a newer Bulwark.`,
    );
  openSealCheck(secret, header.sealCheck);
  return backupSealer(secret, "open");
}

/** Replace the whole database with the backup in `file`, whose secrets open under `secret`. */
export async function restoreBackup(
  db: Database,
  file: string,
  secret: string,
  progress?: Progress,
): Promise<Header> {
  const header = await readBackupHeader(file);
  const open = openerFor(header, secret);
  const migration = await appliedMigration(db);
  if (header.migration !== migration)
    throw new BackupError(
      `The backup was made at migration ${header.migration ?? "none"} but this database is at ${migration ?? "none"}: run the matching version of Bulwark.`,
    );
  await verifyFile(file, header, secret, new Set(TABLES.map((table) => getTableName(table))));
  const byName = new Map(TABLES.map((table) => [getTableName(table), { table, revive: reviver(table) }]));
  await db.transaction(async (tx) => {
    // The audit trail refuses truncation, a submitted self-assessment refuses new answers: a
    // restore replaces them wholesale with the backup's rows.
    for (const table of GUARDED)
      await tx.execute(sql.raw(`alter table "${getTableName(table)}" disable trigger user`));
    await tx.execute(
      sql.raw(
        `truncate ${[...TABLES, ...DERIVED].map((table) => `"${getTableName(table)}"`).join(", ")} cascade`,
      ),
    );
    let batch: Record<string, unknown>[] = [];
    let batchCharacters = 0;
    let current = "";
    const restored: Record<string, number> = {};
    const flush = async () => {
      const target = byName.get(current);
      if (!target || batch.length === 0) return;
      await tx.insert(target.table).values(batch);
      restored[current] = (restored[current] ?? 0) + batch.length;
      progress?.(current, restored[current] ?? 0);
      batch = [];
      batchCharacters = 0;
    };
    let index = 0;
    for await (const line of linesOf(file)) {
      index++;
      if (index === 1 || !line || line.startsWith(END)) continue;
      const item = rowOf(file, line, index);
      const target = byName.get(item.t);
      if (!target) throw new BackupError(`The backup holds an unknown table: ${item.t}.`);
      if (item.t !== current || batch.length >= 500 || batchCharacters >= BATCH_CHARACTERS) {
        await flush();
        current = item.t;
      }
      batch.push(target.revive(open(item.t, item.r)));
      batchCharacters += line.length;
    }
    await flush();
    for (const [name, count] of Object.entries(header.tables))
      if ((restored[name] ?? 0) !== count)
        throw new BackupError(
          `The backup is incomplete: ${name} has ${restored[name] ?? 0} of ${count} rows.`,
        );
    for (const [table, column] of IDENTITIES) {
      const name = getTableName(table);
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${name}', '${column}'), coalesce(max("${column}"), 0) + 1, false) from "${name}"`,
        ),
      );
    }
    for (const table of GUARDED)
      await tx.execute(sql.raw(`alter table "${getTableName(table)}" enable trigger user`));
    // Checked before the transaction commits: a broken chain never replaces the live database.
    const chain = await verifyAuditChain(tx);
    if (!chain.ok)
      throw new BackupError(
        `The backup's audit chain is broken at entry ${chain.firstBroken?.seq} (${chain.firstBroken?.reason}): nothing was restored.`,
      );
  });
  return header;
}
