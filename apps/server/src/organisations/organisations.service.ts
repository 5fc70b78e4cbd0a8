import type { Organisation, OrganisationCreate, OrganisationUpdate } from "@bulwark/contracts";
import { type Actor, organisationPolicy } from "@bulwark/core";
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
      throw conflict(`An organisation named "${input.name}" exists already.`);
    const created = await insertOrganisation(tx, input, now);
    const details = {
      name: input.name,
      kind: input.kind,
      country: input.country,
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

export async function changeOrganisation(
  context: ServerContext,
  actor: Actor,
  id: string,
  input: Update,
): Promise<Organisation> {
  await visible(context, actor, id);
  const decision = organisationPolicy.update(actor, id);
  if (!decision.allowed) throw forbidden(decision.reason);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (input.name) {
      const same = await findOrganisationByName(tx, input.name);
      if (same && same.id !== id) throw conflict(`An organisation named "${input.name}" exists already.`);
    }
    await updateOrganisation(tx, id, input, now);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "organisation.update",
        targetType: "organisation",
        targetId: id,
        details: { fields: Object.keys(input).sort() },
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
    throw conflict(
      `${organisation.name} still has ${organisation.userCount} account(s): move or deactivate them first.`,
    );
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
