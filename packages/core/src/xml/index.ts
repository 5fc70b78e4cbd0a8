export * from "./xml.ts";
