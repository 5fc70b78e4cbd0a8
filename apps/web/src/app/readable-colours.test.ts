// Every palette the theme gives reads at 4.5:1 where Mantine uses it in the light scheme: shade 8
// as text on the page and on its own tint, and under white text.
import { DEFAULT_THEME } from "@mantine/core";
import { describe, expect, it } from "vitest";
import { blend, contrast, PAGE_BACKGROUNDS, readable, readablePalette } from "./readable-colours.ts";
import { theme } from "./theme.ts";

describe("readable colours", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrast("#ffffff", "#ffffff")).toBe(1);
  });

  it("finds Mantine's teal too light, and darkens it just enough, keeping the other shades", () => {
    const teal = DEFAULT_THEME.colors.teal;
    expect(readable(teal[8])).toBe(false);
    const fixed = readablePalette(teal);
    expect(readable(fixed[8])).toBe(true);
    expect(fixed.slice(0, 8)).toEqual(teal.slice(0, 8));
    // Not darker than needed: a little lighter would not read.
    expect(contrast(fixed[8], "#ffffff")).toBeLessThan(6);
  });

  it("gives every palette of the theme a readable shade 8, and a darker shade 9", () => {
    const colours = Object.entries(theme.colors ?? {});
    expect(colours.length).toBeGreaterThan(10);
    for (const [name, palette] of colours) {
      if (name === "dark" || !palette) continue;
      for (const page of PAGE_BACKGROUNDS) {
        expect(contrast(palette[8], page), `${name}.8 on ${page}`).toBeGreaterThanOrEqual(4.5);
        expect(
          contrast(palette[8], blend(palette[8], 0.1, page)),
          `${name}.8 on its tint`,
        ).toBeGreaterThanOrEqual(4.5);
      }
      expect(contrast(palette[9], "#ffffff"), `${name}.9`).toBeGreaterThanOrEqual(
        contrast(palette[8], "#ffffff"),
      );
    }
  });
});
