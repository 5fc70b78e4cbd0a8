export * from "./segment.ts";
export * from "./storable-text.ts";
