// Routes of resource requests (issue 18): thin handlers over the service.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import {
  moveResourceRequestOn,
  requestResources,
  resourceRequestDetail,
  resourceRequestList,
} from "./resource-requests.service.ts";

export function resourceRequestRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listResourceRequests", ({ caller, query }) =>
    resourceRequestList(context, caller, query),
  );
  route(app, context, "createResourceRequest", ({ caller, body }) => requestResources(context, caller, body));
  route(app, context, "getResourceRequest", ({ caller, params }) =>
    resourceRequestDetail(context, caller, params.id),
  );
  route(app, context, "updateResourceRequest", ({ caller, params, body }) =>
    moveResourceRequestOn(context, caller, params.id, body),
  );
}
