// Risk assessment: the threat scenario catalogue, the methodology (scales, matrix, appetite,
// consequence thresholds), assessments with their measures and versions, and the risk register.
import { RISK_MARKINGS } from "@bulwark/core";
import { z } from "zod";
import { CountryCode, Id, Name, Sector, Slug, Timestamp } from "./common.ts";
import { ThreatFamily } from "./compendium.ts";

const Text = (max: number) => z.string().trim().min(1, "Must not be blank.").max(max);
const Level = z.number().int().min(1).max(5);
/** A calendar date, YYYY-MM-DD. */
export const CalendarDate = z.iso.date().describe("A calendar date, YYYY-MM-DD.");

// ---- Methodology -------------------------------------------------------------------------------

const ScaleLevel = z.object({ level: Level, label: Text(60), description: Text(500) });
const Scale = z.object({
  label: Text(60),
  description: Text(500),
  levels: z
    .array(ScaleLevel)
    .length(5)
    .refine(
      (levels) => levels.every((item, index) => item.level === index + 1),
      "Levels go 1 to 5, in order.",
    ),
});
const FiveByFive = <T extends z.ZodType>(cell: T) => z.array(z.array(cell).length(5)).length(5);
const Thresholds = z
  .tuple([z.number().min(0), z.number().min(0), z.number().min(0), z.number().min(0)])
  .refine(([a, b, c, d]) => a <= b && b <= c && c <= d, "Thresholds must not decrease.")
  .describe("Minimum figure for consequence levels 2, 3, 4 and 5.");
const BandId = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const Methodology = z
  .object({
    name: Text(200),
    basis: Text(2000),
    scales: z.object({ likelihood: Scale, vulnerability: Scale, consequence: Scale }),
    formula: z.object({ id: z.literal("product"), description: Text(500) }),
    exposure: FiveByFive(Level).describe(
      "Matrix column for each likelihood (row) and vulnerability (column).",
    ),
    bands: z
      .array(
        z.object({
          id: BandId,
          label: Text(60),
          colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
          action: Text(500),
        }),
      )
      .min(2)
      .max(6),
    matrix: FiveByFive(BandId).describe("Band of each cell: rows consequence 1-5, columns exposure 1-5."),
    appetite: z.object({ band: BandId, description: Text(500) }),
    consequence: z.object({
      description: Text(2000),
      assetsLost: Thresholds,
      population: Thresholds,
      sectorsHit: Thresholds,
      speed: z.object({ hours: z.number().min(0).max(10_000), description: Text(500) }),
    }),
    review: z.object({ dueSoonDays: z.number().int().min(1).max(365) }),
  })
  .superRefine((value, context) => {
    const ids = new Set(value.bands.map((band) => band.id));
    if (ids.size !== value.bands.length)
      context.addIssue({ code: "custom", path: ["bands"], message: "Band ids repeat." });
    if (!ids.has(value.appetite.band))
      context.addIssue({ code: "custom", path: ["appetite", "band"], message: "Not one of the bands." });
    for (const [r, row] of value.matrix.entries())
      for (const [c, cell] of row.entries())
        if (!ids.has(cell))
          context.addIssue({ code: "custom", path: ["matrix", r, c], message: `Unknown band ${cell}.` });
  })
  .meta({ id: "RiskMethodology" });
export type Methodology = z.infer<typeof Methodology>;

export const MethodologyView = z.object({
  methodology: Methodology,
  /** default: the shipped methodology; organisation: the caller's organisation's own. */
  source: z.enum(["default", "organisation"]),
  canChange: z.boolean(),
});

// ---- Scenarios ---------------------------------------------------------------------------------

export const ScenarioContent = z
  .object({
    family: ThreatFamily,
    title: Text(200),
    summary: Text(500),
    description: Text(5000),
    sectors: z.array(Sector).max(40).default([]).describe("Empty: every sector."),
    targets: z.array(Text(300)).max(30).default([]),
    attackPaths: z.array(Text(300)).max(30).default([]),
    attackIcs: z
      .array(
        z.object({
          id: z.string().regex(/^T0\d{3}$/, "An ATT&CK for ICS technique id, e.g. T0866."),
          name: Text(200),
        }),
      )
      .max(50)
      .default([])
      .describe("MITRE ATT&CK for ICS techniques."),
    compendium: z
      .array(z.string().regex(/^[a-z0-9-]{1,120}$/))
      .max(30)
      .default([])
      .describe("Compendium entry slugs."),
  })
  .meta({ id: "ScenarioContent" });
export type ScenarioContentInput = z.input<typeof ScenarioContent>;
export type ScenarioContent = z.output<typeof ScenarioContent>;
export const ScenarioCreate = z.object({ slug: Slug, content: ScenarioContent });
export const Scenario = ScenarioContent.extend({
  id: Id,
  slug: z.string(),
  organisation: z.object({ id: Id, name: z.string() }).nullable().describe("null: the shipped catalogue."),
}).meta({ id: "Scenario" });
export type Scenario = z.infer<typeof Scenario>;
export const ScenarioList = z.object({ items: z.array(Scenario), canAdd: z.boolean() });

// ---- Consequence from the cascade --------------------------------------------------------------

export const ConsequenceRequest = z.object({ assetIds: z.array(Id).min(1).max(50) });
export const CascadeFiguresSchema = z.object({
  assetsLost: z.number().int(),
  population: z.number(),
  sectorsHit: z.number().int(),
  assetsLostFast: z.number().int(),
  speedHours: z.number(),
  bySector: z.record(z.string(), z.object({ assets: z.number().int(), population: z.number() })),
  lastFailureHours: z.number(),
});
export const ConsequenceProposal = z
  .object({
    level: Level,
    byFigure: z.object({ assetsLost: Level, population: Level, sectorsHit: Level }),
    fast: z.boolean(),
    figures: CascadeFiguresSchema,
  })
  .meta({ id: "ConsequenceProposal" });
export type ConsequenceProposal = z.infer<typeof ConsequenceProposal>;

// ---- Assessments -------------------------------------------------------------------------------

export const RiskMarking = z.enum(RISK_MARKINGS);
export const Ratings = z.object({ likelihood: Level, vulnerability: Level, consequence: Level });
export const MeasureKind = z.enum(["existing", "planned"]);
export const MeasureStatus = z.enum(["planned", "in-progress", "done", "cancelled"]);
const Effect = z.number().int().min(0).max(4);
export const Measure = z.object({
  title: Text(300),
  kind: MeasureKind,
  status: MeasureStatus,
  compendiumSlug: Slug.nullable().default(null),
  owner: z.string().trim().max(200).default("").describe("A role or team, e.g. 'Security manager'."),
  dueDate: CalendarDate.nullable().default(null),
  effect: z
    .object({ likelihood: Effect, vulnerability: Effect, consequence: Effect })
    .default({ likelihood: 0, vulnerability: 0, consequence: 0 })
    .describe("Levels removed from each rating once the measure is in place."),
});
export type MeasureInput = z.input<typeof Measure>;

export const AssessmentContent = z
  .object({
    title: Name(200),
    assetIds: z.array(Id).min(1).max(50),
    scenario: Slug,
    ratings: Ratings,
    rationale: z.object({
      likelihood: z.string().trim().max(5000).default(""),
      vulnerability: z.string().trim().max(5000).default(""),
      consequence: z.string().trim().max(5000).default(""),
    }),
    /** Required when the consequence rating differs from the engine's proposal. */
    overrideReason: z.string().trim().max(2000).nullable().default(null),
    measures: z.array(Measure).max(100).default([]),
    reviewDate: CalendarDate,
    marking: RiskMarking.default("amber"),
    communityIds: z.array(Id).max(20).default([]).describe("Communities a GREEN assessment is shared with."),
    note: z.string().trim().max(500).nullable().default(null).describe("What changed in this version."),
  })
  .meta({ id: "AssessmentContent" });
export type AssessmentContentInput = z.input<typeof AssessmentContent>;

const Band = z.object({ id: z.string(), label: z.string(), colour: z.string() });
export const ReviewState = z.enum(["overdue", "due-soon", "scheduled"]);
export const AssessmentSummary = z
  .object({
    id: Id,
    title: z.string(),
    organisation: z.object({ id: Id, name: z.string() }),
    sector: Sector,
    assets: z
      .array(z.object({ id: Id, name: z.string(), ref: z.string() }))
      .describe("The assessed assets the reader may see in the registry."),
    hiddenAssets: z
      .number()
      .int()
      .min(0)
      .describe("How many other assessed assets the reader may not see (or that were removed)."),
    scenario: z.object({ slug: z.string(), title: z.string(), family: ThreatFamily }),
    ratings: Ratings,
    score: z.number().int(),
    band: Band,
    aboveAppetite: z.boolean(),
    cell: z.object({ exposure: Level, consequence: Level }),
    residual: z.object({ ratings: Ratings, score: z.number().int(), band: Band, aboveAppetite: z.boolean() }),
    reviewDate: CalendarDate,
    reviewState: ReviewState,
    marking: RiskMarking,
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: "AssessmentSummary" });
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;

export const Assessment = AssessmentSummary.extend({
  rationale: AssessmentContent.shape.rationale,
  overrideReason: z.string().nullable(),
  proposal: ConsequenceProposal,
  measures: z.array(Measure),
  communityIds: z.array(Id),
  methodology: Methodology,
  canRevise: z.boolean(),
}).meta({ id: "Assessment" });
export type Assessment = z.infer<typeof Assessment>;

export const AssessmentVersion = z.object({
  version: z.number().int(),
  author: z.object({ id: Id, name: z.string() }).nullable(),
  note: z.string().nullable(),
  createdAt: Timestamp,
  ratings: Ratings,
  score: z.number().int(),
  residualScore: z.number().int(),
  band: z.string(),
  overrideReason: z.string().nullable(),
  measures: z.number().int(),
});
export const AssessmentVersions = z.object({ items: z.array(AssessmentVersion) });

// ---- Register ----------------------------------------------------------------------------------

export const RegisterSort = z.enum(["score", "-score", "reviewDate", "-reviewDate", "title", "-updatedAt"]);
export const RegisterQuery = z.object({
  sector: Sector.optional(),
  scenario: Slug.optional(),
  band: BandId.optional(),
  aboveAppetite: z.enum(["true", "false"]).optional(),
  review: z.enum(["overdue", "due-soon"]).optional(),
  organisationId: Id.optional(),
  country: CountryCode.optional().describe("The assessing organisation's country."),
  sort: RegisterSort.default("-score"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RegisterQuery = z.input<typeof RegisterQuery>;
export const Register = z
  .object({
    items: z.array(AssessmentSummary),
    total: z.number().int(),
    heatMap: FiveByFive(z.number().int()).describe(
      "Counts per cell: rows consequence 1-5, columns exposure 1-5.",
    ),
    bands: z.array(Band.extend({ count: z.number().int() })),
    reviews: z.object({ overdue: z.number().int(), dueSoon: z.number().int() }),
    aboveAppetite: z.number().int().describe("How many are above their owner's appetite."),
    trend: z
      .array(z.object({ at: Timestamp, meanScore: z.number(), assessments: z.number().int() }))
      .describe("Mean current score of the matching assessments after each change, oldest first."),
    methodology: Methodology.describe("The caller's organisation's methodology, for the matrix."),
  })
  .meta({ id: "RiskRegister" });
export type Register = z.infer<typeof Register>;

export const REGISTER_CSV_COLUMNS = [
  "id",
  "title",
  "organisation",
  "sector",
  "assets",
  "scenario",
  "likelihood",
  "vulnerability",
  "consequence",
  "score",
  "band",
  "above_appetite",
  "residual_score",
  "residual_band",
  "review_date",
  "review_state",
  "marking",
  "version",
  "updated_at",
] as const;
export const RegisterCsv = z.object({
  filename: z.string(),
  columns: z.array(z.enum(REGISTER_CSV_COLUMNS)),
  csv: z.string(),
});
