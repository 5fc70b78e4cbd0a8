// The route of search everything: validate (the endpoint table), then the service searches.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { searchEverything } from "./search.service.ts";

export function searchRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "search", ({ caller, query, request }) =>
    searchEverything(context, caller, query, requestLanguage(request)),
  );
}
