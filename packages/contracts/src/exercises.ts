// Exercises (issue 19), as HSEEP plans, runs and evaluates them: the exercise with its participants,
// objectives and scenario; the MSEL's injects; the clock; evaluators' observations; the
// after-action report's corrective actions (kept in the events' follow-up tracker).
import {
  CLOCK_ACTIONS,
  EXERCISE_CAPABILITIES,
  EXERCISE_MARK,
  EXERCISE_ROLES,
  EXERCISE_STATUSES,
  EXERCISE_TYPES,
  HSEEP_RATINGS,
  INJECT_CHANNELS,
  MAX_SPEED,
  MIN_SPEED,
} from "@bulwark/core";
import { z } from "zod";
import { Id, Name, Page, PageQuery, Timestamp } from "./common.ts";
import { Day } from "./events.ts";
import { IncidentCreate } from "./incidents.ts";
import { CascadeReport } from "./registry.ts";

export const ExerciseType = z
  .enum(EXERCISE_TYPES)
  .describe("HSEEP's types: discussion-based (seminar … game), then operations-based (drill … full-scale).");
export const ExerciseStatus = z.enum(EXERCISE_STATUSES);
export const ExerciseRole = z.enum(EXERCISE_ROLES);
export const HseepRating = z
  .enum(HSEEP_RATINGS)
  .describe(
    "P: performed without challenges; S: with some challenges; M: with major challenges; U: unable to be performed.",
  );
export const InjectChannel = z.enum(INJECT_CHANNELS);
export const ExerciseCapability = z.enum(EXERCISE_CAPABILITIES);
const Mark = z.literal(EXERCISE_MARK).describe("Said on every exercise item, so nobody takes it for real.");
const Ref = z.object({ id: Id, name: z.string() });
const SectionId = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "Use the section's id: lower-case letters and digits joined by hyphens.",
  )
  .max(100);
const unique = <T>(values: T[]) => [...new Set(values)];

export const ObjectiveCreate = z
  .object({
    title: Name(500),
    section: SectionId.optional().describe(
      "A section id of the resolution 2341 self-assessment framework (unsc-2341).",
    ),
    capability: ExerciseCapability.optional().describe(
      "A protection workstream of resolution 2341's preamble.",
    ),
  })
  .refine((value) => (value.section === undefined) !== (value.capability === undefined), {
    message: "Tie the objective to one section of resolution 2341 or one capability.",
    path: ["section"],
  });

export const ExerciseCreate = z
  .object({
    title: Name(300),
    summary: z.string().max(20_000).default(""),
    type: ExerciseType,
    participants: z
      .array(z.object({ organisationId: Id, role: ExerciseRole }))
      .max(200)
      .default([])
      .describe("The organisations taking part beside yours (yours controls)."),
    objectives: z.array(ObjectiveCreate).min(1).max(50),
    scenario: z
      .object({
        slug: z
          .string()
          .max(100)
          .nullable()
          .default(null)
          .describe("A threat scenario of the risk catalogue."),
        attackedAssetIds: z.array(Id).max(200).default([]).transform(unique),
      })
      .default({ slug: null, attackedAssetIds: [] }),
  })
  .superRefine((value, ctx) => {
    const ids = value.participants.map((p) => p.organisationId);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["participants"], message: "Name each organisation once." });
  });
export type ExerciseCreateInput = z.input<typeof ExerciseCreate>;

export const ExerciseParticipantsChange = z
  .object({
    participants: z
      .array(z.object({ organisationId: Id, role: ExerciseRole }))
      .max(200)
      .describe(
        "Every organisation taking part beside the owner (which controls), with its role: the new list.",
      ),
  })
  .superRefine((value, ctx) => {
    const ids = value.participants.map((p) => p.organisationId);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["participants"], message: "Name each organisation once." });
  });
export type ExerciseParticipantsChangeInput = z.input<typeof ExerciseParticipantsChange>;

export const Objective = z.object({
  id: Id,
  position: z.number().int(),
  title: z.string(),
  section: z.string().nullable(),
  capability: ExerciseCapability.nullable(),
});

export const ExerciseClockState = z.object({
  status: ExerciseStatus,
  speed: z.number(),
  exerciseTimeMs: z.number().int().describe("Exercise time now: real time elapsed while running × speed."),
});

export type ExerciseSummary = z.infer<typeof ExerciseSummary>;
export const ExerciseSummary = z.object({
  id: Id,
  mark: Mark,
  title: z.string(),
  type: ExerciseType,
  status: ExerciseStatus,
  owner: Ref,
  role: ExerciseRole.describe("Your organisation's role in it."),
  updatedAt: Timestamp,
});
export const ExerciseList = Page(ExerciseSummary);
export const ExerciseListQuery = PageQuery.pick({ limit: true, offset: true });

export const Exercise = ExerciseSummary.extend({
  summary: z.string(),
  participants: z.array(z.object({ organisation: Ref, role: ExerciseRole })),
  objectives: z.array(Objective),
  scenario: z.object({
    slug: z.string().nullable(),
    title: z.string().nullable(),
    attackedAssetIds: z
      .array(Id)
      .describe("Controllers and evaluators only (players learn the scenario from their injects)."),
  }),
  clock: ExerciseClockState,
  abilities: z.object({
    control: z.boolean().describe("Write the MSEL, run the clock, record corrective actions."),
    observe: z.boolean(),
    evaluate: z.boolean().describe("Read the whole MSEL, the ground truth, the observations and the AAR/IP."),
    respond: z
      .boolean()
      .describe(
        "Answer in exercise mode: file an incident marked as an exercise (POST /api/exercises/{id}/incidents).",
      ),
  }),
});
export type Exercise = z.infer<typeof Exercise>;

export const InjectParams = z.object({ id: Id, injectId: Id });

export const InjectCreate = z.object({
  offsetMs: z
    .number()
    .int()
    .min(0)
    .max(366 * 24 * 3_600_000)
    .describe("When it is due, in exercise milliseconds from the start."),
  sender: Name(200).describe("Who sends it in the exercise's story."),
  recipientOrganisationIds: z.array(Id).min(1).max(200).transform(unique).describe("Player organisations."),
  channel: InjectChannel,
  content: Name(20_000),
  expectedAction: z.string().max(5_000).default(""),
  objectiveId: Id.nullable().default(null),
});
export type InjectCreateInput = z.input<typeof InjectCreate>;

export type Inject = z.infer<typeof Inject>;
export const Inject = z.object({
  id: Id,
  mark: Mark,
  position: z.number().int(),
  offsetMs: z.number().int(),
  sender: z.string(),
  channel: InjectChannel,
  content: z.string(),
  /** Controllers and evaluators only. */
  recipients: z.array(Ref).optional(),
  expectedAction: z.string().optional(),
  objectiveId: Id.nullable().optional(),
  status: z.enum(["pending", "delivered"]).describe("Delivered once the exercise clock reached its time."),
});
export type InjectList = z.infer<typeof InjectList>;
export const InjectList = z.object({
  mark: Mark,
  clock: ExerciseClockState,
  items: z
    .array(Inject)
    .describe("Players: the injects delivered to their organisation, in order. Others: all."),
});

export const ClockChange = z.object({
  action: z.enum(CLOCK_ACTIONS).describe("start, pause, resume (a running clock: a new speed), end."),
  speed: z.number().min(MIN_SPEED).max(MAX_SPEED).optional().describe("Exercise seconds per real second."),
});

const Lines = z.array(z.string().trim().min(1).max(2_000)).max(50).default([]);
export const ObservationCreate = z.object({
  objectiveId: Id,
  rating: HseepRating,
  strengths: Lines,
  areasForImprovement: Lines,
  note: z.string().max(10_000).default(""),
});
export type ObservationCreateInput = z.input<typeof ObservationCreate>;

export type Observation = z.infer<typeof Observation>;
export const Observation = z.object({
  id: Id,
  mark: Mark,
  objectiveId: Id,
  rating: HseepRating,
  strengths: z.array(z.string()),
  areasForImprovement: z.array(z.string()),
  note: z.string(),
  exerciseTimeMs: z.number().int(),
  evaluator: Ref.nullable(),
  organisation: Ref,
  createdAt: Timestamp,
});
export const ObservationList = z.object({ items: z.array(Observation) });

export const CorrectiveActionCreate = z.object({
  objectiveId: Id.nullable().default(null),
  title: Name(300),
  description: z.string().max(10_000).default(""),
  ownerOrganisationId: Id,
  ownerUserId: Id.nullable().default(null).describe("A person of the owner organisation."),
  dueOn: Day,
});
export type CorrectiveAction = z.infer<typeof CorrectiveAction>;
export const CorrectiveAction = z.object({
  id: Id.describe("The follow-up action's id in the tracker (/api/event-actions)."),
  objectiveId: Id.nullable(),
  title: z.string(),
  description: z.string(),
  owner: Ref,
  dueOn: Day,
  status: z.string(),
});
export const CorrectiveActionList = z.object({ eventId: Id.nullable(), items: z.array(CorrectiveAction) });

export type ExerciseScenario = z.infer<typeof ExerciseScenario>;
export const ExerciseScenario = z.object({
  mark: Mark,
  slug: z.string().nullable(),
  title: z.string().nullable(),
  hiddenAssets: z.number().int().describe("Attacked assets outside the part of the registry you may see."),
  cascade: CascadeReport.describe("What fails and when, from the attacked assets (the what-if engine)."),
});

export const ExercisePackageImport = z.object({
  package: z
    .string()
    .min(1)
    .max(2_000_000)
    .describe(
      "The package file's text (YAML, bulwark-exercise-package/1), as `GET /api/exercises/{id}/package` writes it.",
    ),
  organisations: z
    .record(z.string().min(1).max(300), Id)
    .default({})
    .describe(
      "The package's organisation names (participants and operators of attacked assets) mapped to organisations here; names not mapped are matched by name.",
    ),
});
export type ExercisePackageImportInput = z.input<typeof ExercisePackageImport>;

export const PrioritySource = z.object({
  kind: z.enum(["self-assessment", "risk-register"]),
  label: z.string().describe("The source in words: which run or assessment, and what it found."),
  id: Id.describe("The self-assessment run's or the risk assessment's id."),
});
export const ProgrammePriority = z.object({ title: z.string(), source: PrioritySource });

export const ExerciseProgrammeCreate = z
  .object({
    title: Name(300),
    startYear: z.number().int().min(2000).max(2100),
    years: z.number().int().min(1).max(10).describe("How many years the programme covers."),
    exercises: z
      .array(
        z.object({
          year: z.number().int().min(2000).max(2110),
          type: ExerciseType,
          title: Name(300),
          priority: z
            .number()
            .int()
            .min(1)
            .nullable()
            .default(null)
            .describe("The number of the priority it serves (see the programme's priorities)."),
        }),
      )
      .max(200)
      .default([]),
  })
  .superRefine((value, ctx) => {
    value.exercises.forEach((exercise, i) => {
      if (exercise.year < value.startYear || exercise.year >= value.startYear + value.years)
        ctx.addIssue({ code: "custom", path: ["exercises", i, "year"], message: "A year of the programme." });
    });
  });
export type ExerciseProgrammeCreateInput = z.input<typeof ExerciseProgrammeCreate>;

const ProgrammeExercise = z.object({
  year: z.number().int().min(2000).max(2110),
  type: ExerciseType,
  title: Name(300),
  priority: z
    .number()
    .int()
    .min(1)
    .nullable()
    .default(null)
    .describe("The number of the priority it serves (see the programme's priorities)."),
});

export const ExerciseProgrammeUpdate = z
  .object({
    title: Name(300).optional(),
    startYear: z.number().int().min(2000).max(2100).optional(),
    years: z.number().int().min(1).max(10).optional().describe("How many years the programme covers."),
    exercises: z
      .array(ProgrammeExercise)
      .max(200)
      .optional()
      .describe("The whole new list of exercises (each in a year of the programme)."),
    redrawPriorities: z
      .boolean()
      .default(false)
      .describe(
        "Draw the priorities again from your latest submitted self-assessment and your risk register as they stand now (otherwise they stay as drawn when the programme was made).",
      ),
  })
  .refine(
    (value) =>
      value.title !== undefined ||
      value.startYear !== undefined ||
      value.years !== undefined ||
      value.exercises !== undefined ||
      value.redrawPriorities,
    { message: "Change something." },
  );
export type ExerciseProgrammeUpdateInput = z.input<typeof ExerciseProgrammeUpdate>;

export const ExerciseProgramme = z.object({
  id: Id,
  owner: Ref,
  title: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  priorities: z
    .array(ProgrammePriority)
    .describe(
      "Drawn when the programme was made from the organisation's latest submitted self-assessment (its largest gaps) and its risk register (its highest risks), each with its source named.",
    ),
  years: z.array(
    z.object({
      year: z.number().int(),
      exercises: z.array(
        z.object({ type: ExerciseType, title: z.string(), priority: z.number().int().nullable() }),
      ),
    }),
  ),
  createdAt: Timestamp,
});
export type ExerciseProgramme = z.infer<typeof ExerciseProgramme>;
export const ExerciseProgrammeList = z.object({ items: z.array(ExerciseProgramme) });

export const ExerciseIncidentCreate = z.object({
  injectId: Id.nullable()
    .default(null)
    .describe("The delivered inject it answers (one your organisation has received), if one."),
  incident: IncidentCreate.describe(
    "The incident, as POST /api/incidents takes it; its audience must take part in the exercise.",
  ),
});
export type ExerciseIncidentCreateInput = z.input<typeof ExerciseIncidentCreate>;
