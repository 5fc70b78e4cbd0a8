// STIX 2.1 payloads: export (what a request for a set of items names, and the media type bundles
// go out as) and import into a community's collection (ADR 0009). An imported bundle is the
// request body, as MISP, OpenCTI and MITRE export it: the server checks it in one pass
// (@bulwark/core's checkStixBundle) rather than through a zod schema, which would copy every object.
import { z } from "zod";
import { Id, Sector, Tlp } from "./common.ts";
import { SharedItemType } from "./sharing.ts";

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

/** TLP an object is held under when it carries no TLP marking (RED is never held). */
export const StixDefaultTlp = Tlp.exclude(["red"]);

export const StixImportQuery = z.object({
  collection: Id.describe("The community whose collection receives the objects."),
  defaultTlp: StixDefaultTlp.default("amber").describe(
    "Marking for objects that carry no TLP marking of their own (default AMBER).",
  ),
});

export const StixBundleBody = z
  .unknown()
  .describe('A STIX 2.1 bundle: {"type": "bundle", "id": "bundle--<uuid>", "objects": [...]}.');

export const StixRefusal = z.object({
  index: z.number().int().describe("Position in the bundle's objects."),
  id: z.string(),
  reason: z.string(),
});

export const StixImportReport = z
  .object({
    collection: Id,
    total: z.number().int().describe("Objects in the bundle."),
    added: z.number().int().describe("New objects or new versions now held."),
    duplicates: z.number().int().describe("Versions already held (skipped)."),
    revoked: z.number().int().describe("Versions of objects already revoked (revocation is final)."),
    refused: z.array(StixRefusal).describe("Objects not taken, with why (their marking, mostly)."),
    dateAddedFirst: z.string().nullable(),
    dateAddedLast: z.string().nullable(),
  })
  .meta({ id: "StixImportReport" });
export type StixImportReport = z.infer<typeof StixImportReport>;

export const StixCollection = z.object({
  id: Id,
  title: z.string(),
  canRead: z.boolean(),
  canWrite: z.boolean(),
});
export const StixCollections = z.object({ collections: z.array(StixCollection) });
export type StixCollections = z.infer<typeof StixCollections>;

/** The most rows one page of a collection shows. */
export const STIX_BROWSE_MAX_LIMIT = 200;
export const StixSource = z.enum(["import", "taxii", "subscription", "bulwark"]);

export const StixCollectionParams = z.object({ id: Id.describe("The collection (community) id.") });
export const StixObjectParams = z.object({
  id: Id.describe("The collection (community) id."),
  stixId: z
    .string()
    .max(300)
    .regex(/^[a-z0-9][a-z0-9-]*--[0-9a-fA-F-]{36}$/, "Must be a STIX identifier (type--uuid).")
    .describe("The object's STIX id."),
});

export const StixBrowseQuery = z.object({
  limit: z.coerce.number().int().min(1).max(STIX_BROWSE_MAX_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  type: z
    .string()
    .trim()
    .max(250)
    .regex(/^[a-z0-9][a-z0-9-]*$/, "Must be a STIX type.")
    .optional()
    .describe("Only objects of this type (exact)."),
  q: z.string().trim().max(200).optional().describe("Case-insensitive text in the object's name."),
  tlp: StixDefaultTlp.optional().describe("Only objects held under this marking."),
});

export const StixObjectSummary = z
  .object({
    stixId: z.string(),
    type: z.string(),
    name: z.string().describe("The object's name, else its id."),
    tlp: StixDefaultTlp,
    source: StixSource,
    dateAdded: z.string().describe("When this version was added to the collection."),
    version: z.string(),
    revoked: z.boolean(),
    sharedItemId: Id.nullable().describe("The shared item it was made from (source bulwark)."),
  })
  .meta({ id: "StixObjectSummary" });
export type StixObjectSummary = z.infer<typeof StixObjectSummary>;

export const StixCollectionObjects = z
  .object({
    collection: StixCollection.pick({ id: true, title: true }),
    items: z.array(StixObjectSummary),
    total: z.number().int().describe("How many match all filters."),
    types: z
      .array(z.object({ type: z.string(), count: z.number().int() }))
      .describe("Objects per type, matching the other filters (q, tlp)."),
  })
  .meta({ id: "StixCollectionObjects" });
export type StixCollectionObjects = z.infer<typeof StixCollectionObjects>;

export const StixObjectDetail = StixObjectSummary.extend({
  object: z.record(z.string(), z.unknown()).describe("The object as held (latest visible version)."),
}).meta({ id: "StixObjectDetail" });
export type StixObjectDetail = z.infer<typeof StixObjectDetail>;
