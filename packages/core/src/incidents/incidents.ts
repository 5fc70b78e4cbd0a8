// Incidents: from an operator's first notice to full recovery (issue 17). The vocabulary, the
// states an incident moves through and the asset status history it keeps. Who may see and change
// an incident is decided in ../policy/incident-policy.ts.
import { THREAT_FAMILIES, type ThreatFamily } from "../vocabulary.ts";

/** reported -> acknowledged (by the authority) -> responding -> recovering -> closed. */
export const INCIDENT_STATES = ["reported", "acknowledged", "responding", "recovering", "closed"] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** The one state each state moves on to (closed is the end). */
export const NEXT_INCIDENT_STATE: Readonly<Record<IncidentState, IncidentState | null>> = {
  reported: "acknowledged",
  acknowledged: "responding",
  responding: "recovering",
  recovering: "closed",
  closed: null,
};

/**
 * How grave an incident is, least to most. The filer proposes one on filing; the authority sets it
 * (checkSeverityChange in ../policy/incident-policy.ts). None until one of them names it.
 */
export const INCIDENT_SEVERITIES = ["minor", "significant", "major", "critical"] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** What each level means, in one line (the web shows the translated line). */
export const INCIDENT_SEVERITY_MEANINGS: Readonly<Record<IncidentSeverity, string>> = {
  minor: "Little or no effect on the service people receive; handled by the operator as usual.",
  significant: "A service disrupted for some people or for a while; the authority follows it.",
  major: "A service lost for many people or an essential service widely disrupted.",
  critical: "Essential services lost on a large scale or across sectors; a national response is needed.",
};

/**
 * The type of an incident: one of the threat families (DOMAIN.md) when it is (or may be) an attack,
 * or what else brought the assets down.
 */
export const INCIDENT_TYPES = [
  ...THREAT_FAMILIES,
  "accident",
  "technical-failure",
  "natural-hazard",
  "other",
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** The suspected cause: a suspected attack names its threat family. */
export const SUSPECTED_CAUSES = [
  "attack",
  "accident",
  "technical-failure",
  "natural-hazard",
  "unknown",
] as const;
export type SuspectedCause = (typeof SUSPECTED_CAUSES)[number];

export const isThreatFamily = (value: string): value is ThreatFamily =>
  (THREAT_FAMILIES as readonly string[]).includes(value);

/** What is reported of an asset, from a moment on. */
export const INCIDENT_ASSET_STATUSES = ["down", "degraded", "restored"] as const;
export type IncidentAssetStatus = (typeof INCIDENT_ASSET_STATUSES)[number];

/** A regime id (content/notification-regimes/<id>.yaml): lower-case words joined by hyphens. */
export const REGIME_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const REGIME_ID_MAX = 80;

/** One recorded status of one asset. */
export interface AssetStatusChange {
  readonly assetId: string;
  readonly status: IncidentAssetStatus;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/**
 * The assets down at `at` (changes after it ignored), each with the moment its current stretch of
 * being down began: repeated "down" reports keep the first; "degraded" or "restored" end it.
 * Changes of one asset at the same moment count in the order given.
 */
export function downAt(changes: readonly AssetStatusChange[], at: number = Number.POSITIVE_INFINITY) {
  const sorted = [...changes].filter((change) => change.at <= at).sort((a, b) => a.at - b.at);
  const since = new Map<string, number>();
  for (const change of sorted) {
    if (change.status === "down") {
      if (!since.has(change.assetId)) since.set(change.assetId, change.at);
    } else since.delete(change.assetId);
  }
  return since;
}

/** Every asset's latest status (of the changes given), by asset id. */
export function latestStatus(changes: readonly AssetStatusChange[]): Map<string, AssetStatusChange> {
  const latest = new Map<string, AssetStatusChange>();
  for (const change of [...changes].sort((a, b) => a.at - b.at)) latest.set(change.assetId, change);
  return latest;
}
