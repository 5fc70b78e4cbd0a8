export * from "./policy.ts";
export * from "./profile.ts";
