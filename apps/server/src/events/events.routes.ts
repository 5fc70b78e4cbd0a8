// The routes of workshops and events and of the follow-up tracker: validate (the endpoint table),
// then the services decide and act.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { addAction, progressAction, tracker } from "./actions.service.ts";
import {
  addMaterial,
  addOutcome,
  addParticipant,
  addSession,
  createEvent,
  editEvent,
  editSession,
  eventDetail,
  events,
  moveOutcome,
  removePart,
} from "./events.service.ts";

export function eventRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listEvents", ({ caller, query }) => events(context, caller, query));
  route(app, context, "createEvent", ({ caller, body }) => createEvent(context, caller, body));
  route(app, context, "getEvent", ({ caller, params }) => eventDetail(context, caller, params.id));
  route(app, context, "updateEvent", ({ caller, params, body }) =>
    editEvent(context, caller, params.id, body),
  );
  route(app, context, "addEventSession", ({ caller, params, body }) =>
    addSession(context, caller, params.id, body),
  );
  route(app, context, "updateEventSession", ({ caller, params, body }) =>
    editSession(context, caller, params.id, params.itemId, body),
  );
  route(app, context, "addEventMaterial", ({ caller, params, body }) =>
    addMaterial(context, caller, params.id, body),
  );
  route(app, context, "addEventParticipant", ({ caller, params, body }) =>
    addParticipant(context, caller, params.id, body),
  );
  route(app, context, "addEventOutcome", ({ caller, params, body }) =>
    addOutcome(context, caller, params.id, body),
  );
  route(app, context, "removeEventSession", ({ caller, params }) =>
    removePart(context, caller, params.id, "session", params.itemId),
  );
  route(app, context, "removeEventMaterial", ({ caller, params }) =>
    removePart(context, caller, params.id, "material", params.itemId),
  );
  route(app, context, "removeEventParticipant", ({ caller, params }) =>
    removePart(context, caller, params.id, "participant", params.itemId),
  );
  route(app, context, "removeEventOutcome", ({ caller, params }) =>
    removePart(context, caller, params.id, "outcome", params.itemId),
  );
  route(app, context, "moveEventOutcome", ({ caller, params, body }) =>
    moveOutcome(context, caller, params.id, params.itemId, body.position),
  );
  route(app, context, "addEventAction", ({ caller, params, body }) =>
    addAction(context, caller, params.id, body),
  );
  route(app, context, "updateEventAction", ({ caller, params, body }) =>
    progressAction(context, caller, params.id, body),
  );
  route(app, context, "listEventActions", ({ caller, query }) => tracker(context, caller, query));
}
