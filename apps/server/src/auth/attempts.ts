// Attempts to authenticate, counted so that guessing stops early: per client address (every
// failed password, code or API token, whatever account it names) and per account (the sign-in
// lockout, shared by the web's sign-in and TAXII's HTTP Basic). Counts live in the database and
// move atomically, so parallel requests and several server processes share them, and a password
// attempt is counted before argon2 runs: beyond the limit it is refused without being checked.
import { ADDRESS_FAILURES, ADDRESS_WINDOW_MS, lockDuration } from "@bulwark/core";
import {
  admitAccountAttempt,
  clearAccountFailures,
  countThrottled,
  type Executor,
  recordAudit,
  type ThrottleCount,
  throttledCount,
  uncountThrottled,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { UserError } from "../errors.ts";
import { amount } from "../i18n/messages.ts";
import { sha256 } from "./secrets.ts";

/** The counter's key for a client address: a hash, so the table holds no address. */
const addressKey = (address: string): string => sha256(`address\u0000${address}`);

const secondsUntil = (until: Date, now: Date): number =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

const throttled = (seconds: number) =>
  new UserError(
    429,
    "Too many failed attempts",
    { key: "detail.throttled", values: { duration: (language) => amount(language, seconds, "second") } },
    "urn:bulwark:problem:throttled",
    { "retry-after": String(seconds) },
  );

export const accountLocked = (seconds: number) =>
  new UserError(
    429,
    "Too many failed sign-ins",
    { key: "detail.locked", values: { duration: (language) => amount(language, seconds, "second") } },
    "urn:bulwark:problem:locked",
    { "retry-after": String(seconds) },
  );

/**
 * A failed sign-in in the audit trail (the web's, or HTTP Basic's on TAXII: `method`). An unknown
 * account is recorded by a hash of the address, never the address itself.
 */
export async function auditFailedSignIn(
  context: ServerContext,
  account: { id: string } | null,
  email: string,
  details: { reason: string; method?: string },
  now: Date,
): Promise<void> {
  await recordAudit(
    context.db,
    {
      actorId: account?.id ?? null,
      action: "auth.sign-in-failed",
      targetType: "user",
      targetId: account?.id ?? null,
      details: account ? details : { ...details, emailSha256: sha256(email) },
    },
    now,
  );
}

/**
 * Admit one password attempt before the password is checked: it counts against the client address
 * and the account (if there is one) at once; an address past its limit or a locked account is
 * refused (429, audited) and the password is never looked at. A right password settles it
 * (`attemptSucceeded`); a wrong one needs nothing more, it has been counted.
 */
export async function admitPasswordAttempt(
  context: ServerContext,
  attempt: { account: { id: string } | null; email: string; address: string; method?: string },
  now: Date,
): Promise<void> {
  const method = attempt.method ? { method: attempt.method } : {};
  const count = await countThrottled(context.db, addressKey(attempt.address), now, ADDRESS_WINDOW_MS);
  if (count.failures > ADDRESS_FAILURES) {
    await auditFailedSignIn(context, attempt.account, attempt.email, { reason: "throttled", ...method }, now);
    throw throttled(secondsUntil(count.windowEnds, now));
  }
  if (!attempt.account) return;
  const admitted = await admitAccountAttempt(context.db, attempt.account.id, now, lockDuration);
  if (!admitted.admitted) {
    await auditFailedSignIn(context, attempt.account, attempt.email, { reason: "locked", ...method }, now);
    throw accountLocked(secondsUntil(admitted.lockedUntil, now));
  }
}

/** The whole sign-in held (password, and code when asked): the account's and address's counts go back. */
export async function attemptSucceeded(db: Executor, userId: string, address: string): Promise<void> {
  await clearAccountFailures(db, userId);
  await uncountThrottled(db, addressKey(address));
}

/** Before an API token is looked up: an address past its limit of failures is refused. */
export async function admitTokenAttempt(context: ServerContext, address: string, now: Date): Promise<void> {
  admitCounted(await throttledCount(context.db, addressKey(address), now), now);
}

/** An address's count as read (null: none): beyond the limit, the attempt is refused (429). */
function admitCounted(count: ThrottleCount | null, now: Date): void {
  if (count && count.failures >= ADDRESS_FAILURES) throw throttled(secondsUntil(count.windowEnds, now));
}

/**
 * What principalByToken needs to admit a token attempt from `address` in the statement that reads
 * the token: the address's counter and admitTokenAttempt's rule. (An unknown token reads no count:
 * admitTokenAttempt is then asked before the failure is counted.)
 */
export const tokenAttemptFrom = (address: string, now: Date) => ({
  key: addressKey(address),
  admit: (count: ThrottleCount | null) => admitCounted(count, now),
});

/** An unknown, revoked or expired API token: one more failure for its address. */
export async function tokenFailed(context: ServerContext, address: string, now: Date): Promise<void> {
  await countThrottled(context.db, addressKey(address), now, ADDRESS_WINDOW_MS);
}
