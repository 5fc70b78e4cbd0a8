// The expert network: opt-in expert profiles and their search, questions and answers, discussion
// threads (on compendium entries and on questions) and notifications of replies.
import { LANGUAGES, PROFILE_VISIBILITIES, QUESTION_VISIBILITIES } from "@bulwark/core";
import { z } from "zod";
import { CountryCode, Id, Sector, Timestamp } from "./common.ts";
import { Phase, Region, Theme, ThreatFamily } from "./compendium.ts";

const Person = z.object({ id: Id, name: z.string() });
const OrganisationRef = z.object({ id: Id, name: z.string() });
const tags = <T extends z.ZodType>(item: T) => z.array(item).max(30).default([]);

export const ProfileVisibility = z
  .enum(PROFILE_VISIBILITIES)
  .describe(
    "Who sees the profile: the expert's organisation, their communities' organisations, or every signed-in user.",
  );
export const QuestionVisibility = z
  .enum(QUESTION_VISIBILITIES)
  .describe("Who sees the question: the asker's communities (and organisation) or every signed-in user.");
export const PlatformLanguage = z.enum(LANGUAGES);

/** A free keyword, normalised: lower case, single spaces. */
const Keyword = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .transform((text) => text.toLowerCase().replace(/\s+/g, " "));

export const ExpertProfileInput = z.object({
  headline: z.string().trim().min(3).max(160),
  bio: z.string().trim().max(5000).default("").describe("Markdown; shown without raw HTML."),
  expertise: z
    .array(Keyword)
    .max(20)
    .default([])
    .transform((words) => [...new Set(words)]),
  sectors: tags(Sector),
  phases: tags(Phase),
  themes: tags(Theme),
  threats: tags(ThreatFamily),
  languages: tags(PlatformLanguage),
  region: Region.nullable().default(null),
  country: CountryCode.nullable().default(null),
  visibility: ProfileVisibility,
  showEmail: z.boolean().default(false).describe("Show my e-mail address to those who see my profile."),
});
export type ExpertProfileInput = z.input<typeof ExpertProfileInput>;

export const ExpertSummary = z.object({
  userId: Id,
  name: z.string(),
  email: z.string().nullable().describe("Only when the expert chose to show it."),
  organisation: OrganisationRef,
  headline: z.string(),
  expertise: z.array(z.string()),
  sectors: z.array(Sector),
  themes: z.array(Theme),
  languages: z.array(PlatformLanguage),
  region: Region.nullable(),
  country: z.string().nullable(),
  answerCount: z.number().int(),
});
export type ExpertSummary = z.infer<typeof ExpertSummary>;

export const ExpertAnswer = z.object({
  postId: Id,
  question: z.object({ id: Id, title: z.string() }),
  accepted: z.boolean(),
  createdAt: Timestamp,
});

export const ExpertProfile = ExpertSummary.extend({
  bio: z.string(),
  phases: z.array(Phase),
  threats: z.array(ThreatFamily),
  visibility: ProfileVisibility,
  showEmail: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  answers: z.array(ExpertAnswer).describe("Answers to questions the reader may see, newest first."),
  abilities: z.object({ edit: z.boolean() }),
});
export type ExpertProfile = z.infer<typeof ExpertProfile>;

export const MyExpertProfile = z.object({
  profile: ExpertProfile.nullable().describe("Null until you opt in."),
});
export type MyExpertProfile = z.infer<typeof MyExpertProfile>;

export const ExpertQuery = z.object({
  q: z.string().trim().max(200).optional().describe("Words to find in headline, expertise and bio."),
  sector: Sector.optional(),
  theme: Theme.optional(),
  language: PlatformLanguage.optional(),
  region: Region.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type ExpertQuery = z.input<typeof ExpertQuery>;

export const ExpertPage = z.object({ total: z.number().int(), items: z.array(ExpertSummary) });

export const QUESTION_STATUSES = ["open", "answered"] as const;
export const QuestionStatus = z.enum(QUESTION_STATUSES);

export const QuestionCreate = z.object({
  title: z.string().trim().min(10).max(200),
  body: z.string().trim().min(10).max(20_000).describe("Markdown."),
  sectors: tags(Sector),
  themes: tags(Theme),
  visibility: QuestionVisibility.default("platform"),
});
export type QuestionCreate = z.input<typeof QuestionCreate>;

export const QuestionSummary = z.object({
  id: Id,
  title: z.string(),
  sectors: z.array(Sector),
  themes: z.array(Theme),
  visibility: QuestionVisibility,
  status: QuestionStatus,
  asker: Person,
  organisation: OrganisationRef,
  answerCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type QuestionSummary = z.infer<typeof QuestionSummary>;

export const QuestionQuery = z.object({
  q: z.string().trim().max(200).optional(),
  sector: Sector.optional(),
  theme: Theme.optional(),
  status: QuestionStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type QuestionQuery = z.input<typeof QuestionQuery>;

export const QuestionPage = z.object({ total: z.number().int(), items: z.array(QuestionSummary) });

export const POST_STATES = ["visible", "removed", "hidden"] as const;

export const Post = z.object({
  id: Id,
  parentId: Id.nullable().describe("The post this one replies to (replies go one level deep)."),
  author: Person,
  body: z.string().describe("Markdown; empty when removed or hidden."),
  state: z.enum(POST_STATES),
  editedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  abilities: z.object({ edit: z.boolean(), hide: z.boolean() }),
});
export type Post = z.infer<typeof Post>;

export const Thread = z.object({
  posts: z.array(Post).describe("Oldest first."),
  abilities: z.object({ post: z.boolean() }),
});
export type Thread = z.infer<typeof Thread>;

export const QuestionDetail = QuestionSummary.extend({
  body: z.string(),
  acceptedPostId: Id.nullable(),
  thread: Thread.describe("Top-level posts are the answers; replies comment on them."),
  abilities: z.object({ accept: z.boolean(), answer: z.boolean() }),
});
export type QuestionDetail = z.infer<typeof QuestionDetail>;

export const PostCreate = z.object({
  body: z.string().trim().min(1).max(20_000).describe("Markdown."),
  parentId: Id.optional().describe("Reply to this top-level post of the same discussion."),
});
export type PostCreate = z.input<typeof PostCreate>;

export const PostUpdate = z.object({ body: z.string().trim().min(1).max(20_000) });
export const AcceptAnswer = z.object({ postId: Id });

export const UserIdParams = z.object({ userId: Id });
