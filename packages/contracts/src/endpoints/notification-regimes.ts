// The notification regimes an incident may name (content/notification-regimes). Spread into the
// endpoint table in endpoints.ts.
import { z } from "zod";
import type { EndpointDef } from "../endpoint-def.ts";
import { NotificationRegime } from "../notification-regimes.ts";

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
} as const satisfies Record<string, EndpointDef>;
