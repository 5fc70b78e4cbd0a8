// Who sees, edits, approves and sends a situation report: a table of cases.
import { describe, expect, it } from "vitest";
import type { IncidentAbilities, IncidentViewer } from "./incident-policy.ts";
import { checkSitrepDeed, checkSitrepMarking, type SitrepFacts, sitrepAbilities } from "./sitrep-policy.ts";

const viewer = (userId: string, organisationId: string, roles: IncidentViewer["roles"] = ["coordinator"]) =>
  ({
    userId,
    organisationId,
    roles,
    communityIds: [],
    organisationKind: "private-operator",
  }) as IncidentViewer;
const filer: IncidentAbilities = { maySee: true, asAuthority: false, asFiler: true, reason: "" };
const reader: IncidentAbilities = { maySee: true, asAuthority: false, asFiler: false, reason: "" };
const draft: SitrepFacts = {
  authorId: "author",
  authorOrganisationId: "grid",
  approverId: null,
  status: "draft",
};

describe("sitrep policy", () => {
  it("keeps an unsent report to the author's organisation", () => {
    expect(sitrepAbilities(viewer("colleague", "grid"), filer, draft, false).maySee).toBe(true);
    expect(sitrepAbilities(viewer("watch", "authority"), filer, draft, false).maySee).toBe(false);
    expect(sitrepAbilities(viewer("colleague", "grid"), null, draft, false).maySee).toBe(false);
    const sent = { ...draft, status: "sent" as const, approverId: "colleague" };
    expect(sitrepAbilities(viewer("watch", "authority"), null, sent, true).maySee).toBe(true);
    expect(sitrepAbilities(viewer("watch", "authority"), null, draft, true).maySee).toBe(false);
  });

  it("asks a second person to approve, never the author", () => {
    expect(checkSitrepDeed(viewer("author", "grid"), filer, draft, "approve")).toEqual({
      outcome: "refused",
      reason: "A second person approves a situation report, never its author.",
    });
    expect(checkSitrepDeed(viewer("colleague", "grid"), filer, draft, "approve")).toEqual({
      outcome: "allowed",
    });
    expect(checkSitrepDeed(viewer("colleague", "grid", ["member"]), filer, draft, "approve").outcome).toBe(
      "refused",
    );
    expect(checkSitrepDeed(viewer("colleague", "grid"), reader, draft, "approve").outcome).toBe("refused");
    const approved = { ...draft, status: "approved" as const, approverId: "colleague" };
    expect(checkSitrepDeed(viewer("other", "grid"), filer, approved, "approve").outcome).toBe("conflict");
    expect(checkSitrepDeed(viewer("author", "grid"), filer, approved, "edit").outcome).toBe("conflict");
    expect(checkSitrepDeed(viewer("author", "grid"), filer, approved, "send")).toEqual({
      outcome: "allowed",
    });
    expect(checkSitrepDeed(viewer("colleague", "grid"), filer, approved, "send")).toEqual({
      outcome: "allowed",
    });
    expect(checkSitrepDeed(viewer("other", "grid"), filer, approved, "send").outcome).toBe("refused");
  });

  it("sends no wider than the incident's marking", () => {
    expect(checkSitrepMarking("amber", "clear").allowed).toBe(false);
    expect(checkSitrepMarking("amber", "amber+strict").allowed).toBe(true);
    expect(checkSitrepMarking("amber", "amber").allowed).toBe(true);
  });
});
