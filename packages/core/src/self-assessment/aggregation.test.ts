import { describe, expect, it } from "vitest";
import { aggregateByRegion, type Contribution } from "./aggregation.ts";
import { regionOfCountry } from "./regions.ts";

const contribution = (
  organisationId: string,
  country: string,
  a: number | null,
  b?: number,
  verified = true,
): Contribution => ({
  organisationId,
  country,
  verified,
  sections: new Map<string, number | null>([
    ["a", a],
    ...(b === undefined ? [] : ([["b", b]] as [string, number][])),
  ]),
});

describe("regionOfCountry", () => {
  it("follows the UN M49 continents and has none for user-assigned codes", () => {
    expect(regionOfCountry("FR")).toBe("europe");
    expect(regionOfCountry("ke")).toBe("africa");
    expect(regionOfCountry("BR")).toBe("americas");
    expect(regionOfCountry("SG")).toBe("asia");
    expect(regionOfCountry("FJ")).toBe("oceania");
    expect(regionOfCountry("XM")).toBeNull();
  });
});

describe("aggregateByRegion", () => {
  it("publishes the mean of a cell with four organisations of four countries and suppresses one with two", () => {
    const rows = aggregateByRegion(
      ["a"],
      [
        contribution("fr", "FR", 0.2),
        contribution("de", "DE", 0.4),
        contribution("it", "IT", 0.6),
        contribution("es", "ES", 0.4),
        contribution("ke", "KE", 0.9),
        contribution("ng", "NG", 0.1),
      ],
    );
    const europe = rows.find((row) => row.region === "europe");
    const africa = rows.find((row) => row.region === "africa");
    expect(europe?.organisations).toBe(4);
    const cell = europe?.cells[0];
    expect(cell?.suppressed).toBe(false);
    if (cell && !cell.suppressed) {
      expect(cell.mean).toBeCloseTo(0.4);
      expect(cell.organisations).toBe(4);
    }
    expect(africa?.organisations).toBeNull();
    expect(africa?.cells).toEqual([{ sectionId: "a", suppressed: true }]);
  });

  it("withholds the global cell when subtracting published regions would reveal too few", () => {
    const rows = aggregateByRegion(
      ["a"],
      [
        contribution("fr", "FR", 0.2),
        contribution("de", "DE", 0.4),
        contribution("it", "IT", 0.6),
        contribution("es", "ES", 0.6),
        contribution("ke", "KE", 0.9),
      ],
    );
    expect(rows[0]?.region).toBe("global");
    expect(rows[0]?.cells[0]?.suppressed).toBe(true);
  });

  it("publishes the global cell when the withheld regions together hold enough", () => {
    const rows = aggregateByRegion(
      ["a"],
      [
        contribution("fr", "FR", 0.2),
        contribution("ke", "KE", 0.4),
        contribution("br", "BR", 0.6),
        contribution("sg", "SG", 0.4),
      ],
    );
    const global = rows[0]?.cells[0];
    expect(global?.suppressed).toBe(false);
    if (global && !global.suppressed) expect(global.mean).toBeCloseTo(0.4);
    expect(rows.slice(1).every((row) => row.cells.every((cell) => cell.suppressed))).toBe(true);
  });

  it("counts only organisations that answered the section, each once, and never goes below three", () => {
    const rows = aggregateByRegion(
      ["a", "b"],
      [
        contribution("fr", "FR", 0.2, 1),
        contribution("fr", "FR", 0.2, 1),
        contribution("de", "DE", null, 1),
        contribution("it", "IT", 0.6, 1),
        contribution("es", "ES", 0.6, 1),
      ],
      { k: 1 },
    );
    const europe = rows.find((row) => row.region === "europe");
    expect(europe?.cells[0]).toEqual({ sectionId: "a", suppressed: true });
    expect(europe?.cells[1]).toEqual({ sectionId: "b", suppressed: false, organisations: 4, mean: 1 });
  });
});

describe("aggregateByRegion against organisations made for the purpose (finding 10)", () => {
  const real = contribution("real", "FR", 0.9);
  it("does not count unverified organisations: two fakes scoring 0 no longer reveal a real score", () => {
    const rows = aggregateByRegion(
      ["a"],
      [
        real,
        contribution("fake-1", "DE", 0, undefined, false),
        contribution("fake-2", "IT", 0, undefined, false),
      ],
    );
    for (const row of rows) expect(row.cells).toEqual([{ sectionId: "a", suppressed: true }]);
  });

  it("withholds a figure one contributor's exact score could be read from, verified or not", () => {
    // Three of three countries met the old rule; the reader who controls two of them would read
    // the third's score as 3 x mean. Leaving any one out must still meet the rule.
    const three = [real, contribution("ally-1", "DE", 0), contribution("ally-2", "IT", 0)];
    for (const row of aggregateByRegion(["a"], three)) expect(row.cells[0]?.suppressed).toBe(true);
    // Five organisations of three countries, one country resting on one organisation: withheld.
    const lonely = [...three, contribution("de-2", "DE", 0.5), contribution("fr-2", "FR", 0.5)];
    expect(aggregateByRegion(["a"], lonely)[0]?.cells[0]?.suppressed).toBe(true);
    const robust = [...lonely, contribution("it-2", "IT", 0.5)];
    expect(aggregateByRegion(["a"], robust)[0]?.cells[0]?.suppressed).toBe(false);
  });

  it("applies the rule to the contributors other than the reader's own organisation", () => {
    const four = [
      contribution("fr", "FR", 0.2),
      contribution("de", "DE", 0.4),
      contribution("it", "IT", 0.6),
      contribution("es", "ES", 0.4),
    ];
    expect(
      aggregateByRegion(["a"], four, { readerOrganisationId: "admin-org" })[0]?.cells[0]?.suppressed,
    ).toBe(false);
    expect(aggregateByRegion(["a"], four, { readerOrganisationId: "es" })[0]?.cells[0]?.suppressed).toBe(
      true,
    );
  });
});

describe("aggregateByRegion and states", () => {
  it("never publishes a figure that is one state's, however many of its organisations contribute", () => {
    const rows = aggregateByRegion(
      ["a"],
      [
        contribution("fr-1", "FR", 0.2),
        contribution("fr-2", "FR", 0.4),
        contribution("fr-3", "FR", 0.6),
        contribution("de-1", "DE", 0.8),
      ],
    );
    for (const row of rows) {
      expect(row.organisations).toBeNull();
      expect(row.cells).toEqual([{ sectionId: "a", suppressed: true }]);
    }
  });
});
