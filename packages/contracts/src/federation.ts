// Federation of aggregates (issue 20, item 6; ADR 0028): the signed payload a national
// installation sends a hub, and the answers around it. The payload's schemas are strict: a key the
// schema does not know is refused, never dropped, so the object the hub verifies is the object the
// sender signed.
import { FEDERATION_FORMAT } from "@bulwark/core";
import { z } from "zod";
import { CountryCode, Id, Name, Timestamp } from "./common.ts";
import { Region } from "./compendium.ts";

const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, "Use lower-case letters, digits, dots and hyphens.");
const Count = z.number().int().min(0).max(1_000_000);
const Organisations = z.number().int().min(1).max(1_000_000);
const Base64Url = (max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "Use base64url.")
    .max(max);

export const FederationNeedCell = z.strictObject({ theme: Slug, organisations: Organisations, needs: Count });
export const FederationSectionCell = z.strictObject({
  framework: Slug,
  version: z.number().int().min(1).max(1_000_000),
  section: Slug,
  organisations: Organisations,
  mean: z.number().min(0).max(1),
});
export const FederationEngagementCell = z.strictObject({
  status: Slug,
  organisations: Organisations,
  engagements: Count,
});

export const FederationPayload = z
  .strictObject({
    format: z.literal(FEDERATION_FORMAT),
    hub: z.url().max(500),
    country: CountryCode,
    nonce: Id,
    sentAt: z.iso.datetime(),
    k: z.number().int().min(1).max(1000),
    needs: z.array(FederationNeedCell).max(500),
    selfAssessment: z.array(FederationSectionCell).max(2000),
    engagements: z.array(FederationEngagementCell).max(50),
  })
  .describe(
    "Aggregates of one national installation: cells behind k organisations or more, no organisation named.",
  );
export type FederationPayload = z.infer<typeof FederationPayload>;

export const SignedAggregates = z
  .strictObject({
    payload: FederationPayload,
    signature: Base64Url(200).describe(
      "Ed25519 signature of the payload's canonical JSON (RFC 8785 style), base64url.",
    ),
  })
  .meta({ id: "SignedAggregates" });

export const AggregatesReceived = z.object({
  needs: z.number().int(),
  selfAssessment: z.number().int(),
  engagements: z.number().int(),
  dropped: z
    .number()
    .int()
    .describe("Cells refused by the hub's anonymity rule (fewer than k organisations)."),
  k: z.number().int(),
});

export const FederationIdentity = z.object({
  algorithm: z.literal("Ed25519"),
  publicKey: z.string().describe("The raw 32-byte public key, base64url."),
  fingerprint: z.string().describe("SHA-256 of the raw public key, hex: compare it out of band."),
});

export const FederationConsentCreate = z.strictObject({
  hubUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .describe("The hub's address (its origin; the aggregates go to {hubUrl}/api/federation/aggregates)."),
  hubToken: z
    .string()
    .trim()
    .min(16)
    .max(200)
    .describe("The token the hub's administrator issued for this installation."),
});

export const FederationConsent = z.object({
  consent: z
    .object({
      id: Id,
      hubUrl: z.string(),
      organisation: z.object({ id: Id, name: z.string() }),
      recordedBy: z.object({ id: Id, name: z.string() }),
      recordedAt: Timestamp,
      lastSentAt: Timestamp.nullable(),
      k: z.number().int(),
    })
    .nullable(),
});

export const FederationSent = z.object({
  hub: z.string(),
  sentAt: Timestamp,
  payload: FederationPayload.describe("Exactly what was signed and sent."),
  received: AggregatesReceived,
});

export const FederationPeerCreate = z.strictObject({
  name: Name(200),
  country: CountryCode,
  publicKey: Base64Url(60).describe(
    "The sender's raw Ed25519 public key, base64url (GET /api/federation/identity there).",
  ),
});

export const FederationPeer = z.object({
  id: Id,
  name: z.string(),
  country: z.string(),
  publicKey: z.string(),
  createdAt: Timestamp,
  revokedAt: Timestamp.nullable(),
});

export const FederationPeerCreated = z.object({
  peer: FederationPeer,
  token: z.string().describe("Shown once: give it to the sending installation's national authority."),
});

export const FederationRegional = z.object({
  k: z.number().int(),
  regions: z.array(
    z.object({
      region: z.union([Region, z.literal("unassigned")]),
      countries: z.array(z.string()),
      lastReceivedAt: Timestamp,
      needs: z.array(FederationNeedCell),
      selfAssessment: z.array(FederationSectionCell),
      engagements: z.array(FederationEngagementCell),
    }),
  ),
});

export const FederationSendingResult = z.enum(["sent", "refused", "unreachable"]);

export const FederationSending = z.object({
  id: Id,
  hubUrl: z.string(),
  sentAt: Timestamp,
  trigger: z.enum(["manual", "schedule"]).describe("Sent by a person, or by the daily schedule."),
  sentBy: z.object({ id: Id, name: z.string() }).nullable(),
  result: FederationSendingResult,
  status: z.number().int().nullable().describe("The hub's HTTP status, when it answered."),
  detail: z.string().describe("Why the hub refused it or could not be reached."),
  cells: z.object({
    needs: z.number().int(),
    selfAssessment: z.number().int(),
    engagements: z.number().int(),
  }),
  received: AggregatesReceived.nullable().describe("What the hub kept and dropped, when it was sent."),
});

export const FederationSendings = z.object({
  items: z.array(FederationSending).describe("The latest sendings, newest first."),
  schedule: z.object({
    everyHours: z.number().int().describe("With a consent in force, the aggregates are sent this often."),
    nextAt: Timestamp.nullable().describe("When the schedule sends next; null without a consent in force."),
  }),
});
export type FederationSendings = z.infer<typeof FederationSendings>;
export type FederationRegional = z.infer<typeof FederationRegional>;
