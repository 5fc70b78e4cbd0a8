import { describe, expect, it } from "vitest";
import type { SharingViewer } from "./sharing-policy.ts";
import {
  collectionAbilities,
  maySeeStixObject,
  stixArrivalRefusal,
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
