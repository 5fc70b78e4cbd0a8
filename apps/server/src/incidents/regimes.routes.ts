// Routes of the notification regimes (content/notification-regimes): the list an incident's
// regime is chosen from, and an incident's obligations under its regime.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { incidentObligations } from "./obligations.service.ts";
import { presentRegime, shippedRegimes } from "./regimes.service.ts";

export function regimeRoutes(app: FastifyInstance, context: ServerContext): void {
  // Read at start: a broken file stops the server with its file, field and line, not a request.
  const regimes = [...shippedRegimes().values()].map(presentRegime);
  route(app, context, "listNotificationRegimes", async () => regimes);
  route(app, context, "incidentObligations", ({ caller, params }) =>
    incidentObligations(context, caller, params.id),
  );
}
