// maySeeStixObject of @bulwark/core written as one SQL filter over `stix_objects` (ADR 0009). Every
// query that reads the table goes through it; tests compare its answers with the pure rule.
import type { SharingViewer } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import { sqlArray } from "../scope.ts";

/** Rows of `stix_objects` (under that name) the viewer may read. */
export function visibleStixObjects(viewer: SharingViewer): SQL {
  return sql`(stix_objects.collection_id = any(${sqlArray(viewer.communityIds, "uuid")})
    and ${visibleStixMarking(viewer, "stix_objects")})`;
}

/**
 * The marking half of the rule alone, for a second read of the table (`alias`) limited to rows of
 * a collection the first read has already passed through visibleStixObjects: TAXII's first and last
 * versions compare a row with the other versions of the same object the viewer may see. Without
 * the membership test, PostgreSQL answers it from the (collection, id, version) index.
 */
export function visibleStixMarking(viewer: SharingViewer, alias: string): SQL {
  const t = sql.raw(alias);
  return sql`(${t}.tlp in ('clear', 'green', 'amber')
      or (${t}.tlp = 'amber+strict' and ${t}.owner_organisation_id = ${viewer.organisationId}))`;
}
