export * from "./csv.ts";
