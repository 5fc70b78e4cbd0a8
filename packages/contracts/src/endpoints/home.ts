// The home's endpoint: one read of everything that waits for the caller.
import type { EndpointDef } from "../endpoint-def.ts";
import { Home } from "../home.ts";

export const homeEndpoints = {
  getHome: {
    method: "GET",
    path: "/api/home",
    summary:
      "What needs the caller now (items to acknowledge, approvals, actions, reviews, drafts, questions), their organisation's key figures and first steps; every list under the caller's scope.",
    tag: "me",
    auth: "user",
    status: 200,
    response: Home,
  },
} as const satisfies Record<string, EndpointDef>;
