// Situation reports of an incident (issue 18, in the shape of ICS 209) and resource requests between
// organisations (ICS 213RR). A sitrep's texts are its author's; its figures are computed for each
// reader over the part of the registry that reader may see, as of the report's moment.
import {
  RESOURCE_REQUEST_PRIORITIES,
  RESOURCE_REQUEST_STATES,
  SITREP_EVERY_HOURS,
  SITREP_STATUSES,
} from "@bulwark/core";
import { z } from "zod";
import { Id, Name, Timestamp, Tlp } from "./common.ts";
import { AssetRef } from "./registry.ts";
import { SharingAudience, TlpBanner } from "./sharing.ts";

const Ref = z.object({ id: Id, name: z.string() });
const Text = (what: string) => z.string().max(20_000).describe(what);

export const SitrepStatus = z.enum(SITREP_STATUSES);
export const ResourceRequestState = z.enum(RESOURCE_REQUEST_STATES);
export const ResourceRequestPriority = z.enum(RESOURCE_REQUEST_PRIORITIES);

const SitrepTexts = {
  situation: Text("The current situation (ICS 209: incident summary)."),
  actions: Text("Actions taken and under way."),
  resources: Text("Resources committed and needed."),
  nextSteps: Text("Next steps and planned actions."),
};

export const SitrepCreate = z
  .object({
    situation: SitrepTexts.situation.optional(),
    actions: SitrepTexts.actions.optional(),
    resources: SitrepTexts.resources.optional(),
    nextSteps: SitrepTexts.nextSteps.optional(),
    tlp: Tlp.optional().describe("The marking it is sent under (default: the incident's)."),
    audience: SharingAudience.optional().describe("Who it is sent to (default: the incident's audience)."),
  })
  .describe("A new draft: texts left out are drafted from the incident's own data.");
export type SitrepCreateInput = z.input<typeof SitrepCreate>;

export const SitrepUpdate = z
  .object({
    situation: SitrepTexts.situation.optional(),
    actions: SitrepTexts.actions.optional(),
    resources: SitrepTexts.resources.optional(),
    nextSteps: SitrepTexts.nextSteps.optional(),
    tlp: Tlp.optional(),
    audience: SharingAudience.optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: "Change at least one field.",
  });

export const SitrepParams = z.object({
  id: Id,
  n: z.coerce.number().int().min(1).max(1_000_000).describe("The report's number within the incident."),
});

const SitrepAsset = AssetRef.extend({
  status: z.enum(["down", "degraded"]),
  since: Timestamp,
});
const SitrepFailure = AssetRef.extend({
  at: Timestamp.describe("When it fails (or failed) in the cascade."),
  causeId: Id.nullable(),
  populationServed: z.number(),
});

export const SitrepFigures = z
  .object({
    asOf: Timestamp,
    assetsDown: z.array(SitrepAsset).describe("Assets down or degraded as of the report, that you may see."),
    failed: z.array(SitrepFailure).describe("Assets the cascade brought down by then."),
    projected: z.array(SitrepFailure).describe("Assets the cascade brings down within the horizon after it."),
    horizonHours: z.number(),
    peopleWithoutService: z.number().describe("People served by the assets down and failed by then."),
    projectedPeopleWithoutService: z.number().describe("The same at the end of the horizon."),
  })
  .describe("Computed for you, over the part of the registry you may see.");

export const ResourceRequestSummary = z.object({
  id: Id,
  incidentId: Id.nullable(),
  what: z.string(),
  quantity: z.number().int(),
  unit: z.string(),
  deliverTo: z.string(),
  neededBy: Timestamp,
  priority: ResourceRequestPriority,
  state: ResourceRequestState,
  from: Ref,
  to: Ref,
  requestedBy: Ref,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ResourceRequestSummary = z.infer<typeof ResourceRequestSummary>;

export const Sitrep = z.object({
  incidentId: Id,
  number: z.number().int(),
  status: SitrepStatus,
  asOf: Timestamp,
  ...SitrepTexts,
  tlp: Tlp,
  banner: TlpBanner,
  audience: SharingAudience.nullable().describe("Who it goes to: shown to the author's organisation only."),
  author: Ref,
  organisation: Ref,
  approver: Ref.nullable(),
  approvedAt: Timestamp.nullable(),
  sentAt: Timestamp.nullable(),
  sharedItemId: Id.nullable().describe("The shared item it went out as."),
  figures: SitrepFigures,
  requests: z.array(ResourceRequestSummary).describe("Resource requests of the incident you may see."),
  abilities: z.object({ edit: z.boolean(), approve: z.boolean(), send: z.boolean() }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Sitrep = z.infer<typeof Sitrep>;

export const SitrepSummary = Sitrep.pick({
  incidentId: true,
  number: true,
  status: true,
  asOf: true,
  tlp: true,
  author: true,
  organisation: true,
  approver: true,
  sentAt: true,
  createdAt: true,
  updatedAt: true,
});
export const SitrepSchedule = z
  .object({
    everyHours: z.number().int().min(SITREP_EVERY_HOURS.min).max(SITREP_EVERY_HOURS.max),
    organisation: z
      .object({ id: Id, name: z.string() })
      .describe("The organisation responsible for the reports: its coordinators are reminded."),
    since: Timestamp.describe("When the schedule was set."),
    setBy: z.object({ id: Id, name: z.string() }),
    lastSentAt: Timestamp.nullable().describe(
      "The last report the responsible organisation sent since the schedule was set.",
    ),
    nextDueAt: Timestamp.describe("A period after the last report sent (or after the schedule was set)."),
    overdue: z.boolean(),
  })
  .describe("The incident's sitrep schedule: a report is due every so many hours.");
export type SitrepSchedule = z.infer<typeof SitrepSchedule>;

export const SitrepScheduleSet = z
  .object({
    everyHours: z
      .number()
      .int()
      .min(SITREP_EVERY_HOURS.min)
      .max(SITREP_EVERY_HOURS.max)
      .nullable()
      .describe("A report every so many hours (1 to 168); null ends the schedule."),
    organisationId: Id.optional().describe(
      "The organisation responsible for the reports, one that sees the incident (default: yours).",
    ),
  })
  .strict();
export type SitrepScheduleSetInput = z.input<typeof SitrepScheduleSet>;

export const SitrepScheduleAnswer = z.object({ schedule: SitrepSchedule.nullable() });

export const SitrepList = z.object({
  items: z.array(SitrepSummary),
  schedule: SitrepSchedule.nullable().describe(
    "The incident's sitrep schedule, if any (when you see the incident).",
  ),
  abilities: z.object({
    draft: z.boolean().describe("You may draft the incident's next report."),
    schedule: z.boolean().describe("You may set or end the incident's sitrep schedule."),
  }),
});
export type SitrepList = z.infer<typeof SitrepList>;

export const ResourceRequestCreate = z.object({
  what: Name(300).describe("What is needed (e.g. 500 kVA generators, a line repair crew)."),
  quantity: z.number().int().min(1).max(1_000_000),
  unit: Name(60).default("unit"),
  deliverTo: Name(500).describe("Where it is needed."),
  neededBy: Timestamp.describe("By when."),
  priority: ResourceRequestPriority.default("routine"),
  details: z.string().max(10_000).default(""),
  toOrganisationId: Id.describe("The organisation asked to provide it."),
  incidentId: Id.optional().describe("The incident it is for (one you may see)."),
});
export type ResourceRequestCreateInput = z.input<typeof ResourceRequestCreate>;

export const ResourceRequestUpdate = z.object({
  state: ResourceRequestState.describe(
    "requested -> approved -> assigned -> delivered; declined by the provider; cancelled by the requester.",
  ),
  note: z.string().max(5_000).default("").describe("What was assigned, why declined, what arrived."),
});

export const ResourceRequestListQuery = z.object({
  incidentId: Id.optional().describe("Only the requests of this incident."),
  state: z
    .string()
    .max(200)
    .transform((text) => [...new Set(text.split(",").map((part) => part.trim()))].filter(Boolean))
    .pipe(z.array(ResourceRequestState).max(6))
    .optional()
    .describe("Comma-separated states."),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ResourceRequest = ResourceRequestSummary.extend({
  details: z.string(),
  history: z.array(z.object({ state: ResourceRequestState, note: z.string(), at: Timestamp, user: Ref })),
  abilities: z.object({ moves: z.array(ResourceRequestState).describe("The states you may move it to.") }),
});
export type ResourceRequest = z.infer<typeof ResourceRequest>;

export const ResourceRequestList = z.object({
  items: z.array(ResourceRequestSummary),
  total: z.number().int(),
});
export type ResourceRequestList = z.infer<typeof ResourceRequestList>;
