export { ByteStrings } from "./byte-table.ts";
export * from "./csv.ts";
export * from "./geojson.ts";
export * from "./network-csv.ts";
export * from "./sentences.ts";
