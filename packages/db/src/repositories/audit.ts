// The audit trail: appended under a transaction-scoped advisory lock so that concurrent writers
// (any number of server processes on one PostgreSQL) still form one unbroken chain.
import { createHash } from "node:crypto";
import {
  type AuditAction,
  type AuditLink,
  brokenLink,
  type ChainReport,
  contentAroundSeq,
  GENESIS_HASH,
  type Json,
  type Scope,
} from "@bulwark/core";
import { and, asc, desc, eq, gt, gte, like, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Database, Executor, Transaction } from "../connect.ts";
import { auditLog, users } from "../schema.ts";
import { iso, scopeFilter } from "../scope.ts";
import { type Param, runWritten } from "../statement.ts";

export const sha256 = (input: string): string => createHash("sha256").update(input).digest("hex");

/** What a change says about itself; the writer adds time, sequence and hashes. */
export interface AuditEvent {
  actorId: string | null;
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | null;
  details?: Json;
}

/**
 * An audit entry to append in the statement of the change it records (ADR 0060): `ctes` are
 * common table expressions (`audit_last`, `audit_link`, `audited`) to put in that statement's
 * WITH list; the entry is inserted when the statement runs, and commits with it. The chain's lock
 * and its last link come from audit_chain_lock_last (migration 0040_board18: VOLATILE, so its read
 * after the lock takes a fresh snapshot and sees the link the previous holder committed); the
 * entry is sealed onto that link, hashed in the database over the text core's entryHash hashes
 * (contentAroundSeq). The lock is held until commit and serialises every writer of every process,
 * so each round trip made while holding it is paid by everyone waiting.
 */
export interface AuditAppend {
  readonly content: Omit<AuditLink, "seq" | "prevHash" | "hash">;
  /** The CTEs' text, each value given to `param` (its placeholder in the statement that holds them). */
  readonly ctes: (param: Param) => string;
}

export function auditAppend(event: AuditEvent, now: Date): AuditAppend {
  const content = {
    at: iso(now),
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    details: event.details ?? {},
  };
  const { before, after } = contentAroundSeq(content);
  return {
    content,
    // Written as text (runStatement): every audited write runs it.
    ctes: (param) => `audit_last as (select last_seq, last_hash from audit_chain_lock_last()),
      audit_link as (select coalesce(audit_last.last_seq, 0) + 1 as seq,
          case when audit_last.last_seq is null or audit_last.last_hash is null then ${param(GENESIS_HASH)}
            else audit_last.last_hash end as prev_hash
        from audit_last),
      audited as (insert into audit_log (seq, at, actor_id, action, target_type, target_id, details, prev_hash, hash)
        select audit_link.seq, ${param(now.toISOString())}::timestamptz, ${param(content.actorId)}::uuid, ${param(content.action)},
          ${param(content.targetType)}, ${param(content.targetId)}, ${param(JSON.stringify(content.details))}::jsonb, audit_link.prev_hash,
          encode(sha256(convert_to(audit_link.prev_hash || ${param(`\n${before}`)}::text || audit_link.seq::text || ${param(after)}::text, 'UTF8')), 'hex')
        from audit_link
        returning seq, prev_hash, hash)`,
  };
}

/** The entry `appended` wrote, from the row of its `audited` CTE. */
export function auditLinkOf(
  appended: AuditAppend,
  row: { seq: number | string; prev_hash: string; hash: string } | undefined,
): AuditLink {
  if (!row) throw new Error("The audit entry was not recorded.");
  return { ...appended.content, seq: Number(row.seq), prevHash: row.prev_hash, hash: row.hash };
}

/** The entry `appended`, appended in a statement of its own. */
export async function appendAuditAlone(db: Executor, appended: AuditAppend): Promise<AuditLink> {
  const [row] = await runWritten<{ seq: number | string; prev_hash: string; hash: string }>(
    db,
    (param) => `with ${appended.ctes(param)} select seq, prev_hash, hash from audited`,
  );
  return auditLinkOf(appended, row);
}

/**
 * Append within the caller's transaction, so the change and its record commit together, in one
 * statement (auditAppend).
 */
export function appendAudit(tx: Transaction, event: AuditEvent, now: Date): Promise<AuditLink> {
  return appendAuditAlone(tx, auditAppend(event, now));
}

/** Record an event that is not part of a change (e.g. a sign-in), in a transaction of its own. */
export function recordAudit(db: Database, event: AuditEvent, now: Date): Promise<AuditLink> {
  return db.transaction((tx) => appendAudit(tx, event, now));
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

export interface AuditRecord extends AuditLink {
  actorName: string | null;
}

type Row = typeof auditLog.$inferSelect;
const toLink = (row: Row): AuditLink => ({ ...row, at: iso(row.at), details: row.details as Json });

export async function listAudit(
  db: Executor,
  scope: Scope,
  filter: AuditFilter,
): Promise<{ items: AuditRecord[]; nextBefore: number | null }> {
  const filters: (SQL | undefined)[] = [scopeFilter(scope, () => sql`false`)];
  if (filter.action)
    filters.push(
      filter.action.endsWith(".")
        ? like(auditLog.action, `${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
        : eq(auditLog.action, filter.action),
    );
  if (filter.actorId) filters.push(eq(auditLog.actorId, filter.actorId));
  if (filter.targetType) filters.push(eq(auditLog.targetType, filter.targetType));
  if (filter.targetId) filters.push(eq(auditLog.targetId, filter.targetId));
  if (filter.from) filters.push(gte(auditLog.at, new Date(filter.from)));
  if (filter.to) filters.push(lte(auditLog.at, new Date(filter.to)));
  if (filter.before) filters.push(lt(auditLog.seq, filter.before));
  const rows = await db
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...filters))
    .orderBy(desc(auditLog.seq))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...toLink(row.entry), actorName: row.actorName })),
    nextBefore: rows.length > filter.limit && last ? last.entry.seq : null,
  };
}

/** Walk the whole chain in order, in batches, and report the first broken link. */
export async function verifyAuditChain(db: Executor, batchSize = 5000): Promise<ChainReport> {
  let previous: AuditLink | null = null;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(previous ? gt(auditLog.seq, previous.seq) : undefined)
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of rows) {
      const entry = toLink(row);
      checked += 1;
      const reason = brokenLink(previous, entry, sha256);
      if (reason) return { ok: false, checked, firstBroken: { seq: entry.seq, reason } };
      previous = entry;
    }
    if (rows.length < batchSize) return { ok: true, checked, firstBroken: null };
  }
}
