// Assets inside an area (WGS84): a point and a radius, or a polygon ring of [lon, lat] points.
import type { DependencyGraph } from "./build.ts";

const EARTH_RADIUS_KM = 6371.0088;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function assetsWithin(graph: DependencyGraph, lat: number, lon: number, radiusKm: number): number[] {
  const found: number[] = [];
  for (let a = 0; a < graph.size; a++) {
    const aLat = graph.lat[a] ?? Number.NaN;
    const aLon = graph.lon[a] ?? Number.NaN;
    if (!Number.isNaN(aLat) && !Number.isNaN(aLon) && distanceKm(lat, lon, aLat, aLon) <= radiusKm)
      found.push(a);
  }
  return found;
}

/** Even-odd rule on a ring of [lon, lat] points (closed or not). */
export function insideRing(lon: number, lat: number, ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function assetsInPolygon(
  graph: DependencyGraph,
  ring: readonly (readonly [number, number])[],
): number[] {
  const found: number[] = [];
  for (let a = 0; a < graph.size; a++) {
    const aLat = graph.lat[a] ?? Number.NaN;
    const aLon = graph.lon[a] ?? Number.NaN;
    if (!Number.isNaN(aLat) && !Number.isNaN(aLon) && insideRing(aLon, aLat, ring)) found.push(a);
  }
  return found;
}
