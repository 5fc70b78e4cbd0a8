// Situation reports of an incident (issue 18, in the shape of ICS 209): drafted from the incident's
// own data, edited by their author while drafts, approved by a second person, sent as a shared item
// under TLP through the sharing capability, printable. Core's sitrepAbilities decides; every read
// goes through the repository's visibleSitreps, compiled from the same rule, so a report the caller
// may not see is "not found" on every route (its PDF too).
// The figures (assets down, failed and projected, people without service) are never stored: they
// are computed for each reader, as of the report's moment, over the graph of the registry that
// reader may see (the projection's cascade), so no reader learns of an asset hidden from them.

import type { Sitrep, SitrepCreate, SitrepList, SitrepUpdate } from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import {
  type Actor,
  checkComposition,
  checkSitrepDeed,
  checkSitrepDrafting,
  checkSitrepMarking,
  coordinatesResponse,
  type Decision,
  downAt,
  type IncidentViewer,
  latestStatus,
  type SharingAudience,
  type SitrepFacts,
  type SitrepStatus,
  sitrepAbilities,
  TLP_BANNERS,
  type TlpMarking,
} from "@bulwark/core";
import {
  announceIncident,
  appendAudit,
  type Executor,
  existingAudience,
  findSharedItem,
  findSitrep,
  incidentAssetHistory,
  incidentReportsOf,
  incidentStates,
  insertSharedItem,
  insertSitrep,
  listResourceRequests,
  listSitreps,
  lockIncident,
  lockSitrep,
  markSharedItemRead,
  replaceAuthorAudience,
  type SitrepRecord,
  type Transaction,
  updateSharedItem,
  updateSitrep,
} from "@bulwark/db";
import type { z } from "zod";
import type { AnalysisCache } from "../analysis/analysis.service.ts";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound, type UserError } from "../errors.ts";
import { notifyRecipients } from "../notifications/notify.ts";
import { resourceRequestSummary } from "../resource-requests/resource-requests.service.ts";
import { publicTextsOf } from "../sharing/personal-data.service.ts";
import { mirrorSharedItem } from "../sharing/stix-mirror.ts";
import { incidentViewerOf, type SeenIncident, seenIncident, statusChanges } from "./incidents.service.ts";
import { incidentObligations } from "./obligations.service.ts";
import { cascadeFrom } from "./projection.service.ts";
import { scheduleOf } from "./sitrep-schedule.service.ts";

type Create = z.output<typeof SitrepCreate>;
type Update = z.output<typeof SitrepUpdate>;

const HOUR_MS = 3_600_000;
/** How far ahead a report projects the cascade from its moment (ICS 209's next operational periods). */
export const SITREP_HORIZON_HOURS = 72;

const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

/** The incident as the viewer sees it, or null when they may not (no error: a recipient may still read). */
async function incidentOrNull(
  context: ServerContext,
  viewer: IncidentViewer,
  id: string,
  db: Executor,
): Promise<SeenIncident | null> {
  try {
    return await seenIncident(context, viewer, id, db);
  } catch (error) {
    if ((error as UserError).status === 404) return null;
    throw error;
  }
}

interface SeenSitrep {
  readonly record: SitrepRecord;
  readonly facts: SitrepFacts;
  readonly incident: SeenIncident | null;
  readonly abilities: ReturnType<typeof sitrepAbilities>;
}

/** The report as this viewer may see it, or 404 (hidden and absent look the same). */
async function seenSitrep(
  context: ServerContext,
  viewer: IncidentViewer,
  incidentId: string,
  number: number,
  db: Executor = context.db,
): Promise<SeenSitrep> {
  const record = await findSitrep(db, viewer, incidentId, number);
  if (!record) throw notFound("situation report");
  const incident = await incidentOrNull(context, viewer, incidentId, db);
  const received =
    record.status === "sent" && record.sharedItemId !== null
      ? (await findSharedItem(db, viewer, record.sharedItemId)) !== null
      : false;
  const facts: SitrepFacts = {
    authorId: record.author.id,
    authorOrganisationId: record.organisation.id,
    approverId: record.approver?.id ?? null,
    status: record.status as SitrepStatus,
  };
  const abilities = sitrepAbilities(viewer, incident?.abilities ?? null, facts, received);
  // The SQL filter and the rule are one rule; should they ever disagree, the narrower wins.
  if (!abilities.maySee) throw notFound("situation report");
  return { record, facts, incident, abilities };
}

/**
 * The figures of a report as of `asOf`, for this reader: the incident's status changes of the assets
 * in the reader's graph only, the cascade over that graph.
 */
async function figuresFor(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  asOf: string,
): Promise<Sitrep["figures"]> {
  const entry = await analysis.graphFor(context, caller);
  const at = Date.parse(asOf);
  const changes = statusChanges(await incidentAssetHistory(context.db, incidentId)).filter(
    (change) => entry.graph.indexOf.has(change.assetId) && change.at <= at,
  );
  const down = downAt(changes, at);
  const refOf = (assetId: string) => {
    const index = entry.graph.indexOf.get(assetId);
    return index === undefined ? undefined : entry.assets[index];
  };
  const assetsDown = [...latestStatus(changes).values()].flatMap((change) => {
    const ref = refOf(change.assetId);
    if (!ref || change.status === "restored") return [];
    const since = change.status === "down" ? (down.get(change.assetId) ?? change.at) : change.at;
    return [{ ...ref, status: change.status, since: new Date(since).toISOString() }];
  });
  const failed: Sitrep["figures"]["failed"] = [];
  const projected: Sitrep["figures"]["projected"] = [];
  let people = 0;
  let projectedPeople = 0;
  if (down.size > 0) {
    const from = Math.min(...down.values());
    const result = cascadeFrom(entry, down, from);
    const horizon = at + SITREP_HORIZON_HOURS * HOUR_MS;
    for (let k = 0; k < result.order.length; k++) {
      const index = result.order[k] ?? 0;
      const when = Math.round(from + (result.hours[k] ?? 0) * HOUR_MS);
      if (when > horizon) break;
      const population = entry.graph.population[index] ?? 0;
      projectedPeople += population;
      if (when <= at) people += population;
      const ref = entry.assets[index];
      const id = entry.graph.ids[index];
      if (!ref || id === undefined || down.has(id)) continue;
      const cause = result.cause[k] ?? -1;
      const failure = {
        ...ref,
        at: new Date(when).toISOString(),
        causeId: cause >= 0 ? (entry.graph.ids[cause] ?? null) : null,
        populationServed: population,
      };
      (when <= at ? failed : projected).push(failure);
    }
  }
  return {
    asOf,
    assetsDown,
    failed,
    projected,
    horizonHours: SITREP_HORIZON_HOURS,
    peopleWithoutService: people,
    projectedPeopleWithoutService: projectedPeople,
  };
}

/** The report as this reader reads it: the author's texts, the reader's own figures and requests. */
async function present(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  viewer: IncidentViewer,
  seen: SeenSitrep,
): Promise<Sitrep> {
  const { record, abilities } = seen;
  const [figures, requests] = await Promise.all([
    figuresFor(context, analysis, caller, record.incidentId, record.asOf),
    listResourceRequests(
      context.db,
      { ...viewer, coordinates: coordinatesResponse(viewer) },
      { incidentId: record.incidentId, limit: 500, offset: 0 },
    ),
  ]);
  const tlp = record.tlp as TlpMarking;
  return {
    incidentId: record.incidentId,
    number: record.number,
    status: record.status as SitrepStatus,
    asOf: record.asOf,
    situation: record.situation,
    actions: record.actions,
    resources: record.resources,
    nextSteps: record.nextSteps,
    tlp,
    banner: TLP_BANNERS[tlp],
    audience:
      viewer.organisationId === record.organisation.id
        ? {
            communityIds: [...record.audience.communityIds],
            organisationIds: [...record.audience.organisationIds],
            userIds: [...record.audience.userIds],
          }
        : null,
    author: record.author,
    organisation: record.organisation,
    approver: record.approver,
    approvedAt: record.approvedAt,
    sentAt: record.sentAt,
    sharedItemId: record.sharedItemId,
    figures,
    requests: requests.items.map(resourceRequestSummary),
    abilities: { edit: abilities.mayEdit, approve: abilities.mayApprove, send: abilities.maySend },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export async function sitrepDetail(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  number: number,
  viewer?: IncidentViewer,
): Promise<Sitrep> {
  const reader = viewer ?? (await incidentViewerOf(context, caller));
  return present(context, analysis, caller, reader, await seenSitrep(context, reader, incidentId, number));
}

export async function sitrepList(
  context: ServerContext,
  caller: Actor,
  incidentId: string,
): Promise<SitrepList> {
  const viewer = await incidentViewerOf(context, caller);
  const [records, incident] = await Promise.all([
    listSitreps(context.db, viewer, incidentId),
    incidentOrNull(context, viewer, incidentId, context.db),
  ]);
  // Neither the incident nor any report of it visible: the incident is "not found", as elsewhere.
  if (records.length === 0 && !incident) throw notFound("incident");
  const { schedule, maySchedule } = await scheduleOf(context, incident, viewer);
  return {
    schedule,
    abilities: {
      draft: incident !== null && checkSitrepDrafting(incident.abilities).allowed,
      schedule: maySchedule,
    },
    items: records.map((record) => ({
      incidentId: record.incidentId,
      number: record.number,
      status: record.status as SitrepStatus,
      asOf: record.asOf,
      tlp: record.tlp as TlpMarking,
      author: record.author,
      organisation: record.organisation,
      approver: record.approver,
      sentAt: record.sentAt,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    })),
  };
}

const lines = (items: readonly string[]) => items.map((item) => `- ${item}`).join("\n");

/**
 * The texts of a new draft from the incident's own data, as its author sees it: what happened and
 * its state, the states and reports so far, the reports the regime still asks for. No asset is
 * named or counted in them: the figures are each reader's own.
 */
async function draftedTexts(context: ServerContext, caller: Actor, seen: SeenIncident) {
  const { record } = seen;
  const [states, reports, obligations] = await Promise.all([
    incidentStates(context.db, record.id),
    incidentReportsOf(context.db, record.id),
    incidentObligations(context, caller, record.id),
  ]);
  const situation = [
    `${record.title} (${record.type}): ${record.state}.`,
    `Began ${record.startedAt}; known since ${record.awareAt}. Suspected cause: ${record.suspectedCause}${record.threatFamily ? ` (${record.threatFamily})` : ""}.`,
    record.description,
    record.servicesAffected.length > 0 ? `Services affected: ${record.servicesAffected.join(", ")}.` : "",
    record.peopleAffected !== null
      ? `People affected (the operator's estimate): ${record.peopleAffected}.`
      : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  const actions = lines([
    ...states.map((state) => `${state.at}: ${state.state}.`),
    ...reports.map((report) => `${report.filedAt}: report "${report.report}" filed.`),
  ]);
  const nextSteps = lines(
    obligations
      .filter((obligation) => obligation.submittedAt === null)
      .map((obligation) => `${obligation.title}: due ${obligation.dueAt} (${obligation.status}).`),
  );
  return { situation, actions, resources: "", nextSteps };
}

/** The marking and audience a report may be sent under: composition rule, incident's marking, recipients. */
async function checkMarking(
  context: ServerContext,
  viewer: IncidentViewer,
  incidentTlp: TlpMarking,
  tlp: TlpMarking,
  audience: SharingAudience,
  forSubmission: boolean,
  db: Executor = context.db,
) {
  must(checkSitrepMarking(incidentTlp, tlp));
  must(checkComposition(viewer, tlp, audience, { forSubmission }));
  const found = await existingAudience(db, audience, viewer.organisationId);
  const missing = (["communityIds", "organisationIds", "userIds"] as const).flatMap((key) =>
    audience[key]
      .filter((id) => !found[key].includes(id))
      .map((id) => ({
        path: `body.audience.${key}`,
        message: { key: "detail.noSuchRecipient" as const, values: { id } },
      })),
  );
  if (missing.length > 0) throw invalid("Some recipients do not exist.", missing);
}

async function audited(
  tx: Transaction,
  caller: Actor,
  incidentId: string,
  action: AuditAction,
  now: Date,
  details: Record<string, unknown>,
) {
  await appendAudit(
    tx,
    {
      actorId: caller.userId,
      action,
      targetType: "incident",
      targetId: incidentId,
      details: JSON.parse(JSON.stringify(details)),
    },
    now,
  );
  await announceIncident(tx, incidentId);
}

const counts = (audience: SharingAudience) => ({
  communities: audience.communityIds.length,
  organisations: audience.organisationIds.length,
  people: audience.userIds.length,
});

export async function draftSitrep(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  input: Create,
): Promise<Sitrep> {
  const viewer = await incidentViewerOf(context, caller);
  const seen = await seenIncident(context, viewer, incidentId);
  must(checkSitrepDrafting(seen.abilities));
  const tlp = input.tlp ?? seen.facts.tlp;
  const audience = input.audience ?? seen.facts.audience;
  await checkMarking(context, viewer, seen.facts.tlp, tlp, audience, false);
  const drafted = await draftedTexts(context, caller, seen);
  const now = context.clock();
  const number = await context.db.transaction(async (tx) => {
    // Under the incident's lock: two drafts of one incident never draw the same number.
    if (!(await lockIncident(tx, incidentId))) throw notFound("incident");
    must(checkSitrepDrafting((await seenIncident(context, viewer, incidentId, tx)).abilities));
    const created = await insertSitrep(tx, {
      incidentId,
      situation: input.situation ?? drafted.situation,
      actions: input.actions ?? drafted.actions,
      resources: input.resources ?? drafted.resources,
      nextSteps: input.nextSteps ?? drafted.nextSteps,
      tlp,
      audience,
      authorId: caller.userId,
      authorOrganisationId: caller.organisationId,
      now,
    });
    await audited(tx, caller, incidentId, "incidents.sitrep.draft", now, {
      number: created,
      tlp,
      audience: counts(audience),
    });
    return created;
  });
  return sitrepDetail(context, analysis, caller, incidentId, number, viewer);
}

/** A deed on a report: 409 when it has moved on, 403 when the caller may not, else go on. */
function mustDo(seen: SeenSitrep, viewer: IncidentViewer, deed: "edit" | "approve" | "send") {
  const decision = checkSitrepDeed(viewer, seen.incident?.abilities ?? null, seen.facts, deed);
  if (decision.outcome === "conflict") throw conflict(decision.reason);
  if (decision.outcome === "refused") throw forbidden(decision.reason);
}

/**
 * A change of a report in one transaction: the incident's row locked (its reports' changes queue
 * with its own), the report read again and decided under the lock, then the change, its audit entry
 * and the incident's notification commit together or not at all.
 */
async function changeSitrep(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  number: number,
  deed: "edit" | "approve" | "send",
  change: (
    tx: Transaction,
    seen: SeenSitrep,
    viewer: IncidentViewer,
    now: Date,
  ) => Promise<Record<string, unknown>>,
): Promise<Sitrep> {
  const viewer = await incidentViewerOf(context, caller);
  // Checked first without a lock, so that a stranger's request costs none.
  mustDo(await seenSitrep(context, viewer, incidentId, number), viewer, deed);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await lockIncident(tx, incidentId);
    if (!(await lockSitrep(tx, incidentId, number))) throw notFound("situation report");
    const seen = await seenSitrep(context, viewer, incidentId, number, tx);
    mustDo(seen, viewer, deed);
    const details = await change(tx, seen, viewer, now);
    await audited(tx, caller, incidentId, `incidents.sitrep.${deed}`, now, { number, ...details });
  });
  return sitrepDetail(context, analysis, caller, incidentId, number, viewer);
}

export async function editSitrep(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  number: number,
  input: Update,
): Promise<Sitrep> {
  return changeSitrep(
    context,
    analysis,
    caller,
    incidentId,
    number,
    "edit",
    async (tx, seen, viewer, now) => {
      const incidentTlp = seen.incident?.facts.tlp;
      if (!incidentTlp) throw notFound("incident");
      const tlp = input.tlp ?? (seen.record.tlp as TlpMarking);
      const audience = input.audience ?? seen.record.audience;
      if (input.tlp || input.audience)
        await checkMarking(context, viewer, incidentTlp, tlp, audience, false, tx);
      await updateSitrep(tx, seen.record.id, {
        ...(input.situation !== undefined ? { situation: input.situation } : {}),
        ...(input.actions !== undefined ? { actions: input.actions } : {}),
        ...(input.resources !== undefined ? { resources: input.resources } : {}),
        ...(input.nextSteps !== undefined ? { nextSteps: input.nextSteps } : {}),
        tlp,
        audience,
        asOf: now,
        now,
      });
      return { tlp, audience: counts(audience) };
    },
  );
}

export async function approveSitrep(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  number: number,
): Promise<Sitrep> {
  return changeSitrep(
    context,
    analysis,
    caller,
    incidentId,
    number,
    "approve",
    async (tx, seen, _viewer, now) => {
      await updateSitrep(tx, seen.record.id, {
        status: "approved",
        approverId: caller.userId,
        approvedAt: now,
        now,
      });
      return { tlp: seen.record.tlp };
    },
  );
}

/** The report's texts as the body of the shared item it goes out as (no figures: they are each reader's). */
const itemBody = (record: SitrepRecord, incidentTitle: string) =>
  [
    `Situation report ${record.number} of the incident "${incidentTitle}", as of ${record.asOf}.`,
    `Its figures (assets down, projected failures, people without service) are computed for each reader in Bulwark: GET /api/incidents/${record.incidentId}/sitreps/${record.number}.`,
    "## Situation",
    record.situation || "—",
    "## Actions",
    record.actions || "—",
    "## Resources",
    record.resources || "—",
    "## Next steps",
    record.nextSteps || "—",
  ].join("\n\n");

export async function sendSitrep(
  context: ServerContext,
  analysis: AnalysisCache,
  caller: Actor,
  incidentId: string,
  number: number,
): Promise<Sitrep> {
  // The item's texts (and their pseudonymised twins) are made before the transaction: an approved
  // report's texts no longer change, and the pseudonyms read the database on their own.
  const viewer = await incidentViewerOf(context, caller);
  const before = await seenSitrep(context, viewer, incidentId, number);
  mustDo(before, viewer, "send");
  const incidentTitle = before.incident?.record.title ?? "";
  const title = `Situation report ${before.record.number}: ${incidentTitle}`;
  const body = itemBody(before.record, incidentTitle);
  const texts = await publicTextsOf(context, before.record.organisation.id, { title, body, warning: null });
  return changeSitrep(
    context,
    analysis,
    caller,
    incidentId,
    number,
    "send",
    async (tx, seen, viewer, now) => {
      const { record, incident } = seen;
      if (!incident) throw notFound("incident");
      const tlp = record.tlp as TlpMarking;
      // Checked again now: the incident's marking or the sender's communities may have changed.
      await checkMarking(context, viewer, incident.facts.tlp, tlp, record.audience, true, tx);
      const itemId = await insertSharedItem(tx, {
        type: "report",
        title,
        body,
        ...texts,
        personalDataRoles: [],
        sectors: [],
        assetIds: [],
        tlp,
        revealAudience: false,
        authorId: record.author.id,
        authorOrganisationId: record.organisation.id,
        now,
      });
      await replaceAuthorAudience(tx, itemId, record.audience, { fresh: true });
      // Approved already by a second person (the report's approver): it goes out published.
      await updateSharedItem(tx, itemId, {
        status: "published",
        approverId: record.approver?.id ?? null,
        publishedAt: now,
        now,
      });
      await markSharedItemRead(tx, itemId, caller.userId, now);
      await mirrorSharedItem(tx, itemId, now);
      await notifyRecipients(
        tx,
        { id: itemId, tlp, authorId: record.author.id, authorOrganisationId: record.organisation.id },
        caller.userId,
        now,
      );
      await appendAudit(
        tx,
        {
          actorId: caller.userId,
          action: "sharing.compose",
          targetType: "shared-item",
          targetId: itemId,
          details: { type: "report", tlp, audience: counts(record.audience), sitrep: number },
        },
        now,
      );
      await updateSitrep(tx, record.id, { status: "sent", sharedItemId: itemId, sentAt: now, now });
      return { tlp, sharedItemId: itemId, audience: counts(record.audience) };
    },
  );
}
