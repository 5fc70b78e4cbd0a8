import { z } from "zod";
import { Id, Timestamp } from "./common.ts";

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: Timestamp,
    actorId: Id.nullable(),
    actorName: z.string().nullable().describe("The actor's name today, if the account still exists."),
    action: z.string().describe("What happened, e.g. user.create, auth.sign-in, auth.sign-in-failed."),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe("Exact action, or a prefix ending in '.' (e.g. 'auth.')."),
  actorId: Id.optional(),
  targetType: z.string().trim().max(50).optional(),
  targetId: z.string().trim().max(100).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Entries with a sequence number below this one."),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof AuditQuery>;
export const AuditPage = z.object({
  items: z.array(AuditEntry),
  nextBefore: z.number().int().nullable().describe("Pass as `before` for the next (older) page."),
});
export const AuditVerification = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  })
  .meta({ id: "AuditVerification" });
export type AuditVerification = z.infer<typeof AuditVerification>;

export const Health = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  database: z.object({
    kind: z.enum(["pglite", "postgres"]),
    ok: z.boolean(),
    latencyMs: z.number(),
    migration: z.string().nullable().describe("The latest migration applied."),
  }),
});
