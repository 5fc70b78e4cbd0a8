// The map's style, built in code: no style URL, no tiles, no glyphs or sprites (so no text
// layers: names show in tooltips and popups). Sources: the world (see world.ts), the demo country's
// invented land (GET /api/demo/land, when the demo is loaded), the assets and an overlay for what the
// user draws and for cascade links, all filled by the map component: the world's shapes arrive in a
// chunk of their own, so the sea, graticule and assets need not wait.
import type { Feature, FeatureCollection, LineString } from "geojson";
import type { ExpressionSpecification, StyleSpecification } from "maplibre-gl";
import { BASE_COLOURS } from "./map-colours.ts";

export const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

/** Meridians and parallels every degree, each tagged with its weight (10°, 5° or 1°). */
function graticule(): FeatureCollection<LineString> {
  const lines: Feature<LineString>[] = [];
  const weight = (degrees: number) => (degrees % 10 === 0 ? 10 : degrees % 5 === 0 ? 5 : 1);
  for (let lon = -180; lon <= 180; lon++)
    lines.push({
      type: "Feature",
      properties: { weight: weight(lon) },
      geometry: {
        type: "LineString",
        coordinates: [
          [lon, -85],
          [lon, 85],
        ],
      },
    });
  for (let lat = -80; lat <= 80; lat++) {
    // Parallels in 10° pieces, so that tiles clip short lines rather than one around the world.
    const coordinates: [number, number][] = [];
    for (let lon = -180; lon <= 180; lon += 10) coordinates.push([lon, lat]);
    lines.push({
      type: "Feature",
      properties: { weight: weight(lat) },
      geometry: { type: "LineString", coordinates },
    });
  }
  return { type: "FeatureCollection", features: lines };
}

/** Layers the pointer can hit: assets (points and polygons) and the handles of a drawing. */
export const ASSET_LAYERS = ["asset-points", "asset-fill"];
export const HANDLE_LAYERS = ["overlay-handles"];
export const COUNTRY_LAYERS = ["countries", "demo-land"];

const role = (...roles: string[]): ExpressionSpecification => ["in", ["get", "role"], ["literal", roles]];
/** Circles grow a little as one zooms in, around the radius each asset asks for. */
const radius: ExpressionSpecification = [
  "interpolate",
  ["linear"],
  ["zoom"],
  3,
  ["*", ["get", "radius"], 0.6],
  7,
  ["get", "radius"],
  12,
  ["*", ["get", "radius"], 1.8],
];

/** The style, with the attribution of the world's shapes (HTML, in the user's language). */
export function mapStyle(attribution: string): StyleSpecification {
  return {
    version: 8,
    sources: {
      countries: { type: "geojson", data: EMPTY, attribution },
      land: { type: "geojson", data: EMPTY },
      borders: { type: "geojson", data: EMPTY },
      demoLand: { type: "geojson", data: EMPTY },
      graticule: { type: "geojson", data: graticule() },
      overlay: { type: "geojson", data: EMPTY },
      assets: { type: "geojson", data: EMPTY },
    },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": BASE_COLOURS.sea } },
      {
        id: "graticule-fine",
        type: "line",
        source: "graticule",
        minzoom: 5,
        filter: ["==", ["get", "weight"], 1],
        paint: { "line-color": BASE_COLOURS.graticule, "line-width": 0.5, "line-opacity": 0.7 },
      },
      {
        id: "graticule",
        type: "line",
        source: "graticule",
        filter: [">=", ["get", "weight"], 5],
        paint: {
          "line-color": BASE_COLOURS.graticule,
          "line-width": ["case", ["==", ["get", "weight"], 10], 1, 0.6],
        },
      },
      { id: "countries", type: "fill", source: "countries", paint: { "fill-color": BASE_COLOURS.land } },
      // The demo country: land like any other, under the assets (its coast is drawn with the rest).
      { id: "demo-land", type: "fill", source: "demoLand", paint: { "fill-color": BASE_COLOURS.land } },
      {
        id: "coast",
        type: "line",
        source: "land",
        paint: {
          "line-color": BASE_COLOURS.coast,
          "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.5, 8, 1.5],
        },
      },
      {
        id: "demo-coast",
        type: "line",
        source: "demoLand",
        paint: {
          "line-color": BASE_COLOURS.coast,
          "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.5, 8, 1.5],
        },
      },
      {
        id: "borders",
        type: "line",
        source: "borders",
        paint: {
          "line-color": BASE_COLOURS.border,
          "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.4, 8, 1.2],
          "line-dasharray": [3, 2],
        },
      },
      {
        id: "overlay-area",
        type: "fill",
        source: "overlay",
        filter: role("area"),
        paint: { "fill-color": BASE_COLOURS.area, "fill-opacity": 0.1 },
      },
      {
        id: "overlay-links",
        type: "line",
        source: "overlay",
        filter: role("link"),
        layout: { "line-cap": "round" },
        paint: { "line-color": ["get", "colour"], "line-width": 1.3, "line-opacity": 0.55 },
      },
      {
        id: "overlay-outline",
        type: "line",
        source: "overlay",
        filter: role("area", "sketch"),
        layout: { "line-join": "round" },
        paint: { "line-color": BASE_COLOURS.area, "line-width": 2, "line-dasharray": [2, 1.5] },
      },
      // Handles under the assets: what was hit stays in sight, and the pointer still finds them.
      {
        id: "overlay-handles",
        type: "circle",
        source: "overlay",
        filter: role("handle", "vertex"),
        paint: {
          "circle-color": "#ffffff",
          "circle-radius": ["case", ["==", ["get", "role"], "handle"], 7, 5],
          "circle-stroke-color": BASE_COLOURS.area,
          "circle-stroke-width": 2.5,
        },
      },
      {
        id: "asset-fill",
        type: "fill",
        source: "assets",
        filter: ["==", ["geometry-type"], "Polygon"],
        paint: { "fill-color": ["get", "colour"], "fill-opacity": ["*", 0.35, ["get", "opacity"]] },
      },
      {
        id: "asset-outline",
        type: "line",
        source: "assets",
        filter: ["==", ["geometry-type"], "Polygon"],
        paint: {
          "line-color": ["coalesce", ["get", "ring"], ["get", "colour"]],
          "line-width": ["coalesce", ["get", "ringWidth"], 1.5],
        },
      },
      {
        id: "asset-points",
        type: "circle",
        source: "assets",
        filter: ["==", ["geometry-type"], "Point"],
        layout: { "circle-sort-key": ["get", "order"] },
        paint: {
          "circle-color": ["get", "colour"],
          "circle-radius": radius,
          "circle-opacity": ["get", "opacity"],
          "circle-stroke-color": ["coalesce", ["get", "ring"], "#ffffff"],
          "circle-stroke-width": ["coalesce", ["get", "ringWidth"], 0.8],
          "circle-stroke-opacity": ["get", "opacity"],
        },
      },
    ],
  };
}
