export * from "./aggregates.ts";
