// Signing in and out, and who is signed in: what every page of the web app calls first. Spread into
// the endpoint table in endpoints.ts; the web app also holds them without the rest of the table.
import { LoginRequest, Me } from "../auth.ts";
import type { EndpointDef } from "../endpoint-def.ts";

export const sessionEndpoints = {
  login: {
    method: "POST",
    path: "/api/auth/login",
    summary: "Sign in with e-mail and password (and a TOTP code when enabled); sets the session cookie.",
    tag: "auth",
    auth: "public",
    body: LoginRequest,
    status: 200,
    response: Me,
  },
  logout: {
    method: "POST",
    path: "/api/auth/logout",
    summary: "End the current session.",
    tag: "auth",
    auth: "user",
    token: "never",
    status: 204,
  },
  me: {
    method: "GET",
    path: "/api/me",
    summary: "The signed-in user.",
    tag: "me",
    auth: "user",
    status: 200,
    response: Me,
  },
} as const satisfies Record<string, EndpointDef>;
