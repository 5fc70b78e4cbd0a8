// STIX 2.1 export endpoints (bundles offered as downloads), spread into the endpoint table.
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import { STIX_MEDIA_TYPE, StixExportRequest } from "../stix.ts";

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
} as const satisfies Record<string, EndpointDef>;
