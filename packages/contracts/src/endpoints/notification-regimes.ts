// The notification regimes an incident may name (content/notification-regimes) and an incident's
// obligations under its regime. Spread into the endpoint table in endpoints.ts.
import { z } from "zod";
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import { NotificationRegime, Obligation } from "../notification-regimes.ts";

export const notificationRegimeEndpoints = {
  listNotificationRegimes: {
    method: "GET",
    path: "/api/notification-regimes",
    summary:
      "The notification regimes an incident may name: each one's reports, deadlines, contents and receiving authorities.",
    tag: "incidents",
    auth: "user",
    status: 200,
    response: z.array(NotificationRegime),
  },
  incidentObligations: {
    method: "GET",
    path: "/api/incidents/:id/obligations",
    summary:
      "The reports the incident's regime asks for: each one's deadline, when it was filed, and whether it is pending, due soon, overdue, submitted or late (404 for whoever may not see the incident).",
    tag: "incidents",
    auth: "user",
    params: IdParams,
    status: 200,
    response: z.array(Obligation),
  },
} as const satisfies Record<string, EndpointDef>;
