// What the compose screen needs: the "who will see this" preview, the people a RED item may name,
// and the organisation's four-eyes setting (kept in sharing_organisation_settings, changed by the
// organisation's administrators).
import type { AudiencePreview, AudiencePreviewRequest, SharingSettings } from "@bulwark/contracts";
import { type Actor, checkComposition, hasRole, TLP_BANNERS, widestPublishable } from "@bulwark/core";
import {
  appendAudit,
  listAddressablePeople,
  previewAudience,
  readFourEyes,
  writeFourEyes,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { forbidden } from "../errors.ts";
import { viewerOf } from "./sharing.service.ts";

export async function preview(
  context: ServerContext,
  caller: Actor,
  input: z.output<typeof AudiencePreviewRequest>,
): Promise<AudiencePreview> {
  const viewer = await viewerOf(context, caller);
  const decision = checkComposition(viewer, input.tlp, input.audience, { forSubmission: false });
  if (!decision.allowed) throw forbidden(decision.reason);
  const reached = await previewAudience(context.db, {
    tlp: input.tlp,
    audience: input.audience,
    authorOrganisationId: caller.organisationId,
  });
  const people =
    input.tlp === "red"
      ? reached.people.length
      : reached.organisations.reduce((sum, organisation) => sum + organisation.people, 0);
  return {
    everyone: reached.everyone,
    organisations: reached.organisations,
    people: reached.people.map(({ id, name }) => ({ id, name })),
    organisationCount:
      input.tlp === "red"
        ? new Set(reached.people.map((p) => p.organisationId)).size
        : reached.organisations.length,
    peopleCount: people,
    rule: TLP_BANNERS[input.tlp].text,
  };
}

export async function addressablePeople(context: ServerContext, caller: Actor) {
  const rows = await listAddressablePeople(context.db, caller.organisationId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    organisation: { id: row.organisationId, name: row.organisationName },
  }));
}

export async function sharingSettings(context: ServerContext, caller: Actor): Promise<SharingSettings> {
  return {
    requiresFourEyes: await readFourEyes(context.db, caller.organisationId),
    widestMarking: widestPublishable(caller.roles),
  };
}

export async function updateSharingSettings(
  context: ServerContext,
  caller: Actor,
  input: { requiresFourEyes: boolean },
): Promise<SharingSettings> {
  if (!hasRole(caller, "organisation-admin"))
    throw forbidden("Only your organisation's administrators change its sharing settings.");
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await writeFourEyes(tx, caller.organisationId, input.requiresFourEyes, now);
    await appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "sharing.settings",
        targetType: "organisation",
        targetId: caller.organisationId,
        details: { requiresFourEyes: input.requiresFourEyes },
      },
      now,
    );
  });
  return sharingSettings(context, caller);
}
