// Routes of an incident's links to shared items and its files (issue 17): thin handlers over
// links.service.ts and attachments.service.ts.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import {
  addIncidentAttachment,
  downloadIncidentAttachment,
  incidentAttachments,
  removeIncidentAttachment,
} from "./attachments.service.ts";
import { incidentLinks, linkIncidentItem, unlinkIncidentItem } from "./links.service.ts";

export function incidentLinkRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listIncidentLinks", ({ caller, params }) => incidentLinks(context, caller, params.id));
  route(app, context, "linkIncidentItem", ({ caller, params, body }) =>
    linkIncidentItem(context, caller, params.id, body.itemId),
  );
  route(app, context, "unlinkIncidentItem", async ({ caller, params }) => {
    await unlinkIncidentItem(context, caller, params.id, params.itemId);
    return undefined;
  });
  route(app, context, "listIncidentAttachments", ({ caller, params }) =>
    incidentAttachments(context, caller, params.id),
  );
  route(app, context, "addIncidentAttachment", ({ caller, params, query, body, request }) =>
    addIncidentAttachment(context, caller, params.id, {
      bytes: body,
      contentType: request.headers["content-type"] ?? "",
      filename: query.filename,
    }),
  );
  route(app, context, "downloadIncidentAttachment", ({ caller, params }) =>
    downloadIncidentAttachment(context, caller, params.id, params.attachmentId),
  );
  route(app, context, "removeIncidentAttachment", async ({ caller, params }) => {
    await removeIncidentAttachment(context, caller, params.id, params.attachmentId);
    return undefined;
  });
}
