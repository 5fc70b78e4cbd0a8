import type { ImplementationProfile } from "@bulwark/contracts";
import { describe, expect, it } from "vitest";
import { otherActions, shareAudience, shareForm } from "./profile-view.ts";

const action = (id: string) => ({
  id,
  title: id,
  status: "open" as const,
  dueOn: "2027-01-01",
  overdue: false,
  event: { id: "e", title: "Workshop" },
});
const section = (id: string, actions: string[]) => ({
  id,
  title: id,
  reference: null,
  score: null,
  trend: "new" as const,
  history: [],
  measures: [],
  actions: { open: actions.length, overdue: 0, items: actions.map(action) },
  engagements: [],
  exercises: [],
});
const profile = (share: ImplementationProfile["share"] = null): ImplementationProfile => ({
  country: "XM",
  framework: { id: "unsc-2341", version: 1, title: "Resolution 2341", citation: "S/RES/2341 (2017)" },
  runs: [],
  overall: { score: null, trend: "new", history: [] },
  sections: [section("strategy", ["a"]), section("crisis", ["b"])],
  actions: { open: 3, overdue: 0, unattributed: 1, items: ["a", "b", "c"].map(action) },
  engagements: [],
  exercises: [],
  share,
  abilities: { asOwner: true, mayShare: true },
  generatedAt: "2026-12-07T00:00:00.000Z",
});

describe("the implementation profile page", () => {
  it("lists once, after the sections, the open actions no section holds", () => {
    expect(otherActions(profile()).map((item) => item.id)).toEqual(["c"]);
  });

  it("starts the share form from the share as it stands", () => {
    expect(shareForm(null)).toEqual({ tlp: "amber", communityIds: [], organisationIds: [] });
    const shared = shareForm({
      tlp: "green",
      sharedAt: "2026-12-01T00:00:00.000Z",
      organisation: "NCIPA",
      audience: [
        { kind: "community", id: "c1", name: "Regional" },
        { kind: "organisation", id: "o1", name: "CTED" },
      ],
    });
    expect(shared).toEqual({ tlp: "green", communityIds: ["c1"], organisationIds: ["o1"] });
    expect(shareAudience(shared)).toEqual({ communityIds: ["c1"], organisationIds: ["o1"] });
    expect(shareAudience({ ...shared, tlp: "clear" })).toEqual({});
  });
});
