// maySeeStixObject of @bulwark/core written as one SQL filter over `stix_objects` (ADR 0009). Every
// query that reads the table goes through it; tests compare its answers with the pure rule.
import type { SharingViewer } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import { sqlArray } from "../scope.ts";

/**
 * Rows of `stix_objects` the viewer may read. `alias` names the table when a query reads it twice
 * (TAXII's first and last versions compare a row with the other versions the viewer may see).
 */
export function visibleStixObjects(viewer: SharingViewer, alias = "stix_objects"): SQL {
  const t = sql.raw(alias);
  return sql`(${t}.collection_id = any(${sqlArray(viewer.communityIds, "uuid")})
    and (${t}.tlp in ('clear', 'green', 'amber')
      or (${t}.tlp = 'amber+strict' and ${t}.owner_organisation_id = ${viewer.organisationId})))`;
}
