export * from "./storable-text.ts";
export * from "./segment.ts";
