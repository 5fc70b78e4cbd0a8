// An asset's dependency neighbourhood as a graph: what it needs (and what that needs) and what
// needs it (and what needs those), a few hops each way. Walked one ring at a time in SQL, each ring
// under the caller's scope exactly as listDependencies reads it: both ends of every dependency must
// be visible, so a hidden asset is neither shown nor walked through.
import type { AssetNeighbourhood, NeighbourhoodNode } from "@bulwark/contracts";
import {
  type Actor,
  type AssetStatus,
  assetPolicy,
  type DependencyKind,
  type Scope,
  type Sector,
  type TlpMarking,
} from "@bulwark/core";
import { assetScope, type Executor, schema } from "@bulwark/db";
import { and, asc, eq, inArray, notInArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ServerContext } from "../context.ts";
import { visibleAsset } from "./registry.service.ts";

/** The most nodes one answer holds (the asset included): enough to read, small enough to draw. */
export const NEIGHBOURHOOD_LIMIT = 300;

type Direction = "supplier" | "dependent";

// The aliases' names are the ones assetScope(scope, name) writes its TLP rule against.
const dependent = alias(schema.assets, "dependent");
const supplier = alias(schema.assets, "supplier");
const { dependencies } = schema;

/**
 * The assets one hop further out than `frontier` in `direction`, not in `seen`, in a stable order
 * (name, then id) so that a cut at the node limit is the same cut every time.
 */
async function nextRing(
  db: Executor,
  scope: Scope,
  direction: Direction,
  frontier: readonly string[],
  seen: readonly string[],
  limit: number,
) {
  const [near, far] = direction === "supplier" ? [dependent, supplier] : [supplier, dependent];
  const rows = await db
    .selectDistinct({
      id: far.id,
      name: far.name,
      sector: far.sector,
      status: far.status,
      marking: far.marking,
    })
    .from(dependencies)
    .innerJoin(dependent, eq(dependent.id, dependencies.dependentId))
    .innerJoin(supplier, eq(supplier.id, dependencies.supplierId))
    .where(
      and(
        inArray(near.id, [...frontier]),
        notInArray(far.id, [...seen]),
        assetScope(scope, "dependent"),
        assetScope(scope, "supplier"),
      ),
    )
    .orderBy(asc(far.name), asc(far.id))
    .limit(limit);
  // Stored values were validated on the way in, so the vocabularies hold on the way out.
  return rows.map((row) => ({
    ...row,
    sector: row.sector as Sector,
    status: row.status as AssetStatus,
    marking: row.marking as TlpMarking,
  }));
}

/** Every dependency the scope may see between two of these assets. */
async function edgesAmong(db: Executor, scope: Scope, ids: readonly string[]) {
  const rows = await db
    .select({
      id: dependencies.id,
      dependentId: dependencies.dependentId,
      supplierId: dependencies.supplierId,
      service: dependencies.service,
      k: dependencies.k,
      bufferHours: dependencies.bufferHours,
      kind: dependencies.kind,
    })
    .from(dependencies)
    .innerJoin(dependent, eq(dependent.id, dependencies.dependentId))
    .innerJoin(supplier, eq(supplier.id, dependencies.supplierId))
    .where(
      and(
        inArray(dependencies.dependentId, [...ids]),
        inArray(dependencies.supplierId, [...ids]),
        assetScope(scope, "dependent"),
        assetScope(scope, "supplier"),
      ),
    )
    .orderBy(asc(dependencies.service), asc(dependent.name), asc(supplier.name), asc(dependencies.id));
  return rows.map((row) => ({ ...row, kind: row.kind as DependencyKind }));
}

/**
 * Rings are taken nearest first, alternating suppliers and dependents, so a cut at the limit drops
 * the farthest assets. An asset reached both ways keeps the first: its fewest hops, suppliers first.
 */
export async function assetNeighbourhood(
  context: ServerContext,
  actor: Actor,
  id: string,
  depth: number,
): Promise<AssetNeighbourhood> {
  const asset = await visibleAsset(context, actor, id);
  const scope = assetPolicy.readScope(actor);
  const nodes = new Map<string, NeighbourhoodNode>([
    [
      asset.id,
      {
        id: asset.id,
        name: asset.name,
        sector: asset.sector,
        status: asset.status,
        marking: asset.marking,
        depth: 0,
        direction: "self",
      },
    ],
  ]);
  const walks = (["supplier", "dependent"] as const).map((direction) => ({
    direction,
    seen: new Set([asset.id]),
    frontier: [asset.id],
  }));
  let truncated = false;
  for (let hop = 1; hop <= depth && !truncated; hop += 1) {
    for (const walk of walks) {
      if (walk.frontier.length === 0 || truncated) continue;
      // At most nodes.size of the ring are drawn already (they cost nothing), so LIMIT + 1 rows
      // hold every newcomer that still fits and tell whether one more was waiting.
      const ring = await nextRing(
        context.db,
        scope,
        walk.direction,
        walk.frontier,
        [...walk.seen],
        NEIGHBOURHOOD_LIMIT + 1,
      );
      const next: string[] = [];
      for (const row of ring) {
        if (!nodes.has(row.id)) {
          if (nodes.size >= NEIGHBOURHOOD_LIMIT) {
            truncated = true;
            break;
          }
          nodes.set(row.id, { ...row, depth: hop, direction: walk.direction });
        }
        walk.seen.add(row.id);
        next.push(row.id);
      }
      walk.frontier = next;
    }
  }
  const edges = await edgesAmong(context.db, scope, [...nodes.keys()]);
  return { nodes: [...nodes.values()], edges, truncated };
}
