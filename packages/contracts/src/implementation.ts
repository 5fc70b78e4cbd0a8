// A state's implementation profile of resolution 2341 (issue 20, item 5): section by section, its
// self-assessment score and trend over its submitted runs, the measures its answers say are in
// place, and the follow-up actions, assistance engagements and exercises the reader may see.
import { z } from "zod";
import { EngagementStatus } from "./assistance.ts";
import { CountryCode, Id, Timestamp, Tlp } from "./common.ts";
import { ActionStatus } from "./events.ts";
import { ExerciseStatus, ExerciseType } from "./exercises.ts";
import { SharingAudience } from "./sharing.ts";

export const CountryParams = z.object({ country: CountryCode });

export const Trend = z
  .enum(["up", "down", "steady", "new"])
  .describe(
    "The last change between submitted runs: up, down, steady (under 2 points), or new (one run or none).",
  );

const Score = z.number().min(0).max(1).nullable().describe("0 to 1; null when nothing in it was answered.");

export const ProfileAction = z.object({
  id: Id,
  title: z.string(),
  status: ActionStatus,
  dueOn: z.string(),
  overdue: z.boolean(),
  event: z.object({ id: Id, title: z.string() }),
});

export const ProfileActions = z.object({
  open: z.int().describe("Not done and not dropped."),
  overdue: z.int(),
  items: z.array(ProfileAction).describe("The open ones, overdue first."),
});

export const ProfileEngagement = z.object({
  id: Id,
  needId: Id,
  title: z.string(),
  provider: z.string(),
  status: EngagementStatus,
});

export const ProfileExercise = z.object({
  id: Id,
  title: z.string(),
  type: ExerciseType,
  status: ExerciseStatus,
});

export const ProfileSection = z.object({
  id: z.string(),
  title: z.string(),
  reference: z.string().nullable(),
  score: Score.describe("In the latest submitted run."),
  trend: Trend,
  history: z.array(z.object({ runId: Id, score: Score })).describe("One score per run, oldest first."),
  measures: z
    .array(z.object({ questionId: z.string(), text: z.string() }))
    .describe("Questions of the section whose latest answer says the measure is in place (60 % or more)."),
  actions: ProfileActions,
  engagements: z.array(ProfileEngagement),
  exercises: z.array(ProfileExercise),
});

export const ProfileShare = z.object({
  tlp: Tlp,
  sharedAt: Timestamp,
  organisation: z.string().describe("The national authority that shared it."),
  audience: z
    .array(z.object({ kind: z.enum(["community", "organisation", "person"]), id: Id, name: z.string() }))
    .nullable()
    .describe("Who it is shared with: shown to the state's national authorities only."),
});

export const ImplementationProfile = z
  .object({
    country: CountryCode,
    framework: z.object({ id: z.string(), version: z.int(), title: z.string(), citation: z.string() }),
    runs: z
      .array(z.object({ id: Id, title: z.string(), organisation: z.string(), submittedAt: Timestamp }))
      .describe("The state's national authorities' submitted runs, oldest first."),
    overall: z.object({ score: Score, trend: Trend, history: z.array(Score) }),
    sections: z.array(ProfileSection),
    actions: ProfileActions.extend({
      unattributed: z.int().describe("Open actions you cannot tie to a section."),
    }),
    engagements: z.array(ProfileEngagement),
    exercises: z.array(ProfileExercise),
    share: ProfileShare.nullable(),
    abilities: z.object({ asOwner: z.boolean(), mayShare: z.boolean() }),
    generatedAt: Timestamp,
  })
  .describe("Every figure counts only what you may see.");

export const ProfileList = z
  .array(z.object({ country: CountryCode, own: z.boolean().describe("Your own state's profile.") }))
  .describe("The profiles you may read: your state's (national authorities) and those shared with you.");

export const ProfileShareChange = z.object({
  tlp: Tlp.describe("Who may read the profile, with the audience: the TLP rule of shared items."),
  audience: SharingAudience,
});

export type ImplementationProfile = z.infer<typeof ImplementationProfile>;
export type ProfileSection = z.infer<typeof ProfileSection>;
export type ProfileShareChange = z.infer<typeof ProfileShareChange>;
