import { describe, expect, it } from "vitest";
import { namedCodes } from "./compendium-vocabulary.ts";

describe("the countries and languages a form offers", () => {
  it("are the codes Intl names, sorted by name in the reader's language", () => {
    const countries = namedCodes("en", "region");
    expect(countries).toContainEqual({ value: "FR", label: "France" });
    expect(countries.some((option) => option.value === option.label)).toBe(false);
    const labels = countries.map((option) => option.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "en")));
    expect(namedCodes("fr", "region")).toContainEqual({ value: "DE", label: "Allemagne" });
    expect(namedCodes("en", "language")).toContainEqual({ value: "fr", label: "French" });
  });

  it("are made once per language and kind, not at every render", () => {
    expect(namedCodes("es", "language")).toBe(namedCodes("es", "language"));
    expect(namedCodes("es", "region")).not.toBe(namedCodes("es", "language"));
  });
});
