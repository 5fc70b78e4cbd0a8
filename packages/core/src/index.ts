export * from "./audit/chain.ts";
export * from "./auth/lockout.ts";
export * from "./graph/index.ts";
export * from "./policy/actor.ts";
export * from "./policy/decision.ts";
export * from "./policy/policy.ts";
export * from "./registry/index.ts";
export * from "./vocabulary.ts";
