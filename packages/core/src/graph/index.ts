export * from "./area.ts";
export * from "./build.ts";
export * from "./cascade.ts";
export * from "./criticality.ts";
export * from "./dominators.ts";
export * from "./generate.ts";
