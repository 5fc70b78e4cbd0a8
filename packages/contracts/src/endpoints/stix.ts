// STIX 2.1 export (bundles offered as downloads) and import endpoints, spread into the endpoint
// table in ../endpoints.ts. The TAXII 2.1 server (/taxii2/) speaks its own media type and errors
// and is not in this table.
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  STIX_MEDIA_TYPE,
  StixBrowseQuery,
  StixBundleBody,
  StixCollectionObjects,
  StixCollectionParams,
  StixCollections,
  StixExportRequest,
  StixImportQuery,
  StixImportReport,
  StixObjectDetail,
  StixObjectParams,
} from "../stix.ts";

export const stixEndpoints = {
  exportSharedItemStix: {
    method: "GET",
    path: "/api/sharing/items/:id/stix",
    summary:
      "One published or withdrawn item you may see as a STIX 2.1 bundle: the item (report or incident), its author's identity, its TLP 2.0 marking and Bulwark's extension definition. Personal data is always pseudonymised.",
    tag: "sharing",
    auth: "user",
    params: IdParams,
    status: 200,
    file: STIX_MEDIA_TYPE,
  },
  exportSharingStix: {
    method: "POST",
    path: "/api/sharing/stix/export",
    summary:
      "The published and withdrawn items you may see, named by id and/or matching the feed's filters, as one STIX 2.1 bundle (items you may not see are left out, as if they did not exist).",
    tag: "sharing",
    auth: "user",
    token: "read",
    body: StixExportRequest,
    status: 200,
    file: STIX_MEDIA_TYPE,
  },
  exportRegistryStix: {
    method: "GET",
    path: "/api/registry/stix",
    summary:
      "The assets you may read as a STIX 2.1 bundle: x-bulwark-critical-asset objects (with the extension definition), their operators as identities, locations, and the dependencies between them.",
    tag: "registry",
    auth: "user",
    status: 200,
    file: STIX_MEDIA_TYPE,
  },
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
  listStixCollectionObjects: {
    method: "GET",
    path: "/api/sharing/stix/collections/:id/objects",
    summary:
      "The latest version you may see of each object in one of your communities' collections, newest addition first, with filters (type, name text, TLP) and counts per type. Not a member: 404.",
    tag: "sharing",
    auth: "user",
    params: StixCollectionParams,
    query: StixBrowseQuery,
    status: 200,
    response: StixCollectionObjects,
  },
  getStixCollectionObject: {
    method: "GET",
    path: "/api/sharing/stix/collections/:id/objects/:stixId",
    summary:
      "The latest version you may see of one object in a collection, with its full STIX JSON (404 when you may see none).",
    tag: "sharing",
    auth: "user",
    params: StixObjectParams,
    status: 200,
    response: StixObjectDetail,
  },
} as const satisfies Record<string, EndpointDef>;
