// The home's route: what needs the caller now.
import type { FastifyInstance } from "fastify";
import { readerLanguage } from "../content/translations.ts";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { home } from "./home.service.ts";

export function homeRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "getHome", ({ caller, request, reply }) =>
    home(context, caller, readerLanguage({ request, reply })),
  );
}
