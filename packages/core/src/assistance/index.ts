export * from "./assistance.ts";
export * from "./matching.ts";
export * from "./policy.ts";
