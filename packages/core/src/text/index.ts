export * from "./segment.ts";
export * from "./sentence.ts";
export * from "./storable-text.ts";
