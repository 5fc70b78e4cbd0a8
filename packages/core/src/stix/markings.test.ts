import { describe, expect, it } from "vitest";
import { TLP_1_0_MARKING_IDS, TLP_2_0_MARKING_IDS, tlpOfMarkingId, tlpOfMarkingRefs } from "./markings.ts";

describe("TLP of STIX marking refs", () => {
  it("reads TLP 2.0 and TLP 1.0 ids, WHITE as CLEAR", () => {
    expect(tlpOfMarkingId(TLP_2_0_MARKING_IDS["amber+strict"])).toBe("amber+strict");
    expect(tlpOfMarkingId(TLP_1_0_MARKING_IDS.white)).toBe("clear");
    expect(tlpOfMarkingId("marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168")).toBeNull();
  });

  it("keeps the strictest of several and ignores other markings", () => {
    expect(
      tlpOfMarkingRefs([TLP_1_0_MARKING_IDS.green, "marking-definition--x", TLP_2_0_MARKING_IDS.amber]),
    ).toBe("amber");
    expect(tlpOfMarkingRefs([TLP_2_0_MARKING_IDS.red, TLP_2_0_MARKING_IDS.clear])).toBe("red");
  });

  it("answers null when there is no TLP marking", () => {
    expect(tlpOfMarkingRefs(undefined)).toBeNull();
    expect(tlpOfMarkingRefs(["marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168"])).toBeNull();
    expect(tlpOfMarkingRefs("not an array")).toBeNull();
  });
});
