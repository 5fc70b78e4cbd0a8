// What an incident's obligations under its notification regime depend on besides the incident
// itself: the sector the regime reads it in. Called only for an incident the caller was shown
// (seenIncident), so it takes no viewer.
import type { Sector } from "@bulwark/core";
import { asc, eq } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { assets, incidentAssets } from "../schema.ts";

/**
 * The sector of the first asset the incident reported (the filer's own: an operator reports only
 * its assets), or null when that asset is gone. Only the sector is read, never the asset.
 */
export async function incidentSector(db: Executor, incidentId: string): Promise<Sector | null> {
  const [row] = await db
    .select({ sector: assets.sector })
    .from(incidentAssets)
    .innerJoin(assets, eq(assets.id, incidentAssets.assetId))
    .where(eq(incidentAssets.incidentId, incidentId))
    .orderBy(asc(incidentAssets.recordedAt), asc(incidentAssets.at), asc(incidentAssets.id))
    .limit(1);
  return row ? (row.sector as Sector) : null;
}
