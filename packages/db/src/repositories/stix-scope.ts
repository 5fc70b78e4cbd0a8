// maySeeStixObject of @bulwark/core written as one SQL filter over `stix_objects` (ADR 0009). Every
// query that reads the table goes through it; tests compare its answers with the pure rule.
import type { SharingViewer } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import { sqlArray } from "../scope.ts";

/** Rows of `stix_objects` (under that name) the viewer may read. */
export function visibleStixObjects(viewer: SharingViewer): SQL {
  return sql`(stix_objects.collection_id = any(${sqlArray(viewer.communityIds, "uuid")})
    and (stix_objects.tlp in ('clear', 'green', 'amber')
      or (stix_objects.tlp = 'amber+strict' and stix_objects.owner_organisation_id = ${viewer.organisationId})))`;
}
