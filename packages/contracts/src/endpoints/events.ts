// The endpoints of workshops and events and of the follow-up action tracker.
import type { z } from "zod";
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  Action,
  ActionCreate,
  ActionQuery,
  ActionTracker,
  ActionUpdate,
  EventCreate,
  EventDetail,
  EventItemParams,
  EventList,
  EventQuery,
  EventUpdate,
  MaterialCreate,
  OutcomeCreate,
  OutcomeMove,
  ParticipantCreate,
  SessionCreate,
} from "../events.ts";

const event = { tag: "events", auth: "user" } as const;
/** Adding a part (session, material, participant, outcome) answers with the whole event. */
const addPart = <B extends z.ZodType>(path: string, summary: string, body: B) =>
  ({
    ...event,
    method: "POST",
    path,
    summary,
    params: IdParams,
    body,
    status: 201,
    response: EventDetail,
  }) as const;
const removePart = (path: string, summary: string) =>
  ({
    ...event,
    method: "DELETE",
    path,
    summary,
    params: EventItemParams,
    status: 200,
    response: EventDetail,
  }) as const;

export const eventEndpoints = {
  listEvents: {
    ...event,
    method: "GET",
    path: "/api/events",
    summary:
      "Workshops and events visible to the caller, upcoming first, with counts of upcoming and past ones.",
    query: EventQuery,
    status: 200,
    response: EventList,
  },
  createEvent: {
    ...event,
    method: "POST",
    path: "/api/events",
    summary:
      "Organise an event (coordinators and administrators of the host, and the compendium's moderators).",
    body: EventCreate,
    status: 201,
    response: EventDetail,
  },
  getEvent: {
    ...event,
    method: "GET",
    path: "/api/events/:id",
    summary: "An event with its agenda, materials, participants (or their counts), outcomes and actions.",
    params: IdParams,
    status: 200,
    response: EventDetail,
  },
  updateEvent: {
    ...event,
    method: "PATCH",
    path: "/api/events/:id",
    summary: "Change an event's details.",
    params: IdParams,
    body: EventUpdate,
    status: 200,
    response: EventDetail,
  },
  addEventSession: addPart("/api/events/:id/sessions", "Add a session to the agenda.", SessionCreate),
  updateEventSession: {
    ...event,
    method: "PATCH",
    path: "/api/events/:id/sessions/:itemId",
    summary: "Change a session's times, text or speakers.",
    params: EventItemParams,
    body: SessionCreate,
    status: 200,
    response: EventDetail,
  },
  removeEventSession: removePart("/api/events/:id/sessions/:itemId", "Remove a session (and its materials)."),
  addEventMaterial: addPart(
    "/api/events/:id/materials",
    "Attach a compendium entry or an external link to the event or one of its sessions.",
    MaterialCreate,
  ),
  removeEventMaterial: removePart("/api/events/:id/materials/:itemId", "Remove a material."),
  addEventParticipant: addPart(
    "/api/events/:id/participants",
    "Add a participant: a platform user or an external person.",
    ParticipantCreate,
  ),
  removeEventParticipant: removePart("/api/events/:id/participants/:itemId", "Remove a participant."),
  addEventOutcome: addPart(
    "/api/events/:id/outcomes",
    "Add an outcome or recommendation (after the others).",
    OutcomeCreate,
  ),
  removeEventOutcome: removePart("/api/events/:id/outcomes/:itemId", "Remove an outcome."),
  moveEventOutcome: {
    ...event,
    method: "PATCH",
    path: "/api/events/:id/outcomes/:itemId",
    summary: "Move an outcome to another place in the order.",
    params: EventItemParams,
    body: OutcomeMove,
    status: 200,
    response: EventDetail,
  },
  addEventAction: {
    ...event,
    method: "POST",
    path: "/api/events/:id/actions",
    summary: "Add a follow-up action for a country, owned by an organisation.",
    params: IdParams,
    body: ActionCreate,
    status: 201,
    response: Action,
  },
  updateEventAction: {
    ...event,
    method: "PATCH",
    path: "/api/event-actions/:id",
    summary: "Record progress on a follow-up action (status or due date) with a dated note.",
    params: IdParams,
    body: ActionUpdate,
    status: 200,
    response: Action,
  },
  listEventActions: {
    ...event,
    method: "GET",
    path: "/api/event-actions",
    summary:
      "The follow-up tracker across every event visible to the caller, with counts per status and per country.",
    query: ActionQuery,
    status: 200,
    response: ActionTracker,
  },
} as const satisfies Record<string, EndpointDef>;
