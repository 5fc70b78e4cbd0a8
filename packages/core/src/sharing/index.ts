export * from "./attachments.ts";
export * from "./personal-data.ts";
