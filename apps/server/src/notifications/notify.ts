// Writing notifications when something asks something of someone: a published item tells its
// recipients (as listRecipients reaches them under the TLP rule: RED the named people, else the
// people of the addressed organisations and communities' members, never the author's organisation),
// an item awaiting approval tells its organisation's approvers. Called inside the change's
// transaction, so a notification exists exactly when the change does.
import { APPROVAL_REQUEST_ROLES } from "@bulwark/core";
import { type Executor, listRecipients, membersWithRoles, notify } from "@bulwark/db";

interface ItemFacts {
  id: string;
  tlp: string;
  authorId: string;
  authorOrganisationId: string;
}

/** A published item (or one reshared to more people) reaches each recipient once. */
export async function notifyRecipients(db: Executor, item: ItemFacts, actorId: string, now: Date) {
  const recipients = await listRecipients(db, item);
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
