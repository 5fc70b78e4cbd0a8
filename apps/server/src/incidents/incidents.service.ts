// Incidents (issue 17): file, read, move on, record the assets' status, merge notices, file
// reports. Core's incidentAbilities decides (the TLP rule of shared items); every read goes through
// the repository's visibility filter, compiled from the same rule, so an incident the caller may
// not see is "not found" on every route. Every change is one transaction with its audit entry
// (ids, markings and counts only) and its notification on INCIDENTS_CHANNEL.

import type { Incident, IncidentCreate, IncidentList, IncidentListQuery } from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import {
  type Actor,
  type AssetStatusChange,
  assetPolicy,
  checkAssetStatusChange,
  checkIncidentAsset,
  checkIncidentFiling,
  checkIncidentMerge,
  checkIncidentTransition,
  checkSeverityChange,
  type Decision,
  EXERCISE_MARK,
  type IncidentAbilities,
  type IncidentAssetStatus,
  type IncidentFacts,
  type IncidentSeverity,
  type IncidentState,
  type IncidentViewer,
  incidentAbilities,
  incidentAsSharedItem,
  NEXT_INCIDENT_STATE,
  sharingAbilities,
  TLP_BANNERS,
  type TlpMarking,
} from "@bulwark/core";
import {
  addIncidentAudience,
  announceIncident,
  appendAudit,
  type Executor,
  exercisesOfIncidents,
  existingAudience,
  findIncident,
  type IncidentRecord,
  incidentAssetHistory,
  incidentAudienceMembers,
  incidentAudienceOf,
  incidentNoticesOf,
  incidentReportsOf,
  incidentStates,
  insertAssetStatuses,
  insertIncident,
  insertIncidentReport,
  listIncidents,
  lockIncident,
  mergeIncidentInto,
  readableAssets,
  setIncidentSeverity,
  setIncidentState,
  sharingViewer,
  type Transaction,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { type FieldError, forbidden, invalid, notFound } from "../errors.ts";
import { checkRegimeReport, knownRegime, shippedRegimes } from "./regimes.service.ts";

type Create = z.output<typeof IncidentCreate>;
type ListQuery = z.output<typeof IncidentListQuery>;

/** Reported times may run this far ahead of the server's clock (a device's clock off a little). */
const CLOCK_SKEW_MS = 5 * 60_000;

export const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

export async function incidentViewerOf(
  context: ServerContext,
  caller: Actor,
  db: Executor = context.db,
): Promise<IncidentViewer> {
  return { ...(await sharingViewer(db, caller)), organisationKind: caller.organisationKind };
}

export interface SeenIncident {
  readonly record: IncidentRecord;
  readonly facts: IncidentFacts;
  readonly abilities: IncidentAbilities;
}

/** The incident as this viewer may see it, or 404 (hidden and absent look the same). */
export async function seenIncident(
  context: ServerContext,
  viewer: IncidentViewer,
  id: string,
  db: Executor = context.db,
): Promise<SeenIncident> {
  const record = await findIncident(db, viewer, id);
  if (!record) throw notFound("incident");
  const [audience, notices] = await Promise.all([incidentAudienceOf(db, id), incidentNoticesOf(db, id)]);
  const facts: IncidentFacts = {
    filerId: record.filer.id,
    filerOrganisationId: record.organisation.id,
    tlp: record.tlp as TlpMarking,
    audience,
    state: record.state as IncidentState,
    noticeOrganisationIds: [...new Set([record.organisation.id, ...notices.map((n) => n.organisation.id)])],
  };
  const abilities = incidentAbilities(viewer, facts);
  // The SQL filter and the rule are one rule; should they ever disagree, the narrower wins.
  if (!abilities.maySee) throw notFound("incident");
  return { record, facts, abilities };
}

/** The status changes of the incident's assets, as core reads them. */
export const statusChanges = (
  rows: readonly { assetId: string; status: string; at: string }[],
): AssetStatusChange[] =>
  rows.map((row) => ({
    assetId: row.assetId,
    status: row.status as IncidentAssetStatus,
    at: Date.parse(row.at),
  }));

export async function incidentDetail(
  context: ServerContext,
  caller: Actor,
  id: string,
  viewer?: IncidentViewer,
): Promise<Incident> {
  const reader = viewer ?? (await incidentViewerOf(context, caller));
  const seen = await seenIncident(context, reader, id);
  const { record, facts, abilities } = seen;
  const db = context.db;
  const [history, members, notices, reports, states, exercise] = await Promise.all([
    incidentAssetHistory(db, id),
    incidentAudienceMembers(db, id),
    incidentNoticesOf(db, id),
    incidentReportsOf(db, id),
    incidentStates(db, id),
    exerciseOfIncident(db, id),
  ]);
  const readable = await readableAssets(
    db,
    assetPolicy.readScope(caller),
    history.map((row) => row.assetId),
  );
  const byAsset = new Map<string, { status: IncidentAssetStatus; at: string }[]>();
  for (const row of history) {
    const list = byAsset.get(row.assetId) ?? [];
    list.push({ status: row.status as IncidentAssetStatus, at: row.at });
    byAsset.set(row.assetId, list);
  }
  const assets = [...byAsset].flatMap(([assetId, list]) => {
    const asset = readable.get(assetId);
    const last = list.at(-1);
    if (!asset || !last) return [];
    return [
      {
        id: asset.id,
        ref: asset.ref,
        name: asset.name,
        sector: asset.sector,
        status: last.status,
        since: last.at,
        history: list,
      },
    ];
  });
  const next = NEXT_INCIDENT_STATE[facts.state];
  const seesNames = sharingAbilities(reader, incidentAsSharedItem(facts));
  const open = facts.state !== "closed";
  const hiddenAssets = byAsset.size - assets.length;
  return {
    ...summaryOf(record, { visible: assets.length, hidden: hiddenAssets }),
    ...exercise,
    description: record.description,
    suspectedCause: record.suspectedCause as Incident["suspectedCause"],
    threatFamily: record.threatFamily as Incident["threatFamily"],
    causeDetails: record.causeDetails,
    servicesAffected: record.servicesAffected,
    peopleAffected: record.peopleAffected,
    effectsAbroad: record.effectsAbroad,
    effectsAbroadDetails: record.effectsAbroadDetails,
    banner: TLP_BANNERS[facts.tlp],
    // Confidential audiences (AMBER+STRICT, RED) are named to the filer's side only, as for items.
    audience: {
      members: seesNames.maySeeAudienceNames || abilities.asFiler || abilities.asAuthority ? members : [],
    },
    assets,
    hiddenAssets,
    notices: notices.map((notice) => ({ ...notice, tlp: notice.tlp as TlpMarking })),
    reports,
    states: states.map(({ state, at }) => ({ state: state as IncidentState, at })),
    abilities: {
      advance: next && checkIncidentTransition(abilities, facts.state, next).allowed ? next : null,
      recordAssetStatus: open && (abilities.asAuthority || abilities.asFiler),
      merge: open && abilities.asAuthority,
      fileReport: abilities.asAuthority || abilities.asFiler,
      setSeverity: checkSeverityChange(abilities, facts.state).allowed,
    },
  };
}

/** The `exercise` of an incident filed in exercise mode (nothing for a real one). */
const exerciseMarkOf = (exercise: { id: string; title: string } | undefined): Pick<Incident, "exercise"> =>
  exercise ? { exercise: { ...exercise, mark: EXERCISE_MARK } } : {};

async function exerciseOfIncident(db: Executor, id: string) {
  return exerciseMarkOf((await exercisesOfIncidents(db, [id])).get(id));
}

const summaryOf = (record: IncidentRecord, assetCounts: { visible: number; hidden: number }) => ({
  id: record.id,
  title: record.title,
  type: record.type as Incident["type"],
  state: record.state as IncidentState,
  regime: record.regime,
  tlp: record.tlp as TlpMarking,
  severity: record.severity as IncidentSeverity | null,
  severityAssessed: record.severityAssessed,
  assetCounts,
  startedAt: record.startedAt,
  awareAt: record.awareAt,
  filer: record.filer,
  organisation: record.organisation,
  mergedIntoId: record.mergedIntoId,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  closedAt: record.closedAt,
});

export async function incidentList(
  context: ServerContext,
  caller: Actor,
  query: ListQuery,
): Promise<IncidentList> {
  const viewer = await incidentViewerOf(context, caller);
  // Each incident's assets counted under the reader's asset scope, as its page counts them.
  const page = await listIncidents(
    context.db,
    viewer,
    {
      ...(query.state ? { states: query.state } : {}),
      ...(query.exerciseId ? { exerciseId: query.exerciseId } : {}),
      limit: query.limit,
      offset: query.offset,
    },
    assetPolicy.readScope(caller),
  );
  const exercises = await exercisesOfIncidents(
    context.db,
    page.items.map((item) => item.id),
  );
  return {
    items: page.items.map((item) => ({
      ...summaryOf(item, item.assetCounts),
      ...exerciseMarkOf(exercises.get(item.id)),
    })),
    total: page.total,
  };
}

function notInFuture(context: ServerContext, values: { path: string; at: string }[]) {
  const limit = context.clock().getTime() + CLOCK_SKEW_MS;
  const errors = values
    .filter((value) => Date.parse(value.at) > limit)
    .map((value) => ({ path: value.path, message: "This is in the future." }));
  if (errors.length > 0) throw invalid("Times reported cannot lie in the future.", errors);
}

/**
 * The assets named, checked: each one the caller may see and (for an operator) its own. Unknown
 * and hidden assets get the same answer.
 */
async function checkAssets(
  context: ServerContext,
  caller: Actor,
  viewer: IncidentViewer,
  ids: readonly string[],
  path: (index: number) => string,
  db: Executor = context.db,
  operatorCheck: (operatorId: string) => Decision = (operatorId) => checkIncidentAsset(viewer, operatorId),
) {
  const readable = await readableAssets(db, assetPolicy.readScope(caller), ids);
  const errors = ids.flatMap((id, index): FieldError[] => {
    const asset = readable.get(id);
    if (!asset)
      return [{ path: path(index), message: { key: "detail.noSuchAsset" as const, values: { id } } }];
    const decision = operatorCheck(asset.operatorId);
    return decision.allowed ? [] : [{ path: path(index), message: decision.reason }];
  });
  if (errors.length > 0) throw invalid("Some assets cannot be reported here.", errors);
}

/**
 * Files an incident; `within` runs in the same transaction before it is announced (exercise mode
 * links it to its exercise there, so no reader ever hears of it as a real incident).
 */
export async function fileIncident(
  context: ServerContext,
  caller: Actor,
  input: Create,
  within?: (tx: Transaction, id: string) => Promise<void>,
): Promise<Incident> {
  const viewer = await incidentViewerOf(context, caller);
  must(checkIncidentFiling(viewer, input.tlp, input.audience));
  knownRegime(input.regime);
  notInFuture(context, [
    { path: "body.startedAt", at: input.startedAt },
    { path: "body.awareAt", at: input.awareAt },
    ...input.assets.map((asset, i) => ({ path: `body.assets.${i}.at`, at: asset.at })),
  ]);
  const found = await existingAudience(context.db, input.audience, caller.organisationId);
  const missing = (["communityIds", "organisationIds", "userIds"] as const).flatMap((key) =>
    input.audience[key]
      .filter((id) => !found[key].includes(id))
      .map((id) => ({
        path: `body.audience.${key}`,
        message: { key: "detail.noSuchRecipient" as const, values: { id } },
      })),
  );
  if (missing.length > 0) throw invalid("Some recipients do not exist.", missing);
  await checkAssets(
    context,
    caller,
    viewer,
    input.assets.map((asset) => asset.assetId),
    (i) => `body.assets.${i}.assetId`,
  );
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertIncident(tx, {
      title: input.title,
      description: input.description,
      type: input.type,
      regime: input.regime,
      tlp: input.tlp,
      startedAt: new Date(input.startedAt),
      awareAt: new Date(input.awareAt),
      suspectedCause: input.suspectedCause,
      threatFamily: input.threatFamily ?? null,
      causeDetails: input.causeDetails,
      servicesAffected: input.servicesAffected,
      peopleAffected: input.peopleAffected,
      effectsAbroad: input.effectsAbroad,
      effectsAbroadDetails: input.effectsAbroadDetails,
      severity: input.severity ?? null,
      filerId: caller.userId,
      filerOrganisationId: caller.organisationId,
      audience: input.audience,
      assets: input.assets.map((asset) => ({ ...asset, at: new Date(asset.at) })),
      now,
    });
    if (within) await within(tx, created);
    await audited(tx, caller, created, "incidents.file", now, {
      tlp: input.tlp,
      type: input.type,
      regime: input.regime,
      severity: input.severity ?? null,
      assets: input.assets.length,
      audience: {
        communities: input.audience.communityIds.length,
        organisations: input.audience.organisationIds.length,
        people: input.audience.userIds.length,
      },
    });
    return created;
  });
  return incidentDetail(context, caller, id, viewer);
}

async function audited(
  tx: Transaction,
  caller: Actor,
  id: string,
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
      targetId: id,
      details: JSON.parse(JSON.stringify(details)),
    },
    now,
  );
  await announceIncident(tx, id);
}

/**
 * A change of an existing incident, in one transaction: its row locked first (changes of one
 * incident queue, across processes too), what the change depends on read again under the lock,
 * then the change, its audit entry and its notification commit together or not at all.
 */
export async function changeIncident(
  context: ServerContext,
  caller: Actor,
  viewer: IncidentViewer,
  id: string,
  action: AuditAction,
  change: (tx: Transaction, seen: SeenIncident, now: Date) => Promise<Record<string, unknown>>,
): Promise<Incident> {
  // Checked first without the lock, so that a stranger's request costs no lock.
  await seenIncident(context, viewer, id);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await lockIncident(tx, id))) throw notFound("incident");
    const seen = await seenIncident(context, viewer, id, tx);
    const details = await change(tx, seen, now);
    await audited(tx, caller, id, action, now, details);
  });
  return incidentDetail(context, caller, id, viewer);
}

export async function advanceIncident(context: ServerContext, caller: Actor, id: string, to: IncidentState) {
  const viewer = await incidentViewerOf(context, caller);
  return changeIncident(
    context,
    caller,
    viewer,
    id,
    "incidents.state",
    async (tx, { facts, abilities }, now) => {
      must(checkIncidentTransition(abilities, facts.state, to));
      await setIncidentState(tx, id, to, caller.userId, now);
      return { from: facts.state, to };
    },
  );
}

/** The authority sets the severity (the filer proposed one, or none, when filing). */
export async function changeSeverity(
  context: ServerContext,
  caller: Actor,
  id: string,
  severity: IncidentSeverity,
) {
  const viewer = await incidentViewerOf(context, caller);
  return changeIncident(
    context,
    caller,
    viewer,
    id,
    "incidents.severity",
    async (tx, { record, facts, abilities }, now) => {
      must(checkSeverityChange(abilities, facts.state));
      await setIncidentSeverity(tx, id, severity, true, now);
      return { from: record.severity, to: severity };
    },
  );
}

export async function recordAssetStatus(
  context: ServerContext,
  caller: Actor,
  id: string,
  change: { assetId: string; status: IncidentAssetStatus; at: string },
) {
  const viewer = await incidentViewerOf(context, caller);
  notInFuture(context, [{ path: "body.at", at: change.at }]);
  return changeIncident(context, caller, viewer, id, "incidents.asset-status", async (tx, seen, now) => {
    // Whether the caller may record at all (an asset of their own organisation passes the operator
    // rule); then each asset named against its operator.
    must(checkAssetStatusChange(viewer, seen.abilities, seen.facts.state, viewer.organisationId));
    await checkAssets(
      context,
      caller,
      viewer,
      [change.assetId],
      () => "body.assetId",
      tx,
      (operatorId) => checkAssetStatusChange(viewer, seen.abilities, seen.facts.state, operatorId),
    );
    await insertAssetStatuses(tx, id, [{ ...change, at: new Date(change.at) }], caller.userId, now);
    return { status: change.status };
  });
}

export async function mergeIncident(context: ServerContext, caller: Actor, id: string, mergedId: string) {
  const viewer = await incidentViewerOf(context, caller);
  if (mergedId === id)
    throw invalid("An incident is not merged into itself.", [
      { path: "body.incidentId", message: "The same incident." },
    ]);
  // The other incident must be one the caller sees too: else it is "not found", as everywhere.
  await seenIncident(context, viewer, mergedId);
  return changeIncident(context, caller, viewer, id, "incidents.merge", async (tx, target, now) => {
    if (!(await lockIncident(tx, mergedId))) throw notFound("incident");
    const merged = await seenIncident(context, viewer, mergedId, tx);
    if (merged.record.mergedIntoId !== null || target.record.mergedIntoId !== null)
      throw invalid("This incident was merged already.", [
        { path: "body.incidentId", message: "Merged already." },
      ]);
    must(checkIncidentMerge(target, merged));
    // The merged notice's filer keeps seeing what their notice became.
    const filer = merged.facts;
    await addIncidentAudience(
      tx,
      id,
      target.facts.tlp === "red"
        ? {
            communityIds: [],
            organisationIds: [],
            userIds: target.facts.audience.userIds.includes(filer.filerId) ? [] : [filer.filerId],
          }
        : {
            communityIds: [],
            organisationIds:
              target.facts.audience.organisationIds.includes(filer.filerOrganisationId) ||
              target.facts.filerOrganisationId === filer.filerOrganisationId
                ? []
                : [filer.filerOrganisationId],
            userIds: [],
          },
    );
    await mergeIncidentInto(tx, id, mergedId, caller.userId, now);
    await announceIncident(tx, mergedId);
    return { merged: mergedId, tlp: target.facts.tlp, mergedTlp: merged.facts.tlp };
  });
}

export async function fileReport(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: { report: string; body: string },
) {
  const viewer = await incidentViewerOf(context, caller);
  return changeIncident(
    context,
    caller,
    viewer,
    id,
    "incidents.report",
    async (tx, { abilities, record }) => {
      if (!abilities.asAuthority && !abilities.asFiler)
        throw forbidden("Only the filing operator or the authority files reports against an incident.");
      // A regime no longer shipped leaves its incidents' reports unchecked rather than unfileable.
      const regime = shippedRegimes().get(record.regime);
      if (regime) checkRegimeReport(regime, input.report);
      await insertIncidentReport(tx, {
        incidentId: id,
        report: input.report,
        body: input.body,
        filerId: caller.userId,
        filerOrganisationId: caller.organisationId,
        now: context.clock(),
      });
      return { report: input.report };
    },
  );
}
