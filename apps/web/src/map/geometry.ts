// Plain geometry for the map screens, on [lon, lat] pairs (GeoJSON order): the outline of a circle
// on the sphere, the box around some shapes, which assets an area holds. Distances and the
// point-in-ring rule are the engine's own (packages/core), so what the map previews is what the
// server attacks.
import { distanceKm, insideRing } from "@bulwark/core";

export type LonLat = [number, number];

const EARTH_RADIUS_KM = 6371.0088;
const rad = (degrees: number) => (degrees * Math.PI) / 180;
const deg = (radians: number) => (radians * 180) / Math.PI;

/** The point `km` away from `from` in the direction `bearing` (degrees clockwise from north). */
export function destination(from: LonLat, km: number, bearing: number): LonLat {
  const [lon, lat] = from;
  const angle = km / EARTH_RADIUS_KM;
  const phi1 = rad(lat);
  const theta = rad(bearing);
  const phi2 = Math.asin(
    Math.sin(phi1) * Math.cos(angle) + Math.cos(phi1) * Math.sin(angle) * Math.cos(theta),
  );
  const lambda2 =
    rad(lon) +
    Math.atan2(
      Math.sin(theta) * Math.sin(angle) * Math.cos(phi1),
      Math.cos(angle) - Math.sin(phi1) * Math.sin(phi2),
    );
  return [((deg(lambda2) + 540) % 360) - 180, deg(phi2)];
}

/** A closed ring tracing the circle of `radiusKm` around `centre` (64 sides: smooth at any zoom). */
export function circleRing(centre: LonLat, radiusKm: number, sides = 64): LonLat[] {
  const ring: LonLat[] = [];
  for (let i = 0; i < sides; i++) ring.push(destination(centre, radiusKm, (360 * i) / sides));
  const first = ring[0];
  if (first) ring.push(first);
  return ring;
}

export function distanceBetween(a: LonLat, b: LonLat): number {
  return distanceKm(a[1], a[0], b[1], b[0]);
}

/** The ring closed (its last point its first), as the API's polygon wants it. */
export function closeRing(points: readonly LonLat[]): LonLat[] {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return [];
  return first[0] === last[0] && first[1] === last[1] ? [...points] : [...points, first];
}

export type Area = { kind: "circle"; centre: LonLat; radiusKm: number } | { kind: "polygon"; ring: LonLat[] };

/** Whether a point lies in the area, by the rules the cascade endpoint applies. */
export function inArea(area: Area, point: LonLat): boolean {
  if (area.kind === "circle") return distanceBetween(area.centre, point) <= area.radiusKm;
  return area.ring.length >= 4 && insideRing(point[0], point[1], area.ring);
}

export type Bounds = [west: number, south: number, east: number, north: number];

/** The box around every [lon, lat] given, or null for none. */
export function boundsOf(points: Iterable<LonLat>): Bounds | null {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const [lon, lat] of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return west <= east ? [west, south, east, north] : null;
}
