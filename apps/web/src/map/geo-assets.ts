// The assets the caller may see, with their shapes: the maps' own read (GET /api/registry/map, one
// request for all of them, in the few fields a map needs), read into typed records the map screens
// share. It names assets by their reference; the asset page and the cascade want the id, which one
// search by reference answers.
import { type Asset, mapEndpoints } from "@bulwark/contracts";
import type { AssetStatus, Sector } from "@bulwark/core";
import { useQuery } from "@tanstack/react-query";
import { bringEndpoints, client, queryClient } from "../app/api.ts";
import type { LonLat } from "./geometry.ts";

export type AssetShape =
  | { type: "Point"; coordinates: LonLat }
  | { type: "Polygon"; coordinates: LonLat[][] };

export interface GeoAsset {
  ref: string;
  name: string;
  sector: Sector;
  status: AssetStatus;
  operator: string;
  population: number;
  shape: AssetShape;
  /** Where the asset stands: its point, or the middle of its polygon's outer ring. */
  anchor: LonLat;
}

// The maps' read comes with this code: a map asks for its assets at once, not after the endpoint table.
bringEndpoints(mapEndpoints);

function middleOf(ring: readonly LonLat[]): LonLat {
  // The mean of the distinct corners: good enough to hang a popup or a cause line on.
  const corners = ring.length > 1 ? ring.slice(0, -1) : ring;
  let lon = 0;
  let lat = 0;
  for (const [x, y] of corners) {
    lon += x;
    lat += y;
  }
  return [lon / Math.max(1, corners.length), lat / Math.max(1, corners.length)];
}

type MapAssets = Awaited<ReturnType<typeof fetchMapAssets>>;
const fetchMapAssets = () => client.call("mapAssets");

/** Assets without a location stay off the map (the table still lists them); the server leaves them out. */
export function readGeoAssets({ assets }: MapAssets): GeoAsset[] {
  const read: GeoAsset[] = [];
  for (const asset of assets) {
    const shape: AssetShape | null = asset.area
      ? { type: "Polygon", coordinates: asset.area.coordinates }
      : asset.point
        ? { type: "Point", coordinates: asset.point }
        : null;
    if (!shape) continue;
    read.push({
      ref: asset.ref,
      name: asset.name,
      sector: asset.sector,
      status: asset.status,
      operator: asset.operator,
      population: asset.population,
      shape,
      anchor: shape.type === "Point" ? shape.coordinates : middleOf(shape.coordinates[0] ?? []),
    });
  }
  return read;
}

const GEO_KEY = ["assets", "map"] as const;

/** Asks for the assets now (a page about to show a map), so that they are on their way when it mounts. */
export function prefetchGeoAssets(): void {
  void queryClient.prefetchQuery({ queryKey: GEO_KEY, queryFn: fetchMapAssets, staleTime: 60_000 });
}

export function useGeoAssets() {
  return useQuery({
    queryKey: GEO_KEY,
    queryFn: fetchMapAssets,
    select: readGeoAssets,
    staleTime: 60_000,
  });
}

async function lookUpRef(ref: string): Promise<Asset | null> {
  const list = await client.call("listAssets", { query: { q: ref, limit: 50 } });
  return list.items.find((asset) => asset.ref === ref) ?? null;
}

/** The asset of that reference (exact match), or null when the caller may not see it. */
export function findAssetByRef(ref: string): Promise<Asset | null> {
  return queryClient.fetchQuery({
    queryKey: ["assets", "by-ref", ref],
    queryFn: () => lookUpRef(ref),
    staleTime: 60_000,
  });
}

export function useAssetByRef(ref: string | null) {
  return useQuery({
    queryKey: ["assets", "by-ref", ref],
    queryFn: () => lookUpRef(ref ?? ""),
    enabled: ref !== null,
    staleTime: 60_000,
  });
}
