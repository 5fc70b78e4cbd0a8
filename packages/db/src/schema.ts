// The database schema: one file per capability under schema/, gathered here for Drizzle (queries
// and drizzle-kit's migrations) and for the repositories. A capability's tables import the tables
// they refer to from schema/base.ts, never from this file.
export * from "./schema/assistance.ts";
export * from "./schema/base.ts";
export * from "./schema/events.ts";
export * from "./schema/evidence.ts";
export * from "./schema/exercises.ts";
export * from "./schema/experts.ts";
export * from "./schema/federation.ts";
export * from "./schema/implementation.ts";
export * from "./schema/incident-attachments.ts";
export * from "./schema/incident-board.ts";
export * from "./schema/incident-links.ts";
export * from "./schema/incidents.ts";
export * from "./schema/jobs.ts";
export * from "./schema/reviews.ts";
export * from "./schema/risk.ts";
export * from "./schema/self-assessment.ts";
export * from "./schema/sharing.ts";
export * from "./schema/sitreps.ts";
export * from "./schema/stix.ts";
export * from "./schema/taxii.ts";
