// Assistance needs: recorded by a state's organisation, seen by the providers it addresses (the
// TLP rule of shared items, in SQL through visibleAssistanceNeeds), drafted from a gap of one of
// its self-assessment runs or from a follow-up action of its country. A need hidden from the
// caller is "not found" on every route.
import type {
  Need,
  NeedCreate,
  NeedDraft,
  NeedDraftQuery,
  NeedListQuery,
  NeedUpdate,
} from "@bulwark/contracts";
import {
  type Actor,
  type AssistanceViewer,
  checkNeedRecording,
  eventPolicy,
  type NeedAbilities,
  type NeedFacts,
  type NeedStatus,
  needAbilities,
  type SharingAudience,
  selfAssessmentPolicy,
  THEMES,
  type Theme,
  TLP_BANNERS,
  type TlpMarking,
} from "@bulwark/core";
import {
  audiencesOf,
  findNeed,
  findRun,
  getOrganisation,
  insertNeed,
  listEventActions,
  listNeeds,
  lockNeed,
  type NeedFilter,
  type NeedRecord,
  needAudienceOf,
  updateNeed,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { frameworkVersion, readFrameworks } from "../self-assessment/frameworks.service.ts";
import { assistanceViewerOf, audienceCounts, audited, checkRecipients, must, today } from "./viewer.ts";

type Create = z.output<typeof NeedCreate>;
type Update = z.output<typeof NeedUpdate>;

/** The framework whose sections a need names: resolution 2341's. */
export const RESOLUTION_FRAMEWORK = "unsc-2341";

let sections: ReadonlySet<string> | null = null;
/** The sections of the shipped resolution 2341 framework (its latest version). */
function resolutionSections(): ReadonlySet<string> {
  if (!sections) {
    const latest = readFrameworks()
      .filter((framework) => framework.id === RESOLUTION_FRAMEWORK)
      .sort((a, b) => b.version - a.version)[0];
    sections = new Set(latest?.sections.map((section) => section.id) ?? []);
  }
  return sections;
}

function checkSection(section: string | null | undefined): void {
  if (section && !resolutionSections().has(section))
    throw invalid("No such section in the resolution 2341 framework.", [
      { path: "body.section", message: "No such section in the resolution 2341 framework." },
    ]);
}

const factsOf = (record: NeedRecord, audience: SharingAudience): NeedFacts => ({
  recorderId: record.recorder.id,
  organisationId: record.organisation.id,
  tlp: record.tlp as TlpMarking,
  audience,
  status: record.status as NeedStatus,
});

function present(
  viewer: AssistanceViewer,
  record: NeedRecord,
  audience: SharingAudience,
  abilities: NeedAbilities,
): Need {
  const own = viewer.organisationId === record.organisation.id;
  return {
    ...record,
    theme: record.theme as Need["theme"],
    sectors: record.sectors as Need["sectors"],
    urgency: record.urgency as Need["urgency"],
    languages: record.languages as Need["languages"],
    modality: record.modality as Need["modality"],
    status: record.status as Need["status"],
    tlp: record.tlp as TlpMarking,
    banner: TLP_BANNERS[record.tlp as TlpMarking],
    // The audience is the state's choice: named to its own organisation only.
    audience: own
      ? [
          ...audience.communityIds.map((id) => ({ kind: "community" as const, id })),
          ...audience.organisationIds.map((id) => ({ kind: "organisation" as const, id })),
          ...audience.userIds.map((id) => ({ kind: "user" as const, id })),
        ]
      : [],
    abilities: { edit: abilities.mayEdit, expressInterest: abilities.mayExpressInterest },
  };
}

export interface SeenNeed {
  readonly record: NeedRecord;
  readonly facts: NeedFacts;
  readonly abilities: NeedAbilities;
}

/** The need as this viewer may see it, or 404 (hidden and absent look the same). */
export async function seenNeed(
  context: ServerContext,
  viewer: AssistanceViewer,
  id: string,
  db = context.db,
): Promise<SeenNeed> {
  const record = await findNeed(db, viewer, id);
  if (!record) throw notFound("assistance need");
  const facts = factsOf(record, await needAudienceOf(db, id));
  const abilities = needAbilities(viewer, facts);
  // The SQL filter and the rule are one rule; should they ever disagree, the narrower wins.
  if (!abilities.maySee) throw notFound("assistance need");
  return { record, facts, abilities };
}

export async function needDetail(context: ServerContext, caller: Actor, id: string): Promise<Need> {
  const viewer = await assistanceViewerOf(context, caller);
  const { record, facts, abilities } = await seenNeed(context, viewer, id);
  return present(viewer, record, facts.audience, abilities);
}

/** The needs the viewer may see, with their facts (for lists and matching). */
export async function visibleNeeds(
  context: ServerContext,
  viewer: AssistanceViewer,
  query: NeedFilter,
): Promise<{ items: SeenNeed[]; total: number }> {
  const page = await listNeeds(context.db, viewer, query);
  const audiences = await audiencesOf(
    context.db,
    "needs",
    page.items.map((item) => item.id),
  );
  const items = page.items.flatMap((record) => {
    const facts = factsOf(
      record,
      audiences.get(record.id) ?? { communityIds: [], organisationIds: [], userIds: [] },
    );
    const abilities = needAbilities(viewer, facts);
    return abilities.maySee ? [{ record, facts, abilities }] : [];
  });
  return { items, total: page.total };
}

export async function needList(
  context: ServerContext,
  caller: Actor,
  query: z.output<typeof NeedListQuery>,
): Promise<{ items: Need[]; total: number }> {
  const viewer = await assistanceViewerOf(context, caller);
  const page = await visibleNeeds(context, viewer, query);
  return {
    items: page.items.map(({ record, facts, abilities }) =>
      present(viewer, record, facts.audience, abilities),
    ),
    total: page.total,
  };
}

interface SourceRefs {
  sourceRunId: string | null;
  sourceQuestionId: string | null;
  sourceActionId: string | null;
}

/** The gap (a question of one of the caller's runs) a need is drawn from, or 404/422. */
async function gapOf(context: ServerContext, caller: Actor, runId: string, questionId: string) {
  const run = await findRun(context.db, selfAssessmentPolicy.readScope(caller), runId);
  if (!run) throw notFound("self-assessment run");
  const framework = await frameworkVersion(context, run.frameworkId, run.frameworkVersion);
  for (const section of framework.sections)
    for (const question of section.questions)
      if (question.id === questionId) return { run, framework, section, question };
  throw invalid("No such question in this run's framework.", [
    { path: "questionId", message: "No such question in this run's framework." },
  ]);
}

/** The follow-up action a need is drawn from: one the caller may see, of its own country. */
async function actionOf(context: ServerContext, caller: Actor, actionId: string) {
  const { items } = await listEventActions(
    context.db,
    {
      scope: eventPolicy.readScope(caller),
      names: eventPolicy.participantScope(caller),
      organisationId: caller.organisationId,
      today: today(context),
    },
    { actionId },
  );
  const action = items[0];
  if (!action) throw notFound("action");
  const organisation = await ownOrganisation(context, caller);
  if (action.country !== organisation.country && action.ownerOrganisation.id !== caller.organisationId)
    throw forbidden("The follow-up action belongs to another country.");
  return action;
}

async function ownOrganisation(context: ServerContext, caller: Actor) {
  const organisation = await getOrganisation(
    context.db,
    { kind: "organisation", organisationId: caller.organisationId },
    caller.organisationId,
  );
  if (!organisation) throw notFound("organisation");
  return organisation;
}

async function sourceRefs(
  context: ServerContext,
  caller: Actor,
  source: Create["source"],
): Promise<SourceRefs> {
  if (!source) return { sourceRunId: null, sourceQuestionId: null, sourceActionId: null };
  if (source.kind === "gap") {
    await gapOf(context, caller, source.runId, source.questionId);
    return { sourceRunId: source.runId, sourceQuestionId: source.questionId, sourceActionId: null };
  }
  await actionOf(context, caller, source.actionId);
  return { sourceRunId: null, sourceQuestionId: null, sourceActionId: source.actionId };
}

const isTheme = (value: string): value is Theme => (THEMES as readonly string[]).includes(value);
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A need pre-filled from a gap or an action; nothing is saved. */
export async function needDraft(
  context: ServerContext,
  caller: Actor,
  query: z.output<typeof NeedDraftQuery>,
): Promise<NeedDraft> {
  const organisation = await ownOrganisation(context, caller);
  const sectors = organisation.sectors;
  if (query.actionId) {
    const action = await actionOf(context, caller, query.actionId);
    return {
      title: clip(action.title, 300),
      description: action.description,
      theme: null,
      section: null,
      sectors,
      source: { kind: "action", actionId: action.id },
    };
  }
  if (!query.runId || !query.questionId)
    throw invalid("Name a run and one of its questions, or a follow-up action.");
  const { framework, section, question } = await gapOf(context, caller, query.runId, query.questionId);
  return {
    title: clip(question.text, 300),
    description: question.guidance,
    theme: isTheme(section.id) ? section.id : null,
    section: framework.id === RESOLUTION_FRAMEWORK ? section.id : null,
    sectors,
    source: { kind: "gap", runId: query.runId, questionId: query.questionId },
  };
}

export async function recordNeed(context: ServerContext, caller: Actor, input: Create): Promise<Need> {
  const viewer = await assistanceViewerOf(context, caller);
  must(checkNeedRecording(viewer, input.tlp, input.audience));
  checkSection(input.section);
  await checkRecipients(context, caller, input.audience);
  const refs = await sourceRefs(context, caller, input.source);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertNeed(tx, {
      title: input.title,
      description: input.description,
      theme: input.theme,
      sectors: input.sectors,
      section: input.section,
      urgency: input.urgency,
      languages: input.languages,
      modality: input.modality,
      neededBy: input.neededBy,
      tlp: input.tlp,
      organisationId: caller.organisationId,
      recorderId: caller.userId,
      audience: input.audience,
      ...refs,
      now,
    });
    await audited(tx, caller, "assistance-need", created, "assistance.need.record", now, {
      tlp: input.tlp,
      theme: input.theme,
      source: input.source?.kind ?? null,
      audience: audienceCounts(input.audience),
    });
    return created;
  });
  return needDetail(context, caller, id);
}

export async function changeNeed(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: Update,
): Promise<Need> {
  const viewer = await assistanceViewerOf(context, caller);
  const seen = await seenNeed(context, viewer, id);
  if (!seen.abilities.mayEdit) throw forbidden("Only the organisation that recorded this need changes it.");
  if (input.tlp && input.audience) {
    must(checkNeedRecording(viewer, input.tlp, input.audience));
    await checkRecipients(context, caller, input.audience);
  }
  checkSection(input.section);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await lockNeed(tx, id);
    await updateNeed(tx, id, input, now);
    await audited(tx, caller, "assistance-need", id, "assistance.need.update", now, {
      fields: Object.keys(input).sort(),
      ...(input.tlp ? { tlp: input.tlp } : {}),
      ...(input.audience ? { audience: audienceCounts(input.audience) } : {}),
    });
  });
  return needDetail(context, caller, id);
}
