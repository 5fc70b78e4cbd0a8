// Routes of an incident's links to shared items (issue 17): thin handlers over links.service.ts.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
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
}
