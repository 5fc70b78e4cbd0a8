export * from "./json-in-slices.ts";
export * from "./segment.ts";
export * from "./sentence.ts";
export * from "./storable-text.ts";
