// Writing notifications when something asks something of someone: a published item tells its
// recipients (as listRecipients reaches them under the TLP rule: RED the named people, else the
// people of the addressed organisations and communities' members, never the author's organisation),
// an item awaiting approval tells its organisation's approvers, a compendium proposal the
// compendium's moderators (isCompendiumModerator), an invitation into a community the invited
// organisation's administrators (who accept or decline it). Called inside the change's
// transaction, so a notification exists exactly when the change does.
import { APPROVAL_REQUEST_ROLES, INVITATION_ROLES, isCompendiumModerator } from "@bulwark/core";
import { activeActorsWithRoles, type Executor, listRecipients, membersWithRoles, notify } from "@bulwark/db";

interface ItemFacts {
  id: string;
  tlp: string;
  authorId: string;
  authorOrganisationId: string;
}

/**
 * A published item (or one reshared to more people) reaches each recipient once. `alongside`: a
 * change of the item's row run in the statement that finds the recipients (see listRecipients).
 */
export async function notifyRecipients(
  db: Executor,
  item: ItemFacts,
  actorId: string,
  now: Date,
  alongside?: Parameters<typeof listRecipients>[2],
) {
  const recipients = await listRecipients(db, item, alongside);
  return notify(
    db,
    recipients.map((recipient) => ({
      userId: recipient.userId,
      kind: "item-new" as const,
      subjectType: "shared-item" as const,
      subjectId: item.id,
      dedupeKey: `item-new:${item.id}`,
      actorId,
    })),
    now,
  );
}

/** An item awaiting a second person's approval: its organisation's approvers, never its author. */
export async function notifyApprovers(db: Executor, item: ItemFacts, now: Date) {
  const approvers = await membersWithRoles(
    db,
    item.authorOrganisationId,
    APPROVAL_REQUEST_ROLES,
    item.authorId,
  );
  return notify(
    db,
    approvers.map((userId) => ({
      userId,
      kind: "approval-request" as const,
      subjectType: "shared-item" as const,
      subjectId: item.id,
      dedupeKey: `approval-request:${item.id}`,
      actorId: item.authorId,
    })),
    now,
  );
}

/** A new compendium proposal: the compendium's moderators, as the policy names them (not its author). */
export async function notifyModerators(db: Executor, proposalId: string, authorId: string, now: Date) {
  const candidates = await activeActorsWithRoles(db, ["platform-admin", "coordinator"]);
  return notify(
    db,
    candidates
      .filter((actor) => isCompendiumModerator(actor) && actor.userId !== authorId)
      .map((actor) => ({
        userId: actor.userId,
        kind: "proposal-review" as const,
        subjectType: "compendium-proposal" as const,
        subjectId: proposalId,
        dedupeKey: `proposal-review:${proposalId}`,
        actorId: authorId,
      })),
    now,
  );
}

/** An invitation into a community: the invited organisation's administrators. */
export async function notifyInvited(
  db: Executor,
  invitation: { id: string; organisationId: string },
  actorId: string,
  now: Date,
) {
  const admins = await membersWithRoles(db, invitation.organisationId, INVITATION_ROLES);
  return notify(
    db,
    admins.map((userId) => ({
      userId,
      kind: "invitation" as const,
      subjectType: "community-invitation" as const,
      subjectId: invitation.id,
      dedupeKey: `invitation:${invitation.id}`,
      actorId,
    })),
    now,
  );
}
