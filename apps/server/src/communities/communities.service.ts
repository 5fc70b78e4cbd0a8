import type { Community, CommunityCreate, CommunityUpdate } from "@bulwark/contracts";
import { type Actor, communityPolicy } from "@bulwark/core";
import {
  appendAudit,
  communityMembership,
  communityNameTaken,
  deleteCommunity,
  getCommunity,
  getUser,
  insertCommunity,
  missingIds,
  setCommunityModerators,
  setCommunityOrganisations,
  updateCommunity,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";

type Create = z.output<typeof CommunityCreate>;
type Update = z.output<typeof CommunityUpdate>;

async function visible(context: ServerContext, actor: Actor, id: string): Promise<Community> {
  const community = await getCommunity(context.db, communityPolicy.readScope(actor), id);
  if (!community) throw notFound("community");
  return community;
}

/** Every organisation and moderator must exist, and moderators must belong to member organisations. */
async function checkMembers(
  context: ServerContext,
  organisationIds: string[],
  moderatorIds: string[],
): Promise<void> {
  const [missingOrgs, missingUsers] = await Promise.all([
    missingIds(context.db, "organisations", organisationIds),
    missingIds(context.db, "users", moderatorIds),
  ]);
  const errors = [
    ...missingOrgs.map((id) => ({ path: "body.organisationIds", message: `No organisation ${id}.` })),
    ...missingUsers.map((id) => ({ path: "body.moderatorIds", message: `No account ${id}.` })),
  ];
  if (errors.length === 0 && moderatorIds.length > 0) {
    const moderators = await Promise.all(moderatorIds.map((id) => getUser(context.db, { kind: "all" }, id)));
    for (const user of moderators) {
      if (user && !organisationIds.includes(user.organisationId))
        errors.push({
          path: "body.moderatorIds",
          message: `${user.name}'s organisation is not a member of the community.`,
        });
    }
  }
  if (errors.length > 0) throw invalid(errors.map((error) => error.message).join(" "), errors);
}

export async function createCommunity(
  context: ServerContext,
  actor: Actor,
  input: Create,
): Promise<Community> {
  const decision = communityPolicy.create(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  // The creator moderates unless others are named, and their organisation joins with them.
  const moderatorIds = input.moderatorIds.length > 0 ? input.moderatorIds : [actor.userId];
  const organisationIds = [
    ...new Set(
      input.moderatorIds.length > 0
        ? input.organisationIds
        : [...input.organisationIds, actor.organisationId],
    ),
  ];
  await checkMembers(context, organisationIds, moderatorIds);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    if (await communityNameTaken(tx, input.name))
      throw conflict(`A community named "${input.name}" exists already.`);
    const created = await insertCommunity(tx, { name: input.name, description: input.description }, now);
    await setCommunityOrganisations(tx, created, organisationIds);
    await setCommunityModerators(tx, created, moderatorIds);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "community.create",
        targetType: "community",
        targetId: created,
        details: { name: input.name, organisationIds, moderatorIds },
      },
      now,
    );
    return created;
  });
  return visible(context, actor, id);
}

async function mayManage(
  context: ServerContext,
  actor: Actor,
  id: string,
): Promise<{ organisationIds: string[]; moderatorIds: string[] }> {
  await visible(context, actor, id);
  const membership = await communityMembership(context.db, id);
  if (!membership) throw notFound("community");
  const decision = communityPolicy.manage(actor, membership);
  if (!decision.allowed) throw forbidden(decision.reason);
  return membership;
}

export async function changeCommunity(
  context: ServerContext,
  actor: Actor,
  id: string,
  input: Update,
): Promise<Community> {
  const membership = await mayManage(context, actor, id);
  const organisationIds = input.organisationIds ?? membership.organisationIds;
  const moderatorIds = input.moderatorIds ?? membership.moderatorIds;
  if (moderatorIds.length === 0)
    throw invalid("A community needs at least one moderator.", [
      { path: "body.moderatorIds", message: "Name at least one moderator." },
    ]);
  await checkMembers(context, organisationIds, moderatorIds);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (input.name && (await communityNameTaken(tx, input.name, id)))
      throw conflict(`A community named "${input.name}" exists already.`);
    await updateCommunity(
      tx,
      id,
      {
        ...(input.name ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      },
      now,
    );
    if (input.organisationIds) await setCommunityOrganisations(tx, id, organisationIds);
    if (input.moderatorIds) await setCommunityModerators(tx, id, moderatorIds);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "community.update",
        targetType: "community",
        targetId: id,
        details: {
          fields: Object.keys(input).sort(),
          organisationIds: input.organisationIds ?? null,
          moderatorIds: input.moderatorIds ?? null,
        },
      },
      now,
    );
  });
  return visible(context, actor, id);
}

export async function removeCommunity(context: ServerContext, actor: Actor, id: string): Promise<void> {
  await mayManage(context, actor, id);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await deleteCommunity(tx, id);
    await appendAudit(
      tx,
      { actorId: actor.userId, action: "community.delete", targetType: "community", targetId: id },
      now,
    );
  });
}
