import type { User, UserCreate, UserUpdate } from "@bulwark/contracts";
import { type Actor, userPolicy } from "@bulwark/core";
import {
  appendAudit,
  deleteUserSessions,
  emailTaken,
  getUser,
  insertUser,
  missingIds,
  updateUser,
} from "@bulwark/db";
import type { z } from "zod";
import { generatePassword, hashPassword } from "../auth/secrets.ts";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";

type Create = z.output<typeof UserCreate>;
type Update = z.output<typeof UserUpdate>;

async function visible(context: ServerContext, actor: Actor, id: string): Promise<User> {
  const user = await getUser(context.db, userPolicy.readScope(actor), id);
  if (!user) throw notFound("account");
  return user;
}

async function organisationMustExist(context: ServerContext, organisationId: string): Promise<void> {
  if ((await missingIds(context.db, "organisations", [organisationId])).length > 0)
    throw invalid("The organisation does not exist.", [
      { path: "body.organisationId", message: "No such organisation." },
    ]);
}

export async function createUser(
  context: ServerContext,
  actor: Actor,
  input: Create,
): Promise<User & { initialPassword: string | null }> {
  const decision = userPolicy.manage(actor, { organisationId: input.organisationId, roles: input.roles });
  if (!decision.allowed) throw forbidden(decision.reason);
  const { id, initialPassword } = await addUser(context, actor.userId, input);
  return { ...(await visible(context, actor, id)), initialPassword };
}

/**
 * Create an account and record it, on behalf of `actorId` (null: the operator at the command
 * line, who has the database anyway). Callers decide whether the actor may.
 */
export async function addUser(
  context: ServerContext,
  actorId: string | null,
  input: Create,
): Promise<{ id: string; initialPassword: string | null }> {
  await organisationMustExist(context, input.organisationId);
  const initialPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? initialPassword ?? "");
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    if (await emailTaken(tx, input.email))
      throw conflict("An account with this e-mail address exists already.");
    const created = await insertUser(
      tx,
      {
        email: input.email,
        name: input.name,
        organisationId: input.organisationId,
        roles: [...new Set(input.roles)],
        passwordHash,
      },
      now,
    );
    // Names and addresses stay out of the trail; the ids and roles say what happened.
    const details = {
      organisationId: input.organisationId,
      roles: input.roles,
      via: actorId ? "api" : "cli",
    };
    await appendAudit(
      tx,
      { actorId, action: "user.create", targetType: "user", targetId: created, details },
      now,
    );
    return created;
  });
  return { id, initialPassword };
}

export async function changeUser(
  context: ServerContext,
  actor: Actor,
  id: string,
  input: Update,
): Promise<User> {
  const current = await visible(context, actor, id);
  const target = {
    organisationId: input.organisationId ?? current.organisationId,
    roles: input.roles ?? current.roles,
  };
  const decision = userPolicy.manage(actor, target, { ...current, id });
  if (!decision.allowed) throw forbidden(decision.reason);
  if (
    id === actor.userId &&
    (input.active === false ||
      (input.roles && current.roles.includes("platform-admin") && !input.roles.includes("platform-admin")))
  )
    throw forbidden(
      "You cannot deactivate your own account or remove your own platform-admin role: ask another administrator.",
    );
  if (input.organisationId) await organisationMustExist(context, input.organisationId);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await updateUser(tx, id, { ...input, ...(input.roles ? { roles: [...new Set(input.roles)] } : {}) }, now);
    if (input.active === false) await deleteUserSessions(tx, id);
    // Roles and organisation feed the policy: recorded with their values before and after.
    const details = {
      fields: Object.keys(input).sort(),
      roles: input.roles ? { before: current.roles, after: [...new Set(input.roles)] } : null,
      active: input.active ?? null,
      organisationId: input.organisationId
        ? { before: current.organisationId, after: input.organisationId }
        : null,
    };
    await appendAudit(
      tx,
      { actorId: actor.userId, action: "user.update", targetType: "user", targetId: id, details },
      now,
    );
  });
  return visible(context, actor, id);
}

export async function resetPassword(
  context: ServerContext,
  actor: Actor,
  id: string,
  password: string | undefined,
): Promise<{ password: string | null }> {
  const current = await visible(context, actor, id);
  const decision = userPolicy.manage(actor, current, current);
  if (!decision.allowed) throw forbidden(decision.reason);
  return setPassword(context, actor.userId, id, password);
}

/** Set (or generate) a password, unlock the account and end its sessions; recorded for `actorId`. */
export async function setPassword(
  context: ServerContext,
  actorId: string | null,
  id: string,
  password: string | undefined,
): Promise<{ password: string | null }> {
  const generated = password ? null : generatePassword();
  const passwordHash = await hashPassword(password ?? generated ?? "");
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await updateUser(tx, id, { passwordHash, failedSignIns: 0, lockedUntil: null }, now);
    await deleteUserSessions(tx, id);
    await appendAudit(
      tx,
      {
        actorId,
        action: "user.password-reset",
        targetType: "user",
        targetId: id,
        details: { via: actorId ? "api" : "cli" },
      },
      now,
    );
  });
  return { password: generated };
}
