// The investigation log of an incident (issue 18): evidence items, their hash-chained custody and
// the organisations the log is shared with. Every read takes the viewer and filters with
// visibleEvidenceOf, the SQL twin of evidenceAbilities(...).maySee in @bulwark/core: the incident
// visible to the viewer (visibleIncidents) and the viewer's organisation law enforcement, or named
// in the log's shares. Nothing here announces on the incidents channel: a change of the log must
// not tell those who cannot see it that something happened.
import {
  type CustodyContent,
  type CustodyKind,
  type CustodyLink,
  INVESTIGATING_KINDS,
  type Json,
  type SharingViewer,
  sealCustody,
} from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import type { Executor, Transaction } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { incidentEvidence, incidentEvidenceCustody, incidentEvidenceShares } from "../schema.ts";
import { sqlArray } from "../scope.ts";
import { sha256 } from "./audit.ts";
import { visibleIncidents } from "./sharing-scope.ts";

/**
 * The investigation log of `incidentId` (an SQL expression naming the incident) is visible to the
 * viewer: the incident is, and the viewer's organisation is law enforcement or shared with.
 */
export function visibleEvidenceOf(viewer: SharingViewer, incidentId: SQL): SQL {
  return sql`(exists (select 1 from incidents where incidents.id = ${incidentId} and ${visibleIncidents(viewer)})
    and (exists (select 1 from organisations as viewer_org
          where viewer_org.id = ${viewer.organisationId}
            and viewer_org.kind = any(${sqlArray(INVESTIGATING_KINDS)}))
      or exists (select 1 from incident_evidence_shares as shared
          where shared.incident_id = ${incidentId} and shared.organisation_id = ${viewer.organisationId})))`;
}

/** Whether the viewer may see the incident's investigation log (the SQL rule, asked directly). */
export async function seesInvestigationLog(db: Executor, viewer: SharingViewer, incidentId: string) {
  const rows = rowsOf<{ sees: boolean }>(
    await db.execute(sql`select ${visibleEvidenceOf(viewer, sql`${incidentId}::uuid`)} as sees`),
  );
  return rows[0]?.sees === true;
}

export interface EvidenceSummaryRecord {
  id: string;
  number: number;
  description: string;
  sha256: string;
  fileName: string;
  fileSize: number | null;
  organisation: { id: string; name: string };
  createdBy: { id: string; name: string };
  createdAt: string;
  holder: string;
  custodyRecords: number;
}

interface SummaryRow {
  id: string;
  number: number;
  description: string;
  sha256: string;
  file_name: string;
  file_size: string | number | null;
  organisation_id: string;
  organisation_name: string;
  created_by: string;
  created_by_name: string;
  created_at: string | Date;
  holder: string | null;
  custody_records: string | number;
}

const isoText = (value: string | Date) => new Date(value).toISOString();

const presentSummary = (row: SummaryRow): EvidenceSummaryRecord => ({
  id: row.id,
  number: Number(row.number),
  description: row.description,
  sha256: row.sha256,
  fileName: row.file_name,
  fileSize: row.file_size === null ? null : Number(row.file_size),
  organisation: { id: row.organisation_id, name: row.organisation_name },
  createdBy: { id: row.created_by, name: row.created_by_name },
  createdAt: isoText(row.created_at),
  holder: row.holder ?? "",
  custodyRecords: Number(row.custody_records),
});

const SUMMARY = sql`select e.id, e.number, e.description, e.sha256, e.file_name, e.file_size,
    e.organisation_id, o.name as organisation_name, e.created_by, u.name as created_by_name, e.created_at,
    (select c.to_holder from incident_evidence_custody as c where c.evidence_id = e.id order by c.seq desc limit 1) as holder,
    (select count(*) from incident_evidence_custody as c where c.evidence_id = e.id) as custody_records
  from incident_evidence as e
  join organisations as o on o.id = e.organisation_id
  join users as u on u.id = e.created_by`;

/** The incident's evidence the viewer may see, by exhibit number. */
export async function listEvidence(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
  page: { limit: number; offset: number },
): Promise<{ items: EvidenceSummaryRecord[]; total: number }> {
  const where = sql`e.incident_id = ${incidentId} and ${visibleEvidenceOf(viewer, sql`e.incident_id`)}`;
  const [rows, totals] = await Promise.all([
    db.execute(sql`${SUMMARY} where ${where} order by e.number limit ${page.limit} offset ${page.offset}`),
    db.execute(sql`select count(*) as total from incident_evidence as e where ${where}`),
  ]);
  return {
    items: rowsOf<SummaryRow>(rows).map(presentSummary),
    total: Number(rowsOf<{ total: string | number }>(totals)[0]?.total ?? 0),
  };
}

export interface CustodyRecord extends CustodyLink {
  recordedByName: string;
  recordedAt: string;
}

interface CustodyRow {
  seq: number;
  kind: string;
  at: string | Date;
  from_holder: string;
  to_holder: string;
  reason: string;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string | Date;
  item: string | null;
  prev_hash: string;
  hash: string;
}

const presentCustody = (row: CustodyRow): CustodyRecord => ({
  seq: Number(row.seq),
  kind: row.kind as CustodyKind,
  at: isoText(row.at),
  fromHolder: row.from_holder,
  toHolder: row.to_holder,
  reason: row.reason,
  recordedBy: row.recorded_by,
  recordedByName: row.recorded_by_name,
  recordedAt: isoText(row.recorded_at),
  item: row.item === null ? null : (JSON.parse(row.item) as CustodyLink["item"]),
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** An item's custody records in order (no visibility check: call after findEvidence). */
export async function custodyOf(db: Executor, evidenceId: string): Promise<CustodyRecord[]> {
  const rows = await db.execute(sql`select c.seq, c.kind, c.at, c.from_holder, c.to_holder, c.reason,
      c.recorded_by, u.name as recorded_by_name, c.recorded_at, c.item, c.prev_hash, c.hash
    from incident_evidence_custody as c join users as u on u.id = c.recorded_by
    where c.evidence_id = ${evidenceId} order by c.seq`);
  return rowsOf<CustodyRow>(rows).map(presentCustody);
}

/** One evidence item of the incident the viewer may see (null: none such, or hidden: they cannot tell). */
export async function findEvidence(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
  evidenceId: string,
): Promise<EvidenceSummaryRecord | null> {
  const rows = await db.execute(sql`${SUMMARY}
    where e.id = ${evidenceId} and e.incident_id = ${incidentId} and ${visibleEvidenceOf(viewer, sql`e.incident_id`)}`);
  const [row] = rowsOf<SummaryRow>(rows);
  return row ? presentSummary(row) : null;
}

/** The organisations the incident's log is shared with (no visibility check: the caller's). */
export async function evidenceSharesOf(
  db: Executor,
  incidentId: string,
): Promise<{ id: string; name: string }[]> {
  const rows = await db.execute(sql`select o.id, o.name from incident_evidence_shares as s
    join organisations as o on o.id = s.organisation_id
    where s.incident_id = ${incidentId} order by o.name, o.id`);
  return rowsOf<{ id: string; name: string }>(rows);
}

/** Share the log with exactly these organisations (those left out stop seeing it). */
export async function setEvidenceShares(
  db: Executor,
  incidentId: string,
  organisationIds: readonly string[],
  userId: string,
  now: Date,
): Promise<void> {
  await db.execute(sql`delete from incident_evidence_shares
    where incident_id = ${incidentId} and not (organisation_id = any(${sqlArray(organisationIds, "uuid")}))`);
  if (organisationIds.length > 0)
    await db
      .insert(incidentEvidenceShares)
      .values(
        organisationIds.map((organisationId) => ({
          incidentId,
          organisationId,
          sharedBy: userId,
          sharedAt: now,
        })),
      )
      .onConflictDoNothing();
}

/** Seal a custody record onto the item's chain (the item's row held until the transaction ends). */
export async function appendCustody(
  tx: Transaction,
  evidenceId: string,
  record: Omit<CustodyContent, "item"> & { item?: CustodyContent["item"] },
  now: Date,
): Promise<CustodyLink> {
  await tx.execute(sql`select id from incident_evidence where id = ${evidenceId} for update`);
  const [last] = rowsOf<{ seq: number; hash: string }>(
    await tx.execute(sql`select seq, hash from incident_evidence_custody
      where evidence_id = ${evidenceId} order by seq desc limit 1`),
  );
  const link = sealCustody(
    evidenceId,
    last ? { seq: Number(last.seq), hash: last.hash } : null,
    { ...record, item: record.item ?? null },
    sha256,
  );
  await tx.insert(incidentEvidenceCustody).values({
    evidenceId,
    seq: link.seq,
    kind: link.kind,
    at: new Date(link.at),
    fromHolder: link.fromHolder,
    toHolder: link.toHolder,
    reason: link.reason,
    recordedBy: link.recordedBy,
    recordedAt: now,
    item: link.item ? JSON.stringify(link.item) : null,
    prevHash: link.prevHash,
    hash: link.hash,
  });
  return link;
}

/** Record a new evidence item (the next exhibit number of the incident, under the incident's lock). */
export async function insertEvidence(
  tx: Transaction,
  input: {
    incidentId: string;
    description: string;
    sha256: string;
    fileName: string;
    fileSize: number | null;
    organisationId: string;
    createdBy: string;
    now: Date;
  },
): Promise<{ id: string; number: number }> {
  const { now, ...fields } = input;
  const [next] = rowsOf<{ number: number }>(
    await tx.execute(sql`select coalesce(max(number), 0) + 1 as number from incident_evidence
      where incident_id = ${input.incidentId}`),
  );
  const number = Number(next?.number ?? 1);
  const [row] = await tx
    .insert(incidentEvidence)
    .values({ ...fields, number, createdAt: now })
    .returning({ id: incidentEvidence.id });
  if (!row) throw new Error("The evidence was not recorded.");
  return { id: row.id, number };
}

/** The custody chain's head the audit trail last recorded for each item (by evidence id). */
export async function custodyHeadsInAudit(
  db: Executor,
  incidentId: string,
): Promise<Map<string, { seq: number; hash: string } | null>> {
  const rows = rowsOf<{ target_id: string; details: Json }>(
    await db.execute(sql`select distinct on (target_id) target_id, details from audit_log
      where target_type = 'evidence' and action in ('evidence.create', 'evidence.custody')
        and details->>'incidentId' = ${incidentId}
      order by target_id, seq desc`),
  );
  const heads = new Map<string, { seq: number; hash: string } | null>();
  for (const row of rows) {
    const details = (typeof row.details === "string" ? JSON.parse(row.details) : row.details) as {
      head?: { seq?: unknown; hash?: unknown };
    };
    const head = details?.head;
    heads.set(
      row.target_id,
      head && typeof head.seq === "number" && typeof head.hash === "string"
        ? { seq: head.seq, hash: head.hash }
        : null,
    );
  }
  return heads;
}

/** Every evidence item of the incident as stored (for verification; no visibility check). */
export async function evidenceItemsOf(
  db: Executor,
  incidentId: string,
): Promise<{ id: string; number: number; description: string; sha256: string }[]> {
  return rowsOf<{ id: string; number: number; description: string; sha256: string }>(
    await db.execute(sql`select id, number, description, sha256 from incident_evidence
      where incident_id = ${incidentId} order by number`),
  ).map((row) => ({ ...row, number: Number(row.number) }));
}

/** "Name (Organisation)" of a user, as a custody holder is written. */
export async function holderNameOf(db: Executor, userId: string): Promise<string> {
  const [row] = rowsOf<{ name: string; organisation: string }>(
    await db.execute(sql`select u.name, o.name as organisation from users as u
      join organisations as o on o.id = u.organisation_id where u.id = ${userId}`),
  );
  return row ? `${row.name} (${row.organisation})` : "";
}
