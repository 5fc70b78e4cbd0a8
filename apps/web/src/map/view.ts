// The view a map opens on, in plain Web Mercator (MapLibre's projection, 512-pixel tiles): the box
// the assets are fitted to, the padding kept for the legend, the zoom and where each [lon, lat]
// lands on screen. MapLibre's fitBounds and the sketch drawn before it (quick-markers.tsx) both use
// it, so that the sketch and the map it hands over to show the same place.
import { boundsOf, type LonLat } from "./geometry.ts";

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The most a fit zooms in (a lone asset is not shown at street level). */
export const FIT_MAX_ZOOM = 12;
const TILE = 512;

/** The room kept for the legend, on its side: padding is given for English, the legend's side is the right in Arabic. */
export function mirroredInRtl(padding: Padding, direction: "ltr" | "rtl"): Padding {
  return direction === "rtl" ? { ...padding, left: padding.right, right: padding.left } : padding;
}

/** The padding of a fit: the screen's, mirrored in Arabic, or 40 pixels all round. */
export function fitPaddingOf(padding: Padding | undefined, direction: "ltr" | "rtl"): Padding {
  return padding ? mirroredInRtl(padding, direction) : { top: 40, right: 40, bottom: 40, left: 40 };
}

/**
 * The [[west, south], [east, north]] box a map fits: `fitTo` when given, else every corner of the
 * shapes; a lone asset (or a tight group) with some country around it. Null when there is nothing.
 */
export function fitBoxOf(
  shapes: readonly { type: "Point" | "Polygon"; coordinates: LonLat | LonLat[][] }[],
  fitTo?: readonly LonLat[],
): [LonLat, LonLat] | null {
  const box = boundsOf(
    fitTo?.length
      ? fitTo
      : shapes.flatMap((shape) =>
          shape.type === "Point" ? [shape.coordinates as LonLat] : (shape.coordinates as LonLat[][]).flat(),
        ),
  );
  if (!box) return null;
  const [west, south, east, north] = box;
  const pad = Math.max(0, 0.05 - Math.min(east - west, north - south) / 2);
  return [
    [west - pad, south - pad],
    [east + pad, north + pad],
  ];
}

/** [0, 1] across the world, west to east and north to south. */
function mercator([lon, lat]: LonLat): [number, number] {
  const clamped = Math.max(-85.051129, Math.min(85.051129, lat));
  const y = Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360));
  return [(lon + 180) / 360, 0.5 - y / (2 * Math.PI)];
}

export interface View {
  zoom: number;
  /** Where a [lon, lat] point lands, in CSS pixels from the top left of the map. */
  project(point: LonLat): [number, number];
}

/** The view MapLibre's fitBounds gives for `box` on a `width` × `height` map (same padding, same zoom cap). */
export function fittedView(box: [LonLat, LonLat], width: number, height: number, padding: Padding): View {
  const [west, north] = mercator([box[0][0], box[1][1]]);
  const [east, south] = mercator([box[1][0], box[0][1]]);
  const room = [
    Math.max(1, width - padding.left - padding.right),
    Math.max(1, height - padding.top - padding.bottom),
  ] as const;
  const fit = Math.min(room[0] / Math.max(east - west, 1e-12), room[1] / Math.max(south - north, 1e-12));
  const scale = Math.min(fit, TILE * 2 ** FIT_MAX_ZOOM);
  const middle = [(west + east) / 2, (north + south) / 2] as const;
  const centre = [padding.left + room[0] / 2, padding.top + room[1] / 2] as const;
  return {
    zoom: Math.log2(scale / TILE),
    project: (point) => {
      const [x, y] = mercator(point);
      return [centre[0] + (x - middle[0]) * scale, centre[1] + (y - middle[1]) * scale];
    },
  };
}

/** A circle's radius at a zoom, as the map's style draws it (see map-style.ts): 0.6× at 3, 1× at 7, 1.8× at 12. */
export function circleRadius(radius: number, zoom: number): number {
  if (zoom <= 3) return radius * 0.6;
  if (zoom <= 7) return radius * (0.6 + (0.4 * (zoom - 3)) / 4);
  if (zoom <= 12) return radius * (1 + (0.8 * (zoom - 7)) / 5);
  return radius * 1.8;
}
