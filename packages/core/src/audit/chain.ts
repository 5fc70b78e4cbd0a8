// The audit log is a hash chain: each entry stores the hash of the one before it, and its own
// hash covers that link and its content. Editing, deleting or reordering any stored entry breaks
// the chain at that entry, which `verify` reports. The hash function is handed in (core does no
// I/O and imports no crypto); the server uses SHA-256.

export type HashFunction = (input: string) => string;

/** The hash that the first entry links to. */
export const GENESIS_HASH = "0".repeat(64);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The content of an entry, everything the hash covers besides the link. */
export interface AuditContent {
  readonly seq: number;
  /** RFC 3339 UTC with milliseconds, e.g. 2026-01-01T00:00:00.000Z */
  readonly at: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly details: Json;
}

export interface AuditLink extends AuditContent {
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const item = value[key];
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${parts.join(",")}}`;
}

export function entryHash(prevHash: string, content: AuditContent, hash: HashFunction): string {
  const { seq, at, actorId, action, targetType, targetId, details } = content;
  return hash(`${prevHash}\n${canonicalJson({ seq, at, actorId, action, targetType, targetId, details })}`);
}

/**
 * What entryHash hashes, split around the sequence number: for any seq and prevHash its input is
 * `${prevHash}\n${before}${seq}${after}`. A writer that learns seq and prevHash only under the
 * chain's lock, in the database, hashes there in the statement that appends (one round trip).
 */
export function contentAroundSeq(content: Omit<AuditContent, "seq">): { before: string; after: string } {
  const { at, actorId, action, targetType, targetId, details } = content;
  const text = canonicalJson({ seq: 0, at, actorId, action, targetType, targetId, details });
  // Keys are sorted, so seq comes after details and before targetId and targetType, whose values
  // (strings or null) hold no unescaped quote: the last `,"seq":0,` is the entry's own.
  const marker = ',"seq":0,';
  const index = text.lastIndexOf(marker);
  if (index < 0) throw new Error("An audit entry's text has no sequence number.");
  return { before: text.slice(0, index + marker.length - 2), after: text.slice(index + marker.length - 1) };
}

/** Seal new content onto the chain after `previous` (null for the first entry). */
export function seal(
  previous: Pick<AuditLink, "seq" | "hash"> | null,
  content: Omit<AuditContent, "seq">,
  hash: HashFunction,
): AuditLink {
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const sealed = { ...content, seq: (previous?.seq ?? 0) + 1 };
  return { ...sealed, prevHash, hash: entryHash(prevHash, sealed, hash) };
}

/**
 * Why `entry` does not follow `previous` on the chain, or null when it does. Checked in order:
 * a missing entry (sequence gap), a broken link, then altered content.
 */
export function brokenLink(
  previous: Pick<AuditLink, "seq" | "hash"> | null,
  entry: AuditLink,
  hash: HashFunction,
): string | null {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (entry.seq !== expectedSeq)
    return entry.seq > expectedSeq
      ? `entries ${expectedSeq}..${entry.seq - 1} are missing`
      : `sequence number ${entry.seq} is out of order (expected ${expectedSeq})`;
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (entry.prevHash !== expectedPrev)
    return "its link to the previous entry does not match that entry's hash";
  if (entryHash(entry.prevHash, entry, hash) !== entry.hash)
    return "its content does not match its hash (the entry was altered)";
  return null;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBroken: { readonly seq: number; readonly reason: string } | null;
}

/** Verify a whole chain given in sequence order. */
export function verifyChain(entries: Iterable<AuditLink>, hash: HashFunction): ChainReport {
  let previous: AuditLink | null = null;
  let checked = 0;
  for (const entry of entries) {
    const reason = brokenLink(previous, entry, hash);
    checked += 1;
    if (reason) return { ok: false, checked, firstBroken: { seq: entry.seq, reason } };
    previous = entry;
  }
  return { ok: true, checked, firstBroken: null };
}
