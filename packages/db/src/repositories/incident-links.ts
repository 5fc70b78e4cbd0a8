// Links between incidents and shared items. Every read and removal takes the viewer and filters
// with both TLP rules in SQL, the incident's (visibleIncidents) and the item's (visibleSharedItems,
// the clause every sharing query uses): a link is only ever read by someone who may see both ends.
import type { SharingViewer } from "@bulwark/core";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { incidentLinks, incidents, organisations, sharedItems } from "../schema.ts";
import { iso, isoOrNull, sqlArray } from "../scope.ts";
import { visibleIncidents, visibleSharedItems } from "./sharing-scope.ts";

export interface IncidentLinkRecord {
  item: {
    id: string;
    type: string;
    /** As written (personal data hand-marked); the service picks what this viewer reads. */
    title: string;
    publicTitle: string;
    tlp: string;
    status: string;
    organisation: { id: string; name: string };
    publishedAt: string | null;
  };
  linkedAt: string;
}

/** The links of an incident whose incident and item the viewer may both see, most recent first. */
export async function listIncidentLinks(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
): Promise<IncidentLinkRecord[]> {
  const rows = await db
    .select({ link: incidentLinks, item: sharedItems, organisationName: organisations.name })
    .from(incidentLinks)
    .innerJoin(incidents, eq(incidents.id, incidentLinks.incidentId))
    .innerJoin(sharedItems, eq(sharedItems.id, incidentLinks.itemId))
    .innerJoin(organisations, eq(organisations.id, sharedItems.authorOrganisationId))
    .where(
      and(eq(incidentLinks.incidentId, incidentId), visibleIncidents(viewer), visibleSharedItems(viewer)),
    )
    .orderBy(desc(incidentLinks.linkedAt), desc(incidentLinks.itemId));
  return rows.map(({ link, item, organisationName }) => ({
    item: {
      id: item.id,
      type: item.type,
      title: item.title,
      publicTitle: item.publicTitle,
      tlp: item.tlp,
      status: item.status,
      organisation: { id: item.authorOrganisationId, name: organisationName },
      publishedAt: isoOrNull(item.publishedAt),
    },
    linkedAt: iso(link.linkedAt),
  }));
}

/**
 * The shared item as a candidate for a link: a published (or withdrawn) one of these types that the
 * viewer may see, else null (hidden and absent look the same).
 */
export async function linkableSharedItem(
  db: Executor,
  viewer: SharingViewer,
  itemId: string,
  types: readonly string[],
): Promise<{ id: string; tlp: string } | null> {
  const [row] = await db
    .select({ id: sharedItems.id, tlp: sharedItems.tlp })
    .from(sharedItems)
    .where(
      and(
        eq(sharedItems.id, itemId),
        sql`${sharedItems.status} in ('published', 'withdrawn')`,
        sql`${sharedItems.type} = any(${sqlArray(types)})`,
        visibleSharedItems(viewer),
      ),
    );
  return row ?? null;
}

/** Links the item; false when it was linked already. */
export async function insertIncidentLink(
  db: Executor,
  link: { incidentId: string; itemId: string; linkedById: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .insert(incidentLinks)
    .values({
      incidentId: link.incidentId,
      itemId: link.itemId,
      linkedById: link.linkedById,
      linkedAt: link.now,
    })
    .onConflictDoNothing()
    .returning({ itemId: incidentLinks.itemId });
  return rows.length > 0;
}

/** Removes the link when the viewer may see its item; false when there is none they may see. */
export async function deleteIncidentLink(
  db: Executor,
  viewer: SharingViewer,
  incidentId: string,
  itemId: string,
): Promise<boolean> {
  const rows = await db
    .delete(incidentLinks)
    .where(
      and(
        eq(incidentLinks.incidentId, incidentId),
        eq(incidentLinks.itemId, itemId),
        sql`exists (select 1 from shared_items where shared_items.id = ${incidentLinks.itemId} and ${visibleSharedItems(viewer)})`,
      ),
    )
    .returning({ itemId: incidentLinks.itemId });
  return rows.length > 0;
}
