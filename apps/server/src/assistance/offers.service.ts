// Assistance offers: published by providers, seen under the TLP rule of shared items (CLEAR by
// default: everyone signed in), in SQL through visibleAssistanceOffers.
import type { Offer, OfferCreate, OfferListQuery, OfferUpdate } from "@bulwark/contracts";
import {
  type Actor,
  type AssistanceViewer,
  checkOfferPublishing,
  type OfferAbilities,
  type OfferFacts,
  type OfferStatus,
  offerAbilities,
  type SharingAudience,
  TLP_BANNERS,
  type TlpMarking,
} from "@bulwark/core";
import {
  audiencesOf,
  findOffer,
  insertOffer,
  listOffers,
  type OfferRecord,
  offerAudienceOf,
  updateOffer,
} from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { assistanceViewerOf, audienceCounts, audited, checkRecipients, must } from "./viewer.ts";

type Create = z.output<typeof OfferCreate>;
type Update = z.output<typeof OfferUpdate>;

const factsOf = (record: OfferRecord, audience: SharingAudience): OfferFacts => ({
  recorderId: record.recorder.id,
  organisationId: record.organisation.id,
  tlp: record.tlp as TlpMarking,
  audience,
  status: record.status as OfferStatus,
});

const present = (record: OfferRecord, abilities: OfferAbilities): Offer => ({
  ...record,
  themes: record.themes as Offer["themes"],
  sectors: record.sectors as Offer["sectors"],
  regions: record.regions as Offer["regions"],
  languages: record.languages as Offer["languages"],
  modalities: record.modalities as Offer["modalities"],
  status: record.status as OfferStatus,
  tlp: record.tlp as TlpMarking,
  banner: TLP_BANNERS[record.tlp as TlpMarking],
  abilities: { edit: abilities.mayEdit },
});

export interface SeenOffer {
  readonly record: OfferRecord;
  readonly facts: OfferFacts;
  readonly abilities: OfferAbilities;
}

/** The offer as this viewer may see it, or 404. */
export async function seenOffer(
  context: ServerContext,
  viewer: AssistanceViewer,
  id: string,
): Promise<SeenOffer> {
  const record = await findOffer(context.db, viewer, id);
  if (!record) throw notFound("assistance offer");
  const facts = factsOf(record, await offerAudienceOf(context.db, id));
  const abilities = offerAbilities(viewer, facts);
  if (!abilities.maySee) throw notFound("assistance offer");
  return { record, facts, abilities };
}

export async function offerDetail(context: ServerContext, caller: Actor, id: string): Promise<Offer> {
  const viewer = await assistanceViewerOf(context, caller);
  const { record, abilities } = await seenOffer(context, viewer, id);
  return present(record, abilities);
}

/** The offers the viewer may see, with their facts (for lists and matching). */
export async function visibleOffers(
  context: ServerContext,
  viewer: AssistanceViewer,
  query: z.output<typeof OfferListQuery>,
): Promise<{ items: SeenOffer[]; total: number }> {
  const page = await listOffers(context.db, viewer, query);
  const audiences = await audiencesOf(
    context.db,
    "offers",
    page.items.map((item) => item.id),
  );
  const items = page.items.flatMap((record) => {
    const facts = factsOf(
      record,
      audiences.get(record.id) ?? { communityIds: [], organisationIds: [], userIds: [] },
    );
    const abilities = offerAbilities(viewer, facts);
    return abilities.maySee ? [{ record, facts, abilities }] : [];
  });
  return { items, total: page.total };
}

export async function offerList(
  context: ServerContext,
  caller: Actor,
  query: z.output<typeof OfferListQuery>,
): Promise<{ items: Offer[]; total: number }> {
  const viewer = await assistanceViewerOf(context, caller);
  const page = await visibleOffers(context, viewer, query);
  return { items: page.items.map(({ record, abilities }) => present(record, abilities)), total: page.total };
}

export async function publishOffer(context: ServerContext, caller: Actor, input: Create): Promise<Offer> {
  const viewer = await assistanceViewerOf(context, caller);
  must(checkOfferPublishing(viewer, input.tlp, input.audience));
  await checkRecipients(context, caller, input.audience);
  const { audience, ...fields } = input;
  const now = context.clock();
  const id = await context.db.transaction(async (tx) => {
    const created = await insertOffer(tx, {
      ...fields,
      organisationId: caller.organisationId,
      recorderId: caller.userId,
      audience,
      now,
    });
    await audited(tx, caller, "assistance-offer", created, "assistance.offer.publish", now, {
      tlp: input.tlp,
      themes: input.themes,
      audience: audienceCounts(audience),
    });
    return created;
  });
  return offerDetail(context, caller, id);
}

export async function changeOffer(
  context: ServerContext,
  caller: Actor,
  id: string,
  input: Update,
): Promise<Offer> {
  const viewer = await assistanceViewerOf(context, caller);
  const seen = await seenOffer(context, viewer, id);
  if (!seen.abilities.mayEdit) throw forbidden("Only the organisation that published this offer changes it.");
  if (input.tlp && input.audience) {
    must(checkOfferPublishing(viewer, input.tlp, input.audience));
    await checkRecipients(context, caller, input.audience);
  }
  const from = input.availableFrom === undefined ? seen.record.availableFrom : input.availableFrom;
  const until = input.availableUntil === undefined ? seen.record.availableUntil : input.availableUntil;
  if (from && until && from > until)
    throw invalid("The window ends before it begins.", [
      { path: "body.availableUntil", message: "The window ends before it begins." },
    ]);
  const now = context.clock();
  await context.db.transaction(async (tx) => {
    await updateOffer(tx, id, input, now);
    await audited(tx, caller, "assistance-offer", id, "assistance.offer.update", now, {
      fields: Object.keys(input).sort(),
      ...(input.tlp ? { tlp: input.tlp } : {}),
      ...(input.audience ? { audience: audienceCounts(input.audience) } : {}),
    });
  });
  return offerDetail(context, caller, id);
}
