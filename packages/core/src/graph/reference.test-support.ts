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
