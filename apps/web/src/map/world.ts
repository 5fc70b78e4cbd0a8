// The world under the assets, with no tile server: Natural Earth's 1:50m countries and land as
// TopoJSON (world-atlas), turned into GeoJSON once. Imported dynamically by the map, so that Vite
// puts these shapes in a chunk of their own that loads beside MapLibre.
import type { FeatureCollection, MultiLineString } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries50m from "world-atlas/countries-50m.json";

type WorldTopology = Topology<{ countries: GeometryCollection<{ name: string }>; land: GeometryCollection }>;

function isWorldTopology(value: unknown): value is WorldTopology {
  if (typeof value !== "object" || value === null) return false;
  if (!("type" in value) || value.type !== "Topology" || !("objects" in value)) return false;
  const objects = value.objects;
  return typeof objects === "object" && objects !== null && "countries" in objects && "land" in objects;
}

export interface World {
  countries: FeatureCollection;
  land: FeatureCollection;
  borders: MultiLineString;
}

let world: World | null = null;

export function loadWorld(): World {
  if (world) return world;
  const topology: unknown = countries50m;
  if (!isWorldTopology(topology))
    throw new Error("world-atlas/countries-50m.json is not the expected TopoJSON.");
  world = {
    countries: feature(topology, topology.objects.countries),
    land: feature(topology, topology.objects.land),
    // Borders between two countries only: coasts are drawn from the land, once.
    borders: mesh(topology, topology.objects.countries, (a, b) => a !== b),
  };
  return world;
}
