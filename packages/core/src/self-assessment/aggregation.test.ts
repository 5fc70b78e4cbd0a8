import { describe, expect, it } from "vitest";
import { aggregateByRegion, type Contribution } from "./aggregation.ts";
import { regionOfCountry } from "./regions.ts";

const contribution = (
  organisationId: string,
  country: string,
  a: number | null,
  b?: number,
): Contribution => ({
  organisationId,
  country,
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
  it("publishes the mean of a cell with three organisations and suppresses one with two", () => {
    const rows = aggregateByRegion(
      ["a"],
      [
        contribution("fr", "FR", 0.2),
        contribution("de", "DE", 0.4),
        contribution("it", "IT", 0.6),
        contribution("ke", "KE", 0.9),
        contribution("ng", "NG", 0.1),
      ],
    );
    const europe = rows.find((row) => row.region === "europe");
    const africa = rows.find((row) => row.region === "africa");
    expect(europe?.organisations).toBe(3);
    const cell = europe?.cells[0];
    expect(cell?.suppressed).toBe(false);
    if (cell && !cell.suppressed) {
      expect(cell.mean).toBeCloseTo(0.4);
      expect(cell.organisations).toBe(3);
    }
    expect(africa?.organisations).toBeNull();
    expect(africa?.cells).toEqual([{ sectionId: "a", suppressed: true }]);
  });

  it("withholds the global cell when subtracting published regions would reveal fewer than three", () => {
    const rows = aggregateByRegion(
      ["a"],
      [
        contribution("fr", "FR", 0.2),
        contribution("de", "DE", 0.4),
        contribution("it", "IT", 0.6),
        contribution("ke", "KE", 0.9),
      ],
    );
    expect(rows[0]?.region).toBe("global");
    expect(rows[0]?.cells[0]?.suppressed).toBe(true);
  });

  it("publishes the global cell when the withheld regions together hold at least three", () => {
    const rows = aggregateByRegion(
      ["a"],
      [contribution("fr", "FR", 0.2), contribution("ke", "KE", 0.4), contribution("br", "BR", 0.6)],
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
      ],
      1,
    );
    const europe = rows.find((row) => row.region === "europe");
    expect(europe?.cells[0]).toEqual({ sectionId: "a", suppressed: true });
    expect(europe?.cells[1]).toEqual({ sectionId: "b", suppressed: false, organisations: 3, mean: 1 });
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
