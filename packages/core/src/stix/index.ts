export * from "./bulwark-extensions.ts";
export * from "./ids.ts";
export * from "./items.ts";
export * from "./markings.ts";
export * from "./objects.ts";
export * from "./registry.ts";
export * from "./validate.ts";
export * from "./vocabulary.ts";
