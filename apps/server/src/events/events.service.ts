// Workshops and events: list, read, organise and edit an event and its parts (agenda, materials,
// participants, outcomes). Who may is eventPolicy's answer; what may be read is the scopes'
// answer, compiled into SQL by the repositories. Every change is audited (ids, never names).

import type {
  EventCreate,
  EventDetail,
  EventQuery,
  EventSummary,
  EventUpdate,
  MaterialCreate,
  OutcomeCreate,
  ParticipantCreate,
  SessionCreate,
} from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import { type Actor, ALL, compendiumPolicy, type Decision, eventPolicy, type Json } from "@bulwark/core";
import {
  appendAudit,
  appendEventOutcome,
  deleteEventPart,
  EVENT_PARTS,
  type EventRecord,
  eventParticipantCounts,
  eventParticipantIdsOf,
  eventParticipantOrganisations,
  eventSessionExists,
  findEvent,
  getOrganisation,
  getUser,
  insertEvent,
  insertEventMaterial,
  insertEventParticipant,
  insertEventSession,
  isEventParticipant,
  listEventMaterials,
  listEventOutcomes,
  listEventParticipants,
  listEventSessions,
  listEvents,
  mayReadEventParticipants,
  moveEventOutcome,
  type Transaction,
  touchEvent,
  updateEvent,
  updateEventSession,
  visibleEntrySlugsOf,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { actionsOfEvent } from "./actions.service.ts";

type Output<T extends z.ZodType> = z.output<T>;

export const must = (decision: Decision): void => {
  if (!decision.allowed) throw forbidden(decision.reason);
};

/** Today's date in UTC (YYYY-MM-DD), from the server's clock. */
export const today = (context: ServerContext): string => context.clock().toISOString().slice(0, 10);

export async function visibleEvent(context: ServerContext, caller: Actor, id: string): Promise<EventRecord> {
  const event = await findEvent(context.db, eventPolicy.readScope(caller), id);
  if (!event) throw notFound("event");
  return event;
}

// Stored values were validated on the way in, so the vocabularies hold.
export const summaryOf = (event: EventRecord): EventSummary => ({
  ...event,
  kind: event.kind as EventSummary["kind"],
  region: event.region as EventSummary["region"],
  marking: event.marking as EventSummary["marking"],
});

export const facts = (event: EventRecord) => ({ hostOrganisationId: event.host.id });

export async function audited<T>(
  context: ServerContext,
  caller: Actor,
  change: {
    action: AuditAction;
    targetType: string;
    targetId: (result: T) => string;
    details: (result: T) => { [key: string]: Json };
  },
  work: (tx: Transaction, now: Date) => Promise<T>,
): Promise<T> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    const result = await work(tx, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: change.action,
        targetType: change.targetType,
        targetId: change.targetId(result),
        details: change.details(result),
      },
      now,
    );
    return result;
  });
}

export async function eventDetail(context: ServerContext, caller: Actor, id: string): Promise<EventDetail> {
  const event = await visibleEvent(context, caller, id);
  const entries = compendiumPolicy.readScope(caller);
  const names = eventPolicy.participantScope(caller);
  const [sessions, materials, participants, counts, organisations, outcomes, actions, readsNames] =
    await Promise.all([
      listEventSessions(context.db, id),
      listEventMaterials(context.db, entries, id),
      listEventParticipants(context.db, names, id),
      eventParticipantCounts(context.db, id),
      eventParticipantOrganisations(context.db, id),
      listEventOutcomes(context.db, entries, id),
      actionsOfEvent(context, caller, event),
      mayReadEventParticipants(context.db, names, id),
    ]);
  const nameOf = new Map(participants.map((participant) => [participant.id, participant.name]));
  const edit = eventPolicy.edit(caller, facts(event)).allowed;
  return {
    ...summaryOf(event),
    sessions: sessions.map(({ speakerIds, ...session }) => ({
      ...session,
      speakers: speakerIds
        .filter((speaker) => organisations.has(speaker))
        .map((speaker) => ({
          id: speaker,
          name: nameOf.get(speaker) ?? null,
          organisation: organisations.get(speaker) ?? "",
        })),
    })),
    materials,
    participantList: {
      names: readsNames,
      items: participants as EventDetail["participantList"]["items"],
      ...counts,
    },
    outcomes,
    actionList: actions,
    abilities: { edit, manageParticipants: edit && readsNames },
  };
}

export async function events(context: ServerContext, caller: Actor, query: Output<typeof EventQuery>) {
  const page = await listEvents(context.db, eventPolicy.readScope(caller), {
    ...query,
    today: today(context),
  });
  return {
    ...page,
    items: page.items.map(summaryOf),
    abilities: { create: eventPolicy.create(caller, { hostOrganisationId: caller.organisationId }).allowed },
  };
}

function checkDates(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn)
    throw invalid("The event cannot end before it starts.", [
      { path: "body.endsOn", message: "The event cannot end before it starts." },
    ]);
}

export async function createEvent(
  context: ServerContext,
  caller: Actor,
  input: Output<typeof EventCreate>,
): Promise<EventDetail> {
  const hostOrganisationId = input.hostOrganisationId ?? caller.organisationId;
  must(eventPolicy.create(caller, { hostOrganisationId }));
  if (!(await getOrganisation(context.db, ALL, hostOrganisationId)))
    throw invalid("The host organisation does not exist.", [
      { path: "body.hostOrganisationId", message: "No such organisation." },
    ]);
  checkDates(input.startsOn, input.endsOn);
  const id = await audited(
    context,
    caller,
    {
      action: "event.create",
      targetType: "event",
      targetId: (created: string) => created,
      details: () => ({ kind: input.kind, marking: input.marking, region: input.region, hostOrganisationId }),
    },
    (tx, now) => insertEvent(tx, { ...input, hostOrganisationId }, now),
  );
  return eventDetail(context, caller, id);
}

export async function editEvent(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: Output<typeof EventUpdate>,
): Promise<EventDetail> {
  const event = await visibleEvent(context, caller, id);
  must(eventPolicy.edit(caller, facts(event)));
  checkDates(input.startsOn ?? event.startsOn, input.endsOn ?? event.endsOn);
  await audited(
    context,
    caller,
    {
      action: "event.update",
      targetType: "event",
      targetId: () => id,
      details: () => ({
        fields: Object.keys(input).sort(),
        ...(input.marking ? { marking: input.marking } : {}),
      }),
    },
    (tx, now) => updateEvent(tx, id, input, now),
  );
  return eventDetail(context, caller, id);
}

/** The event, if the caller may see and edit it. */
async function editable(context: ServerContext, caller: Actor, id: string): Promise<EventRecord> {
  const event = await visibleEvent(context, caller, id);
  must(eventPolicy.edit(caller, facts(event)));
  return event;
}

/** Change one part of an event in a transaction that also touches the event and audits the change. */
async function changePart(
  context: ServerContext,
  caller: Actor,
  eventId: string,
  action: AuditAction,
  details: { [key: string]: Json },
  work: (tx: Transaction, now: Date) => Promise<string>,
): Promise<EventDetail> {
  await audited(
    context,
    caller,
    {
      action,
      targetType: "event",
      targetId: () => eventId,
      details: (partId: string) => ({ ...details, partId }),
    },
    async (tx, now) => {
      const partId = await work(tx, now);
      await touchEvent(tx, eventId, now);
      return partId;
    },
  );
  return eventDetail(context, caller, eventId);
}

async function checkSpeakers(
  context: ServerContext,
  eventId: string,
  ids: readonly string[],
): Promise<string[]> {
  const speakerIds = [...new Set(ids)];
  const known = await eventParticipantIdsOf(context.db, eventId, speakerIds);
  if (known.length !== speakerIds.length)
    throw invalid("Speakers must be participants of this event.", [
      { path: "body.speakerIds", message: "Not a participant of this event." },
    ]);
  return speakerIds;
}

export async function addSession(
  context: ServerContext,
  caller: Actor,
  eventId: string,
  input: Output<typeof SessionCreate>,
): Promise<EventDetail> {
  await editable(context, caller, eventId);
  const speakerIds = await checkSpeakers(context, eventId, input.speakerIds);
  return changePart(
    context,
    caller,
    eventId,
    "event.session.add",
    { speakers: speakerIds.length },
    (tx, now) => insertEventSession(tx, eventId, { ...input, speakerIds }, now),
  );
}

export async function editSession(
  context: ServerContext,
  caller: Actor,
  eventId: string,
  sessionId: string,
  input: Output<typeof SessionCreate>,
): Promise<EventDetail> {
  await editable(context, caller, eventId);
  const speakerIds = await checkSpeakers(context, eventId, input.speakerIds);
  return changePart(
    context,
    caller,
    eventId,
    "event.session.update",
    { speakers: speakerIds.length },
    async (tx) => {
      if (!(await updateEventSession(tx, eventId, sessionId, { ...input, speakerIds })))
        throw notFound("session");
      return sessionId;
    },
  );
}

/** The entry slugs the caller may see, or a 422 naming the first one that is unknown to them. */
async function checkEntries(context: ServerContext, caller: Actor, slugs: readonly string[], path: string) {
  const visible = new Set(await visibleEntrySlugsOf(context.db, compendiumPolicy.readScope(caller), slugs));
  const unknown = slugs.find((slug) => !visible.has(slug));
  if (unknown)
    throw invalid({ key: "events.entryUnseen", values: { slug: unknown } }, [
      { path, message: "Unknown compendium entry." },
    ]);
}

export async function addMaterial(
  context: ServerContext,
  caller: Actor,
  eventId: string,
  input: Output<typeof MaterialCreate>,
): Promise<EventDetail> {
  await editable(context, caller, eventId);
  if (input.sessionId && !(await eventSessionExists(context.db, eventId, input.sessionId)))
    throw invalid("This event has no such session.", [
      { path: "body.sessionId", message: "No such session." },
    ]);
  if (input.kind === "entry") await checkEntries(context, caller, [input.entrySlug], "body.entrySlug");
  const material =
    input.kind === "entry"
      ? { sessionId: input.sessionId, entrySlug: input.entrySlug, title: null, url: null }
      : { sessionId: input.sessionId, entrySlug: null, title: input.title, url: input.url };
  return changePart(
    context,
    caller,
    eventId,
    "event.material.add",
    { kind: input.kind, ...(input.kind === "entry" ? { entry: input.entrySlug } : {}) },
    (tx, now) => insertEventMaterial(tx, eventId, material, now),
  );
}

export async function addParticipant(
  context: ServerContext,
  caller: Actor,
  eventId: string,
  input: Output<typeof ParticipantCreate>,
): Promise<EventDetail> {
  await editable(context, caller, eventId);
  if (!(await mayReadEventParticipants(context.db, eventPolicy.participantScope(caller), eventId)))
    throw forbidden("Only the host organisation manages who takes part.");
  if (input.kind === "user") {
    if (!(await getUser(context.db, ALL, input.userId)))
      throw invalid("No such user.", [{ path: "body.userId", message: "No such user." }]);
    if (await isEventParticipant(context.db, eventId, input.userId))
      throw conflict("This person takes part already.");
  }
  const participant =
    input.kind === "user"
      ? { userId: input.userId, name: null, organisationName: null, country: null, role: input.role }
      : {
          userId: null,
          name: input.name,
          organisationName: input.organisationName,
          country: input.country,
          role: input.role,
        };
  return changePart(
    context,
    caller,
    eventId,
    "event.participant.add",
    {
      kind: input.kind,
      role: input.role,
      ...(input.kind === "user" ? { userId: input.userId } : { country: input.country }),
    },
    (tx, now) => insertEventParticipant(tx, eventId, participant, now),
  );
}

export async function addOutcome(
  context: ServerContext,
  caller: Actor,
  eventId: string,
  input: Output<typeof OutcomeCreate>,
): Promise<EventDetail> {
  await editable(context, caller, eventId);
  const entrySlugs = [...new Set(input.entrySlugs)];
  await checkEntries(context, caller, entrySlugs, "body.entrySlugs");
  return changePart(context, caller, eventId, "event.outcome.add", { entries: entrySlugs }, (tx, now) =>
    appendEventOutcome(tx, eventId, { text: input.text, entrySlugs }, now),
  );
}

export async function removePart(
  context: ServerContext,
  caller: Actor,
  eventId: string,
  part: keyof typeof EVENT_PARTS,
  partId: string,
): Promise<EventDetail> {
  await editable(context, caller, eventId);
  if (
    part === "participant" &&
    !(await mayReadEventParticipants(context.db, eventPolicy.participantScope(caller), eventId))
  )
    throw forbidden("Only the host organisation manages who takes part.");
  return changePart(context, caller, eventId, `event.${part}.remove`, {}, async (tx) => {
    if (!(await deleteEventPart(tx, EVENT_PARTS[part], eventId, partId))) throw notFound(part);
    return partId;
  });
}

export async function moveOutcome(
  context: ServerContext,
  caller: Actor,
  eventId: string,
  outcomeId: string,
  position: number,
): Promise<EventDetail> {
  await editable(context, caller, eventId);
  return changePart(context, caller, eventId, "event.outcome.move", { position }, async (tx) => {
    if (!(await moveEventOutcome(tx, eventId, outcomeId, position))) throw notFound("outcome");
    return outcomeId;
  });
}
