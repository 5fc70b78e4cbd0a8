export * from "./calendar.ts";
export * from "./cap-codes.ts";
export * from "./custody.ts";
export * from "./incidents.ts";
export * from "./lessons.ts";
export * from "./recovery-targets.ts";
export * from "./regimes.ts";
