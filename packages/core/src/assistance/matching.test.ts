// Matching on cases whose answer is known by hand: each criterion's points and reasons, the hard
// refusals (theme, capacity, an ended window) and the order of both rankings.
import { describe, expect, it } from "vitest";
import {
  MATCH_WEIGHTS,
  type NeedProfile,
  type OfferProfile,
  rankNeeds,
  rankOffers,
  scoreMatch,
} from "./matching.ts";

const TODAY = "2026-11-24";
const need: NeedProfile = {
  id: "n1",
  theme: "cyber",
  modality: "training",
  languages: ["fr", "ar"],
  region: "africa",
  neededBy: "2027-03-01",
  urgency: "high",
};
const offer: OfferProfile = {
  id: "o1",
  themes: ["cyber", "risk"],
  modalities: ["training", "workshop"],
  regions: ["africa"],
  languages: ["fr", "en"],
  availableFrom: "2027-01-10",
  availableUntil: "2027-12-31",
  remainingCapacity: 2,
};

const met = (match: ReturnType<typeof scoreMatch>) =>
  Object.fromEntries((match?.reasons ?? []).map((r) => [r.criterion, r.met]));

describe("scoreMatch", () => {
  it("gives full marks when every criterion is met, with the values that met them", () => {
    const match = scoreMatch(need, offer, TODAY);
    expect(match?.score).toBe(100);
    expect(match?.reasons.find((r) => r.criterion === "language")?.values).toEqual(["fr"]);
    expect(match?.reasons.find((r) => r.criterion === "region")?.values).toEqual(["africa"]);
  });

  it("takes away each missed criterion's weight and says which", () => {
    const match = scoreMatch(
      need,
      {
        ...offer,
        modalities: ["equipment"],
        languages: ["zh"],
        regions: ["asia"],
        availableFrom: "2027-06-01",
      },
      TODAY,
    );
    expect(match?.score).toBe(MATCH_WEIGHTS.theme);
    expect(met(match)).toEqual({
      theme: true,
      modality: false,
      region: false,
      language: false,
      timing: false,
    });
  });

  it("counts a global offer in every region, and a need in any language as met by any", () => {
    const match = scoreMatch(
      { ...need, languages: [], region: null },
      { ...offer, regions: ["global"] },
      TODAY,
    );
    expect(met(match)).toMatchObject({ region: true, language: true });
    expect(match?.reasons.find((r) => r.criterion === "language")?.values).toEqual(["fr", "en"]);
  });

  it("finds no region for a country without one unless the offer is global", () => {
    expect(met(scoreMatch({ ...need, region: null }, offer, TODAY)).region).toBe(false);
  });

  it("is no match on another theme, with no capacity left, or after the offer's window", () => {
    expect(scoreMatch({ ...need, theme: "legal" }, offer, TODAY)).toBeNull();
    expect(scoreMatch(need, { ...offer, remainingCapacity: 0 }, TODAY)).toBeNull();
    expect(scoreMatch(need, { ...offer, availableUntil: "2026-11-23" }, TODAY)).toBeNull();
    expect(scoreMatch(need, { ...offer, remainingCapacity: null, availableUntil: TODAY }, TODAY)?.score).toBe(
      100,
    );
  });

  it("counts open-ended dates as timely", () => {
    expect(
      met(scoreMatch({ ...need, neededBy: null }, { ...offer, availableFrom: "2030-01-01" }, TODAY)).timing,
    ).toBe(true);
    expect(met(scoreMatch(need, { ...offer, availableFrom: null }, TODAY)).timing).toBe(true);
  });
});

describe("rankings", () => {
  const offers: OfferProfile[] = [
    { ...offer, id: "o-b", languages: ["zh"] }, // 85
    { ...offer, id: "o-c", themes: ["legal"] }, // no match
    { ...offer, id: "o-a" }, // 100
    { ...offer, id: "o-d", languages: ["zh"] }, // 85, after o-b by id
  ];

  it("ranks offers for a need by score, leaving out those that cannot answer it", () => {
    expect(rankOffers(need, offers, TODAY).map((m) => [m.offerId, m.score])).toEqual([
      ["o-a", 100],
      ["o-b", 85],
      ["o-d", 85],
    ]);
  });

  it("ranks needs for an offer by score, then urgency, then the date needed", () => {
    const needs: NeedProfile[] = [
      { ...need, id: "n-low", urgency: "low" },
      { ...need, id: "n-late", neededBy: "2026-12-15" }, // before the offer opens: 90
      { ...need, id: "n-high-later", neededBy: "2027-02-01" },
      { ...need, id: "n-high-soon", neededBy: "2027-01-20" },
      { ...need, id: "n-other", theme: "uas" },
    ];
    expect(rankNeeds(offer, needs, TODAY).map((m) => [m.needId, m.score])).toEqual([
      ["n-high-soon", 100],
      ["n-high-later", 100],
      ["n-low", 100],
      ["n-late", 90],
    ]);
  });
});
