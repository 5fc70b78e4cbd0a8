export * from "./markings.ts";
