// Technical assistance (issue 20): needs recorded by a state's organisations, offers published by
// providers, ranked matches with their reasons, and engagements followed to an outcome measured by
// two self-assessment runs. Needs and offers are seen under the TLP rule of shared items.
import {
  ASSISTANCE_MODALITIES,
  ENGAGEMENT_STATUSES,
  LANGUAGES,
  MATCH_CRITERIA,
  NEED_STATUSES,
  NEED_URGENCIES,
  OFFER_STATUSES,
  REGIONS,
} from "@bulwark/core";
import { z } from "zod";
import { Id, Name, Sector, Slug, Timestamp, Tlp } from "./common.ts";
import { Theme } from "./compendium.ts";
import { EventKind } from "./events.ts";
import { SectionChange } from "./self-assessment.ts";
import { SharingAudience, TlpBanner } from "./sharing.ts";

export const AssistanceModality = z.enum(ASSISTANCE_MODALITIES);
export const NeedUrgency = z.enum(NEED_URGENCIES);
export const NeedStatus = z.enum(NEED_STATUSES);
export const OfferStatus = z.enum(OFFER_STATUSES);
export const EngagementStatus = z.enum(ENGAGEMENT_STATUSES);
const Language = z.enum(LANGUAGES);
const AssistanceDay = z.iso.date().describe("A calendar date, YYYY-MM-DD.");
const SectionId = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use the section's id, e.g. risk.")
  .describe(
    "A section of the resolution 2341 self-assessment framework (content/frameworks/unsc-2341-v*.yaml).",
  );

const unique = <T>(values: T[]) => [...new Set(values)];
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).transform(unique);
const Ref = z.object({ id: Id, name: z.string() });
const emptyAudience = { communityIds: [], organisationIds: [], userIds: [] };

export const NeedSource = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("gap"), runId: Id, questionId: z.string().min(1).max(100) }),
    z.object({ kind: z.literal("action"), actionId: Id }),
  ])
  .describe(
    "What the need was drawn from: a gap of one of your self-assessment runs, or a follow-up action.",
  );

const needFields = {
  title: Name(300),
  description: z.string().max(20_000).default("").describe("What is needed (plain text)."),
  theme: Theme,
  sectors: list(Sector, 40).default([]),
  section: SectionId.nullable().default(null),
  urgency: NeedUrgency.default("medium"),
  languages: list(Language, 6).default([]).describe("Languages the help may be given in; empty: any."),
  modality: AssistanceModality,
  neededBy: AssistanceDay.nullable().default(null),
  tlp: Tlp.describe("Who may see it: the TLP rule of shared items, with the audience."),
  audience: SharingAudience.default(emptyAudience),
};

export const NeedCreate = z.object({ ...needFields, source: NeedSource.optional() });
export type NeedCreateInput = z.input<typeof NeedCreate>;

export const NeedUpdate = z
  .object({
    title: Name(300),
    description: z.string().max(20_000),
    theme: Theme,
    sectors: list(Sector, 40),
    section: SectionId.nullable(),
    urgency: NeedUrgency,
    languages: list(Language, 6),
    modality: AssistanceModality,
    neededBy: AssistanceDay.nullable(),
    status: NeedStatus,
    tlp: Tlp,
    audience: SharingAudience,
  })
  .partial()
  .refine((value) => (value.tlp === undefined) === (value.audience === undefined), {
    message: "Change the marking and the audience together.",
    path: ["audience"],
  });
export type NeedUpdateInput = z.input<typeof NeedUpdate>;

export const NeedAbilities = z.object({ edit: z.boolean(), expressInterest: z.boolean() });

export const Need = z
  .object({
    id: Id,
    title: z.string(),
    description: z.string(),
    theme: Theme,
    sectors: z.array(Sector),
    section: z.string().nullable(),
    urgency: NeedUrgency,
    languages: z.array(Language),
    modality: AssistanceModality,
    neededBy: AssistanceDay.nullable(),
    status: NeedStatus,
    tlp: Tlp,
    banner: TlpBanner,
    organisation: Ref.extend({ country: z.string() }),
    recorder: Ref,
    source: z.object({ runId: Id.nullable(), questionId: z.string().nullable(), actionId: Id.nullable() }),
    audience: z
      .array(z.object({ kind: z.enum(["community", "organisation", "user"]), id: Id }))
      .describe("Who it is addressed to: shown to the state's organisation only."),
    abilities: NeedAbilities,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "AssistanceNeed" });
export type Need = z.infer<typeof Need>;

export const NeedList = z.object({ items: z.array(Need), total: z.number().int() });
export type NeedList = z.infer<typeof NeedList>;

const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

export const NeedListQuery = z.object({
  status: NeedStatus.optional(),
  theme: Theme.optional(),
  organisationId: Id.optional(),
  ...paging,
});

export const NeedDraftQuery = z
  .object({
    runId: Id.optional(),
    questionId: z.string().min(1).max(100).optional(),
    actionId: Id.optional(),
  })
  .refine(
    (value) =>
      (value.actionId !== undefined) !== (value.runId !== undefined && value.questionId !== undefined) &&
      (value.runId === undefined) === (value.questionId === undefined),
    { message: "Name a run and one of its questions, or a follow-up action.", path: ["runId"] },
  );

export const NeedDraft = z
  .object({
    title: z.string(),
    description: z.string(),
    theme: Theme.nullable().describe("Filled when the gap's section is a theme; otherwise choose one."),
    section: z.string().nullable(),
    sectors: z.array(Sector),
    source: NeedSource,
  })
  .describe("The fields of a need drawn from a gap or an action: edit them, choose the rest, then post it.");
export type NeedDraft = z.infer<typeof NeedDraft>;

const offerFields = {
  title: Name(300),
  description: z.string().max(20_000).default(""),
  themes: z.array(Theme).min(1).max(20).transform(unique),
  sectors: list(Sector, 40).default([]),
  regions: z
    .array(z.enum(REGIONS))
    .min(1)
    .max(6)
    .transform(unique)
    .describe("Where it is offered (global: anywhere)."),
  languages: z.array(Language).min(1).max(6).transform(unique),
  modalities: z.array(AssistanceModality).min(1).max(6).transform(unique),
  capacity: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .nullable()
    .default(null)
    .describe("Engagements at once; null: no limit."),
  availableFrom: AssistanceDay.nullable().default(null),
  availableUntil: AssistanceDay.nullable().default(null),
  tlp: Tlp.default("clear"),
  audience: SharingAudience.default(emptyAudience),
};

const windowInOrder = (value: { availableFrom?: string | null; availableUntil?: string | null }) =>
  !value.availableFrom || !value.availableUntil || value.availableFrom <= value.availableUntil;

export const OfferCreate = z
  .object(offerFields)
  .refine(windowInOrder, { message: "The window ends before it begins.", path: ["availableUntil"] });
export type OfferCreateInput = z.input<typeof OfferCreate>;

export const OfferUpdate = z
  .object({
    title: Name(300),
    description: z.string().max(20_000),
    themes: z.array(Theme).min(1).max(20).transform(unique),
    sectors: list(Sector, 40),
    regions: z.array(z.enum(REGIONS)).min(1).max(6).transform(unique),
    languages: z.array(Language).min(1).max(6).transform(unique),
    modalities: z.array(AssistanceModality).min(1).max(6).transform(unique),
    capacity: z.number().int().min(1).max(10_000).nullable(),
    availableFrom: AssistanceDay.nullable(),
    availableUntil: AssistanceDay.nullable(),
    status: OfferStatus,
    tlp: Tlp,
    audience: SharingAudience,
  })
  .partial()
  .refine((value) => (value.tlp === undefined) === (value.audience === undefined), {
    message: "Change the marking and the audience together.",
    path: ["audience"],
  });
export type OfferUpdateInput = z.input<typeof OfferUpdate>;

export const Offer = z
  .object({
    id: Id,
    title: z.string(),
    description: z.string(),
    themes: z.array(Theme),
    sectors: z.array(Sector),
    regions: z.array(z.enum(REGIONS)),
    languages: z.array(Language),
    modalities: z.array(AssistanceModality),
    capacity: z.number().int().nullable(),
    active: z.number().int().describe("Engagements of it under way."),
    availableFrom: AssistanceDay.nullable(),
    availableUntil: AssistanceDay.nullable(),
    status: OfferStatus,
    tlp: Tlp,
    banner: TlpBanner,
    organisation: Ref.extend({ kind: z.string() }),
    recorder: Ref,
    abilities: z.object({ edit: z.boolean() }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "AssistanceOffer" });
export type Offer = z.infer<typeof Offer>;

export const OfferList = z.object({ items: z.array(Offer), total: z.number().int() });
export type OfferList = z.infer<typeof OfferList>;

export const OfferListQuery = z.object({
  status: OfferStatus.optional(),
  theme: Theme.optional(),
  organisationId: Id.optional(),
  ...paging,
});

export const MatchQuery = z
  .object({ need: Id.optional(), offer: Id.optional() })
  .refine((value) => (value.need === undefined) !== (value.offer === undefined), {
    message: "Ask for the matches of one need or of one offer.",
    path: ["need"],
  });

export const MatchReason = z.object({
  criterion: z.enum(MATCH_CRITERIA),
  met: z.boolean(),
  points: z.number().int(),
  values: z.array(z.string()).describe("What met it: the theme, the region, shared languages, dates."),
});

export const AssistanceMatch = z.object({
  need: z.object({ id: Id, title: z.string(), organisation: Ref }),
  offer: z.object({ id: Id, title: z.string(), organisation: Ref }),
  score: z.number().int().min(0).max(100),
  reasons: z.array(MatchReason),
});
export const AssistanceMatches = z.object({
  items: z.array(AssistanceMatch).describe("Best first; only needs and offers you may see."),
});
export type AssistanceMatches = z.infer<typeof AssistanceMatches>;

export const Milestone = z.object({
  title: Name(300),
  dueOn: AssistanceDay.nullable().default(null),
  doneOn: AssistanceDay.nullable().default(null),
});

export const Deliverable = z.object({
  title: Name(300),
  deliveredOn: AssistanceDay.nullable().default(null),
});

export const EngagementCreate = z.object({
  needId: Id,
  offerId: Id.nullable().default(null).describe("One of your organisation's offers it answers, if any."),
  message: z.string().max(5_000).default(""),
});
export type EngagementCreateInput = z.input<typeof EngagementCreate>;

const LinkChange = <T extends z.ZodType<string>>(key: T) =>
  z
    .strictObject({ add: list(key, 50).default([]), remove: list(key, 50).default([]) })
    .refine((value) => value.add.every((one) => !value.remove.includes(one)), {
      message: "Do not add and remove the same link at once.",
      path: ["remove"],
    });

export const LinkedEvent = z.object({
  id: Id,
  title: z.string(),
  kind: EventKind,
  startsOn: AssistanceDay,
  endsOn: AssistanceDay,
  marking: Tlp,
});
export const LinkedEntry = z.object({ slug: Slug, title: z.string(), type: z.string(), marking: Tlp });

export const EngagementUpdate = z
  .object({
    status: EngagementStatus.describe(
      "The state accepts (active) or declines; the provider withdraws; either completes.",
    ),
    milestones: z.array(Milestone).max(100),
    deliverables: z.array(Deliverable).max(100).describe("What the engagement produces, in order."),
    participantIds: z
      .array(Id)
      .max(200)
      .transform(unique)
      .describe("People of the state's organisation or the provider's who take part."),
    linkedEvents: LinkChange(Id).describe(
      "Events to link (each one you may see) or unlink: workshops, trainings, exercises of the engagement.",
    ),
    linkedEntries: LinkChange(Slug).describe(
      "Compendium entries (slugs) to link (each one you may see) or unlink.",
    ),
    outcomeConsent: z.boolean().describe("The state lets the provider see the comparison of its runs."),
    baselineRunId: Id.nullable().describe("The state's self-assessment run before the engagement."),
    followUpRunId: Id.nullable().describe("The state's run after it."),
  })
  .partial();
export type EngagementUpdateInput = z.input<typeof EngagementUpdate>;

export const Engagement = z
  .object({
    id: Id,
    need: z.object({ id: Id, title: z.string(), theme: Theme, section: z.string().nullable() }),
    offer: z.object({ id: Id, title: z.string() }).nullable(),
    state: Ref.extend({ country: z.string() }),
    provider: Ref,
    message: z.string(),
    status: EngagementStatus,
    milestones: z.array(Milestone),
    deliverables: z.array(Deliverable),
    participants: z.array(z.object({ id: Id, name: z.string(), organisationId: Id })),
    linkedEvents: z
      .array(LinkedEvent)
      .describe("Linked events you may see (each event's own marking decides), earliest first."),
    linkedEntries: z
      .array(LinkedEntry)
      .describe("Linked compendium entries you may see under their marking."),
    outcomeConsent: z.boolean(),
    baselineRunId: Id.nullable().describe("Shown to the state only."),
    followUpRunId: Id.nullable().describe("Shown to the state only."),
    outcome: z
      .object({ sections: z.array(SectionChange), overall: SectionChange })
      .nullable()
      .describe(
        "The two runs compared section by section: for the state, and for the provider once the state consents.",
      ),
    abilities: z.object({
      transitions: z.array(EngagementStatus),
      recordMilestones: z.boolean(),
      manageOutcome: z.boolean(),
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    startedAt: Timestamp.nullable(),
    endedAt: Timestamp.nullable(),
  })
  .meta({ id: "AssistanceEngagement" });
export type Engagement = z.infer<typeof Engagement>;

export const EngagementList = z.object({ items: z.array(Engagement), total: z.number().int() });
export type EngagementList = z.infer<typeof EngagementList>;

export const EngagementListQuery = z.object({
  needId: Id.optional(),
  offerId: Id.optional(),
  status: EngagementStatus.optional(),
  ...paging,
});
