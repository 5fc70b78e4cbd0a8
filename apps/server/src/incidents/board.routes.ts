// Routes of the incident board (issue 18): thin handlers over the board and contacts services.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { addLogEntry, changeTask, createTask, incidentLog, incidentTasks } from "./board.service.ts";
import {
  incidentContacts,
  organisationContactList,
  replaceOrganisationContacts,
} from "./contacts.service.ts";
import { trackedIncidentTasks } from "./task-tracker.service.ts";

export function incidentBoardRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listIncidentLog", ({ caller, params, query }) =>
    incidentLog(context, caller, params.id, query),
  );
  route(app, context, "addIncidentLogEntry", ({ caller, params, body }) =>
    addLogEntry(context, caller, params.id, body),
  );
  route(app, context, "listIncidentTasks", ({ caller, params, query }) =>
    incidentTasks(context, caller, params.id, query),
  );
  route(app, context, "createIncidentTask", ({ caller, params, body }) =>
    createTask(context, caller, params.id, body),
  );
  route(app, context, "updateIncidentTask", ({ caller, params, body }) =>
    changeTask(context, caller, params.id, params.taskId, body),
  );
  route(app, context, "listTrackedIncidentTasks", ({ caller, query }) =>
    trackedIncidentTasks(context, caller, query),
  );
  route(app, context, "incidentContacts", ({ caller, params }) =>
    incidentContacts(context, caller, params.id),
  );
  route(app, context, "organisationContacts", ({ caller, params }) =>
    organisationContactList(context, caller, params.id),
  );
  route(app, context, "replaceOrganisationContacts", ({ caller, params, body }) =>
    replaceOrganisationContacts(context, caller, params.id, body),
  );
}
