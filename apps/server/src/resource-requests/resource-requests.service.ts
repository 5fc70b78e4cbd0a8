// Resource requests between organisations (issue 18, in the shape of ICS 213RR): ask, approve,
// assign, deliver (or decline, cancel). Core's resourceRequestAbilities decides who sees a request
// and who moves it on; every read goes through the repository's visibleResourceRequests, compiled
// from the same rule, so a request the caller may not see is "not found" on every route and counts
// in no total. Deliveries show on the incident through the list's incident filter and in its
// situation reports. Every change is one transaction with its audit entry (ids and states only).

import type {
  ResourceRequest,
  ResourceRequestCreate,
  ResourceRequestList,
  ResourceRequestListQuery,
  ResourceRequestSummary,
} from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import {
  type Actor,
  checkResourceRequest,
  checkResourceRequestMove,
  coordinatesResponse,
  RESOURCE_REQUEST_MOVES,
  type ResourceRequestFacts,
  type ResourceRequestState,
  resourceRequestAbilities,
} from "@bulwark/core";
import {
  announceIncident,
  appendAudit,
  type Executor,
  existingAudience,
  findResourceRequest,
  insertResourceRequest,
  listResourceRequests,
  lockResourceRequest,
  moveResourceRequest,
  type ResourceRequestReader,
  type ResourceRequestRecord,
  resourceRequestHistory,
  sharingViewer,
  type Transaction,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { type Message, say } from "../i18n/messages.ts";
import { incidentViewerOf, seenIncident } from "../incidents/incidents.service.ts";

type Create = z.output<typeof ResourceRequestCreate>;
type ListQuery = z.output<typeof ResourceRequestListQuery>;
type Update = { state: ResourceRequestState; note: string };

async function readerOf(context: ServerContext, caller: Actor, db: Executor = context.db) {
  const viewer = await sharingViewer(db, caller);
  const policyViewer = { ...caller, organisationKind: caller.organisationKind };
  const reader: ResourceRequestReader = { ...viewer, coordinates: coordinatesResponse(policyViewer) };
  return { reader, policyViewer };
}

export const resourceRequestSummary = (record: ResourceRequestRecord): ResourceRequestSummary => ({
  id: record.id,
  incidentId: record.incidentId,
  what: record.what,
  quantity: record.quantity,
  unit: record.unit,
  deliverTo: record.deliverTo,
  neededBy: record.neededBy,
  priority: record.priority as ResourceRequestSummary["priority"],
  state: record.state as ResourceRequestState,
  from: { id: record.fromOrganisationId, name: record.fromOrganisationName },
  to: { id: record.toOrganisationId, name: record.toOrganisationName },
  requestedBy: record.requestedBy,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
});

const factsOf = (record: ResourceRequestRecord): ResourceRequestFacts => ({
  fromOrganisationId: record.fromOrganisationId,
  toOrganisationId: record.toOrganisationId,
  incidentId: record.incidentId,
  state: record.state as ResourceRequestState,
});

/** Whether the caller may see the request's incident (false without one). */
async function seesIncidentOf(
  context: ServerContext,
  caller: Actor,
  record: ResourceRequestRecord,
  db: Executor,
) {
  if (record.incidentId === null) return false;
  try {
    await seenIncident(context, await incidentViewerOf(context, caller, db), record.incidentId, db);
    return true;
  } catch {
    return false;
  }
}

async function seenRequest(context: ServerContext, caller: Actor, id: string, db: Executor = context.db) {
  const { reader, policyViewer } = await readerOf(context, caller, db);
  const record = await findResourceRequest(db, reader, id);
  if (!record) throw notFound("resource request");
  const seesIncident = await seesIncidentOf(context, caller, record, db);
  const abilities = resourceRequestAbilities(policyViewer, factsOf(record), seesIncident);
  // The SQL filter and the rule are one rule; should they ever disagree, the narrower wins.
  if (!abilities.maySee) throw notFound("resource request");
  return { record, abilities, seesIncident, policyViewer };
}

export async function resourceRequestDetail(
  context: ServerContext,
  caller: Actor,
  id: string,
): Promise<ResourceRequest> {
  const { record, abilities } = await seenRequest(context, caller, id);
  const history = await resourceRequestHistory(context.db, id);
  return {
    ...resourceRequestSummary(record),
    details: record.details,
    history: history.map((change) => ({ ...change, state: change.state as ResourceRequestState })),
    abilities: { moves: [...abilities.moves] },
  };
}

export async function resourceRequestList(
  context: ServerContext,
  caller: Actor,
  query: ListQuery,
): Promise<ResourceRequestList> {
  const { reader } = await readerOf(context, caller);
  const page = await listResourceRequests(context.db, reader, {
    ...(query.incidentId ? { incidentId: query.incidentId } : {}),
    ...(query.state ? { states: query.state } : {}),
    limit: query.limit,
    offset: query.offset,
  });
  return { items: page.items.map(resourceRequestSummary), total: page.total };
}

async function audited(
  tx: Transaction,
  caller: Actor,
  id: string,
  incidentId: string | null,
  action: AuditAction,
  now: Date,
  details: Record<string, unknown>,
) {
  await appendAudit(
    tx,
    {
      actorId: caller.userId,
      action,
      targetType: "resource-request",
      targetId: id,
      details: JSON.parse(JSON.stringify(details)),
    },
    now,
  );
  // Requests of an incident show on it: its open pages refresh.
  if (incidentId) await announceIncident(tx, incidentId);
}

export async function requestResources(
  context: ServerContext,
  caller: Actor,
  input: Create,
): Promise<ResourceRequest> {
  const { policyViewer } = await readerOf(context, caller);
  const decision = checkResourceRequest(policyViewer, input.toOrganisationId);
  if (!decision.allowed) throw forbidden(decision.reason);
  const found = await existingAudience(
    context.db,
    { communityIds: [], organisationIds: [input.toOrganisationId], userIds: [] },
    caller.organisationId,
  );
  if (!found.organisationIds.includes(input.toOrganisationId))
    throw invalid("No such organisation.", [
      {
        path: "body.toOrganisationId",
        message: { key: "detail.noSuchOrganisationId" as const, values: { id: input.toOrganisationId } },
      },
    ]);
  // The incident must be one the caller sees: else it is "not found", as everywhere.
  if (input.incidentId)
    await seenIncident(context, await incidentViewerOf(context, caller), input.incidentId);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertResourceRequest(tx, {
      incidentId: input.incidentId ?? null,
      what: input.what,
      quantity: input.quantity,
      unit: input.unit,
      deliverTo: input.deliverTo,
      neededBy: new Date(input.neededBy),
      priority: input.priority,
      details: input.details,
      fromOrganisationId: caller.organisationId,
      toOrganisationId: input.toOrganisationId,
      requestedBy: caller.userId,
      note: "",
      now,
    });
    await audited(tx, caller, created, input.incidentId ?? null, "resource-requests.request", now, {
      priority: input.priority,
      quantity: input.quantity,
      incident: input.incidentId ?? null,
    });
    return created;
  });
  return resourceRequestDetail(context, caller, id);
}

/** "A resource request <state> cannot become <to>.", in the caller's language (the states too). */
const cannotMove = (from: ResourceRequestState, to: ResourceRequestState, english: string): Message => ({
  key: "resourceRequest.moved",
  values: {
    state: (language) => say(language, { key: `resourceRequest.state.${from}` }),
    to: (language) => say(language, { key: `resourceRequest.state.${to}` }),
  },
  english,
});

function mustMove(seen: Awaited<ReturnType<typeof seenRequest>>, to: ResourceRequestState) {
  const facts = factsOf(seen.record);
  const decision = checkResourceRequestMove(seen.policyViewer, facts, to, seen.seesIncident);
  if (decision.outcome === "allowed") return;
  // The move does not exist from this state (the request moved on: 409 when this viewer could make
  // it from another state), or this viewer may not make it (403, a catalogue sentence).
  const detail =
    RESOURCE_REQUEST_MOVES[facts.state][to] === undefined
      ? cannotMove(facts.state, to, decision.reason)
      : decision.reason;
  throw decision.outcome === "conflict" ? conflict(detail) : forbidden(detail);
}

export async function moveResourceRequestOn(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: Update,
): Promise<ResourceRequest> {
  // Checked first without the lock, so that a stranger's request costs no lock.
  mustMove(await seenRequest(context, caller, id), input.state);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await lockResourceRequest(tx, id))) throw notFound("resource request");
    const seen = await seenRequest(context, caller, id, tx);
    mustMove(seen, input.state);
    await moveResourceRequest(tx, id, input.state, input.note, caller.userId, now);
    await audited(tx, caller, id, seen.record.incidentId, "resource-requests.move", now, {
      from: seen.record.state,
      to: input.state,
    });
  });
  return resourceRequestDetail(context, caller, id);
}
