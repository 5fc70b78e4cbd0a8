export * from "./content.ts";
