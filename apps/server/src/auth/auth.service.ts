// Sign-in, sessions, two-factor codes and the "me" view. Every sign-in, failed or not, is audited.

import type { LanguageChoice, LoginRequest, Me } from "@bulwark/contracts";
import { type Actor, abilitiesOf, assignableRoles } from "@bulwark/core";
import {
  appendAudit,
  credentialsByEmail,
  credentialsById,
  deleteSession,
  deleteUserSessions,
  getOrganisation,
  getUser,
  insertSession,
  setUserLanguage,
  updateUser,
  userLanguage,
} from "@bulwark/db";
import * as OTPAuth from "otpauth";
import type { ServerContext } from "../context.ts";
import { notFound, UserError } from "../errors.ts";
import { admitPasswordAttempt, attemptSucceeded, auditFailedSignIn } from "./attempts.ts";
import { forgetSession, sessionExpiry } from "./principal.ts";
import { hashPassword, randomToken, sha256, verifyPassword } from "./secrets.ts";

const wrongCredentials = () =>
  new UserError(401, "Sign-in failed", "Wrong e-mail or password.", "urn:bulwark:problem:wrong-credentials");

export async function describeMe(
  context: ServerContext,
  actor: Actor,
  csrfToken: string | null,
): Promise<Me> {
  const self = { kind: "organisation" as const, organisationId: actor.organisationId };
  const [user, organisation, language] = await Promise.all([
    getUser(context.db, self, actor.userId),
    getOrganisation(context.db, self, actor.organisationId),
    userLanguage(context.db, actor.userId),
  ]);
  if (!user || !organisation) throw notFound("account");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
    roles: user.roles,
    abilities: abilitiesOf(actor),
    assignableRoles: assignableRoles(actor),
    totpEnabled: user.totpEnabled,
    language,
    csrfToken,
  };
}

export interface SignedIn {
  readonly me: Me;
  /** The cookie's secret; only its hash is stored. */
  readonly sessionSecret: string;
}

export async function signIn(
  context: ServerContext,
  input: { email: string; address: string } & Omit<LoginRequest, "email">,
): Promise<SignedIn> {
  const now = context.clock();
  const account = await credentialsByEmail(context.db, input.email);
  const fail = async (reason: string, error = wrongCredentials()) => {
    await auditFailedSignIn(context, account, input.email, { reason }, now);
    return error;
  };
  // Counted (and refused past the limits) before the password is checked; see attempts.ts.
  await admitPasswordAttempt(context, { account, email: input.email, address: input.address }, now);
  const passwordOk = await verifyPassword(account?.passwordHash ?? null, input.password);
  if (!account?.active || !passwordOk)
    throw await fail(!account ? "unknown-account" : !account.active ? "inactive" : "wrong-password");
  let totpLastStep: number | null = null;
  if (account.totpEnabled) {
    // The attempt stays counted until the code holds too: guessing codes runs into the lockout.
    if (!input.totp)
      throw new UserError(
        401,
        "Code required",
        "Enter the six-digit code from your authenticator app.",
        "urn:bulwark:problem:totp-required",
      );
    totpLastStep = acceptedStep(account.totpSecret, input.totp, now, account.totpLastStep);
    if (totpLastStep === null)
      throw await fail(
        "wrong-code",
        new UserError(401, "Sign-in failed", "Wrong or expired code.", "urn:bulwark:problem:wrong-code"),
      );
  }
  const sessionSecret = randomToken();
  const csrfToken = randomToken();
  await context.db.transaction(async (tx) => {
    await attemptSucceeded(tx, account.id, input.address);
    await updateUser(
      tx,
      account.id,
      { lastSignInAt: now, ...(totpLastStep !== null ? { totpLastStep } : {}) },
      now,
    );
    await insertSession(
      tx,
      { id: sha256(sessionSecret), userId: account.id, csrfToken, expiresAt: sessionExpiry(context, now) },
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: account.id,
        action: "auth.sign-in",
        targetType: "user",
        targetId: account.id,
        details: { method: account.totpEnabled ? "password+totp" : "password" },
      },
      now,
    );
  });
  const actor = { userId: account.id, organisationId: account.organisationId, roles: account.roles };
  return { me: await describeMe(context, actor, csrfToken), sessionSecret };
}

export async function signOut(context: ServerContext, actor: Actor, sessionId: string | null): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (sessionId) {
      await deleteSession(tx, sessionId);
      forgetSession(context, sessionId);
    }
    await appendAudit(
      tx,
      { actorId: actor.userId, action: "auth.sign-out", targetType: "user", targetId: actor.userId },
      now,
    );
  });
}

export async function changePassword(
  context: ServerContext,
  actor: Actor,
  sessionId: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const now = context.clock();
  const account = await credentialsById(context.db, actor.userId);
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword)))
    throw new UserError(
      403,
      "Not allowed",
      "The current password is wrong.",
      "urn:bulwark:problem:wrong-credentials",
    );
  const passwordHash = await hashPassword(input.newPassword);
  await context.db.transaction(async (tx) => {
    await updateUser(tx, actor.userId, { passwordHash }, now);
    await deleteUserSessions(tx, actor.userId, sessionId ?? undefined);
    await appendAudit(
      tx,
      { actorId: actor.userId, action: "auth.password-change", targetType: "user", targetId: actor.userId },
      now,
    );
  });
}

function totpFor(secret: string, label = "Bulwark"): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: "Bulwark",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/**
 * The 30-second step of a valid code (one step of clock drift either way), or null when the code
 * is wrong or was used already: a code that has been accepted once cannot be replayed.
 */
function acceptedStep(
  secret: string | null,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  if (secret === null) return null;
  const delta = totpFor(secret).validate({ token: code, window: 1, timestamp: now.getTime() });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 30_000) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

export async function startTotp(
  context: ServerContext,
  actor: Actor,
): Promise<{ secret: string; uri: string }> {
  const account = await credentialsById(context.db, actor.userId);
  if (account?.totpEnabled)
    throw new UserError(
      409,
      "Conflict",
      "Two-factor sign-in is already on: turn it off first to set up a new device.",
    );
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const me = await describeMe(context, actor, null);
  await updateUser(context.db, actor.userId, { totpSecret: secret, totpEnabled: false }, context.clock());
  return { secret, uri: totpFor(secret, me.email).toString() };
}

export async function setTotp(
  context: ServerContext,
  actor: Actor,
  code: string,
  enabled: boolean,
): Promise<void> {
  const now = context.clock();
  const account = await credentialsById(context.db, actor.userId);
  if (!account?.totpSecret)
    throw new UserError(
      409,
      "Conflict",
      enabled ? "Start the set-up first (POST /api/me/totp)." : "Two-factor sign-in is not on.",
    );
  const totpLastStep = acceptedStep(account.totpSecret, code, now, account.totpLastStep);
  if (totpLastStep === null)
    throw new UserError(422, "Invalid input", "Wrong or expired code.", "urn:bulwark:problem:wrong-code");
  await context.db.transaction(async (tx) => {
    await updateUser(
      tx,
      actor.userId,
      enabled
        ? { totpEnabled: true, totpLastStep }
        : { totpEnabled: false, totpSecret: null, totpLastStep: null },
      now,
    );
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: enabled ? "auth.totp-enable" : "auth.totp-disable",
        targetType: "user",
        targetId: actor.userId,
      },
      now,
    );
  });
}

/** For tests and tooling: the code an authenticator would show now for this secret. */
export const currentTotp = (secret: string, at: Date): string =>
  totpFor(secret).generate({ timestamp: at.getTime() });

/**
 * Choose the language of one's own account (or forget it, with null). Only the person themself
 * changes it: the route names no other account. Audited like the other changes to one's account.
 */
export async function chooseLanguage(
  context: ServerContext,
  actor: Actor,
  choice: LanguageChoice,
): Promise<void> {
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await setUserLanguage(tx, actor.userId, choice.language, now))) throw notFound("account");
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "user.language",
        targetType: "user",
        targetId: actor.userId,
        details: { language: choice.language },
      },
      now,
    );
  });
}
