export * from "./markings.ts";
export * from "./validate.ts";
