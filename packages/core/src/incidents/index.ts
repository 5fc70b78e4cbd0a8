export * from "./calendar.ts";
export * from "./incidents.ts";
export * from "./regimes.ts";
