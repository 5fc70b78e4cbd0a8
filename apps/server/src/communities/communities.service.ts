import type { Community, CommunityCreate, CommunityUpdate } from "@bulwark/contracts";
import { type Actor, communityPolicy } from "@bulwark/core";
import {
  appendAudit,
  closePendingInvitations,
  communityMembership,
  communityNameTaken,
  deleteCommunity,
  getCommunity,
  getUser,
  insertCommunity,
  insertInvitation,
  listInvitations,
  missingIds,
  setCommunityModerators,
  setCommunityOrganisations,
  type Transaction,
  updateCommunity,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { conflict, type FieldError, forbidden, invalid, notFound } from "../errors.ts";
import { notifyInvited } from "../notifications/notify.ts";

type Create = z.output<typeof CommunityCreate>;
type Update = z.output<typeof CommunityUpdate>;

export async function visible(context: ServerContext, actor: Actor, id: string): Promise<Community> {
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
  const errors: FieldError[] = [
    ...missingOrgs.map((id) => ({
      path: "body.organisationIds",
      message: { key: "communities.noOrganisation" as const, values: { id } },
    })),
    ...missingUsers.map((id) => ({
      path: "body.moderatorIds",
      message: { key: "communities.noAccount" as const, values: { id } },
    })),
  ];
  if (errors.length === 0 && moderatorIds.length > 0) {
    const moderators = await Promise.all(moderatorIds.map((id) => getUser(context.db, { kind: "all" }, id)));
    for (const user of moderators) {
      if (user && !organisationIds.includes(user.organisationId))
        errors.push({
          path: "body.moderatorIds",
          message: { key: "communities.moderatorOutside" as const, values: { name: user.name } },
        });
    }
  }
  if (errors.length > 0) throw invalid({ key: "communities.invalidMembers" }, errors);
}

export async function createCommunity(
  context: ServerContext,
  actor: Actor,
  input: Create,
): Promise<Community> {
  const decision = communityPolicy.create(actor);
  if (!decision.allowed) throw forbidden(decision.reason);
  const direct = communityPolicy.addDirectly(actor).allowed;
  // The creator moderates unless others are named, and their organisation joins with them. Other
  // organisations are invited (a platform administrator adds them directly).
  const moderatorIds = input.moderatorIds.length > 0 ? input.moderatorIds : [actor.userId];
  const named = [...new Set(input.organisationIds)];
  const organisationIds = direct
    ? [...new Set(input.moderatorIds.length > 0 ? named : [...named, actor.organisationId])]
    : [actor.organisationId];
  const invited = named.filter((id) => !organisationIds.includes(id));
  await mustExist(context, invited);
  await checkMembers(context, organisationIds, moderatorIds);
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    if (await communityNameTaken(tx, input.name))
      throw conflict({ key: "communities.nameTaken", values: { name: input.name } });
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
        details: { organisationIds, moderatorIds, invited },
      },
      now,
    );
    for (const organisationId of invited) await invite(tx, actor, created, organisationId, now);
    return created;
  });
  return visible(context, actor, id);
}

/** Unknown organisation ids are refused before anything is written. */
async function mustExist(context: ServerContext, organisationIds: string[]): Promise<void> {
  const missing = await missingIds(context.db, "organisations", organisationIds);
  if (missing.length > 0)
    throw invalid(
      { key: "detail.noSuchOrganisations" },
      missing.map((id) => ({
        path: "body.organisationIds",
        message: { key: "communities.noOrganisation" as const, values: { id } },
      })),
    );
}

/** Record an invitation and its audit entry, in the caller's transaction. */
export async function invite(
  tx: Transaction,
  actor: Actor,
  communityId: string,
  organisationId: string,
  now: Date,
): Promise<string> {
  const invitationId = await insertInvitation(
    tx,
    { communityId, organisationId, invitedBy: actor.userId },
    now,
  );
  await appendAudit(
    tx,
    {
      actorId: actor.userId,
      action: "community.invite",
      targetType: "community",
      targetId: communityId,
      details: { organisationId, invitationId, state: { before: null, after: "pending" } },
    },
    now,
  );
  await notifyInvited(tx, { id: invitationId, organisationId }, actor.userId, now);
  return invitationId;
}

export async function mayManage(
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
  const direct = communityPolicy.addDirectly(actor).allowed;
  const wanted = input.organisationIds ? [...new Set(input.organisationIds)] : membership.organisationIds;
  const added = wanted.filter((org) => !membership.organisationIds.includes(org));
  // Moderators may take organisations out; organisations they add are invited instead.
  const organisationIds = direct ? wanted : wanted.filter((org) => !added.includes(org));
  const pending = direct
    ? []
    : (await listInvitations(context.db, { communityId: id, state: "pending" })).map(
        (invitation) => invitation.organisation.id,
      );
  const invited = direct ? [] : added.filter((org) => !pending.includes(org));
  const moderatorIds = input.moderatorIds ?? membership.moderatorIds;
  if (moderatorIds.length === 0)
    throw invalid("A community needs at least one moderator.", [
      { path: "body.moderatorIds", message: "Name at least one moderator." },
    ]);
  await mustExist(context, invited);
  await checkMembers(context, organisationIds, moderatorIds);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (input.name && (await communityNameTaken(tx, input.name, id)))
      throw conflict({ key: "communities.nameTaken", values: { name: input.name } });
    await updateCommunity(
      tx,
      id,
      {
        ...(input.name ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      },
      now,
    );
    if (input.organisationIds) {
      await setCommunityOrganisations(tx, id, organisationIds);
      if (direct) await closePendingInvitations(tx, id, added, actor.userId, now);
    }
    if (input.moderatorIds) await setCommunityModerators(tx, id, moderatorIds);
    // Memberships feed the policy: recorded with their values before and after.
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "community.update",
        targetType: "community",
        targetId: id,
        details: {
          fields: Object.keys(input).sort(),
          organisationIds: input.organisationIds
            ? { before: membership.organisationIds, after: organisationIds }
            : null,
          moderatorIds: input.moderatorIds ? { before: membership.moderatorIds, after: moderatorIds } : null,
          invited,
        },
      },
      now,
    );
    for (const organisationId of invited) await invite(tx, actor, id, organisationId, now);
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
