// Who is calling: a session cookie (browser) or an API token (machines). Resolved once per request.

import type { Actor } from "@bulwark/core";
import { type Principal, principalBySession, principalByToken, touchSession } from "@bulwark/db";
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ServerContext } from "../context.ts";
import { forbidden, unauthorized } from "../errors.ts";
import { API_TOKEN_PREFIX, sameSecret, sha256 } from "./secrets.ts";

export const SESSION_COOKIE = "bulwark_session";

export interface Caller extends Actor {
  readonly principal: Principal;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function authenticate(context: ServerContext, request: FastifyRequest): Promise<Caller> {
  const now = context.clock();
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]?.startsWith(API_TOKEN_PREFIX))
      throw unauthorized("The Authorization header must be 'Bearer <API token>'.");
    const principal = await principalByToken(context.db, sha256(match[1]), now);
    if (!principal) throw unauthorized("This API token is unknown, revoked or expired.");
    return callerOf(principal);
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) throw unauthorized();
  const sessionId = sha256(cookie);
  const principal = await principalBySession(context.db, sessionId, now);
  if (!principal?.csrfToken) throw unauthorized("Your session has ended: sign in again.");
  // Cookies ride along on cross-site requests; a write must also prove it came from our page.
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers["x-csrf-token"];
    if (typeof sent !== "string" || !sameSecret(sent, principal.csrfToken))
      throw forbidden(
        "Missing or wrong X-CSRF-Token header (send the csrfToken from /api/me with every write).",
      );
  }
  await touchSession(context.db, sessionId, now, sessionExpiry(context, now));
  return callerOf(principal);
}

const callerOf = (principal: Principal): Caller => ({
  userId: principal.userId,
  organisationId: principal.organisationId,
  organisationKind: principal.organisationKind,
  roles: principal.roles,
  principal,
});

export const sessionExpiry = (context: ServerContext, now: Date): Date =>
  new Date(now.getTime() + context.config.sessionHours * 3_600_000);

export function setSessionCookie(context: ServerContext, reply: FastifyReply, secret: string | null): void {
  const options = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: context.config.secureCookies,
  };
  if (secret)
    reply.setCookie(SESSION_COOKIE, secret, { ...options, maxAge: context.config.sessionHours * 3600 });
  else reply.clearCookie(SESSION_COOKIE, options);
}
