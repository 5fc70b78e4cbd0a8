export * from "./backup.ts";
export * from "./change-feed.ts";
export * from "./connect.ts";
export * from "./errors.ts";
export * from "./outage.ts";
export { type DatabaseTimeouts, DEFAULT_TIMEOUTS } from "./pool.ts";
export * from "./repositories/asset-mentions.ts";
export * from "./repositories/assets.ts";
export * from "./repositories/audit.ts";
export * from "./repositories/auth-throttle.ts";
export * from "./repositories/communities.ts";
export * from "./repositories/community-invitations.ts";
export * from "./repositories/compendium.ts";
export {
  COMPENDIUM_CHANNEL,
  compendiumIndex,
  compendiumIndexCounts,
  followCompendiumChanges,
} from "./repositories/compendium-index.ts";
export * from "./repositories/compendium-proposals.ts";
export * from "./repositories/compendium-search.ts";
export * from "./repositories/discussions.ts";
export * from "./repositories/event-actions.ts";
export * from "./repositories/event-parts.ts";
export * from "./repositories/events.ts";
export * from "./repositories/experts.ts";
export * from "./repositories/home.ts";
export * from "./repositories/incident-obligations.ts";
export * from "./repositories/incidents.ts";
export * from "./repositories/jobs.ts";
export * from "./repositories/live.ts";
export * from "./repositories/notifications.ts";
export * from "./repositories/organisations.ts";
export * from "./repositories/policy-state.ts";
export * from "./repositories/resource-requests.ts";
export * from "./repositories/risk.ts";
export * from "./repositories/self-assessment.ts";
export * from "./repositories/sessions.ts";
export * from "./repositories/settings.ts";
export * from "./repositories/sharing.ts";
export * from "./repositories/sharing-attachments.ts";
export * from "./repositories/sharing-scope.ts";
export * from "./repositories/sitreps.ts";
export * from "./repositories/stix.ts";
export * from "./repositories/stix-browse.ts";
export * from "./repositories/stix-export.ts";
export * from "./repositories/stix-read.ts";
export * from "./repositories/stix-scope.ts";
export * from "./repositories/taxii-subscriptions.ts";
export * from "./repositories/users.ts";
export * from "./rows.ts";
export * as schema from "./schema.ts";
export { scopeFilter } from "./scope.ts";
export * from "./seal.ts";
