// maySeeStixObject and servedStixOwner of @bulwark/core written as one SQL filter over
// `stix_objects` (ADR 0009, ADR 0015). Every query that reads the table goes through it; tests
// compare its answers with the pure rules.
import type { SharingViewer } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import { sqlArray } from "../scope.ts";

/**
 * Rows of `stix_objects` (under that name) the viewer may read and is served: of each object, only
 * the versions of one owner's lineage (servedStixOwner), so another organisation's versions of an
 * id are never shown as the owner's.
 */
export function visibleStixObjects(viewer: SharingViewer): SQL {
  return sql`(stix_objects.collection_id = any(${sqlArray(viewer.communityIds, "uuid")})
    and ${visibleStixMarking(viewer, "stix_objects")}
    and stix_objects.owner_organisation_id = ${servedOwner(viewer, "stix_objects")})`;
}

/**
 * The owner of the lineage of the object of row `alias` that the viewer is served, as a scalar
 * subquery: among the versions of that id in that collection the viewer may see, their own
 * organisation's first, then Bulwark's own mirror of an item (its author owns it), then the one
 * added earliest. Only what the viewer sees decides, so the choice tells them nothing of what
 * they may not see.
 */
function servedOwner(viewer: SharingViewer, alias: string): SQL {
  const t = sql.raw(alias);
  return sql`(select served.owner_organisation_id from stix_objects as served
    where served.collection_id = ${t}.collection_id and served.stix_id = ${t}.stix_id
      and ${visibleStixMarking(viewer, "served")}
    order by served.owner_organisation_id = ${viewer.organisationId} desc, served.source = 'bulwark' desc,
      served.date_added
    limit 1)`;
}

/**
 * The marking half of the rule alone, for a second read of the table (`alias`) limited to rows of
 * a collection the first read has already passed through visibleStixObjects: TAXII's first and last
 * versions compare a row with the other versions of the same object the viewer may see. Without
 * the membership test, PostgreSQL answers it from the (collection, id, owner, version) index.
 */
export function visibleStixMarking(viewer: SharingViewer, alias: string): SQL {
  const t = sql.raw(alias);
  return sql`((${t}.tlp in ('clear', 'green', 'amber')
      or (${t}.tlp = 'amber+strict' and ${t}.owner_organisation_id = ${viewer.organisationId}))
    and ${stixPublished(alias)})`;
}

/**
 * Rows of `alias` not hidden by a STIX import still staged (ADR 0047): while an import's slices of a
 * collection are listed in staged_stix_slices, the collection is read only up to its first staged
 * date_added, for every viewer (its own writer included). So nobody sees part of an import, and what
 * a collection shows only grows at its end: a TAXII client paging by date_added misses nothing
 * published later. Every read of stix_objects goes through visibleStixMarking, which includes it.
 */
export function stixPublished(alias: string): SQL {
  const t = sql.raw(alias);
  return sql`not exists (select 1 from staged_stix_slices as staged
      where staged.collection_id = ${t}.collection_id and staged.first_added <= ${t}.date_added)`;
}
