// Payloads of STIX 2.1 import into a community's collection (ADR 0009). The bundle itself is the
// request body, as MISP, OpenCTI and MITRE export it: the server checks it in one pass
// (@bulwark/core's checkStixBundle) rather than through a zod schema, which would copy every object.
import { z } from "zod";
import { Id } from "./common.ts";
import { Tlp } from "./sharing.ts";

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
