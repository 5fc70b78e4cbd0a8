import { describe, expect, it } from "vitest";
import { applyAnonymityRule, federationK, sectionCells } from "./aggregates.ts";

describe("the anonymity rule", () => {
  it("never lets k fall below 3", () => {
    expect(federationK(1)).toBe(3);
    expect(federationK(undefined)).toBe(5);
    expect(federationK(7)).toBe(7);
  });
  it("drops cells behind fewer than k organisations", () => {
    const cells = [
      { theme: "cyber", organisations: 5, needs: 9 },
      { theme: "legal", organisations: 4, needs: 4 },
    ];
    expect(applyAnonymityRule(cells, 5)).toEqual({ kept: [cells[0]], dropped: 1 });
  });
  it("builds section means only where k organisations answered", () => {
    const orgs = [0.2, 0.4, 0.6, 0.8, 1].map(
      (score, index) =>
        new Map([
          ["a", score],
          ["b", index < 4 ? score : null],
        ]),
    );
    expect(sectionCells("f", 1, ["a", "b"], orgs, 5)).toEqual([
      { framework: "f", version: 1, section: "a", organisations: 5, mean: 0.6 },
    ]);
  });
});
