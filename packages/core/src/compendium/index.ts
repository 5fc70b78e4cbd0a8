export * from "./diff.ts";
export * from "./pack.ts";
