// The incident board's endpoints (issue 18), spread into the endpoint table in ../endpoints.ts.
// An incident the caller may not see is 404 on every one, as for the incident itself.
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  ContactsReplace,
  IncidentContacts,
  IncidentLogCreate,
  IncidentLogEntry,
  IncidentLogPage,
  IncidentLogQuery,
  IncidentTask,
  IncidentTaskCreate,
  IncidentTaskList,
  IncidentTaskQuery,
  IncidentTaskUpdate,
  OrganisationContacts,
  TaskParams,
  TrackedIncidentTaskList,
  TrackedIncidentTaskQuery,
} from "../incident-board.ts";

export const incidentBoardEndpoints = {
  listIncidentLog: {
    method: "GET",
    path: "/api/incidents/:id/log",
    summary:
      "The incident's activity log, newest first: the entries you may read (AMBER+STRICT ones stay with their author's organisation, RED ones with the people named).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    query: IncidentLogQuery,
    status: 200,
    response: IncidentLogPage,
  },
  addIncidentLogEntry: {
    method: "POST",
    path: "/api/incidents/:id/log",
    summary:
      "Add an entry to the incident's activity log (append-only: a correction is a new entry). Live on GET /api/incidents/events as `incident-log`.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: IncidentLogCreate,
    status: 201,
    response: IncidentLogEntry,
  },
  listIncidentTasks: {
    method: "GET",
    path: "/api/incidents/:id/tasks",
    summary: "The incident's tasks, by due time, with which are overdue by the server's clock.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    query: IncidentTaskQuery,
    status: 200,
    response: IncidentTaskList,
  },
  createIncidentTask: {
    method: "POST",
    path: "/api/incidents/:id/tasks",
    summary:
      "Assign a task to an organisation or a person who sees the incident (coordinators of the incident's organisation or of the authority).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: IncidentTaskCreate,
    status: 201,
    response: IncidentTask,
  },
  updateIncidentTask: {
    method: "PATCH",
    path: "/api/incidents/:id/tasks/:taskId",
    summary:
      "Acknowledge a task or move its status on (its assignee or the assigners); change its title, due time or assignee, or cancel it (the assigners).",
    tag: "incidents",
    auth: "user",
    params: TaskParams,
    body: IncidentTaskUpdate,
    status: 200,
    response: IncidentTask,
  },
  listTrackedIncidentTasks: {
    method: "GET",
    path: "/api/incident-tasks",
    summary:
      "The follow-up tracker's incident tasks: the tasks of every incident you may see, overdue first, then by due time.",
    tag: "incidents",
    auth: "user",
    query: TrackedIncidentTaskQuery,
    status: 200,
    response: TrackedIncidentTaskList,
  },
  incidentContacts: {
    method: "GET",
    path: "/api/incidents/:id/contacts",
    summary:
      "Who to call in each organisation involved in the incident: their 24/7 points of contact, shown to members of organisations involved too.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    response: IncidentContacts,
  },
  organisationContacts: {
    method: "GET",
    path: "/api/organisations/:id/contacts",
    summary:
      "An organisation's 24/7 points of contact: for its own members, and for members of organisations involved in an open incident with it.",
    tag: "organisations",
    auth: "user",
    params: IdParams,
    status: 200,
    response: OrganisationContacts,
  },
  replaceOrganisationContacts: {
    method: "PUT",
    path: "/api/organisations/:id/contacts",
    summary: "Replace an organisation's points of contact (its administrators).",
    tag: "organisations",
    auth: "user",
    params: IdParams,
    body: ContactsReplace,
    status: 200,
    response: OrganisationContacts,
  },
} as const satisfies Record<string, EndpointDef>;
