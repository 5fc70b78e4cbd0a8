export * from "./aggregation.ts";
export * from "./framework.ts";
export * from "./framework-file.ts";
export * from "./regions.ts";
export * from "./scoring.ts";
