import { describe, expect, it } from "vitest";
import type { AssetStatusChange } from "./incidents.ts";
import { recoveryAgainstTargets } from "./recovery-targets.ts";

const H = 3_600_000;
const at = (hours: number) => Date.UTC(2026, 0, 1) + hours * H;
const change = (assetId: string, status: AssetStatusChange["status"], hours: number): AssetStatusChange => ({
  assetId,
  status,
  at: at(hours),
});

describe("recovery against targets", () => {
  const targets = new Map<string, number | null>([
    ["a", 10],
    ["b", 10],
    ["c", 10],
    ["d", 10],
    ["e", null],
  ]);
  const changes = [
    change("a", "down", 0),
    change("a", "restored", 8), // met: 8 h of 10
    change("b", "degraded", 1),
    change("b", "down", 2),
    change("b", "restored", 13), // missed: 12 h of 10
    change("c", "down", 3), // open: 5 h of 10 at hour 8
    change("d", "down", 0), // missed while still out, once past 10 h
    change("e", "down", 4), // no target
    change("hidden", "down", 0), // not among the reader's assets
  ];

  it("measures each outage against its target, in the order assets went out", () => {
    const result = recoveryAgainstTargets(changes, targets, at(14));
    expect(result.map((r) => [r.assetId, r.hours, r.outcome])).toEqual([
      ["a", 8, "met"],
      ["d", 14, "missed"],
      ["b", 12, "missed"],
      ["c", 11, "missed"],
      ["e", 10, null],
    ]);
  });

  it("keeps an asset still within its target open", () => {
    const result = recoveryAgainstTargets(changes, targets, at(8));
    expect(result.find((r) => r.assetId === "c")).toMatchObject({
      outcome: "open",
      restoredAt: null,
      hours: 5,
    });
    expect(result.find((r) => r.assetId === "a")).toMatchObject({ outcome: "met", restoredAt: at(8) });
  });

  it("counts a restoration exactly on the target as met, and leaves out assets the reader may not see", () => {
    const result = recoveryAgainstTargets(
      [change("a", "down", 0), change("a", "restored", 10), change("hidden", "down", 0)],
      targets,
      at(20),
    );
    expect(result).toEqual([
      { assetId: "a", targetHours: 10, outOfServiceAt: at(0), restoredAt: at(10), hours: 10, outcome: "met" },
    ]);
  });

  it("treats an asset out again after a restoration as out until restored again", () => {
    const result = recoveryAgainstTargets(
      [change("a", "down", 0), change("a", "restored", 2), change("a", "down", 3)],
      targets,
      at(6),
    );
    expect(result[0]).toMatchObject({ restoredAt: null, hours: 6, outcome: "open" });
  });
});
