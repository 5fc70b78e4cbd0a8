// A plain reference for the engine, written for clarity, not speed: failure times by fixed-point
// iteration straight from the definition. Tests compare the engine with it on random graphs.
import type { AssetInput, DependencyInput } from "./build.ts";

export function referenceCascade(
  assets: readonly AssetInput[],
  dependencies: readonly DependencyInput[],
  attacked: readonly string[],
): Map<string, number> {
  const time = new Map<string, number>(attacked.map((id) => [id, 0]));
  const groups = new Map<string, { dependent: string; k: number; buffer: number; suppliers: string[] }>();
  for (const row of dependencies) {
    const key = `${row.dependent}/${row.service}`;
    const group = groups.get(key) ?? {
      dependent: row.dependent,
      k: row.k ?? 1,
      buffer: row.bufferHours ?? 0,
      suppliers: [],
    };
    group.suppliers.push(row.supplier);
    groups.set(key, group);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of groups.values()) {
      const times = group.suppliers
        .map((id) => time.get(id) ?? Number.POSITIVE_INFINITY)
        .sort((a, b) => a - b);
      // The group drops below k when n - k + 1 of its suppliers have failed.
      const dropsAt = times[group.suppliers.length - group.k] ?? Number.POSITIVE_INFINITY;
      if (!Number.isFinite(dropsAt)) continue;
      const at = dropsAt + group.buffer;
      if (at < (time.get(group.dependent) ?? Number.POSITIVE_INFINITY)) {
        time.set(group.dependent, at);
        changed = true;
      }
    }
  }
  for (const asset of assets) if (!time.has(asset.id)) time.delete(asset.id);
  return time;
}

export interface ReferenceEvent {
  readonly id: string;
  readonly hours: number;
  /** The supplier whose loss made it fail, null for the assets attacked. */
  readonly cause: string | null;
}

/**
 * The failures in the order the engine reports them, with hours and causes, straight from the
 * definition of that order: of the assets known to fail and not yet taken, take the earliest, then
 * the lowest index (position in `assets`). Taking a supplier counts a loss in each group it feeds;
 * at the group's (n - k + 1)-th loss its dependent is known to fail `buffer` hours later, unless it
 * already is by then, and the supplier just taken is the cause.
 */
export function referenceEvents(
  assets: readonly AssetInput[],
  dependencies: readonly DependencyInput[],
  attacked: readonly string[],
): ReferenceEvent[] {
  const index = new Map(assets.map((asset, i) => [asset.id, i]));
  const groups = new Map<string, { dependent: string; k: number; buffer: number; suppliers: string[] }>();
  for (const row of dependencies) {
    const key = `${row.dependent}/${row.service}`;
    const group = groups.get(key) ?? {
      dependent: row.dependent,
      k: row.k ?? 1,
      buffer: row.bufferHours ?? 0,
      suppliers: [],
    };
    group.suppliers.push(row.supplier);
    groups.set(key, group);
  }
  const known = new Map<string, { hours: number; cause: string | null }>();
  for (const id of attacked) known.set(id, { hours: 0, cause: null });
  const losses = new Map<string, number>();
  const events: ReferenceEvent[] = [];
  const taken = new Set<string>();
  for (;;) {
    let next: string | null = null;
    for (const [id, { hours }] of known) {
      if (taken.has(id)) continue;
      const best = next === null ? null : known.get(next);
      if (
        next === null ||
        !best ||
        hours < best.hours ||
        (hours === best.hours && (index.get(id) ?? 0) < (index.get(next) ?? 0))
      )
        next = id;
    }
    if (next === null) return events;
    const failure = known.get(next) ?? { hours: 0, cause: null };
    taken.add(next);
    events.push({ id: next, hours: failure.hours, cause: failure.cause });
    for (const [key, group] of groups) {
      if (!group.suppliers.includes(next)) continue;
      const lost = (losses.get(key) ?? 0) + 1;
      losses.set(key, lost);
      if (lost !== group.suppliers.length - group.k + 1 || taken.has(group.dependent)) continue;
      const hours = failure.hours + group.buffer;
      const before = known.get(group.dependent);
      if (!before || hours < before.hours) known.set(group.dependent, { hours, cause: next });
    }
  }
}
