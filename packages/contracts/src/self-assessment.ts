// Self-assessment against resolution 2341 and other frameworks: the framework file format, runs,
// answers with evidence, comments, results (scores, gaps, recommendations, comparison) and the
// anonymised aggregation across regions.
import { CHOICES } from "@bulwark/core";
import { z } from "zod";
import { Id, Slug, Timestamp } from "./common.ts";
import { EntryMarking, Region } from "./compendium.ts";

const Key = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens.")
  .min(2)
  .max(80);
const Weight = z.number().int().min(1).max(5).describe("1-5: how much it counts.");
const Text = (max: number) => z.string().trim().min(1, "Must not be blank.").max(max);

export const AnswerSpec = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("maturity"),
    levels: z.array(Text(500)).length(6, "Describe each of the six levels, 0 to 5."),
  }),
  z.object({ type: z.literal("choice") }),
  z.object({ type: z.literal("number"), target: z.number().positive(), unit: Text(60).optional() }),
  z.object({ type: z.literal("text") }),
]);

export const FrameworkQuestion = z.object({
  id: Key,
  text: Text(600),
  guidance: Text(2000),
  weight: Weight,
  answer: AnswerSpec,
  entries: z.array(Slug).max(20).describe("Compendium entries that help close a gap here."),
});

export const FrameworkSection = z.object({
  id: Key,
  title: Text(200),
  reference: Text(200).optional().describe("The paragraph or article the section follows."),
  weight: Weight,
  questions: z.array(FrameworkQuestion).min(1),
});

/** A framework file (content/frameworks/*.yaml): one version of one framework. */
export const Framework = z
  .object({
    id: Key,
    version: z.number().int().min(1),
    title: Text(300),
    summary: Text(2000),
    source: z.object({
      citation: Text(1000),
      url: z.url({ protocol: /^https?$/ }).optional(),
    }),
    sections: z.array(FrameworkSection).min(1),
  })
  .superRefine((framework, context) => {
    const seen = new Set<string>();
    framework.sections.forEach((section, index) => {
      if (seen.has(`s:${section.id}`))
        context.addIssue({
          code: "custom",
          path: ["sections", index, "id"],
          message: `Section "${section.id}" appears twice.`,
        });
      seen.add(`s:${section.id}`);
      section.questions.forEach((question, position) => {
        if (seen.has(`q:${question.id}`))
          context.addIssue({
            code: "custom",
            path: ["sections", index, "questions", position, "id"],
            message: `Question "${question.id}" appears twice.`,
          });
        seen.add(`q:${question.id}`);
      });
    });
  });
export type Framework = z.infer<typeof Framework>;

export const FrameworkSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  source: z.object({ citation: z.string(), url: z.string().optional() }),
  sections: z.number().int(),
  questions: z.number().int(),
});
export type FrameworkSummary = z.infer<typeof FrameworkSummary>;

export const FrameworkParams = z.object({ id: Key, version: z.coerce.number().int().min(1) });

export const AnswerValue = z.discriminatedUnion("type", [
  z.object({ type: z.literal("maturity"), level: z.number().int().min(0).max(5) }),
  z.object({ type: z.literal("choice"), choice: z.enum(CHOICES) }),
  z.object({ type: z.literal("number"), value: z.number().min(0).max(1e12) }),
  z.object({ type: z.literal("text"), text: z.string().trim().min(1).max(10_000) }),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Evidence = z.object({
  title: Text(300),
  url: z.url({ protocol: /^https?$/, error: "Use an http or https address." }).max(2000),
});

export const Person = z.object({ id: Id, name: z.string() });

export const Answer = z.object({
  questionId: z.string(),
  value: AnswerValue.nullable(),
  note: z.string().nullable(),
  evidence: z.array(Evidence),
  assignee: Person.nullable(),
  /** Send it back with a change: a stale one is refused with 409. 0 before the first save. */
  version: z.number().int(),
  updatedBy: Person.nullable(),
  updatedAt: Timestamp.nullable(),
});
export type Answer = z.infer<typeof Answer>;

export const AnswerUpdate = z
  .object({
    version: z.number().int().min(0).describe("The version the change was made on (0 for a first answer)."),
    value: AnswerValue.nullable().optional().describe("null clears the answer."),
    note: z.string().trim().max(10_000).nullable().optional(),
    evidence: z.array(Evidence).max(50).optional(),
    assigneeId: Id.nullable().optional().describe("A colleague of the same organisation, or null."),
  })
  .refine(
    (update) =>
      update.value !== undefined ||
      update.note !== undefined ||
      update.evidence !== undefined ||
      update.assigneeId !== undefined,
    "Change at least one of value, note, evidence and assigneeId.",
  );

export const AnswerParams = z.object({ id: Id, questionId: Key });

export const Comment = z.object({
  id: Id,
  questionId: z.string(),
  author: Person.nullable().describe("null when the author's account was removed."),
  body: z.string(),
  createdAt: Timestamp,
});
export type Comment = z.infer<typeof Comment>;
export const CommentCreate = z.object({ body: Text(5000) });

export const RunState = z.enum(["draft", "submitted"]);

export const RunSummary = z.object({
  id: Id,
  title: z.string(),
  framework: z.object({ id: z.string(), version: z.number().int(), title: z.string() }),
  organisation: z.object({ id: Id, name: z.string() }),
  state: RunState,
  consent: z
    .boolean()
    .describe("Whether the organisation lets its scores count, anonymised, in the regional aggregation."),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  submittedAt: Timestamp.nullable(),
  archivedAt: Timestamp.nullable().describe(
    "Put away by its organisation: left out of the home, kept on record.",
  ),
  overall: z.number().nullable(),
  completeness: z.number(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const Run = RunSummary.extend({
  frameworkContent: Framework,
  answers: z.array(Answer),
  comments: z.array(Comment),
  /** People of the organisation, to assign questions to. */
  colleagues: z.array(Person),
  abilities: z.object({ answer: z.boolean(), submit: z.boolean(), archive: z.boolean() }),
});
export type Run = z.infer<typeof Run>;

export const RunCreate = z.object({
  frameworkId: Key,
  frameworkVersion: z.number().int().min(1).optional().describe("Latest version when left out."),
  title: Text(200).optional(),
});

export const RunArchive = z.object({
  archived: z.boolean().describe("true puts the run away; false brings it back."),
});

export const RunSubmit = z.object({
  consent: z.boolean().describe("Count this run's scores, anonymised, in the regional aggregation."),
});

export const RecommendedEntry = z.object({
  slug: z.string(),
  title: z.string(),
  type: z.string(),
  marking: EntryMarking,
});

export const SectionResult = z.object({
  sectionId: z.string(),
  title: z.string(),
  score: z.number().nullable(),
  answered: z.number().int(),
  questions: z.number().int(),
});

export const GapResult = z.object({
  sectionId: z.string(),
  questionId: z.string(),
  question: z.string(),
  score: z.number().nullable(),
  priority: z.number(),
  /** The recommended entries the caller may see (the compendium's TLP rule applies). */
  entries: z.array(RecommendedEntry),
});

export const SectionChange = z.object({
  sectionId: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
  delta: z.number().nullable(),
});

export const RunResults = z.object({
  run: RunSummary,
  sections: z.array(SectionResult),
  overall: z.number().nullable(),
  completeness: z.number(),
  gaps: z.array(GapResult),
  previous: z
    .object({
      run: RunSummary,
      sections: z.array(SectionChange),
      overall: SectionChange,
    })
    .nullable()
    .describe("The organisation's previous submitted run of the same framework, and the change since."),
});
export type RunResults = z.infer<typeof RunResults>;

export const AggregationQuery = z.object({ framework: Key, version: z.coerce.number().int().min(1) });

export const AggregateCell = z.union([
  z.object({
    sectionId: z.string(),
    suppressed: z.literal(false),
    organisations: z.number().int(),
    mean: z.number(),
  }),
  z.object({ sectionId: z.string(), suppressed: z.literal(true) }),
]);

export const Aggregation = z.object({
  framework: z.object({ id: z.string(), version: z.number().int(), title: z.string() }),
  sections: z.array(z.object({ id: z.string(), title: z.string() })),
  threshold: z
    .number()
    .int()
    .describe("Cells with fewer contributing organisations, or countries, are suppressed."),
  rows: z.array(
    z.object({
      region: z.union([Region, z.literal("unassigned")]),
      organisations: z.number().int().nullable(),
      cells: z.array(AggregateCell),
    }),
  ),
});
export type Aggregation = z.infer<typeof Aggregation>;
