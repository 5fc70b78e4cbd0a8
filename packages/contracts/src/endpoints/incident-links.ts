// Links between an incident and shared items (issue 17), spread into the endpoint table in
// ../endpoints.ts. 404 for an incident the caller may not see; an item they may not see is "not
// found" too, and a link to one is left out of every answer.
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES } from "@bulwark/core";
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  IncidentAttachment,
  IncidentAttachmentParams,
  IncidentAttachments,
  IncidentAttachmentUploadQuery,
  IncidentLinkCreate,
  IncidentLinkParams,
  IncidentLinks,
} from "../incident-links.ts";

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
  listIncidentAttachments: {
    method: "GET",
    path: "/api/incidents/:id/attachments",
    summary: "The files attached to an incident you may see, with the limits on new ones.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    response: IncidentAttachments,
  },
  addIncidentAttachment: {
    method: "POST",
    path: "/api/incidents/:id/attachments",
    summary:
      "Attach a file to the incident (the filing operator or the authority): its raw bytes as the body, its media type as Content-Type (the types and limits of shared items' files: at most 10 MB; the bytes must be what the type claims). Kept with its SHA-256; seen by all who see the incident.",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    query: IncidentAttachmentUploadQuery,
    upload: { mediaTypes: ATTACHMENT_MEDIA_TYPES },
    bodyLimit: ATTACHMENT_MAX_BYTES,
    status: 201,
    response: IncidentAttachment,
  },
  downloadIncidentAttachment: {
    method: "GET",
    path: "/api/incidents/:id/attachments/:attachmentId",
    summary: "Download a file attached to an incident you may see (audited).",
    tag: "incidents",
    auth: "user",
    params: IncidentAttachmentParams,
    status: 200,
    file: "application/octet-stream",
  },
  removeIncidentAttachment: {
    method: "DELETE",
    path: "/api/incidents/:id/attachments/:attachmentId",
    summary: "Remove a file from the incident (the filing operator or the authority).",
    tag: "incidents",
    auth: "user",
    params: IncidentAttachmentParams,
    status: 204,
  },
} as const satisfies Record<string, EndpointDef>;
