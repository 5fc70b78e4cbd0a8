export * from "./methodology.ts";
export * from "./yaml.ts";
