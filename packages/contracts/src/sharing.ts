// Payloads of sharing under TLP 2.0: composing, the feed, an item with its banner and abilities,
// acknowledgements, reshares, the compose screen's "who will see this" preview, and the
// organisation's four-eyes setting.
import {
  ACKNOWLEDGEMENT_STATES,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MEDIA_TYPES,
  ATTACHMENTS_PER_ITEM_MAX_BYTES,
  ATTACHMENTS_PER_ITEM_MAX_FILES,
  SHARED_ITEM_STATUSES,
  SHARED_ITEM_TYPES,
  stixPatternProblem,
} from "@bulwark/core";
import { z } from "zod";
import { AlertWarning, AlertWarningView } from "./cap.ts";
import { Id, Name, Role, Sector, Timestamp, Tlp } from "./common.ts";

export const SharedItemType = z.enum(SHARED_ITEM_TYPES);
export const SharedItemStatus = z.enum(SHARED_ITEM_STATUSES);
export const AcknowledgementState = z.enum(ACKNOWLEDGEMENT_STATES);

const ids = z
  .array(Id)
  .max(200)
  .default([])
  .transform((values) => [...new Set(values)]);

export const SharingAudience = z
  .object({
    communityIds: ids.describe("Communities addressed: every organisation in them (not for RED)."),
    organisationIds: ids.describe("Organisations addressed (not for RED)."),
    userIds: ids.describe("Named people (RED only)."),
  })
  .describe("Who the author addresses.");
export type SharingAudienceInput = z.input<typeof SharingAudience>;

export const SharedItemCompose = z
  .object({
    type: SharedItemType,
    title: Name(300),
    body: z.string().max(50_000).default("").describe("Markdown."),
    sectors: z
      .array(Sector)
      .max(30)
      .default([])
      .transform((values) => [...new Set(values)]),
    assetIds: ids.describe("Assets concerned."),
    tlp: Tlp,
    audience: SharingAudience,
    revealAudience: z
      .boolean()
      .default(false)
      .describe("Let recipients of an AMBER+STRICT or RED item see each other's names."),
    personalDataRoles: z
      .array(Role)
      .max(6)
      .default([])
      .transform((values) => [...new Set(values)])
      .describe("Roles of recipients outside your organisation who may read the personal data as written."),
    warning: AlertWarning.optional().describe(
      "Alerts only: the CAP 1.2 warning (without it, an alert's codes are 'Unknown' and its area the assets concerned).",
    ),
    pattern: z
      .string()
      .trim()
      .max(10_000)
      .optional()
      .transform((value) => value || undefined)
      .describe(
        "Indicators only: a STIX 2.1 pattern (pattern_type stix), like [ipv4-addr:value = '198.51.100.1/32']. With one, the item is exported as a STIX indicator; it travels as written, not pseudonymised.",
      ),
  })
  .superRefine((item, context) => {
    if (item.warning && item.type !== "alert")
      context.addIssue({
        code: "custom",
        path: ["warning"],
        message: "Only alerts carry a CAP warning: leave it out for other types.",
      });
    if (item.pattern && item.type !== "indicator")
      context.addIssue({
        code: "custom",
        path: ["pattern"],
        message: "Only indicators carry a STIX pattern: leave it out for other types.",
      });
    else if (item.pattern) {
      const problem = stixPatternProblem(item.pattern);
      if (problem)
        context.addIssue({
          code: "custom",
          path: ["pattern"],
          message: `Not a STIX 2.1 pattern: ${problem.message}.`,
        });
    }
  });
export type SharedItemComposeInput = z.input<typeof SharedItemCompose>;

const Ref = z.object({ id: Id, name: z.string() });

export const TlpBanner = z.object({
  label: z.string(),
  text: z.string().describe("Who may see it and what may be done with it."),
});

export const SharedItemAbilities = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  withdraw: z.boolean(),
  reshare: z.boolean(),
  acknowledge: z.boolean(),
  seeAcknowledgements: z.boolean(),
});

export const SharedItemSummary = z.object({
  id: Id,
  type: SharedItemType,
  title: z.string(),
  sectors: z.array(Sector),
  tlp: Tlp,
  status: SharedItemStatus,
  author: Ref,
  organisation: Ref,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  publishedAt: Timestamp.nullable(),
  isNew: z.boolean().describe("Not opened by you yet."),
  acknowledgement: AcknowledgementState.nullable().describe("Your own acknowledgement."),
  mayApprove: z
    .boolean()
    .describe("You may approve it now: it awaits a second person of its organisation, and you are one."),
});
export type SharedItemSummary = z.infer<typeof SharedItemSummary>;

export const AudienceMember = z.object({
  kind: z.enum(["community", "organisation", "user"]),
  id: Id,
  name: z.string(),
  reshared: z.boolean(),
});

export const SharedItem = SharedItemSummary.extend({
  body: z.string(),
  assetIds: z.array(Id),
  approver: Ref.nullable(),
  revealAudience: z.boolean(),
  banner: TlpBanner,
  audience: z.object({
    members: z
      .array(AudienceMember)
      .describe("Those you may know of (a confidential audience hides the others)."),
    hidden: z.number().int().describe("How many addressees are not named to you."),
  }),
  needsFourEyes: z.boolean().describe("A second person of the author's organisation must approve it."),
  personalData: z.object({
    found: z
      .number()
      .int()
      .describe("E-mail addresses, phone numbers and hand-marked [[pii:...]] spans in the title and text."),
    asWritten: z
      .boolean()
      .describe("You read them as written (each such view is audited); others read pseudonyms."),
    roles: z.array(Role).describe("Roles outside the author's organisation allowed to read them as written."),
    purgedAt: Timestamp.nullable().describe("When retention ran out and they were removed."),
  }),
  abilities: SharedItemAbilities,
  warning: AlertWarningView.nullable().describe("Alerts: the CAP 1.2 warning it carries."),
  pattern: z
    .string()
    .nullable()
    .describe(
      "Indicators: the STIX 2.1 pattern it carries (exported as a STIX indicator); null without one.",
    ),
  cap: z
    .object({
      url: z.string().describe("The CAP 1.2 message (application/cap+xml) of its latest version."),
      messages: z.number().int().describe("Messages sent so far: the Alert, its Updates, a Cancel."),
      withheldAssets: z
        .number()
        .int()
        .describe("Assets concerned left out of the area: marked narrower than the alert."),
    })
    .nullable()
    .describe("Published alerts: where their CAP message is."),
});
export type SharedItem = z.infer<typeof SharedItem>;

const flag = z
  .enum(["true", "false"])
  .transform((value) => value === "true")
  .optional();

export const SharingFeedQuery = z.object({
  q: z.string().trim().max(200).optional().describe("Text in the title or body."),
  tlp: z
    .string()
    .max(200)
    .transform((text) => [...new Set(text.split(",").map((part) => part.trim()))].filter(Boolean))
    .pipe(z.array(Tlp).max(5))
    .optional()
    .describe("Comma-separated markings."),
  type: SharedItemType.optional(),
  sector: Sector.optional(),
  status: SharedItemStatus.optional().describe("Default: published and withdrawn items."),
  unread: flag.describe("Only items you have not opened."),
  sent: flag.describe("Only items from your organisation."),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SharingFeedQuery = z.input<typeof SharingFeedQuery>;

const Counts = z.record(z.string(), z.number().int());
export const SharingFeed = z.object({
  items: z.array(SharedItemSummary),
  total: z.number().int(),
  counts: z
    .object({ tlp: Counts, type: Counts, sector: Counts, unread: z.number().int() })
    .describe("Per filter value, counting the other filters but not its own; unread over all filters."),
});
export type SharingFeed = z.infer<typeof SharingFeed>;

export const AcknowledgementCreate = z.object({ state: AcknowledgementState });

export const Acknowledgements = z.object({
  recipients: z.number().int().describe("People the item reaches."),
  received: z.number().int(),
  acted: z.number().int(),
  pending: z.number().int(),
  rows: z
    .array(
      z.object({
        person: Ref,
        organisation: Ref,
        state: AcknowledgementState.nullable(),
        at: Timestamp.nullable(),
      }),
    )
    .describe("Each person you may know of, with their acknowledgement (null: not yet)."),
  hidden: z.number().int().describe("People of a confidential audience counted but not named to you."),
});
export type Acknowledgements = z.infer<typeof Acknowledgements>;

export const ReshareCreate = z.object({
  communityIds: ids,
  organisationIds: ids,
});

export const AudiencePreviewRequest = z.object({ tlp: Tlp, audience: SharingAudience });
export const AudiencePreview = z.object({
  everyone: z.boolean().describe("TLP:CLEAR: everyone signed in."),
  organisations: z.array(Ref.extend({ people: z.number().int() })),
  people: z.array(Ref).describe("Named people (RED)."),
  organisationCount: z.number().int(),
  peopleCount: z.number().int(),
  rule: z.string().describe("The marking's rule in words."),
});
export type AudiencePreview = z.infer<typeof AudiencePreview>;

export const AddressablePerson = z.object({ id: Id, name: z.string(), organisation: Ref });

export const SharingSettings = z.object({
  requiresFourEyes: z
    .boolean()
    .describe(
      "AMBER, AMBER+STRICT and RED items of your organisation go out after a second person approves.",
    ),
  widestMarking: Tlp.nullable().describe("The widest marking your roles let you publish."),
});
export const SharingSettingsUpdate = z.object({ requiresFourEyes: z.boolean() });
export type SharingSettings = z.infer<typeof SharingSettings>;

export const AlertWarningRevision = z.object({ warning: AlertWarning });

export const PersonalDataPurge = z.object({
  items: z.number().int().describe("Items whose retention ran out and whose personal data was removed."),
  attachments: z
    .number()
    .int()
    .describe("Attachments marked personal whose bytes were removed (their record is kept)."),
});

export const AttachmentParams = z.object({ id: Id, attachmentId: Id });

export const AttachmentUploadQuery = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe("The file's name; kept sanitised (no path, no control characters, an extension of its type)."),
  personal: flag.describe(
    "The file holds personal data: withheld outside your organisation, purged with retention.",
  ),
});

export const Attachment = z.object({
  id: Id,
  filename: z
    .string()
    .describe("As stored; a personal file's name is withheld from those who may not read its personal data."),
  mediaType: z.string(),
  size: z.number().int().describe("Bytes."),
  sha256: z.string().describe("Hex SHA-256 of the bytes as uploaded."),
  personal: z.boolean(),
  addedBy: Ref,
  addedAt: Timestamp,
  purgedAt: Timestamp.nullable().describe(
    "When retention ran out and the bytes of this personal file were removed.",
  ),
  download: z
    .boolean()
    .describe("You may download it (not purged; personal files only for those who may read personal data)."),
});
export type Attachment = z.infer<typeof Attachment>;

export const Attachments = z.object({
  items: z.array(Attachment),
  limits: z.object({
    fileBytes: z.number().int(),
    itemBytes: z.number().int(),
    files: z.number().int(),
    mediaTypes: z.array(z.string()),
  }),
  mayChange: z.boolean().describe("You may add and remove files (the author, while the item is a draft)."),
});
export type Attachments = z.infer<typeof Attachments>;

export const ATTACHMENT_LIMITS = {
  fileBytes: ATTACHMENT_MAX_BYTES,
  itemBytes: ATTACHMENTS_PER_ITEM_MAX_BYTES,
  files: ATTACHMENTS_PER_ITEM_MAX_FILES,
  mediaTypes: [...ATTACHMENT_MEDIA_TYPES],
};
