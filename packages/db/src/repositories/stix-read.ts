// Reading STIX collections and their objects for one viewer (TAXII 2.1 and the import page). Every
// query over stix_objects goes through visibleStixObjects, the SQL form of core's maySeeStixObject.
import type { SharingViewer } from "@bulwark/core";
import { sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";
import { sqlArray } from "../scope.ts";

export interface StixCollectionRecord {
  id: string;
  title: string;
  description: string;
}

/** The collections a viewer reads: one per community of their organisation, by title. */
export async function stixCollections(db: Executor, viewer: SharingViewer): Promise<StixCollectionRecord[]> {
  return rowsOf<StixCollectionRecord>(
    await db.execute(sql`select id, name as title, description from communities
      where id = any(${sqlArray(viewer.communityIds, "uuid")}) order by name, id`),
  );
}
