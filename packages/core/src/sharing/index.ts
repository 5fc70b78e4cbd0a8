export * from "./attachments.ts";
export * from "./outbound-text.ts";
export * from "./personal-data.ts";
