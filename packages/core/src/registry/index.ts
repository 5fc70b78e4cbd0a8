export * from "./csv.ts";
export * from "./geojson.ts";
