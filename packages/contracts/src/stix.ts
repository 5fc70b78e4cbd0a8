// STIX 2.1 export: what a request for a set of items names, and the media type bundles go out as.
import { z } from "zod";
import { Id, Sector } from "./common.ts";
import { SharedItemType, Tlp } from "./sharing.ts";

/** The STIX media type (IANA registration application/stix+json, version parameter). */
export const STIX_MEDIA_TYPE = "application/stix+json;version=2.1";
/** The most items one export names or matches. */
export const STIX_EXPORT_MAX_ITEMS = 1000;

export const StixExportFilter = z
  .object({
    q: z.string().trim().max(200).optional().describe("Text in the title or body."),
    tlp: z.array(Tlp).max(5).optional(),
    type: SharedItemType.optional(),
    sector: Sector.optional(),
    unread: z.boolean().optional().describe("Only items you have not opened."),
    sent: z.boolean().optional().describe("Only items from your organisation."),
  })
  .describe("The feed's filters: the published and withdrawn items you may see that match them.");

export const StixExportRequest = z
  .object({
    ids: z
      .array(Id)
      .max(STIX_EXPORT_MAX_ITEMS)
      .transform((values) => [...new Set(values)])
      .optional()
      .describe("Items to export; any you may not see (or that do not exist) are left out."),
    filter: StixExportFilter.optional(),
  })
  .refine((request) => request.ids !== undefined || request.filter !== undefined, {
    message: "Name items (ids), filters (filter) or both.",
  })
  .describe(
    `Items by id and/or by the feed's filters (both: the named items that match). At most ${STIX_EXPORT_MAX_ITEMS} items.`,
  );
export type StixExportRequest = z.input<typeof StixExportRequest>;
