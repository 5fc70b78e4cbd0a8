export * from "./audit.ts";
export * from "./auth.ts";
export * from "./client.ts";
export * from "./common.ts";
export * from "./compendium.ts";
export * from "./directory.ts";
export * from "./endpoints.ts";
export * from "./registry.ts";
