// Federation of aggregates (issue 20, item 6; ADR 0028). A national installation, with its
// national authority's consent, builds k-anonymous aggregates (current needs by theme, section
// means of consenting self-assessments, engagements by status: cells behind k organisations or
// more, never an organisation's answers), signs their canonical JSON with its Ed25519 key and
// sends them through the outbound guard to the one hub consented to. The hub knows the sender by
// its token and its public key, refuses a wrong signature, an unknown sender, a replayed or stale
// payload, drops every cell below its own k, and keeps the rest for its regional picture.
import { randomUUID } from "node:crypto";
import {
  type AggregatesReceived,
  type FederationConsent,
  FederationEngagementCell,
  type FederationIdentity,
  FederationNeedCell,
  type FederationPeer,
  type FederationPeerCreated,
  type FederationRegional,
  FederationSectionCell,
  type FederationSendings,
  type FederationSent,
  type SignedAggregates,
} from "@bulwark/contracts";
import {
  type Actor,
  type AggregateRow,
  applyAnonymityRule,
  FEDERATION_MAX_AGE_MS,
  FEDERATION_MAX_SKEW_MS,
  federationPolicy,
  type Json,
  regionOfCountry,
  roundMean,
} from "@bulwark/core";
import {
  currentConsent,
  insertConsent,
  insertPeer,
  insertReceipt,
  latestReceipts,
  listPeers,
  type PeerRecord,
  peerByTokenHash,
  recordAudit,
  revokePeer,
  sealText,
  uniqueViolation,
  withdrawConsent,
} from "@bulwark/db";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { admitTokenAttempt, tokenFailed } from "../auth/attempts.ts";
import { randomToken, sha256 } from "../auth/secrets.ts";
import { linkOrigin } from "../config.ts";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound, UserError } from "../errors.ts";
import { secretOf } from "../taxii-client/credentials.ts";
import { fingerprintOf, identityOf, publicKeyOf, verifyPayload } from "./identity.ts";
import { recentSendings, sendAggregates, TOKEN_PURPOSE } from "./sending.ts";

const PEER_TOKEN_PREFIX = "bwf_";

const decide = (decision: { allowed: true } | { allowed: false; reason: string }) => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

// --- The national side ------------------------------------------------------------------------

export async function identity(context: ServerContext): Promise<z.infer<typeof FederationIdentity>> {
  const { publicKey } = await identityOf(context);
  return { algorithm: "Ed25519", publicKey, fingerprint: fingerprintOf(publicKey) };
}

export async function consent(
  context: ServerContext,
  caller: Actor,
): Promise<z.infer<typeof FederationConsent>> {
  decide(federationPolicy.speakForState(caller));
  const record = await currentConsent(context.db);
  return {
    consent: record && {
      id: record.id,
      hubUrl: record.hubUrl,
      organisation: { id: record.organisationId, name: record.organisationName },
      recordedBy: { id: record.recordedBy, name: record.recordedByName },
      recordedAt: record.createdAt.toISOString(),
      lastSentAt: record.lastSentAt?.toISOString() ?? null,
      k: context.config.federationK,
    },
  };
}

/** The hub's origin: an http(s) address with nothing beyond host and port. */
function hubOrigin(address: string): string {
  const url = new URL(address);
  if (url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash)
    throw invalid("Give the hub's address without a path, query or credentials (https://hub.example).");
  return url.origin;
}

export async function recordConsent(
  context: ServerContext,
  caller: Actor,
  body: { hubUrl: string; hubToken: string },
): Promise<z.infer<typeof FederationConsent>> {
  decide(federationPolicy.speakForState(caller));
  const hubUrl = hubOrigin(body.hubUrl);
  const id = randomUUID();
  const now = context.clock();
  try {
    await context.db.transaction(async (tx) => {
      await insertConsent(
        tx,
        {
          id,
          organisationId: caller.organisationId,
          recordedBy: caller.userId,
          hubUrl,
          hubToken: sealText(secretOf(context.config), TOKEN_PURPOSE, id, body.hubToken),
        },
        now,
      );
    });
  } catch (error) {
    if (uniqueViolation(error))
      throw conflict("A consent is in force already: withdraw it before consenting to another hub.");
    throw error;
  }
  await recordAudit(
    context.db,
    {
      actorId: caller.userId,
      action: "federation.consent",
      targetType: "federation-consent",
      targetId: id,
      details: { hubUrl },
    },
    now,
  );
  return consent(context, caller);
}

export async function withdraw(context: ServerContext, caller: Actor): Promise<void> {
  decide(federationPolicy.speakForState(caller));
  const now = context.clock();
  const id = await withdrawConsent(context.db, caller.userId, now);
  if (!id)
    throw conflict("No consent is in force: the national authority records its consent to a hub first.");
  await recordAudit(
    context.db,
    { actorId: caller.userId, action: "federation.withdraw", targetType: "federation-consent", targetId: id },
    now,
  );
}

export async function send(context: ServerContext, caller: Actor): Promise<z.infer<typeof FederationSent>> {
  decide(federationPolicy.speakForState(caller));
  return sendAggregates(context, { actorId: caller.userId, trigger: "manual" });
}

export async function sendings(
  context: ServerContext,
  caller: Actor,
): Promise<z.infer<typeof FederationSendings>> {
  decide(federationPolicy.speakForState(caller));
  return recentSendings(context);
}

// --- The hub side -----------------------------------------------------------------------------

const peerOf = (record: PeerRecord): z.infer<typeof FederationPeer> => ({
  id: record.id,
  name: record.name,
  country: record.country,
  publicKey: record.publicKey,
  createdAt: record.createdAt.toISOString(),
  revokedAt: record.revokedAt?.toISOString() ?? null,
});

export async function peers(
  context: ServerContext,
  caller: Actor,
): Promise<z.infer<typeof FederationPeer>[]> {
  decide(federationPolicy.managePeers(caller));
  return (await listPeers(context.db)).map(peerOf);
}

export async function registerPeer(
  context: ServerContext,
  caller: Actor,
  body: { name: string; country: string; publicKey: string },
): Promise<z.infer<typeof FederationPeerCreated>> {
  decide(federationPolicy.managePeers(caller));
  if (!publicKeyOf(body.publicKey))
    throw invalid("The public key must be a raw 32-byte Ed25519 key in base64url.");
  const token = `${PEER_TOKEN_PREFIX}${randomToken(32)}`;
  const now = context.clock();
  let record: PeerRecord;
  try {
    record = await insertPeer(
      context.db,
      { ...body, tokenHash: sha256(token), createdBy: caller.userId },
      now,
    );
  } catch (error) {
    if (uniqueViolation(error)) throw conflict("An installation with this public key is registered already.");
    throw error;
  }
  await recordAudit(
    context.db,
    {
      actorId: caller.userId,
      action: "federation.peer-register",
      targetType: "federation-peer",
      targetId: record.id,
      details: { name: record.name, country: record.country, fingerprint: fingerprintOf(record.publicKey) },
    },
    now,
  );
  return { peer: peerOf(record), token };
}

export async function revoke(context: ServerContext, caller: Actor, id: string): Promise<void> {
  decide(federationPolicy.managePeers(caller));
  const now = context.clock();
  if (!(await revokePeer(context.db, id, now))) throw notFound("federation peer");
  await recordAudit(
    context.db,
    { actorId: caller.userId, action: "federation.peer-revoke", targetType: "federation-peer", targetId: id },
    now,
  );
}

const refusedSender = (detail: string) =>
  new UserError(401, "Not signed in", detail, "urn:bulwark:problem:federation-sender");

/** The same origin, whatever the case or a default port. */
const sameOrigin = (a: string, b: string): boolean => {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

/** One cell per key: a payload that counts a theme twice is refused. */
function distinct<Cell>(cells: readonly Cell[], key: (cell: Cell) => string): boolean {
  return new Set(cells.map(key)).size === cells.length;
}

export async function receive(
  context: ServerContext,
  request: FastifyRequest,
  envelope: z.infer<typeof SignedAggregates>,
): Promise<z.infer<typeof AggregatesReceived>> {
  const now = context.clock();
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
  await admitTokenAttempt(context, request.ip, now);
  if (!token?.startsWith(PEER_TOKEN_PREFIX)) {
    await tokenFailed(context, request.ip, now);
    throw refusedSender("The Authorization header must be 'Bearer <installation token>'.");
  }
  const peer = await peerByTokenHash(context.db, sha256(token));
  const key = peer && publicKeyOf(peer.publicKey);
  if (!peer || !key) {
    await tokenFailed(context, request.ip, now);
    throw refusedSender("This installation is unknown to the hub, or its token was revoked.");
  }
  const { payload, signature } = envelope;
  if (!verifyPayload(payload as unknown as Json, signature, key)) {
    await tokenFailed(context, request.ip, now);
    await recordAudit(
      context.db,
      {
        actorId: null,
        action: "federation.refused",
        targetType: "federation-peer",
        targetId: peer.id,
        details: { reason: "signature" },
      },
      now,
    );
    throw refusedSender("The signature does not match the payload and the installation's public key.");
  }
  if (!sameOrigin(payload.hub, linkOrigin(context.config)))
    throw invalid("The payload is addressed to another hub.");
  if (payload.country !== peer.country)
    throw invalid("The payload's country is not the one the installation is registered for.");
  const sentAt = new Date(payload.sentAt);
  const age = now.getTime() - sentAt.getTime();
  if (age > FEDERATION_MAX_AGE_MS || age < -FEDERATION_MAX_SKEW_MS)
    throw invalid("The payload is too old, or dated ahead of the hub's clock: send it again.");
  if (
    !distinct(payload.needs, (cell) => cell.theme) ||
    !distinct(payload.engagements, (cell) => cell.status) ||
    !distinct(payload.selfAssessment, (cell) => `${cell.framework}\u0000${cell.version}\u0000${cell.section}`)
  )
    throw invalid("A cell appears twice in the payload.");
  if (
    payload.needs.some((cell) => cell.needs < cell.organisations) ||
    payload.engagements.some((cell) => cell.engagements < cell.organisations)
  )
    throw invalid("A cell counts fewer things than organisations behind it.");
  const k = context.config.federationK;
  const needs = applyAnonymityRule(payload.needs, k);
  const selfAssessment = applyAnonymityRule(payload.selfAssessment, k);
  const engagements = applyAnonymityRule(payload.engagements, k);
  const dropped = needs.dropped + selfAssessment.dropped + engagements.dropped;
  const stored = await context.db.transaction(async (tx) => {
    const fresh = await insertReceipt(
      tx,
      {
        peerId: peer.id,
        nonce: payload.nonce,
        sentAt,
        country: peer.country,
        k,
        cells: { needs: needs.kept, selfAssessment: selfAssessment.kept, engagements: engagements.kept },
        dropped,
      },
      now,
    );
    return fresh;
  });
  if (!stored) throw conflict("This payload was received before.");
  await recordAudit(
    context.db,
    {
      actorId: null,
      action: "federation.receive",
      targetType: "federation-peer",
      targetId: peer.id,
      details: {
        nonce: payload.nonce,
        kept: {
          needs: needs.kept.length,
          selfAssessment: selfAssessment.kept.length,
          engagements: engagements.kept.length,
        },
        dropped,
      },
    },
    now,
  );
  return {
    needs: needs.kept.length,
    selfAssessment: selfAssessment.kept.length,
    engagements: engagements.kept.length,
    dropped,
    k,
  };
}

type NeedCell = z.infer<typeof FederationNeedCell>;
type EngagementCell = z.infer<typeof FederationEngagementCell>;
type SectionWire = z.infer<typeof FederationSectionCell>;

/** Cells kept in a receipt, read back (anything unexpected is left out), under today's k. */
function storedCells(cells: unknown, k: number) {
  const list = <T>(schema: z.ZodType<T>, value: unknown): T[] =>
    Array.isArray(value)
      ? value.flatMap((item) => {
          const parsed = schema.safeParse(item);
          return parsed.success ? [parsed.data] : [];
        })
      : [];
  const record = (cells ?? {}) as Record<string, unknown>;
  return {
    needs: applyAnonymityRule(list(FederationNeedCell, record.needs), k).kept,
    selfAssessment: applyAnonymityRule(list(FederationSectionCell, record.selfAssessment), k).kept,
    engagements: applyAnonymityRule(list(FederationEngagementCell, record.engagements), k).kept,
  };
}

export async function regional(
  context: ServerContext,
  caller: Actor,
): Promise<z.infer<typeof FederationRegional>> {
  decide(federationPolicy.readRegional(caller));
  const k = context.config.federationK;
  const receipts = await latestReceipts(context.db, federationPolicy.regionalScope(caller));
  const regions = new Map<
    AggregateRow,
    {
      countries: Set<string>;
      last: Date;
      needs: Map<string, NeedCell>;
      sections: Map<string, SectionWire & { total: number }>;
      engagements: Map<string, EngagementCell>;
    }
  >();
  for (const receipt of receipts) {
    const region: AggregateRow = regionOfCountry(receipt.country) ?? "unassigned";
    const entry = regions.get(region) ?? {
      countries: new Set<string>(),
      last: receipt.sentAt,
      needs: new Map(),
      sections: new Map(),
      engagements: new Map(),
    };
    regions.set(region, entry);
    entry.countries.add(receipt.country);
    if (receipt.sentAt > entry.last) entry.last = receipt.sentAt;
    const cells = storedCells(receipt.cells, k);
    for (const cell of cells.needs) {
      const sum = entry.needs.get(cell.theme);
      entry.needs.set(cell.theme, {
        theme: cell.theme,
        organisations: (sum?.organisations ?? 0) + cell.organisations,
        needs: (sum?.needs ?? 0) + cell.needs,
      });
    }
    for (const cell of cells.engagements) {
      const sum = entry.engagements.get(cell.status);
      entry.engagements.set(cell.status, {
        status: cell.status,
        organisations: (sum?.organisations ?? 0) + cell.organisations,
        engagements: (sum?.engagements ?? 0) + cell.engagements,
      });
    }
    for (const cell of cells.selfAssessment) {
      const key = `${cell.framework}\u0000${cell.version}\u0000${cell.section}`;
      const sum = entry.sections.get(key);
      entry.sections.set(key, {
        ...cell,
        organisations: (sum?.organisations ?? 0) + cell.organisations,
        total: (sum?.total ?? 0) + cell.mean * cell.organisations,
      });
    }
  }
  const order: AggregateRow[] = ["africa", "americas", "asia", "europe", "oceania", "unassigned"];
  return {
    k,
    regions: order.flatMap((region) => {
      const entry = regions.get(region);
      if (!entry) return [];
      return [
        {
          region,
          countries: [...entry.countries].sort(),
          lastReceivedAt: entry.last.toISOString(),
          needs: [...entry.needs.values()].sort((a, b) => a.theme.localeCompare(b.theme)),
          selfAssessment: [...entry.sections.values()]
            .map(({ total, ...cell }) => ({ ...cell, mean: roundMean(total / cell.organisations) }))
            .sort((a, b) =>
              `${a.framework} ${a.version} ${a.section}`.localeCompare(
                `${b.framework} ${b.version} ${b.section}`,
              ),
            ),
          engagements: [...entry.engagements.values()].sort((a, b) => a.status.localeCompare(b.status)),
        },
      ];
    }),
  };
}
