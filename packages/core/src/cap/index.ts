export * from "./atom.ts";
export * from "./message.ts";
export * from "./warning.ts";
