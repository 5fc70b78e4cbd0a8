import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { demoLand } from "./demo-land.service.ts";

export function demoRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "demoLand", () => demoLand(context));
}
