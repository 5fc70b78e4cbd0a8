// The chain of custody of an evidence item (issue 18), hash-chained as the audit trail is
// (audit/chain.ts): each record stores the hash of the one before it, and its own hash covers
// that link and its content. The first record ("collected") also covers the item's description and
// file hash, so that altering the item is detected as well. Deleting the newest records leaves a
// whole chain behind, so each record's hash is also written to the (itself hash-chained) audit
// trail: verifyCustody compares the chain's head with the last head the audit trail holds.

import { type AuditContent, type AuditLink, brokenLink, type HashFunction, seal } from "../audit/chain.ts";

export const CUSTODY_KINDS = ["collected", "transfer"] as const;
export type CustodyKind = (typeof CUSTODY_KINDS)[number];

/** What a custody record says, besides its place on the chain. */
export interface CustodyContent {
  readonly kind: CustodyKind;
  /** RFC 3339 UTC with milliseconds: when the evidence changed hands. */
  readonly at: string;
  readonly fromHolder: string;
  readonly toHolder: string;
  readonly reason: string;
  /** Who recorded it. */
  readonly recordedBy: string;
  /** On the first record: the item's description and its file's SHA-256. */
  readonly item: { readonly description: string; readonly sha256: string } | null;
}

export interface CustodyLink extends CustodyContent {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The record as the audit chain's content, so one hashing rule serves both. */
const asContent = (evidenceId: string, seq: number, record: CustodyContent): AuditContent => ({
  seq,
  at: record.at,
  actorId: record.recordedBy,
  action: `custody.${record.kind}`,
  targetType: "evidence",
  targetId: evidenceId,
  details: {
    from: record.fromHolder,
    to: record.toHolder,
    reason: record.reason,
    item: record.item ? { description: record.item.description, sha256: record.item.sha256 } : null,
  },
});

const asLink = (evidenceId: string, record: CustodyLink): AuditLink => ({
  ...asContent(evidenceId, record.seq, record),
  prevHash: record.prevHash,
  hash: record.hash,
});

/** Seal a new record onto the item's chain after `previous` (null for the first). */
export function sealCustody(
  evidenceId: string,
  previous: Pick<CustodyLink, "seq" | "hash"> | null,
  record: CustodyContent,
  hash: HashFunction,
): CustodyLink {
  const { seq: _seq, ...content } = asContent(evidenceId, 0, record);
  const link = seal(previous, content, hash);
  return { ...record, seq: link.seq, prevHash: link.prevHash, hash: link.hash };
}

/**
 * Why a chain fails, as a sentence of the server's catalogue (said in the reader's language): a key
 * and its values, or the audit chain's own words for a broken link (audit/chain.ts, English
 * sentences the catalogue knows as well).
 */
export type CustodyReason =
  | { readonly key: "custody.kindMisplaced" }
  | { readonly key: "custody.itemChanged" }
  | { readonly key: "custody.unaudited" }
  | { readonly key: "custody.endsEarly"; readonly values: { readonly last: number; readonly head: number } }
  | { readonly key: "custody.link"; readonly link: string };

export interface CustodyReport {
  readonly ok: boolean;
  readonly checked: number;
  /** The first record found broken (seq), or null when the problem is not one record's. */
  readonly firstBroken: { readonly seq: number | null; readonly reason: CustodyReason } | null;
}

/**
 * Verify an item's custody chain (records in sequence order) against the item as stored and the
 * head the audit trail last recorded for it (null: the audit trail holds none).
 */
export function verifyCustody(
  evidenceId: string,
  item: { readonly description: string; readonly sha256: string },
  records: readonly CustodyLink[],
  head: { readonly seq: number; readonly hash: string } | null,
  hash: HashFunction,
): CustodyReport {
  let previous: CustodyLink | null = null;
  let checked = 0;
  for (const record of records) {
    checked += 1;
    const link = brokenLink(previous, asLink(evidenceId, record), hash);
    if (link)
      return { ok: false, checked, firstBroken: { seq: record.seq, reason: { key: "custody.link", link } } };
    if ((record.seq === 1) !== (record.kind === "collected") || (record.seq === 1) !== (record.item !== null))
      return {
        ok: false,
        checked,
        firstBroken: { seq: record.seq, reason: { key: "custody.kindMisplaced" } },
      };
    previous = record;
  }
  const first = records[0];
  if (first?.item && (first.item.description !== item.description || first.item.sha256 !== item.sha256))
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: null,
        reason: { key: "custody.itemChanged" },
      },
    };
  if (!head)
    return {
      ok: false,
      checked,
      firstBroken: { seq: null, reason: { key: "custody.unaudited" } },
    };
  if (!previous || previous.seq !== head.seq || previous.hash !== head.hash)
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: previous ? previous.seq : null,
        reason: { key: "custody.endsEarly", values: { last: previous?.seq ?? 0, head: head.seq } },
      },
    };
  return { ok: true, checked, firstBroken: null };
}
