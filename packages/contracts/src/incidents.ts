// Incidents (issue 17): an operator's notice of assets down or degraded, the authority's response,
// the projection of what fails next and the recovery. Seen under the TLP rule of shared items.
import {
  EXERCISE_MARK,
  INCIDENT_ASSET_STATUSES,
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
  INCIDENT_TYPES,
  RECOVERY_TARGET_OUTCOMES,
  REGIME_ID,
  REGIME_ID_MAX,
  SUSPECTED_CAUSES,
  THREAT_FAMILIES,
} from "@bulwark/core";
import { z } from "zod";
import { CountryCode, Id, Name, Timestamp, Tlp } from "./common.ts";
import { AssetRef } from "./registry.ts";
import { SharingAudience, TlpBanner } from "./sharing.ts";

export const IncidentState = z.enum(INCIDENT_STATES);
export const IncidentType = z
  .enum(INCIDENT_TYPES)
  .describe("A threat family (DOMAIN.md), or accident, technical-failure, natural-hazard, other.");
export const IncidentAssetStatus = z.enum(INCIDENT_ASSET_STATUSES);
export const IncidentSeverity = z
  .enum(INCIDENT_SEVERITIES)
  .describe("How grave: minor, significant, major, critical (least to most).");
export const RegimeId = z
  .string()
  .max(REGIME_ID_MAX)
  .regex(REGIME_ID, "Use the regime's id: lower-case letters and digits joined by hyphens.")
  .describe("The notification regime (content/notification-regimes/<id>.yaml), e.g. eu-cer-article-15.");

const Ref = z.object({ id: Id, name: z.string() });

export const IncidentAssetReport = z.object({
  assetId: Id,
  status: z.enum(["down", "degraded"]),
  at: Timestamp.describe("Since when."),
});

const unique = <T>(values: T[]) => [...new Set(values)];

export const IncidentCreate = z
  .object({
    title: Name(300),
    description: z.string().max(50_000).default("").describe("What happened (plain text)."),
    type: IncidentType,
    startedAt: Timestamp.describe("When it began."),
    awareAt: Timestamp.describe("When the operator became aware of it (deadlines count from here)."),
    regime: RegimeId,
    tlp: Tlp,
    audience: SharingAudience.default({ communityIds: [], organisationIds: [], userIds: [] }),
    severity: IncidentSeverity.optional().describe(
      "The filer's proposal (the authority sets the severity); none if left out.",
    ),
    suspectedCause: z.enum(SUSPECTED_CAUSES).default("unknown"),
    threatFamily: z.enum(THREAT_FAMILIES).optional().describe("With a suspected attack: its threat family."),
    causeDetails: z.string().max(10_000).default(""),
    servicesAffected: z.array(Name(200)).max(50).default([]).transform(unique),
    peopleAffected: z.number().int().min(0).max(10_000_000_000).nullable().default(null),
    effectsAbroad: z.array(CountryCode).max(250).default([]).transform(unique),
    effectsAbroadDetails: z.string().max(10_000).default(""),
    assets: z.array(IncidentAssetReport).min(1).max(1000),
  })
  .superRefine((value, ctx) => {
    if ((value.suspectedCause === "attack") !== (value.threatFamily !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["threatFamily"],
        message: "A suspected attack names its threat family; other causes name none.",
      });
    if (Date.parse(value.awareAt) < Date.parse(value.startedAt))
      ctx.addIssue({ code: "custom", path: ["awareAt"], message: "Awareness cannot come before the start." });
    const ids = value.assets.map((asset) => asset.assetId);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["assets"], message: "Name each asset once." });
  });
export type IncidentCreateInput = z.input<typeof IncidentCreate>;

export const IncidentAssetStatusChange = z.object({
  assetId: Id,
  status: IncidentAssetStatus,
  at: Timestamp,
});
export type IncidentAssetStatusChangeInput = z.input<typeof IncidentAssetStatusChange>;

export const IncidentStateChange = z.object({ state: IncidentState.describe("The next state.") });

export const IncidentSeverityChange = z.object({ severity: IncidentSeverity });

export const IncidentMerge = z.object({
  incidentId: Id.describe("The incident whose notices join this one (it is marked merged)."),
});

export const IncidentReportCreate = z.object({
  report: RegimeId.describe("Which of the regime's reports this is (its id in the regime)."),
  body: z.string().trim().min(1).max(50_000),
});

export const IncidentSummary = z.object({
  id: Id,
  title: z.string(),
  type: IncidentType,
  state: IncidentState,
  regime: z.string(),
  tlp: Tlp,
  severity: IncidentSeverity.nullable().describe("Null until the filer proposes or the authority sets one."),
  severityAssessed: z
    .boolean()
    .describe("True once the authority set it; false: the filer's proposal or none."),
  assetCounts: z
    .object({
      visible: z.number().int().describe("Assets of the incident you may see."),
      hidden: z.number().int().describe("Its other assets (those you may not see)."),
    })
    .describe("The assets the incident names (down, degraded or restored), as its page counts them."),
  startedAt: Timestamp,
  awareAt: Timestamp,
  filer: Ref,
  organisation: Ref,
  mergedIntoId: Id.nullable().describe("Set when the authority merged it into another incident."),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  closedAt: Timestamp.nullable(),
  exercise: z
    .object({
      id: Id,
      title: z.string(),
      mark: z.literal(EXERCISE_MARK),
    })
    .optional()
    .describe(
      "Present when it was filed in exercise mode (POST /api/exercises/{id}/incidents): the exercise it belongs to. Such an incident is not real, is seen only by the exercise's participants and never appears in the real incident list.",
    ),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const IncidentList = z.object({ items: z.array(IncidentSummary), total: z.number().int() });
export type IncidentList = z.infer<typeof IncidentList>;

export const IncidentListQuery = z.object({
  state: z
    .string()
    .max(200)
    .transform((text) => unique(text.split(",").map((part) => part.trim())).filter(Boolean))
    .pipe(z.array(IncidentState).max(5))
    .optional()
    .describe("Comma-separated states."),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  exerciseId: Id.optional().describe(
    "The incidents filed in exercise mode for this exercise (one your organisation takes part in); without it, real incidents only.",
  ),
});

export const IncidentAsset = AssetRef.extend({
  status: IncidentAssetStatus.describe("Its latest status."),
  since: Timestamp,
  history: z.array(z.object({ status: IncidentAssetStatus, at: Timestamp })),
});

export const IncidentNotice = z.object({
  id: Id,
  fromIncidentId: Id,
  filer: Ref,
  organisation: Ref,
  title: z.string(),
  description: z.string(),
  tlp: Tlp,
  filedAt: Timestamp,
  mergedAt: Timestamp.nullable(),
});

export const IncidentReport = z.object({
  id: Id,
  report: z.string(),
  body: z.string(),
  filer: Ref,
  organisation: Ref,
  filedAt: Timestamp,
});

export const Incident = IncidentSummary.extend({
  description: z.string(),
  suspectedCause: z.enum(SUSPECTED_CAUSES),
  threatFamily: z.enum(THREAT_FAMILIES).nullable(),
  causeDetails: z.string(),
  servicesAffected: z.array(z.string()),
  peopleAffected: z.number().int().nullable(),
  effectsAbroad: z.array(z.string()),
  effectsAbroadDetails: z.string(),
  banner: TlpBanner,
  audience: z.object({
    members: z.array(
      z.object({ kind: z.enum(["community", "organisation", "user"]), id: Id, name: z.string() }),
    ),
  }),
  assets: z.array(IncidentAsset).describe("The assets you may see (others are counted in hiddenAssets)."),
  hiddenAssets: z.number().int().describe("Assets of the incident you may not see."),
  notices: z.array(IncidentNotice),
  reports: z.array(IncidentReport),
  states: z.array(z.object({ state: IncidentState, at: Timestamp })),
  abilities: z.object({
    advance: IncidentState.nullable().describe("The state you may move it to, if any."),
    recordAssetStatus: z.boolean(),
    merge: z.boolean(),
    fileReport: z.boolean(),
    setSeverity: z.boolean(),
  }),
});
export type Incident = z.infer<typeof Incident>;

const Total = z.object({ assets: z.number().int(), population: z.number() });
const TimelinePoint = z.object({ hours: z.number(), assets: z.number().int(), population: z.number() });

export const ProjectionQuery = z.object({
  hours: z.coerce
    .number()
    .min(0)
    .max(8760)
    .default(72)
    .describe("How far ahead, from the earliest down time."),
});

export const IncidentProjection = z.object({
  from: Timestamp.nullable().describe("The earliest down time of the assets down (hours count from it)."),
  hours: z.number(),
  failed: z.array(
    AssetRef.extend({ hours: z.number(), causeId: Id.nullable(), populationServed: z.number() }),
  ),
  totals: Total.extend({ bySector: z.record(z.string(), Total) }),
  timeline: z.array(TimelinePoint).describe("Cumulative assets and population failed by each moment."),
  scope: z.object({ assets: z.number().int(), dependencies: z.number().int() }),
});
export type IncidentProjection = z.infer<typeof IncidentProjection>;

export const IncidentRecovery = z.object({
  curve: z.array(
    z.object({
      at: Timestamp,
      assetsDown: z
        .number()
        .int()
        .describe("Assets out of service then: reported down and failed in the cascade."),
      populationWithoutService: z.number(),
    }),
  ),
  priorities: z
    .array(z.object({ assetId: Id, assets: z.number().int(), population: z.number() }))
    .describe("Assets still down, by what restoring each alone would bring back, most first."),
  targets: z
    .array(
      z.object({
        assetId: Id,
        targetHours: z.number().nullable().describe("The registry's recovery target; null: none set."),
        outOfServiceAt: Timestamp.describe("When it first went down or degraded in this incident."),
        restoredAt: Timestamp.nullable().describe("Null while it is still out of service."),
        hours: z.number().describe("Time to restore, or (still out) time out of service so far."),
        outcome: z
          .enum(RECOVERY_TARGET_OUTCOMES)
          .nullable()
          .describe(
            "met, missed (restored late or still out past it), open (still within it); null: no target.",
          ),
      }),
    )
    .describe("Each affected asset you may see: its recovery target against the time taken to restore it."),
});
export type IncidentRecovery = z.infer<typeof IncidentRecovery>;
