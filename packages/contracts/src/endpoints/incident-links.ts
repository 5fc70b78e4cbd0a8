// Links between an incident and shared items (issue 17), spread into the endpoint table in
// ../endpoints.ts. 404 for an incident the caller may not see; an item they may not see is "not
// found" too, and a link to one is left out of every answer.
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import { IncidentLinkCreate, IncidentLinkParams, IncidentLinks } from "../incident-links.ts";

export const incidentLinkEndpoints = {
  listIncidentLinks: {
    method: "GET",
    path: "/api/incidents/:id/links",
    summary: "The shared items (alerts, reports) linked to the incident, those you may see only.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    response: IncidentLinks,
  },
  linkIncidentItem: {
    method: "POST",
    path: "/api/incidents/:id/links",
    summary:
      "Link a published alert or report you may see to the incident (the filing operator or the authority). Answers the links.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: IncidentLinkCreate,
    status: 201,
    response: IncidentLinks,
  },
  unlinkIncidentItem: {
    method: "DELETE",
    path: "/api/incidents/:id/links/:itemId",
    summary: "Remove the link to a shared item (the filing operator or the authority).",
    tag: "incidents",
    auth: "user",
    params: IncidentLinkParams,
    status: 204,
  },
} as const satisfies Record<string, EndpointDef>;
