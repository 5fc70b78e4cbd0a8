export * from "./storable-text.ts";
