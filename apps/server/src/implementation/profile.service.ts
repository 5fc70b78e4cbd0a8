// A state's implementation profile of resolution 2341 (issue 20, item 5). Whether the caller reads
// it is core's profileAbilities (a national authority of the state, or in the audience of its
// share); the state's runs are read through the same rule in SQL (profileVisible), and the actions,
// engagements and exercises through their own scopes, so each figure counts only what the caller
// may see. Anyone else gets 404, as for a country with no profile.
import type { ImplementationProfile, ProfileSection, ProfileShareChange } from "@bulwark/contracts";
import { Framework } from "@bulwark/contracts";
import {
  type Actor,
  checkProfileSharer,
  checkProfileSharing,
  eventPolicy,
  type Language,
  measuresInPlace,
  type ProfileViewer,
  profileAbilities,
  scoreRun,
  type TlpMarking,
  trendOf,
} from "@bulwark/core";
import {
  actionSections,
  appendAudit,
  audienceNames,
  type EventActionRecord,
  findFramework,
  findProfileShare,
  listAnswers,
  listEventActions,
  type ProfileShareRecord,
  profileEngagements,
  profileExercises,
  profileRuns,
  readableProfiles,
  removeProfileShare,
  rowsOf,
  saveProfileShare,
  sharingViewer,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import { checkRecipients, must } from "../assistance/viewer.ts";
import { frameworkIn } from "../content/translations.ts";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { readFrameworks } from "../self-assessment/frameworks.service.ts";
import { answerMap } from "../self-assessment/runs.service.ts";

/** The framework a profile follows: resolution 2341's self-assessment. */
export const PROFILE_FRAMEWORK = "unsc-2341";

const today = (context: ServerContext) => context.clock().toISOString().slice(0, 10);

export async function profileViewerOf(context: ServerContext, caller: Actor): Promise<ProfileViewer> {
  const [viewer, rows] = await Promise.all([
    sharingViewer(context.db, caller),
    context.db.execute(sql`select country from organisations where id = ${caller.organisationId}`),
  ]);
  const country = rowsOf<{ country: string }>(rows)[0]?.country ?? "";
  return { ...viewer, organisationKind: caller.organisationKind, organisationCountry: country };
}

const shareFacts = (share: ProfileShareRecord | null) =>
  share && {
    organisationId: share.organisation.id,
    sharedBy: share.sharedBy,
    tlp: share.tlp as TlpMarking,
    audience: share.audience,
  };

/** The countries whose profile the caller reads. */
export async function profileList(context: ServerContext, caller: Actor) {
  return readableProfiles(context.db, await profileViewerOf(context, caller));
}

/** The profile's share and the caller's abilities on it; 404 for a caller who may not read it. */
export async function seenProfile(context: ServerContext, caller: Actor, country: string) {
  const [viewer, share] = await Promise.all([
    profileViewerOf(context, caller),
    findProfileShare(context.db, country),
  ]);
  const abilities = profileAbilities(viewer, { country, share: shareFacts(share) });
  if (!abilities.maySee) throw notFound("implementation profile");
  return { viewer, share, abilities };
}

/** The newest version of the framework loaded here, else the newest shipped (to name its sections). */
async function newestFramework(
  context: ServerContext,
  version: number | undefined,
  language: Language,
): Promise<Framework | null> {
  const record = await findFramework(context.db, PROFILE_FRAMEWORK, version);
  if (record) return frameworkIn(Framework.parse(record.content), language);
  const shipped = readFrameworks()
    .filter((framework) => framework.id === PROFILE_FRAMEWORK && (!version || framework.version === version))
    .sort((a, b) => b.version - a.version)[0];
  return shipped ? frameworkIn(shipped, language) : null;
}

const presentAction = (action: EventActionRecord) => ({
  id: action.id,
  title: action.title,
  status: action.status as ProfileSection["actions"]["items"][number]["status"],
  dueOn: action.dueOn,
  overdue: action.overdue,
  event: { id: action.event.id, title: action.event.title },
});

const actionsOf = (actions: readonly EventActionRecord[]) => ({
  open: actions.length,
  overdue: actions.filter((action) => action.overdue).length,
  items: actions.map(presentAction),
});

export async function implementationProfile(
  context: ServerContext,
  caller: Actor,
  country: string,
  language: Language = "en",
): Promise<ImplementationProfile> {
  const { viewer, share, abilities } = await seenProfile(context, caller, country);
  const framework = await newestFramework(context, undefined, language);
  if (!framework) throw notFound("framework");
  const [runs, actions, engagements, exercises] = await Promise.all([
    profileRuns(context.db, viewer, country, PROFILE_FRAMEWORK),
    listEventActions(
      context.db,
      {
        scope: eventPolicy.readScope(caller),
        names: eventPolicy.participantScope(caller),
        organisationId: caller.organisationId,
        today: today(context),
      },
      { country },
    ),
    profileEngagements(context.db, caller.organisationId, country),
    profileExercises(context.db, caller.organisationId, country),
  ]);
  const open = actions.items.filter((action) => action.status === "open" || action.status === "in-progress");
  const sectionsOfAction = await actionSections(
    context.db,
    viewer,
    open.map((action) => action.id),
  );

  // Each run scored on its own framework version; sections matched by id.
  const answers = await listAnswers(
    context.db,
    runs.map((run) => run.id),
  );
  const versions = new Map<number, Framework>();
  for (const version of new Set(runs.map((run) => run.frameworkVersion))) {
    const found = await newestFramework(context, version, language);
    if (found) versions.set(version, found);
  }
  const scored = runs.map((run) => {
    const own = versions.get(run.frameworkVersion) ?? framework;
    const values = answerMap(answers.filter((answer) => answer.runId === run.id));
    return { run, values, score: scoreRun(own, values), framework: own };
  });
  const latest = scored.at(-1);
  const inPlace = latest ? measuresInPlace(latest.framework, latest.values) : [];
  const questionText = new Map(
    (latest?.framework ?? framework).sections.flatMap((section) =>
      section.questions.map((question) => [question.id, question.text]),
    ),
  );

  const sections = framework.sections.map((section): ProfileSection => {
    const history = scored.map(({ run, score }) => ({
      runId: run.id,
      score: score.sections.find((entry) => entry.sectionId === section.id)?.score ?? null,
    }));
    return {
      id: section.id,
      title: section.title,
      reference: section.reference ?? null,
      score: history.at(-1)?.score ?? null,
      trend: trendOf(history.map((entry) => entry.score)),
      history,
      measures: inPlace
        .filter((measure) => measure.sectionId === section.id)
        .map((measure) => ({
          questionId: measure.questionId,
          text: questionText.get(measure.questionId) ?? measure.questionId,
        })),
      actions: actionsOf(open.filter((action) => sectionsOfAction.get(action.id)?.includes(section.id))),
      engagements: engagements
        .filter((engagement) => engagement.section === section.id)
        .map(({ section: _, ...engagement }) => engagement as ImplementationProfile["engagements"][number]),
      exercises: exercises
        .filter((exercise) => exercise.sections.includes(section.id))
        .map(({ sections: _, ...exercise }) => exercise as ImplementationProfile["exercises"][number]),
    };
  });

  const overallHistory = scored.map(({ score }) => score.overall);
  return {
    country,
    framework: {
      id: PROFILE_FRAMEWORK,
      version: framework.version,
      title: framework.title,
      citation: framework.source.citation,
    },
    runs: runs.map((run) => ({
      id: run.id,
      title: run.title,
      organisation: run.organisation.name,
      submittedAt: run.submittedAt,
    })),
    overall: {
      score: overallHistory.at(-1) ?? null,
      trend: trendOf(overallHistory),
      history: overallHistory,
    },
    sections,
    actions: {
      ...actionsOf(open),
      unattributed: open.filter((action) => !sectionsOfAction.has(action.id)).length,
    },
    engagements: engagements.map(
      ({ section: _, ...engagement }) => engagement as ImplementationProfile["engagements"][number],
    ),
    exercises: exercises.map(
      ({ sections: _, ...exercise }) => exercise as ImplementationProfile["exercises"][number],
    ),
    share: share && (await presentShare(context, share, abilities.asOwner)),
    abilities: { asOwner: abilities.asOwner, mayShare: abilities.mayShare },
    generatedAt: context.clock().toISOString(),
  };
}

async function presentShare(context: ServerContext, share: ProfileShareRecord, asOwner: boolean) {
  return {
    tlp: share.tlp as TlpMarking,
    sharedAt: share.updatedAt,
    organisation: share.organisation.name,
    // Who else reads it is the state's business: its national authorities see the list.
    audience: asOwner ? await audienceNames(context.db, share.audience) : null,
  };
}

export async function shareProfile(
  context: ServerContext,
  caller: Actor,
  country: string,
  change: ProfileShareChange,
) {
  const { viewer } = await seenProfile(context, caller, country);
  must(checkProfileSharing(viewer, country, change.tlp, change.audience));
  await checkRecipients(context, caller, change.audience);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const id = await saveProfileShare(
      tx,
      {
        country,
        organisationId: caller.organisationId,
        sharedBy: caller.userId,
        tlp: change.tlp,
        audience: change.audience,
      },
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "implementation.share",
        targetType: "implementation-profile",
        targetId: id,
        details: {
          country,
          tlp: change.tlp,
          communities: change.audience.communityIds.length,
          organisations: change.audience.organisationIds.length,
          people: change.audience.userIds.length,
        },
      },
      now,
    );
  });
  const saved = await findProfileShare(context.db, country);
  if (!saved) throw notFound("implementation profile");
  return presentShare(context, saved, true);
}

export async function unshareProfile(
  context: ServerContext,
  caller: Actor,
  country: string,
): Promise<undefined> {
  const { viewer, share } = await seenProfile(context, caller, country);
  must(checkProfileSharer(viewer, country));
  if (!share) return undefined;
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await removeProfileShare(tx, country);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "implementation.unshare",
        targetType: "implementation-profile",
        targetId: share.id,
        details: { country },
      },
      now,
    );
  });
  return undefined;
}
