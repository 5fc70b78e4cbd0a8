// Expert profiles: opt in, edit, withdraw; find and read the profiles experts opened to the caller.
// Visibility is decided by expertsPolicy and enforced in SQL by the repository; every change is
// audited with the visibility chosen, never the profile's text.
import type { ExpertProfile, ExpertProfileInput, ExpertQuery, ExpertSummary } from "@bulwark/contracts";
import { type Actor, type Decision, expertsPolicy } from "@bulwark/core";
import {
  answersBy,
  appendAudit,
  deleteProfile,
  findProfile,
  hasProfile,
  insertProfile,
  type ProfileRecord,
  searchProfiles,
  updateProfile,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, notFound } from "../errors.ts";

type Input = z.output<typeof ExpertProfileInput>;
type Query = z.output<typeof ExpertQuery>;

export const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

// Stored values were validated by the same schema on the way in, so vocabularies hold.
const asSummary = (record: ProfileRecord): ExpertSummary => ({
  userId: record.userId,
  name: record.name,
  email: record.email,
  organisation: record.organisation,
  headline: record.headline,
  expertise: record.expertise,
  sectors: record.sectors as ExpertSummary["sectors"],
  themes: record.themes as ExpertSummary["themes"],
  languages: record.languages as ExpertSummary["languages"],
  region: record.region as ExpertSummary["region"],
  country: record.country,
  answerCount: record.answerCount,
});

export async function searchExperts(context: ServerContext, caller: Actor, query: Query) {
  const page = await searchProfiles(context.db, expertsPolicy.profileScope(caller), query);
  return { total: page.total, items: page.items.map(asSummary) };
}

async function present(context: ServerContext, caller: Actor, record: ProfileRecord): Promise<ExpertProfile> {
  const answers = await answersBy(context.db, expertsPolicy.questionScope(caller), record.userId);
  return {
    ...asSummary(record),
    bio: record.bio,
    phases: record.phases as ExpertProfile["phases"],
    threats: record.threats as ExpertProfile["threats"],
    visibility: record.visibility as ExpertProfile["visibility"],
    showEmail: record.showEmail,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    answers,
    abilities: { edit: record.userId === caller.userId },
  };
}

export async function expertProfile(
  context: ServerContext,
  caller: Actor,
  userId: string,
): Promise<ExpertProfile> {
  const record = await findProfile(context.db, expertsPolicy.profileScope(caller), userId);
  if (!record) throw notFound("expert profile");
  return present(context, caller, record);
}

export async function myProfile(
  context: ServerContext,
  caller: Actor,
): Promise<{ profile: ExpertProfile | null }> {
  const record = await findProfile(context.db, expertsPolicy.profileScope(caller), caller.userId);
  return { profile: record ? await present(context, caller, record) : null };
}

const fieldsOf = (input: Input) => ({
  headline: input.headline,
  bio: input.bio,
  expertise: input.expertise,
  sectors: input.sectors,
  phases: input.phases,
  themes: input.themes,
  threats: input.threats,
  languages: input.languages,
  region: input.region,
  country: input.country,
  visibility: input.visibility,
  showEmail: input.showEmail,
});

export async function optIn(context: ServerContext, caller: Actor, input: Input): Promise<ExpertProfile> {
  must(expertsPolicy.keepProfile(caller));
  if (await hasProfile(context.db, caller.userId))
    throw conflict("You have an expert profile already: change it instead.");
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await insertProfile(tx, caller.userId, fieldsOf(input), now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "expert.opt-in",
        targetType: "expert-profile",
        targetId: caller.userId,
        details: { visibility: input.visibility, showEmail: input.showEmail },
      },
      now,
    );
  });
  return expertProfile(context, caller, caller.userId);
}

export async function changeProfile(
  context: ServerContext,
  caller: Actor,
  input: Input,
): Promise<ExpertProfile> {
  must(expertsPolicy.keepProfile(caller));
  if (!(await hasProfile(context.db, caller.userId))) throw notFound("expert profile");
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await updateProfile(tx, caller.userId, fieldsOf(input), now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "expert.update",
        targetType: "expert-profile",
        targetId: caller.userId,
        details: { visibility: input.visibility, showEmail: input.showEmail },
      },
      now,
    );
  });
  return expertProfile(context, caller, caller.userId);
}

export async function withdraw(context: ServerContext, caller: Actor): Promise<undefined> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await deleteProfile(tx, caller.userId))) throw notFound("expert profile");
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "expert.withdraw",
        targetType: "expert-profile",
        targetId: caller.userId,
      },
      now,
    );
  });
}
