// Who calls the TAXII server: HTTP Basic (a person's e-mail and password, checked as the sign-in
// page checks them: lockout, disabled accounts, failures counted and audited) or Bearer (an API
// token). No cookies: TAXII clients are machines. A person with two-factor sign-in cannot use Basic,
// which has no room for the code: they are told to use an API token instead.
// argon2id is slow on purpose; a client paging through a collection would pay it on every page. A
// verified password is remembered for a minute, keyed by a SHA-256 of e-mail and password (never
// the password itself) and tied to the stored hash, so a password change ends it at once; each
// request still reads the account, so a disabled or locked account stops at once too.
// Failures count against the client's address and the account as on the sign-in page
// (auth/attempts.ts); a token needs the taxii scope, and the write scope too to add or delete.
import { type Actor, secondsLocked, tokenMay } from "@bulwark/core";
import { credentialsByEmail, principalByToken } from "@bulwark/db";
import type { FastifyRequest } from "fastify";
import {
  accountLocked,
  admitPasswordAttempt,
  admitTokenAttempt,
  attemptSucceeded,
  auditFailedSignIn,
  tokenFailed,
} from "../auth/attempts.ts";
import { API_TOKEN_PREFIX, sha256, verifyPassword } from "../auth/secrets.ts";
import type { ServerContext } from "../context.ts";
import { taxiiForbidden, taxiiUnauthorized } from "./taxii-errors.ts";

/** The audit's name for a sign-in by HTTP Basic on TAXII. */
const BASIC = "taxii-basic";
const VERIFIED_MS = 60_000;
const VERIFIED_MAX = 1_000;
/** sha256(e-mail, password) -> the password hash it was verified against, and when. */
const verified = new Map<string, { passwordHash: string; at: number }>();

export async function authenticateTaxii(context: ServerContext, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization;
  if (!header)
    throw taxiiUnauthorized(
      "Send HTTP Basic credentials (your e-mail and password) or an API token (Authorization: Bearer).",
    );
  const now = context.clock();
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) {
    await admitTokenAttempt(context, request.ip, now);
    const token = bearer[1] ?? "";
    const principal = token.startsWith(API_TOKEN_PREFIX)
      ? await principalByToken(context.db, sha256(token), now)
      : null;
    if (!principal) {
      await tokenFailed(context, request.ip, now);
      throw taxiiUnauthorized("This API token is unknown, revoked or expired.");
    }
    const access = request.method === "GET" || request.method === "HEAD" ? "read" : "write";
    if (!tokenMay(principal.scopes ?? [], access, "taxii"))
      throw taxiiForbidden(
        access === "read"
          ? "This API token lacks the 'taxii' scope."
          : "Adding or deleting over TAXII needs an API token with the 'taxii' and 'write' scopes.",
      );
    return {
      userId: principal.userId,
      organisationId: principal.organisationId,
      organisationKind: principal.organisationKind,
      roles: principal.roles,
    };
  }
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!basic) throw taxiiUnauthorized("The Authorization header must be 'Basic …' or 'Bearer <API token>'.");
  const decoded = Buffer.from(basic[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1) throw taxiiUnauthorized("HTTP Basic credentials are 'e-mail:password'.");
  const email = decoded.slice(0, colon).trim().toLowerCase();
  const password = decoded.slice(colon + 1);
  const account = await credentialsByEmail(context.db, email);
  const key = sha256(`${email}\u0000${password}`);
  const hit = verified.get(key);
  const known =
    hit !== undefined &&
    account?.passwordHash === hit.passwordHash &&
    now.getTime() - hit.at < VERIFIED_MS &&
    now.getTime() >= hit.at;
  if (known) {
    // Verified a moment ago: no new attempt to count, but a lock set since still holds.
    const locked = secondsLocked(account.lockedUntil, now);
    if (locked > 0) {
      await auditFailedSignIn(context, account, email, { reason: "locked", method: BASIC }, now);
      throw accountLocked(locked);
    }
  } else await admitPasswordAttempt(context, { account, email, address: request.ip, method: BASIC }, now);
  const passwordOk = known || (await verifyPassword(account?.passwordHash ?? null, password));
  if (!account?.active || !passwordOk) {
    const reason = !account ? "unknown-account" : !account.active ? "inactive" : "wrong-password";
    await auditFailedSignIn(context, account, email, { reason, method: BASIC }, now);
    verified.delete(key);
    throw taxiiUnauthorized("Wrong e-mail or password.");
  }
  if (account.totpEnabled)
    throw taxiiUnauthorized(
      "This account signs in with a second factor, which HTTP Basic cannot carry: use an API token (Authorization: Bearer) instead.",
    );
  // A verified password ends a run of failures, as a sign-in does.
  if (!known) await attemptSucceeded(context.db, account.id, request.ip);
  if (!known && account.passwordHash) {
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value ?? "");
    verified.set(key, { passwordHash: account.passwordHash, at: now.getTime() });
  }
  return { userId: account.id, organisationId: account.organisationId, roles: account.roles };
}
