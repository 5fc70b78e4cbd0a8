import { describe, expect, it } from "vitest";
import type { SharingViewer } from "./sharing-policy.ts";
import {
  collectionAbilities,
  maySeeStixObject,
  type StixVersionFacts,
  servedStixOwner,
  servedStixVersions,
  stixArrivalRefusal,
  stixAuthorshipRefusal,
  subscriptionAbilities,
} from "./stix-policy.ts";

const viewer = (overrides: Partial<SharingViewer> = {}): SharingViewer => ({
  userId: "u1",
  organisationId: "org-a",
  roles: ["member"],
  communityIds: ["c1"],
  ...overrides,
});

describe("STIX objects of a community collection", () => {
  it("are read by members only, AMBER+STRICT by the owner organisation only, RED by nobody", () => {
    const object = { collectionId: "c1", ownerOrganisationId: "org-b" } as const;
    expect(maySeeStixObject(viewer(), { ...object, tlp: "amber" })).toBe(true);
    expect(maySeeStixObject(viewer({ communityIds: ["c2"] }), { ...object, tlp: "clear" })).toBe(false);
    expect(maySeeStixObject(viewer(), { ...object, tlp: "amber+strict" })).toBe(false);
    expect(maySeeStixObject(viewer({ organisationId: "org-b" }), { ...object, tlp: "amber+strict" })).toBe(
      true,
    );
    expect(maySeeStixObject(viewer({ organisationId: "org-b" }), { ...object, tlp: "red" })).toBe(false);
  });

  it("are written by members whose roles may publish", () => {
    expect(collectionAbilities(viewer(), "c1")).toEqual({ mayRead: true, mayWrite: true });
    expect(collectionAbilities(viewer({ roles: ["auditor"] }), "c1")).toEqual({
      mayRead: true,
      mayWrite: false,
    });
    expect(collectionAbilities(viewer(), "c2")).toEqual({ mayRead: false, mayWrite: false });
  });

  it("refuse RED, and markings wider than the writer may publish", () => {
    expect(stixArrivalRefusal(viewer({ roles: ["coordinator"] }), "red")).toMatch(/named people/);
    expect(stixArrivalRefusal(viewer({ roles: ["analyst"] }), "clear")).toMatch(/up to TLP:GREEN/);
    expect(stixArrivalRefusal(viewer({ roles: ["analyst"] }), "green")).toBeNull();
    expect(stixArrivalRefusal(viewer({ roles: ["auditor"] }), "amber")).toMatch(/may not publish/);
  });
});

describe("lineages of one object held by several organisations", () => {
  const version = (
    owner: string,
    dateAdded: string,
    over: Partial<StixVersionFacts> = {},
  ): StixVersionFacts => ({
    collectionId: "c1",
    stixId: "tool--1",
    ownerOrganisationId: owner,
    tlp: "green",
    dateAdded,
    source: "taxii",
    ...over,
  });
  it("serves the reader's own lineage, else Bulwark's mirror, else the earliest they may see", () => {
    const a = version("org-b", "2026-01-01T00:00:00.000001Z");
    const b = version("org-c", "2026-01-01T00:00:00.000002Z");
    const mirror = version("org-d", "2026-01-01T00:00:00.000003Z", { source: "bulwark" });
    expect(servedStixOwner(viewer(), [b, a])).toBe("org-b");
    expect(servedStixOwner(viewer(), [b, a, mirror])).toBe("org-d");
    expect(servedStixOwner(viewer({ organisationId: "org-c" }), [b, a, mirror])).toBe("org-c");
    // A lineage the reader may not see never decides: the next one is served.
    const hidden = { ...a, tlp: "amber+strict" } as const;
    expect(servedStixOwner(viewer(), [hidden, b])).toBe("org-c");
    expect(servedStixOwner(viewer(), [hidden])).toBeNull();
    expect(servedStixVersions(viewer(), [hidden, b, { ...b, dateAdded: "2027" }])).toEqual([
      b,
      { ...b, dateAdded: "2027" },
    ]);
  });

  it("refuses objects in another Bulwark organisation's name", () => {
    const owners = new Map([
      ["identity--a", "org-a"],
      ["identity--b", "org-b"],
    ]);
    const object = { id: "tool--1", type: "tool" };
    expect(stixAuthorshipRefusal(viewer(), { ...object, created_by_ref: "identity--a" }, owners)).toBeNull();
    expect(stixAuthorshipRefusal(viewer(), { ...object, created_by_ref: "identity--x" }, owners)).toBeNull();
    expect(stixAuthorshipRefusal(viewer(), { ...object, created_by_ref: "identity--b" }, owners)).toMatch(
      /created_by_ref names another Bulwark organisation/,
    );
    expect(stixAuthorshipRefusal(viewer(), { id: "identity--b", type: "identity" }, owners)).toMatch(
      /another Bulwark organisation's identity/,
    );
    expect(stixAuthorshipRefusal(viewer(), { id: "identity--a", type: "identity" }, owners)).toBeNull();
  });
});

describe("TAXII subscriptions of a community", () => {
  it("are seen by members and run by their coordinators and organisation administrators only", () => {
    expect(subscriptionAbilities(viewer(), "c1")).toEqual({ mayView: true, mayManage: false });
    expect(subscriptionAbilities(viewer({ roles: ["coordinator"] }), "c1")).toEqual({
      mayView: true,
      mayManage: true,
    });
    expect(subscriptionAbilities(viewer({ roles: ["member", "organisation-admin"] }), "c1").mayManage).toBe(
      true,
    );
    expect(subscriptionAbilities(viewer({ roles: ["platform-admin"] }), "c1").mayManage).toBe(false);
    expect(subscriptionAbilities(viewer({ roles: ["coordinator"] }), "c2")).toEqual({
      mayView: false,
      mayManage: false,
    });
  });
});
