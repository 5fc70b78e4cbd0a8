import { describe, expect, it } from "vitest";
import {
  ASSET_PLACEHOLDER,
  type CaseStudyFacts,
  caseStudyDraft,
  ORGANISATION_PLACEHOLDER,
  withoutNames,
} from "./lessons.ts";

const FACTS: CaseStudyFacts = {
  title: "Grid North: substation Alpha attacked",
  type: "sabotage",
  threatFamily: "sabotage",
  startedAt: "2026-11-22T03:00:00.000Z",
  closedAt: "2026-11-25T03:00:00.000Z",
  sectors: ["energy-electricity"],
  assetsAffected: 2,
  peopleAffected: 12000,
  wentWell: "Grid North isolated Alpha (ref SUB-1) fast; GRID NORTH's crews were ready.",
  toImprove: "Alphabet soup is not Alpha. The police told Grid Northern late.",
  actions: ["Test the backup of Alpha"],
  organisationNames: ["Grid North", "Police"],
  assetNames: ["Alpha", "SUB-1"],
  country: "XM",
  authorOrganisation: "Grid North",
};

describe("the case study an after-action review pre-fills", () => {
  it("replaces whole names in any case, longest first, and leaves words that merely contain them", () => {
    expect(withoutNames("Alphabet soup is not Alpha.", ["Alpha"], "[x]")).toBe("Alphabet soup is not [x].");
    expect(withoutNames("grid north and Grid North-East", ["Grid North", "Grid North-East"], "[x]")).toBe(
      "[x] and [x]",
    );
    expect(withoutNames("A and B", ["A"], "[x]")).toBe("A and B");
  });

  it("leaves out organisation and asset names when asked, and dates for durations", () => {
    const draft = caseStudyDraft(FACTS, {
      omitOrganisationNames: true,
      omitAssetNames: true,
      omitDates: true,
    });
    const text = [draft.title, draft.summary, draft.body, draft.citation].join("\n");
    expect(text).not.toMatch(/Grid North\b|GRID NORTH|Alpha\b|SUB-1|2026/);
    expect(draft.body).toContain(`${ORGANISATION_PLACEHOLDER} isolated ${ASSET_PLACEHOLDER}`);
    expect(draft.body).toContain("about 72 hours");
    expect(draft.body).toContain("Grid Northern"); // another word, kept
    expect(draft).toMatchObject({
      threats: ["sabotage"],
      sectors: ["energy-electricity"],
      countries: ["XM"],
    });
  });

  it("keeps the names and dates its author chose to keep", () => {
    const draft = caseStudyDraft(FACTS, {
      omitOrganisationNames: false,
      omitAssetNames: false,
      omitDates: false,
    });
    expect(draft.title).toBe("Case study: Grid North: substation Alpha attacked");
    expect(draft.body).toContain("2026-11-22T03:00:00.000Z");
    expect(draft.citation).toBe(
      "After-action review of an incident, written in Bulwark by Grid North, 2026.",
    );
    const assetsOnly = caseStudyDraft(FACTS, {
      omitOrganisationNames: false,
      omitAssetNames: true,
      omitDates: false,
    });
    expect(assetsOnly.body).toContain("Grid North isolated [an asset]");
  });
});
