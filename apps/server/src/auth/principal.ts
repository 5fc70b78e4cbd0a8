// Who is calling: a session cookie (browser) or an API token (machines). Resolved once per request.

import { type Access, type Actor, tokenMay } from "@bulwark/core";
import { type Principal, principalBySession, principalByToken, touchSession } from "@bulwark/db";
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ServerContext } from "../context.ts";
import { forbidden, unauthorized } from "../errors.ts";
import { admitTokenAttempt, tokenAttemptFrom, tokenFailed } from "./attempts.ts";
import { API_TOKEN_PREFIX, sameSecret, sha256 } from "./secrets.ts";

export const SESSION_COOKIE = "bulwark_session";

export interface Caller extends Actor {
  readonly principal: Principal;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Who is calling, and may they make a request needing `access`: a session may do whatever its
 * person may (the policy decides later); an API token only what its scopes allow, and never what
 * needs a session (core's tokenMay). Wrong tokens count against the client's address.
 */
export async function authenticate(
  context: ServerContext,
  request: FastifyRequest,
  access: Access,
): Promise<Caller> {
  return authorised(await identify(context, request), access);
}

function authorised(caller: Caller, access: Access): Caller {
  const scopes = caller.principal.scopes;
  if (scopes === null || tokenMay(scopes, access)) return caller;
  throw forbidden(
    access === "session"
      ? "API tokens cannot manage tokens, two-factor sign-in, passwords or sessions: sign in to do this."
      : {
          key: "detail.tokenScope",
          values: { scope: access, scopes: scopes.join(", ") || "none" },
        },
  );
}

async function identify(context: ServerContext, request: FastifyRequest): Promise<Caller> {
  const now = context.clock();
  const header = request.headers.authorization;
  if (header) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token?.startsWith(API_TOKEN_PREFIX)) {
      await admitTokenAttempt(context, request.ip, now);
      await tokenFailed(context, request.ip, now);
      throw unauthorized("The Authorization header must be 'Bearer <API token>'.");
    }
    // The address's failures are read with the token and admitted before anything else is done
    // (429 beyond the limit, even for a right token): one statement for both.
    // Hashed once: each createHash costs OpenSSL's lookup of the digest anew.
    const tokenHash = sha256(token);
    const principal = await principalByToken(context.db, tokenHash, now, tokenAttemptFrom(request.ip, now));
    if (!principal) {
      await admitTokenAttempt(context, request.ip, now);
      await tokenFailed(context, request.ip, now);
      throw unauthorized("This API token is unknown, revoked or expired.");
    }
    const caller = callerOf(principal);
    remember(context, `token:${tokenHash}`, caller, now);
    return caller;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) throw unauthorized();
  const sessionId = sha256(cookie);
  const principal = await principalBySession(context.db, sessionId, now, sessionStartedAfter(context, now));
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
  const caller = callerOf(principal);
  remember(context, `session:${sessionId}`, caller, now);
  return caller;
}

/**
 * Callers authenticated in the last seconds, by session or token hash. Only endpoints marked
 * `recentAuth` read it: polls of one's own long-running job, which must be answered while a long
 * write holds the embedded database's only connection (signing in reads and writes the database).
 * A sign-out forgets its session at once; an ended session or a change of roles, organisation,
 * account state or token in any process forgets every caller (notifications, see
 * system/policy-changes.ts); should one be lost, such a caller reaches those endpoints at most
 * RECENT_MS later.
 */
const RECENT_MS = 30_000;
const RECENT_MAX = 1_000;
type Recent = Map<string, { caller: Caller; at: number }>;
/** Per server (context), as each process has its own: two apps in one process do not share. */
const recentByContext = new WeakMap<ServerContext, Recent>();

function recentOf(context: ServerContext): Recent {
  let recent = recentByContext.get(context);
  if (!recent) {
    recent = new Map();
    recentByContext.set(context, recent);
  }
  return recent;
}

function remember(context: ServerContext, key: string, caller: Caller, now: Date): void {
  const recent = recentOf(context);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value ?? "");
  recent.set(key, { caller, at: now.getTime() });
}

export function forgetSession(context: ServerContext, sessionId: string): void {
  recentOf(context).delete(`session:${sessionId}`);
}

/** Forgets every remembered caller (what made them may have changed). */
export function forgetRecentCallers(context: ServerContext): void {
  recentOf(context).clear();
}

const recentKey = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  if (header) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    return token ? `token:${sha256(token)}` : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? `session:${sha256(cookie)}` : null;
};

/** authenticate(), answered from memory when the same caller was authenticated in the last 30 s. */
export async function authenticateRecent(
  context: ServerContext,
  request: FastifyRequest,
  access: Access,
): Promise<Caller> {
  const key = recentKey(request);
  const now = context.clock();
  const hit = key ? recentOf(context).get(key) : undefined;
  if (key && hit && now.getTime() - hit.at < RECENT_MS && SAFE_METHODS.has(request.method))
    return authorised(unread(hit.caller), access);
  const caller = await authenticate(context, request, access);
  if (key) remember(context, key, caller, now);
  return caller;
}

/** A caller remembered from an earlier request: what was read with it then is read again when needed. */
const unread = (caller: Caller): Caller => {
  const { communityIds: _, ...principal } = caller.principal;
  return { ...caller, principal };
};

const callerOf = (principal: Principal): Caller => ({
  userId: principal.userId,
  organisationId: principal.organisationId,
  organisationKind: principal.organisationKind,
  roles: principal.roles,
  principal,
});

export const sessionExpiry = (context: ServerContext, now: Date): Date =>
  new Date(now.getTime() + context.config.sessionHours * 3_600_000);

/** Sessions started before this have outlived their absolute lifetime, however much they were used. */
export const sessionStartedAfter = (context: ServerContext, now: Date): Date =>
  new Date(now.getTime() - context.config.sessionMaxDays * 86_400_000);

export function setSessionCookie(context: ServerContext, reply: FastifyReply, secret: string | null): void {
  const options = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: context.config.secureCookies,
  };
  if (secret)
    reply.setCookie(SESSION_COOKIE, secret, {
      ...options,
      maxAge: Math.min(context.config.sessionHours, context.config.sessionMaxDays * 24) * 3600,
    });
  else reply.clearCookie(SESSION_COOKIE, options);
}
