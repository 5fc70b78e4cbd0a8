export * from "./cap.ts";
export * from "./clock.ts";
export * from "./exercise-policy.ts";
export * from "./package.ts";
export * from "./vocabulary.ts";
