// The incidents capability's endpoints (issue 17), spread into the endpoint table in ../endpoints.ts.
// Every one answers 404 for an incident the caller may not see, as sharing does.
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  Incident,
  IncidentAssetStatusChange,
  IncidentCreate,
  IncidentList,
  IncidentListQuery,
  IncidentMerge,
  IncidentProjection,
  IncidentRecovery,
  IncidentReportCreate,
  IncidentSeverityChange,
  IncidentStateChange,
  ProjectionQuery,
} from "../incidents.ts";
import { STIX_MEDIA_TYPE } from "../stix.ts";

export const incidentEndpoints = {
  streamIncidentEvents: {
    method: "GET",
    path: "/api/incidents/events",
    summary:
      "Live changes of incidents you may see, as server-sent events: `ready` when the stream opens " +
      "(fetch what you show then, and again after each reconnection: nothing missed is replayed), " +
      "then `incident` with the id of each incident you may see that is filed or changes.",
    tag: "incidents",
    auth: "user",
    status: 200,
    stream: true,
  },
  listIncidents: {
    method: "GET",
    path: "/api/incidents",
    summary: "The incidents you may see (TLP, as for shared items), most recently known first.",
    tag: "incidents",
    auth: "user",
    query: IncidentListQuery,
    status: 200,
    response: IncidentList,
  },
  createIncident: {
    method: "POST",
    path: "/api/incidents",
    summary:
      "File an incident notice: what happened, when, the suspected cause, the assets down or degraded (an operator's own), the TLP marking and audience.",
    tag: "incidents",
    auth: "user",
    body: IncidentCreate,
    status: 201,
    response: Incident,
  },
  getIncident: {
    method: "GET",
    path: "/api/incidents/:id",
    summary:
      "One incident with its assets (those you may see), notices, reports, states and what you may do.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    response: Incident,
  },
  changeIncidentState: {
    method: "POST",
    path: "/api/incidents/:id/state",
    summary:
      "Move an incident to its next state: acknowledged and closed by the authority, responding and recovering by the authority or the filing operator.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: IncidentStateChange,
    status: 200,
    response: Incident,
  },
  setIncidentSeverity: {
    method: "POST",
    path: "/api/incidents/:id/severity",
    summary:
      "Set how grave an incident is (minor, significant, major, critical): the authority, while it is open (the filer proposes one when filing).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: IncidentSeverityChange,
    status: 200,
    response: Incident,
  },
  recordIncidentAssetStatus: {
    method: "POST",
    path: "/api/incidents/:id/asset-status",
    summary:
      "Record an asset down, degraded or restored from a moment on (the operator its own, the authority any).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: IncidentAssetStatusChange,
    status: 200,
    response: Incident,
  },
  mergeIncident: {
    method: "POST",
    path: "/api/incidents/:id/merge",
    summary:
      "The authority merges another incident's notices, assets and reports into this one (its marking no wider than the other's).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: IncidentMerge,
    status: 200,
    response: Incident,
  },
  fileIncidentReport: {
    method: "POST",
    path: "/api/incidents/:id/reports",
    summary: "File a follow-up or final report against the incident (the filing operator or the authority).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    body: IncidentReportCreate,
    status: 201,
    response: Incident,
  },
  incidentProjection: {
    method: "GET",
    path: "/api/incidents/:id/projection",
    summary:
      "What fails next from the assets down, hours counted from the earliest down time, over the part of the registry you may see (the cascade of /api/analysis/cascade).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    query: ProjectionQuery,
    status: 200,
    response: IncidentProjection,
  },
  incidentRecovery: {
    method: "GET",
    path: "/api/incidents/:id/recovery",
    summary:
      "The recovery curve (assets out of service and people without service at each change) and which asset still down, restored first, brings back the most.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    response: IncidentRecovery,
  },
  exportIncidentStix: {
    method: "GET",
    path: "/api/incidents/:id/stix",
    summary:
      "The incident as a STIX 2.1 bundle: the incident with its TLP marking, the affected assets you may see as critical-asset objects, and their relationships.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    file: STIX_MEDIA_TYPE,
  },
  exportIncidentReport: {
    method: "GET",
    path: "/api/incidents/:id/report.pdf",
    summary:
      "The incident's report as a PDF in your language: its timeline, figures and recovery, its reporting obligations met or missed, and the lessons of its review; the closing report once it is closed, an interim report before. What you may not see is not in it.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    file: "application/pdf",
  },
} as const satisfies Record<string, EndpointDef>;
