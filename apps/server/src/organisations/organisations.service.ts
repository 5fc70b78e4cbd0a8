import type { Organisation, OrganisationCreate, OrganisationUpdate } from "@bulwark/contracts";
import { type Actor, ORGANISATION_POLICY_FIELDS, organisationPolicy } from "@bulwark/core";
import {
  appendAudit,
  deleteOrganisation,
  findOrganisationByName,
  getOrganisation,
  insertOrganisation,
  updateOrganisation,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, notFound } from "../errors.ts";

type Create = z.output<typeof OrganisationCreate>;
type Update = z.output<typeof OrganisationUpdate>;

async function visible(context: ServerContext, actor: Actor, id: string): Promise<Organisation> {
  const organisation = await getOrganisation(context.db, organisationPolicy.readScope(actor), id);
  if (!organisation) throw notFound("organisation");
  return organisation;
}

export async function createOrganisation(
  context: ServerContext,
  actor: Actor,
  input: Create,
): Promise<Organisation> {
  const decision = organisationPolicy.create(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  return visible(context, actor, await addOrganisation(context, actor.userId, input));
}

/** Register an organisation and record it for `actorId` (null: the operator at the console). */
export async function addOrganisation(
  context: ServerContext,
  actorId: string | null,
  input: Create,
): Promise<string> {
  const now = context.clock();
  return context.db.transaction(async (tx) => {
    if (await findOrganisationByName(tx, input.name))
      throw conflict({ key: "organisations.nameTaken", values: { name: input.name } });
    const created = await insertOrganisation(tx, input, now);
    const details = {
      name: input.name,
      kind: input.kind,
      country: input.country,
      sectors: input.sectors,
      verified: input.verified,
      via: actorId ? "api" : "cli",
    };
    await appendAudit(
      tx,
      { actorId, action: "organisation.create", targetType: "organisation", targetId: created, details },
      now,
    );
    return created;
  });
}

const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n")
    : a === b;

/** The fields of `input` whose value differs from the organisation's current one. */
function changedFields(current: Organisation, input: Update): (keyof Update)[] {
  const keys = Object.keys(input).filter((key): key is keyof Update => key in current);
  return keys.filter((key) => !sameValue(input[key], current[key]));
}

export async function changeOrganisation(
  context: ServerContext,
  actor: Actor,
  id: string,
  input: Update,
): Promise<Organisation> {
  const current = await visible(context, actor, id);
  // Decided on what would really change, so a form that sends the policy fields unchanged passes.
  const changed = changedFields(current, input);
  const decision = organisationPolicy.update(actor, id, changed);
  if (!decision.allowed) throw forbidden(decision.reason);
  const now = context.clock();
  // Policy fields are recorded with their values before and after (vocabulary values, no names).
  const policyChanges = Object.fromEntries(
    ORGANISATION_POLICY_FIELDS.filter((field) => changed.includes(field)).map((field) => [
      field,
      { before: current[field], after: input[field] ?? null },
    ]),
  );
  await context.db.transaction(async (tx) => {
    if (input.name) {
      const same = await findOrganisationByName(tx, input.name);
      if (same && same.id !== id)
        throw conflict({ key: "organisations.nameTaken", values: { name: input.name } });
    }
    await updateOrganisation(tx, id, input, now);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "organisation.update",
        targetType: "organisation",
        targetId: id,
        details: { fields: Object.keys(input).sort(), changes: policyChanges },
      },
      now,
    );
  });
  return visible(context, actor, id);
}

export async function removeOrganisation(context: ServerContext, actor: Actor, id: string): Promise<void> {
  const organisation = await visible(context, actor, id);
  const decision = organisationPolicy.remove(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  if (organisation.userCount > 0)
    throw conflict({
      key: "organisations.stillHasAccounts",
      values: { name: organisation.name, count: organisation.userCount },
    });
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await deleteOrganisation(tx, id);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "organisation.delete",
        targetType: "organisation",
        targetId: id,
        details: { name: organisation.name },
      },
      now,
    );
  });
}
