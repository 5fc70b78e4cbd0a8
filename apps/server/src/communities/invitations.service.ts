// Invitations into communities: moderators invite, the invited organisation's administrators
// accept or decline, and an organisation's administrators may take it out again. Each step is
// audited with the state or membership before and after (ids only).
import type { CommunityInvitation } from "@bulwark/contracts";
import { type Actor, communityPolicy, isPlatformAdmin, userPolicy } from "@bulwark/core";
import {
  addCommunityOrganisation,
  appendAudit,
  closeInvitation,
  communityMembership,
  getInvitation,
  type InvitationRecord,
  type InvitationState,
  listInvitations,
  missingIds,
  removeCommunityOrganisation,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { invite, visible } from "./communities.service.ts";

export async function invitationsOf(
  context: ServerContext,
  actor: Actor,
  query: { state?: InvitationState | undefined; organisationId?: string | undefined },
): Promise<CommunityInvitation[]> {
  const organisationId = query.organisationId ?? actor.organisationId;
  if (organisationId !== actor.organisationId && !isPlatformAdmin(actor))
    throw forbidden("You see the invitations of your own organisation only.");
  return listInvitations(context.db, { organisationId, state: query.state ?? "pending" });
}

export async function inviteOrganisation(
  context: ServerContext,
  actor: Actor,
  communityId: string,
  organisationId: string,
): Promise<CommunityInvitation> {
  await visible(context, actor, communityId);
  const membership = await communityMembership(context.db, communityId);
  if (!membership) throw notFound("community");
  const decision = communityPolicy.invite(actor, membership);
  if (!decision.allowed) throw forbidden(decision.reason);
  if ((await missingIds(context.db, "organisations", [organisationId])).length > 0)
    throw invalid("The organisation does not exist.", [
      { path: "body.organisationId", message: "No such organisation." },
    ]);
  if (membership.organisationIds.includes(organisationId))
    throw conflict("This organisation is a member of the community already.");
  const pending = await listInvitations(context.db, { communityId, organisationId, state: "pending" });
  if (pending.length > 0) throw conflict("This organisation has a pending invitation already.");
  const now = context.clock();
  const id = await context.db.transaction((tx) => invite(tx, actor, communityId, organisationId, now));
  const created = await getInvitation(context.db, id);
  if (!created) throw notFound("invitation");
  return created;
}

/**
 * An invitation is visible to the invited organisation, to the community's members (who see it
 * on the community's page) and to oversight; to anyone else it does not exist.
 */
async function visibleInvitation(context: ServerContext, actor: Actor, id: string) {
  const invitation = await getInvitation(context.db, id);
  if (!invitation) throw notFound("invitation");
  const membership = await communityMembership(context.db, invitation.community.id);
  const sees =
    invitation.organisation.id === actor.organisationId ||
    (membership?.organisationIds.includes(actor.organisationId) ?? false) ||
    userPolicy.readScope(actor).kind === "all";
  if (!sees || !membership) throw notFound("invitation");
  return { invitation, membership };
}

const stillPending = (invitation: InvitationRecord) => {
  if (invitation.state !== "pending") throw conflict({ key: `communities.invitation.${invitation.state}` });
};

export async function decideInvitation(
  context: ServerContext,
  actor: Actor,
  id: string,
  decision: "accept" | "decline",
): Promise<CommunityInvitation> {
  const { invitation, membership } = await visibleInvitation(context, actor, id);
  const allowed = communityPolicy.decide(actor, invitation.organisation.id);
  if (!allowed.allowed) throw forbidden(allowed.reason);
  stillPending(invitation);
  const state = decision === "accept" ? "accepted" : "declined";
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await closeInvitation(tx, id, state, actor.userId, now)))
      throw conflict("This invitation was decided meanwhile.");
    if (state === "accepted")
      await addCommunityOrganisation(tx, invitation.community.id, invitation.organisation.id);
    const after = state === "accepted" ? [...membership.organisationIds, invitation.organisation.id] : null;
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: `community.invitation-${decision}`,
        targetType: "community",
        targetId: invitation.community.id,
        details: {
          invitationId: id,
          organisationId: invitation.organisation.id,
          state: { before: "pending", after: state },
          organisationIds: after ? { before: membership.organisationIds, after } : null,
        },
      },
      now,
    );
  });
  const decided = await getInvitation(context.db, id);
  if (!decided) throw notFound("invitation");
  return decided;
}

export async function withdrawInvitation(context: ServerContext, actor: Actor, id: string): Promise<void> {
  const { invitation, membership } = await visibleInvitation(context, actor, id);
  const decision = communityPolicy.invite(actor, membership);
  if (!decision.allowed) throw forbidden(decision.reason);
  stillPending(invitation);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    if (!(await closeInvitation(tx, id, "withdrawn", actor.userId, now)))
      throw conflict("This invitation was decided meanwhile.");
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "community.invitation-withdraw",
        targetType: "community",
        targetId: invitation.community.id,
        details: {
          invitationId: id,
          organisationId: invitation.organisation.id,
          state: { before: "pending", after: "withdrawn" },
        },
      },
      now,
    );
  });
}

/** An organisation leaves a community (or is taken out); its people stop moderating it. */
export async function leaveCommunity(
  context: ServerContext,
  actor: Actor,
  communityId: string,
  organisationId: string,
): Promise<void> {
  await visible(context, actor, communityId);
  const membership = await communityMembership(context.db, communityId);
  if (!membership?.organisationIds.includes(organisationId)) throw notFound("member organisation");
  const decision = communityPolicy.removeOrganisation(actor, membership, organisationId);
  if (!decision.allowed) throw forbidden(decision.reason);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await removeCommunityOrganisation(tx, communityId, organisationId);
    const after = await communityMembership(tx, communityId);
    await appendAudit(
      tx,
      {
        actorId: actor.userId,
        action: "community.leave",
        targetType: "community",
        targetId: communityId,
        details: {
          organisationId,
          organisationIds: { before: membership.organisationIds, after: after?.organisationIds ?? [] },
          moderatorIds: { before: membership.moderatorIds, after: after?.moderatorIds ?? [] },
        },
      },
      now,
    );
  });
}
