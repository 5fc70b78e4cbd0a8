// Organisations' 24/7 points of contact (issue 18). Personal data: read only through the
// repository's contactsVisible (the organisation's own members; members of organisations involved
// together in an open incident they see), written by the organisation's administrators only, and
// audited as a count, never as names or numbers.
import type { ContactsReplace } from "@bulwark/contracts";
import { type Actor, checkContactsWrite } from "@bulwark/core";
import {
  appendAudit,
  contactCount,
  incidentContactList,
  readContacts,
  replaceContacts,
  sharingViewer,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { forbidden, notFound } from "../errors.ts";

export async function organisationContactList(context: ServerContext, caller: Actor, organisationId: string) {
  const viewer = await sharingViewer(context.db, caller);
  const found = await readContacts(context.db, viewer, organisationId);
  if (!found) throw notFound("organisation");
  return found;
}

export async function replaceOrganisationContacts(
  context: ServerContext,
  caller: Actor,
  organisationId: string,
  input: z.output<typeof ContactsReplace>,
) {
  const decision = checkContactsWrite(caller, organisationId);
  if (!decision.allowed) {
    // An organisation one may not read the contacts of stays "not found", as on GET.
    await organisationContactList(context, caller, organisationId);
    throw forbidden(decision.reason);
  }
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    const before = await contactCount(tx, organisationId);
    await replaceContacts(tx, organisationId, input.contacts, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "organisations.contacts",
        targetType: "organisation",
        targetId: organisationId,
        details: { before, after: input.contacts.length },
      },
      now,
    );
  });
  return organisationContactList(context, caller, organisationId);
}

export async function incidentContacts(context: ServerContext, caller: Actor, incidentId: string) {
  const viewer = await sharingViewer(context.db, caller);
  const organisations = await incidentContactList(context.db, viewer, incidentId);
  if (!organisations) throw notFound("incident");
  return { organisations };
}
