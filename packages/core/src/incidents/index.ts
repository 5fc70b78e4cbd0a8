export * from "./incidents.ts";
