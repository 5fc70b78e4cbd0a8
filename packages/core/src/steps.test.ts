// The readers in slices give the answers of their one-go versions, and stop every few thousand
// rows (a server awaits a turn of its event loop at each stop).
import { describe, expect, it } from "vitest";
import { buildGraph, buildGraphInSlices } from "./graph/build.ts";
import {
  readAssetsCsv,
  readAssetsCsvInSlices,
  readDependenciesCsv,
  readDependenciesCsvInSlices,
} from "./registry/csv.ts";
import { checkStixBundle, checkStixBundleInParts, checkStixBundleInSlices } from "./stix/validate.ts";

const counted = () => {
  const between = async () => {
    between.calls++;
  };
  between.calls = 0;
  return between;
};

function assetsCsv(n: number, bad: number | null = null): string {
  const lines = ["id,name,sector,lat,lon,population_served,marking"];
  for (let i = 0; i < n; i++)
    lines.push(`A-${i},Asset ${i},energy-electricity,10.5,20.5,${i === bad ? "lots" : i},amber`);
  return `${lines.join("\n")}\n`;
}
function dependenciesCsv(n: number, bad: number | null = null): string {
  const lines = ["dependent_id,supplier_id,service,k,buffer_hours"];
  for (let i = 1; i < n; i++) lines.push(`A-${i},A-${i - 1},electricity,${i === bad ? 0 : 1},2`);
  return `${lines.join("\n")}\n`;
}

/** The i-th of a bundle's indicators, each valid and with an id of its own. */
const indicator = (i: number) => ({
  type: "indicator",
  spec_version: "2.1",
  id: `indicator--${`${i}`.padStart(8, "0")}-5b6a-4798-8a1b-2c3d4e5f6a7b`,
  created: "2026-01-05T10:00:00.000Z",
  modified: "2026-01-05T10:00:00.000Z",
  pattern: "[domain-name:value = 'relay.example.org']",
  pattern_type: "stix",
  valid_from: "2026-01-05T10:00:00Z",
});

describe("reading in slices", () => {
  it("reads assets.csv as readAssetsCsv does, stopping every 2,000 rows", async () => {
    const text = assetsCsv(9_000);
    const between = counted();
    expect(await readAssetsCsvInSlices(text, between)).toEqual(readAssetsCsv(text));
    // 4 stops parsing, 4 reading the rows.
    expect(between.calls).toBe(8);
    const broken = assetsCsv(9_000, 8_500);
    const read = await readAssetsCsvInSlices(broken, async () => undefined);
    expect(read).toEqual(readAssetsCsv(broken));
    expect(read.problems).toEqual([
      {
        line: 8_502,
        column: "population_served",
        message: expect.stringContaining("lots"),
        sentence: { key: "rows.notNumber", values: { value: "lots" } },
      },
    ]);
  });

  it("reads dependencies.csv as readDependenciesCsv does, and a malformed file the same", async () => {
    const text = dependenciesCsv(5_000, 4_000);
    const between = counted();
    expect(await readDependenciesCsvInSlices(text, between)).toEqual(readDependenciesCsv(text));
    expect(between.calls).toBeGreaterThan(0);
    const unclosed = `${dependenciesCsv(3_000)}"A-1,A-2,water\n`;
    expect(await readDependenciesCsvInSlices(unclosed, async () => undefined)).toEqual(
      readDependenciesCsv(unclosed),
    );
  });

  it("builds the graph buildGraph builds, issues included, stopping every 5,000 rows", async () => {
    const assets = Array.from({ length: 12_000 }, (_, i) => ({ id: `A-${i}`, sector: "water-drinking" }));
    const dependencies = Array.from({ length: 11_999 }, (_, i) => ({
      dependent: `A-${i + 1}`,
      supplier: `A-${i}`,
      service: "electricity",
    }));
    const between = counted();
    expect(await buildGraphInSlices(assets, dependencies, between)).toEqual(buildGraph(assets, dependencies));
    expect(between.calls).toBe(4);
    const broken = [...dependencies, { dependent: "A-3", supplier: "A-3", service: "water" }];
    const built = await buildGraphInSlices(assets, broken, async () => undefined);
    expect(built.graph).toBeNull();
    expect(built).toEqual(buildGraph(assets, broken));
  });

  it("checks a STIX bundle as checkStixBundle does, stopping every 1,000 objects", async () => {
    const bundle = {
      type: "bundle",
      id: "bundle--0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d",
      objects: Array.from({ length: 2_500 }, (_, i) => indicator(i)),
    };
    const between = counted();
    const checked = await checkStixBundleInSlices(bundle, between);
    expect(checked).toEqual(checkStixBundle(bundle));
    expect(checked.ok).toBe(true);
    expect(between.calls).toBe(3);
    const late = { ...bundle, objects: [...bundle.objects, { ...indicator(9), modified: "yesterday" }] };
    const failed = await checkStixBundleInSlices(late, async () => undefined);
    expect(failed.ok).toBe(false);
    expect(failed).toEqual(checkStixBundle(late));
    for (const wrong of [
      null,
      [],
      { type: "bundle" },
      { ...bundle, type: "report" },
      { ...bundle, objects: 3 },
    ])
      expect(await checkStixBundleInSlices(wrong, async () => undefined)).toEqual(checkStixBundle(wrong));
  });

  it("checks a STIX bundle in parts as checkStixBundle does, however it is cut", () => {
    const objects = Array.from({ length: 40 }, (_, i) => indicator(i));
    const bundle = { type: "bundle", id: "bundle--0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d", objects };
    const bad = [...objects];
    bad[17] = { ...indicator(17), modified: "yesterday" };
    bad[30] = { ...indicator(30), created: 3 } as never;
    const late = { ...bundle, objects: bad };
    for (const cut of [1, 7, 17, 18, 40, 100]) {
      const parts = checkStixBundleInParts(bundle);
      const json: string[] = [];
      while (parts.checked < parts.objects.length)
        json.push(...(parts.check(parts.checked + cut) ?? ["failed"]));
      expect(parts.failure()).toBeNull();
      expect({ ok: true, objects: parts.objects, json }).toEqual(checkStixBundle(bundle));
      const failing = checkStixBundleInParts(late);
      const passed: boolean[] = [];
      while (failing.checked < failing.objects.length) {
        const to = failing.checked + cut;
        passed.push(failing.check(to) !== null);
        // Texts while every object so far passed; none from the part with the first problem on.
        expect(passed.at(-1)).toBe(to <= 17);
        expect(failing.passing).toBe(to <= 17);
      }
      expect(failing.failure()).toEqual(checkStixBundle(late));
    }
    // A bundle whose own properties fail: no objects to check, the failure at once.
    for (const wrong of [null, [], { ...bundle, type: "report" }, { ...bundle, objects: 3 }]) {
      const parts = checkStixBundleInParts(wrong);
      expect(parts.objects).toEqual([]);
      expect(parts.failure()).toEqual(checkStixBundle(wrong));
    }
    const unfinished = checkStixBundleInParts(bundle);
    unfinished.check(10);
    expect(() => unfinished.failure()).toThrow(RangeError);
  });
});
