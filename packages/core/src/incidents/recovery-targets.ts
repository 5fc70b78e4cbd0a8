// Recovery targets (issue 17): each asset's target in hours, kept in the registry, against the time
// the incident actually took to restore it. The outage runs from the asset's first report as down
// or degraded to its restoration (the latest change, when that is "restored"); an asset reported
// out of service again after a restoration is out until restored again.
import type { AssetStatusChange } from "./incidents.ts";

const HOUR_MS = 3_600_000;

/** met: restored within its target; missed: restored late, or still out past it; open: still within it. */
export const RECOVERY_TARGET_OUTCOMES = ["met", "missed", "open"] as const;
export type RecoveryTargetOutcome = (typeof RECOVERY_TARGET_OUTCOMES)[number];

export interface RecoveryTargetResult {
  readonly assetId: string;
  /** The registry's target (hours), null when none is set. */
  readonly targetHours: number | null;
  /** When it first went down or degraded in this incident (ms). */
  readonly outOfServiceAt: number;
  /** When it was restored (ms), null while it is still out of service. */
  readonly restoredAt: number | null;
  /** Hours from going out of service to restoration, or (still out) to `now`. */
  readonly hours: number;
  /** Null without a target. */
  readonly outcome: RecoveryTargetOutcome | null;
}

/**
 * Each asset's outage against its target, for the assets of `targets` (the ones the reader may
 * see), in the order they went out of service. Assets the changes never report out of service are
 * left out. `now` (ms) measures assets still out.
 */
export function recoveryAgainstTargets(
  changes: readonly AssetStatusChange[],
  targets: ReadonlyMap<string, number | null>,
  now: number,
): RecoveryTargetResult[] {
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  const outages = new Map<string, { from: number; restoredAt: number | null }>();
  for (const change of sorted) {
    if (!targets.has(change.assetId)) continue;
    const outage = outages.get(change.assetId);
    if (change.status === "restored") {
      if (outage) outage.restoredAt = change.at;
    } else if (!outage) outages.set(change.assetId, { from: change.at, restoredAt: null });
    else outage.restoredAt = null;
  }
  return [...outages]
    .map(([assetId, { from, restoredAt }]): RecoveryTargetResult => {
      const targetHours = targets.get(assetId) ?? null;
      const hours = Math.max(0, ((restoredAt ?? now) - from) / HOUR_MS);
      const outcome: RecoveryTargetOutcome | null =
        targetHours === null ? null : hours > targetHours ? "missed" : restoredAt === null ? "open" : "met";
      return { assetId, targetHours, outOfServiceAt: from, restoredAt, hours, outcome };
    })
    .sort((a, b) => a.outOfServiceAt - b.outOfServiceAt || a.assetId.localeCompare(b.assetId));
}
