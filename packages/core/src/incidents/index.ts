export * from "./calendar.ts";
export * from "./regimes.ts";
