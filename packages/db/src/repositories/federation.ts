// Federation of aggregates (ADR 0028): the installation's key pair, the national authority's
// consent, a hub's peers and what they sent, and the counts a national installation aggregates.
import type { Json, Scope } from "@bulwark/core";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { federationConsents, federationPeers, federationReceipts, settings } from "../schema.ts";
import { scopeFilter } from "../scope.ts";

const IDENTITY_KEY = "federation.identity";

export interface StoredIdentity {
  /** Ed25519 public key, 32 bytes base64url. */
  publicKey: string;
  /** The private key (PKCS#8 DER, base64url) sealed under the instance's secret. */
  sealedPrivateKey: string;
}

/**
 * The installation's key pair: the stored one, or one made by `make` and stored when there is none
 * yet (of two made at once, the first stored is kept by both).
 */
export async function federationIdentity(
  db: Executor,
  make: () => StoredIdentity,
  now: Date,
): Promise<StoredIdentity> {
  const read = async () =>
    (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, IDENTITY_KEY)))[0];
  let row = await read();
  if (!row) {
    await db
      .insert(settings)
      .values({ key: IDENTITY_KEY, value: { ...make() }, updatedAt: now })
      .onConflictDoNothing({ target: settings.key });
    row = await read();
  }
  const value = row?.value as Partial<StoredIdentity> | undefined;
  if (typeof value?.publicKey !== "string" || typeof value.sealedPrivateKey !== "string")
    throw new Error("The federation key pair is missing.");
  return { publicKey: value.publicKey, sealedPrivateKey: value.sealedPrivateKey };
}

export interface ConsentRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  recordedBy: string;
  recordedByName: string;
  hubUrl: string;
  hubToken: string;
  createdAt: Date;
  lastSentAt: Date | null;
}

/** The consent in force (never withdrawn), if any. */
export async function currentConsent(db: Executor): Promise<ConsentRecord | null> {
  const [row] = rowsOf<ConsentRecord & { createdAt: string | Date; lastSentAt: string | Date | null }>(
    await db.execute(sql`select c.id, c.organisation_id as "organisationId", o.name as "organisationName",
      c.recorded_by as "recordedBy", u.name as "recordedByName", c.hub_url as "hubUrl",
      c.hub_token as "hubToken", c.created_at as "createdAt", c.last_sent_at as "lastSentAt"
      from federation_consents c
      join organisations o on o.id = c.organisation_id
      join users u on u.id = c.recorded_by
      where c.withdrawn_at is null`),
  );
  if (!row) return null;
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    lastSentAt: row.lastSentAt === null ? null : new Date(row.lastSentAt),
  };
}

export async function insertConsent(
  db: Executor,
  input: { id: string; organisationId: string; recordedBy: string; hubUrl: string; hubToken: string },
  now: Date,
): Promise<void> {
  await db.insert(federationConsents).values({ ...input, createdAt: now });
}

/** Withdraw the consent in force; whether there was one. */
export async function withdrawConsent(db: Executor, userId: string, now: Date): Promise<string | null> {
  const [row] = await db
    .update(federationConsents)
    .set({ withdrawnAt: now, withdrawnBy: userId })
    .where(isNull(federationConsents.withdrawnAt))
    .returning({ id: federationConsents.id });
  return row?.id ?? null;
}

export async function markConsentSent(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(federationConsents).set({ lastSentAt: now }).where(eq(federationConsents.id, id));
}

export interface PeerRecord {
  id: string;
  name: string;
  country: string;
  publicKey: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const peerColumns = {
  id: federationPeers.id,
  name: federationPeers.name,
  country: federationPeers.country,
  publicKey: federationPeers.publicKey,
  createdAt: federationPeers.createdAt,
  revokedAt: federationPeers.revokedAt,
};

export async function insertPeer(
  db: Executor,
  input: { name: string; country: string; publicKey: string; tokenHash: string; createdBy: string },
  now: Date,
): Promise<PeerRecord> {
  const [row] = await db
    .insert(federationPeers)
    .values({ ...input, createdAt: now })
    .returning(peerColumns);
  if (!row) throw new Error("The peer was not stored.");
  return row;
}

export async function listPeers(db: Executor): Promise<PeerRecord[]> {
  return db.select(peerColumns).from(federationPeers).orderBy(federationPeers.name);
}

/** Revoke a peer (once); whether there was one not yet revoked. */
export async function revokePeer(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(federationPeers)
    .set({ revokedAt: now })
    .where(and(eq(federationPeers.id, id), isNull(federationPeers.revokedAt)))
    .returning({ id: federationPeers.id });
  return rows.length > 0;
}

/** The peer a token belongs to, unless revoked. */
export async function peerByTokenHash(db: Executor, tokenHash: string): Promise<PeerRecord | null> {
  const [row] = await db
    .select(peerColumns)
    .from(federationPeers)
    .where(and(eq(federationPeers.tokenHash, tokenHash), isNull(federationPeers.revokedAt)));
  return row ?? null;
}

/** Store what a peer sent; false when the peer sent this nonce before (a replay). */
export async function insertReceipt(
  db: Executor,
  input: {
    peerId: string;
    nonce: string;
    sentAt: Date;
    country: string;
    k: number;
    cells: Json;
    dropped: number;
  },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .insert(federationReceipts)
    .values({ ...input, receivedAt: now })
    .onConflictDoNothing({ target: [federationReceipts.peerId, federationReceipts.nonce] })
    .returning({ id: federationReceipts.id });
  return rows.length > 0;
}

export interface ReceiptRecord {
  peerId: string;
  country: string;
  sentAt: Date;
  k: number;
  cells: unknown;
}

/** Each peer's latest receipt (peers not revoked), as far as `scope` lets the reader see (all or none). */
export async function latestReceipts(db: Executor, scope: Scope): Promise<ReceiptRecord[]> {
  return db
    .selectDistinctOn([federationReceipts.peerId], {
      peerId: federationReceipts.peerId,
      country: federationReceipts.country,
      sentAt: federationReceipts.sentAt,
      k: federationReceipts.k,
      cells: federationReceipts.cells,
    })
    .from(federationReceipts)
    .innerJoin(federationPeers, eq(federationPeers.id, federationReceipts.peerId))
    .where(
      and(
        isNull(federationPeers.revokedAt),
        scopeFilter(scope, () => sql`false`),
      ),
    )
    .orderBy(federationReceipts.peerId, desc(federationReceipts.sentAt));
}

/**
 * Current needs (open or engaged) of the country's verified organisations, by theme: how many and
 * of how many organisations. RED and AMBER+STRICT needs are left out (their authors chose to keep
 * them within named people or their own organisation).
 */
export async function nationalNeedCounts(
  db: Executor,
  country: string,
): Promise<{ theme: string; organisations: number; needs: number }[]> {
  return rowsOf<{ theme: string; organisations: number; needs: number }>(
    await db.execute(sql`select n.theme, count(distinct n.organisation_id)::int as organisations,
      count(*)::int as needs
      from assistance_needs n join organisations o on o.id = n.organisation_id
      where o.country = ${country} and o.verified and n.status in ('open', 'engaged')
        and n.tlp not in ('red', 'amber+strict')
      group by n.theme order by n.theme`),
  );
}

/** Engagements whose state is one of the country's verified organisations, by status. */
export async function nationalEngagementCounts(
  db: Executor,
  country: string,
): Promise<{ status: string; organisations: number; engagements: number }[]> {
  return rowsOf<{ status: string; organisations: number; engagements: number }>(
    await db.execute(sql`select e.status, count(distinct e.state_organisation_id)::int as organisations,
      count(*)::int as engagements
      from assistance_engagements e join organisations o on o.id = e.state_organisation_id
      where o.country = ${country} and o.verified
      group by e.status order by e.status`),
  );
}
