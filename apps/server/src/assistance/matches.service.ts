// Matches: the open offers the reader may see for a need it may see, or the open needs it may see
// for an offer it may see, ranked by core's scoring with their reasons. Both sides come through
// the visibility filters, so a match never reveals a need or an offer hidden from the reader.
import type { AssistanceMatches, MatchQuery } from "@bulwark/contracts";
import {
  type Actor,
  type AssistanceModality,
  type Language,
  type Match,
  type NeedProfile,
  type NeedUrgency,
  type OfferProfile,
  type Region,
  rankNeeds,
  rankOffers,
  regionOfCountry,
  type Theme,
} from "@bulwark/core";
import type { NeedRecord, OfferRecord } from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { seenNeed, visibleNeeds } from "./needs.service.ts";
import { seenOffer, visibleOffers } from "./offers.service.ts";
import { assistanceViewerOf, today } from "./viewer.ts";

/** How many candidates one ranking reads at most (the newest, or the most urgent, first). */
const CANDIDATES = 500;

const needProfile = (record: NeedRecord): NeedProfile => ({
  id: record.id,
  theme: record.theme as Theme,
  modality: record.modality as AssistanceModality,
  languages: record.languages as Language[],
  region: regionOfCountry(record.organisation.country),
  neededBy: record.neededBy,
  urgency: record.urgency as NeedUrgency,
});

const offerProfile = (record: OfferRecord): OfferProfile => ({
  id: record.id,
  themes: record.themes as Theme[],
  modalities: record.modalities as AssistanceModality[],
  regions: record.regions as Region[],
  languages: record.languages as Language[],
  availableFrom: record.availableFrom,
  availableUntil: record.availableUntil,
  remainingCapacity: record.capacity === null ? null : record.capacity - record.active,
});

const side = (record: NeedRecord | OfferRecord) => ({
  id: record.id,
  title: record.title,
  organisation: { id: record.organisation.id, name: record.organisation.name },
});

export async function matches(
  context: ServerContext,
  caller: Actor,
  query: z.output<typeof MatchQuery>,
): Promise<AssistanceMatches> {
  const viewer = await assistanceViewerOf(context, caller);
  const day = today(context);
  const present = (ranked: Match[], needs: Map<string, NeedRecord>, offers: Map<string, OfferRecord>) =>
    ranked.flatMap((match) => {
      const need = needs.get(match.needId);
      const offer = offers.get(match.offerId);
      return need && offer
        ? [
            {
              need: side(need),
              offer: side(offer),
              score: match.score,
              reasons: match.reasons.map((r) => ({ ...r, values: [...r.values] })),
            },
          ]
        : [];
    });
  if (query.need) {
    const { record: need } = await seenNeed(context, viewer, query.need);
    const offers = await visibleOffers(context, viewer, {
      status: "open",
      theme: need.theme as Theme,
      limit: CANDIDATES,
      offset: 0,
    });
    // An organisation's own offers are no help to its own need.
    const records = offers.items
      .map((o) => o.record)
      .filter((o) => o.organisation.id !== need.organisation.id);
    const ranked = rankOffers(needProfile(need), records.map(offerProfile), day);
    return {
      items: present(ranked, new Map([[need.id, need]]), new Map(records.map((o) => [o.id, o]))),
    };
  }
  if (!query.offer) return { items: [] };
  const { record: offer } = await seenOffer(context, viewer, query.offer);
  const needs = await visibleNeeds(context, viewer, {
    status: "open",
    themes: offer.themes,
    limit: CANDIDATES,
    offset: 0,
  });
  const records = needs.items.map((n) => n.record).filter((n) => n.organisation.id !== offer.organisation.id);
  const ranked = rankNeeds(offerProfile(offer), records.map(needProfile), day);
  return { items: present(ranked, new Map(records.map((n) => [n.id, n])), new Map([[offer.id, offer]])) };
}
