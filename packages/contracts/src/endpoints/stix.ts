// STIX 2.1 import endpoints, spread into the endpoint table in ../endpoints.ts. The TAXII 2.1
// server (/taxii2/) speaks its own media type and errors and is not in this table.
import type { EndpointDef } from "../endpoint-def.ts";
import { StixBundleBody, StixCollections, StixImportQuery, StixImportReport } from "../stix.ts";

export const stixEndpoints = {
  importStixBundle: {
    method: "POST",
    path: "/api/sharing/stix/imports",
    summary:
      "Import a STIX 2.1 bundle (the request body) into a community's collection: all-or-nothing checks, then each object added, skipped as a duplicate, or refused with a reason.",
    tag: "sharing",
    auth: "user",
    query: StixImportQuery,
    body: StixBundleBody,
    bodyLimit: 100 * 1024 * 1024,
    status: 200,
    response: StixImportReport,
  },
  listStixCollections: {
    method: "GET",
    path: "/api/sharing/stix/collections",
    summary:
      "The STIX collections (one per community of your organisation) and whether you may read and write them.",
    tag: "sharing",
    auth: "user",
    status: 200,
    response: StixCollections,
  },
} as const satisfies Record<string, EndpointDef>;
