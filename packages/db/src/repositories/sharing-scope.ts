// The TLP 2.0 rule of @bulwark/core (sharingAbilities(...).maySee) written as one SQL filter over
// `shared_items`. Every list, get, count, search, feed and acknowledgement query of the sharing
// repository goes through it; property tests compare its answers with the pure rule.
import { isSharingApprover, type SharingViewer } from "@bulwark/core";
import { type SQL, sql } from "drizzle-orm";
import { sqlArray } from "../scope.ts";

/**
 * A viewer whose user is named by SQL (a column of the query) rather than by a value: live updates
 * ask in one query which of several people of one organisation, with the same roles, may see an
 * item (apps/server/src/live), under the very rule every route reads through.
 */
export type SharingViewerOf = Omit<SharingViewer, "userId"> & { readonly userId: string | SQL };

/** Items (the table `shared_items`, under that name) the viewer may see. */
export function visibleSharedItems(viewer: SharingViewerOf): SQL {
  const approverOfOwn = isSharingApprover(viewer.roles)
    ? sql`or (shared_items.status in ('draft', 'awaiting-approval')
          and shared_items.author_organisation_id = ${viewer.organisationId})`
    : sql``;
  return sql`(shared_items.author_id = ${viewer.userId}
    ${approverOfOwn}
    or (shared_items.status in ('published', 'withdrawn') and (
      shared_items.tlp = 'clear'
      or (shared_items.tlp = 'red' and (
        shared_items.approver_id = ${viewer.userId}
        or exists (select 1 from shared_item_audience as heard
          where heard.item_id = shared_items.id and heard.user_id = ${viewer.userId})))
      or (shared_items.tlp in ('green', 'amber', 'amber+strict') and (
        shared_items.author_organisation_id = ${viewer.organisationId}
        or exists (select 1 from shared_item_audience as heard
          where heard.item_id = shared_items.id
            and (heard.organisation_id = ${viewer.organisationId}
              or heard.community_id = any(${sqlArray(viewer.communityIds, "uuid")}))))))))`;
}

/** Items anyone may read without signing in: isPublicItem of @bulwark/core, in SQL. */
export const publicSharedItems = (): SQL =>
  sql`(shared_items.tlp = 'clear' and shared_items.status in ('published', 'withdrawn'))`;
