// The assets the caller may see, with their shapes: the registry's GeoJSON export (one request for
// all of them), read into typed records the map screens share. The export names assets by their
// reference; the asset page and the cascade want the id, which one search by reference answers.
import type { Asset } from "@bulwark/contracts";
import { ASSET_STATUSES, type AssetStatus, SECTORS, type Sector } from "@bulwark/core";
import { useQuery } from "@tanstack/react-query";
import { client, queryClient } from "../app/api.ts";
import { isOneOf } from "../app/vocabulary.ts";
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

function text(value: string | number | null | undefined): string {
  return typeof value === "string" ? value : "";
}

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

type Collection = Awaited<ReturnType<typeof fetchCollection>>;
const fetchCollection = () => client.call("exportGeoJson");

/** Assets without a location stay off the map (the table still lists them). */
export function readGeoAssets(collection: Collection): GeoAsset[] {
  const assets: GeoAsset[] = [];
  for (const feature of collection.features) {
    const { geometry, properties } = feature;
    const sector = properties.sector;
    const status = properties.status;
    if (!geometry || !isOneOf(SECTORS, sector) || !isOneOf(ASSET_STATUSES, status)) continue;
    const shape: AssetShape =
      geometry.type === "Point"
        ? { type: "Point", coordinates: geometry.coordinates }
        : { type: "Polygon", coordinates: geometry.coordinates };
    const outer = shape.type === "Polygon" ? (shape.coordinates[0] ?? []) : [];
    assets.push({
      ref: text(properties.id) || feature.id,
      name: text(properties.name),
      sector,
      status,
      operator: text(properties.operator),
      population: typeof properties.population_served === "number" ? properties.population_served : 0,
      shape,
      anchor: shape.type === "Point" ? shape.coordinates : middleOf(outer),
    });
  }
  return assets;
}

export function useGeoAssets() {
  return useQuery({
    queryKey: ["assets", "geojson"],
    queryFn: fetchCollection,
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
