// Follow-up actions of events: added by the event's editors, moved along by them or by the owner
// organisation's members with a dated note each time, and read in one tracker across every event
// the caller may see. "Overdue" is decided in one place (the repository's actionOverdueSql).
import type { Action, ActionCreate, ActionQuery, ActionUpdate } from "@bulwark/contracts";
import { type Actor, ALL, eventPolicy } from "@bulwark/core";
import {
  type EventActionRecord,
  type EventActionViewer,
  type EventRecord,
  eventActionCounts,
  getOrganisation,
  getUser,
  insertEventAction,
  listEventActions,
  touchEvent,
  updateEventAction,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { audited, facts, must, today, visibleEvent } from "./events.service.ts";

const viewerOf = (context: ServerContext, caller: Actor): EventActionViewer => ({
  scope: eventPolicy.readScope(caller),
  names: eventPolicy.participantScope(caller),
  organisationId: caller.organisationId,
  today: today(context),
});

// Stored statuses were validated on the way in.
const present = (caller: Actor, action: EventActionRecord): Action => ({
  ...action,
  event: { id: action.event.id, title: action.event.title },
  status: action.status as Action["status"],
  notes: action.notes.map((note) => ({ ...note, status: note.status as Action["status"] })),
  canUpdate: eventPolicy.updateAction(
    caller,
    { hostOrganisationId: action.event.hostOrganisationId },
    { ownerOrganisationId: action.ownerOrganisation.id },
  ).allowed,
});

export async function actionsOfEvent(
  context: ServerContext,
  caller: Actor,
  event: EventRecord,
): Promise<Action[]> {
  const page = await listEventActions(context.db, viewerOf(context, caller), { eventId: event.id });
  return page.items.map((action) => present(caller, action));
}

async function visibleAction(context: ServerContext, caller: Actor, id: string): Promise<EventActionRecord> {
  const [action] = (await listEventActions(context.db, viewerOf(context, caller), { actionId: id })).items;
  if (!action) throw notFound("action");
  return action;
}

export async function tracker(context: ServerContext, caller: Actor, query: z.output<typeof ActionQuery>) {
  const viewer = viewerOf(context, caller);
  const { limit, offset, ...filter } = query;
  const [page, counts] = await Promise.all([
    listEventActions(context.db, viewer, filter, { limit, offset }),
    eventActionCounts(context.db, viewer, filter),
  ]);
  return { items: page.items.map((action) => present(caller, action)), total: page.total, ...counts };
}

export async function addAction(
  context: ServerContext,
  caller: Actor,
  eventId: string,
  input: z.output<typeof ActionCreate>,
): Promise<Action> {
  const event = await visibleEvent(context, caller, eventId);
  must(eventPolicy.edit(caller, facts(event)));
  if (!(await getOrganisation(context.db, ALL, input.ownerOrganisationId)))
    throw invalid("The owner organisation does not exist.", [
      { path: "body.ownerOrganisationId", message: "No such organisation." },
    ]);
  if (input.ownerUserId) {
    const person = await getUser(context.db, ALL, input.ownerUserId);
    if (!person || person.organisationId !== input.ownerOrganisationId)
      throw invalid("The owner person must belong to the owner organisation.", [
        { path: "body.ownerUserId", message: "Not a member of the owner organisation." },
      ]);
  }
  const id = await audited(
    context,
    caller,
    {
      action: "event.action.create",
      targetType: "event-action",
      targetId: (created: string) => created,
      details: () => ({
        eventId,
        country: input.country,
        ownerOrganisationId: input.ownerOrganisationId,
        dueOn: input.dueOn,
      }),
    },
    async (tx, now) => {
      const created = await insertEventAction(tx, eventId, input, caller.userId, now);
      await touchEvent(tx, eventId, now);
      return created;
    },
  );
  return present(caller, await visibleAction(context, caller, id));
}

export async function progressAction(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: z.output<typeof ActionUpdate>,
): Promise<Action> {
  const action = await visibleAction(context, caller, id);
  must(
    eventPolicy.updateAction(
      caller,
      { hostOrganisationId: action.event.hostOrganisationId },
      { ownerOrganisationId: action.ownerOrganisation.id },
    ),
  );
  const status = input.status ?? action.status;
  // Done keeps the day it was first done; any other status clears it.
  const doneOn = status === "done" ? (action.status === "done" ? action.doneOn : today(context)) : null;
  await audited(
    context,
    caller,
    {
      action: "event.action.update",
      targetType: "event-action",
      targetId: () => id,
      details: () => ({
        from: action.status,
        to: status,
        ...(input.dueOn && input.dueOn !== action.dueOn ? { dueOn: input.dueOn } : {}),
      }),
    },
    (tx, now) =>
      updateEventAction(tx, id, { status, dueOn: input.dueOn, doneOn, note: input.note }, caller.userId, now),
  );
  return present(caller, await visibleAction(context, caller, id));
}
