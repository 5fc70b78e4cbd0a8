// The investigation log of an incident (issue 18): law enforcement's evidence items with the
// SHA-256 of each file and a hash-chained chain of custody, seen by law enforcement and the
// organisations it shares the log with; and the lessons of a closed incident (after-action review,
// follow-up actions, a pre-filled compendium case-study proposal).
import { ACTION_STATUSES } from "@bulwark/core";
import { z } from "zod";
import { Id, Timestamp } from "./common.ts";
import { EntryMarking } from "./compendium.ts";

const Ref = z.object({ id: Id, name: z.string() });
const Text = (max: number) => z.string().trim().min(1, "Must not be blank.").max(max);

export const Sha256 = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, "A SHA-256 is 64 hexadecimal digits.")
  .describe("The SHA-256 of the file, in hexadecimal (the file itself is not sent).");

export const EvidenceParams = z.object({ id: Id, evidenceId: Id });

export const EvidenceCreate = z.object({
  description: Text(2000).describe("What the item is, where and how it was obtained."),
  sha256: Sha256,
  fileName: z.string().trim().max(255).default(""),
  fileSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().default(null).describe("Bytes."),
  collectedAt: Timestamp.describe("When it was collected (not in the future)."),
  collectedFrom: Text(300).describe("Whom or where it was collected from."),
  holder: Text(300).optional().describe("Who holds it now (default: you, of your organisation)."),
  reason: z.string().trim().max(2000).default("").describe("Why it was collected."),
});
export type EvidenceCreateInput = z.input<typeof EvidenceCreate>;

export const CustodyTransfer = z.object({
  to: Text(300).describe("Who receives it (a person and their organisation, a laboratory, a court)."),
  at: Timestamp.describe("When it changed hands (not in the future, not before the previous hand-over)."),
  reason: Text(2000).describe("Why it changed hands."),
});
export type CustodyTransferInput = z.input<typeof CustodyTransfer>;

export const EvidenceShare = z.object({
  organisationIds: z
    .array(Id)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, "Name each organisation once.")
    .describe("Exactly the organisations, besides law enforcement, that may read the log."),
});

export const CustodyEntry = z.object({
  seq: z.number().int(),
  kind: z.enum(["collected", "transfer"]),
  at: Timestamp,
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  recordedBy: Ref,
  recordedAt: Timestamp,
  prevHash: z.string(),
  hash: z.string(),
});

export const EvidenceSummary = z.object({
  id: Id,
  number: z.number().int().describe("The exhibit number within the incident."),
  description: z.string(),
  sha256: z.string(),
  fileName: z.string(),
  fileSize: z.number().int().nullable(),
  organisation: Ref,
  createdBy: Ref,
  createdAt: Timestamp,
  holder: z.string().describe("Who holds it now (the last hand-over's recipient)."),
  custodyRecords: z.number().int(),
});

export const EvidenceItem = EvidenceSummary.extend({ custody: z.array(CustodyEntry) });
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const EvidenceLog = z.object({
  items: z.array(EvidenceSummary),
  total: z.number().int(),
  sharedWith: z.array(Ref).describe("Organisations besides law enforcement that may read the log."),
  abilities: z.object({ record: z.boolean(), share: z.boolean() }),
});
export type EvidenceLog = z.infer<typeof EvidenceLog>;

export const EvidenceListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const CustodyVerification = z.object({
  ok: z.boolean().describe("Every item's chain is whole and matches the audit trail."),
  items: z.array(
    z.object({
      id: Id,
      number: z.number().int().nullable(),
      ok: z.boolean(),
      checked: z.number().int(),
      firstBroken: z.object({ seq: z.number().int().nullable(), reason: z.string() }).nullable(),
    }),
  ),
});
export type CustodyVerification = z.infer<typeof CustodyVerification>;

// Lessons.

export const IncidentReviewActionCreate = z.object({
  title: Text(300),
  description: z.string().trim().max(4000).default(""),
  ownerOrganisationId: Id.describe(
    "The organisation that carries it out (one the incident involves, or yours).",
  ),
  dueOn: z.iso.date().describe("YYYY-MM-DD."),
});

export const IncidentReviewCreate = z.object({
  wentWell: Text(20_000).describe("What went well (Markdown)."),
  toImprove: Text(20_000).describe("What to improve (Markdown)."),
  actions: z
    .array(IncidentReviewActionCreate)
    .max(50)
    .default([])
    .describe("Follow-up actions it turns into."),
  caseStudy: z
    .object({
      propose: z
        .boolean()
        .describe("Pre-fill a compendium case-study proposal from the incident and review."),
      omitOrganisationNames: z
        .boolean()
        .default(true)
        .describe("Replace organisation names by a neutral word."),
      omitAssetNames: z
        .boolean()
        .default(true)
        .describe("Replace asset names and references by a neutral word."),
      omitDates: z.boolean().default(false).describe("Give durations only, not dates."),
      marking: EntryMarking.default("amber").describe(
        "The proposal's marking (the compendium's review may widen it).",
      ),
    })
    .default({
      propose: false,
      omitOrganisationNames: true,
      omitAssetNames: true,
      omitDates: false,
      marking: "amber",
    }),
});
export type IncidentReviewCreateInput = z.input<typeof IncidentReviewCreate>;

export const ReviewActionParams = z.object({ id: Id, actionId: Id });
export const IncidentReviewActionUpdate = z.object({ status: z.enum(ACTION_STATUSES) });

export const IncidentReviewAction = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  ownerOrganisation: Ref,
  dueOn: z.string(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
});

export const IncidentReview = z.object({
  id: Id,
  incidentId: Id,
  wentWell: z.string(),
  toImprove: z.string(),
  author: Ref,
  organisation: Ref,
  createdAt: Timestamp,
  actions: z.array(IncidentReviewAction),
  proposal: z
    .object({ id: Id, state: z.string(), title: z.string() })
    .nullable()
    .describe("The case-study proposal it pre-filled, when you may see it (the compendium's review)."),
});
export type IncidentReview = z.infer<typeof IncidentReview>;

export const IncidentReviewAnswer = z.object({
  review: IncidentReview.nullable(),
  abilities: z.object({ write: z.boolean() }),
});
export type IncidentReviewAnswer = z.infer<typeof IncidentReviewAnswer>;
