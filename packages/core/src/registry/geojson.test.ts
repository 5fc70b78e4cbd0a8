import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SECTORS, TLP_MARKINGS } from "../vocabulary.ts";
import { featureLocation, type GeoJsonProblem, readAssetsGeoJson } from "./geojson.ts";
import { registryEnglish } from "./sentences.ts";

const collection = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });
const point = (lon: number, lat: number) => ({ type: "Point", coordinates: [lon, lat] });
const square = (lon: number, lat: number, size = 0.01) => ({
  type: "Polygon",
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});
const feature = (properties: Record<string, unknown> | null, geometry: unknown = null, extra = {}) => ({
  type: "Feature",
  geometry,
  properties,
  ...extra,
});
const SUB = { id: "SUB-1", name: "North substation", sector: "energy-electricity" };

const read = (text: string) => {
  const result = readAssetsGeoJson(text);
  if (!result.rows) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.rows;
};
// Each problem's English is its sentence said in English; the tests read the English.
const problems = (text: string): Omit<GeoJsonProblem, "sentence">[] =>
  readAssetsGeoJson(text).problems.map(({ sentence, ...problem }) => {
    expect(problem.message).toBe(registryEnglish(sentence));
    return problem;
  });

describe("readAssetsGeoJson", () => {
  it.each([
    [
      "a point, longitude first",
      feature(SUB, point(20.25, 10.5)),
      { id: "SUB-1", lat: 10.5, lon: 20.25, area: null },
    ],
    ["no geometry", feature(SUB), { lat: undefined, lon: undefined, area: null }],
    [
      "an altitude after the position, dropped",
      feature(SUB, { type: "Point", coordinates: [20, 10, 5] }),
      { lat: 10, lon: 20 },
    ],
    [
      "the feature's id when properties have none",
      feature({ name: "X", sector: "health" }, null, { id: "H-1" }),
      { id: "H-1" },
    ],
    ["a numeric id as text", feature({ ...SUB, id: 42 }, null, { id: 42 }), { id: "42" }],
    [
      "the export's TLP:AMBER+STRICT",
      feature({ ...SUB, marking: "TLP:AMBER+STRICT" }),
      { marking: "amber+strict" },
    ],
    ["assets.csv's green", feature({ ...SUB, marking: "green" }), { marking: "green" }],
    [
      "figures as numbers or numeric text, nulls as absent",
      feature({ ...SUB, population_served: "1200", capacity: 90.5, capacity_unit: "MW", subsector: null }),
      { population: 1200, capacity: 90.5, capacityUnit: "MW", subsector: undefined },
    ],
    [
      "a polygon with a hole, and lat/lon properties for its point",
      feature(
        { ...SUB, lat: 10.005, lon: 20.005 },
        {
          type: "Polygon",
          coordinates: [square(20, 10).coordinates[0], square(20.002, 10.002, 0.001).coordinates[0]],
        },
      ),
      {
        lat: 10.005,
        lon: 20.005,
        area: {
          type: "Polygon",
          coordinates: [square(20, 10).coordinates[0], square(20.002, 10.002, 0.001).coordinates[0]],
        },
      },
    ],
    [
      "a polygon and no point",
      feature(SUB, square(20, 10)),
      { lat: undefined, lon: undefined, area: square(20, 10) },
    ],
    [
      "a Point agreeing with lat/lon properties",
      feature({ ...SUB, lat: 10, lon: 20 }, point(20, 10)),
      { lat: 10, lon: 20 },
    ],
  ])("reads %s", (_, input, expected) => {
    const [row] = read(collection(input));
    expect(row?.line).toBe(0);
    expect(row?.value).toMatchObject(expected);
  });

  it("keeps other properties as text attributes, never the known ones", () => {
    const [row] = read(
      collection(
        feature({
          ...SUB,
          status: "degraded",
          feeder_voltage: 132,
          owner_note: "leased",
          backup: true,
          tags: ["a", "b"],
          gone: null,
          ["__proto__"]: "kept",
        }),
      ),
    );
    expect(row?.attributes).toEqual({
      feeder_voltage: "132",
      owner_note: "leased",
      backup: "true",
      tags: '["a","b"]',
      ["__proto__"]: "kept",
    });
    expect(Object.hasOwn(row?.attributes ?? {}, "__proto__")).toBe(true);
  });

  it("reads an empty collection and a byte order mark", () => {
    expect(read(`\uFEFF${collection()}`)).toEqual([]);
  });

  it.each([
    [
      "not JSON",
      '{"type": "FeatureCollection"\n "features": []}',
      null,
      "",
      /not JSON: .*\(line 2, column 2\)/,
    ],
    ["a single Feature", JSON.stringify(feature(SUB)), null, "type", /FeatureCollection/],
    ["features not a list", '{"type":"FeatureCollection","features":{}}', null, "features", /list/],
    [
      "a projected crs",
      JSON.stringify({ type: "FeatureCollection", crs: { properties: { name: "EPSG:3857" } }, features: [] }),
      null,
      "crs",
      /WGS84/,
    ],
  ])("rejects %s as a whole", (_, text, featureIndex, property, message) => {
    expect(problems(text)).toEqual([
      { feature: featureIndex, property, message: expect.stringMatching(message) },
    ]);
  });

  it.each([
    ["a Geometry, not a Feature", { type: "Point", coordinates: [1, 2] }, undefined, "type", /"Feature"/],
    [
      "properties that are a list",
      feature(null, null, { properties: [1], id: "A" }),
      "A",
      "properties",
      /object/,
    ],
    ["no id at all", feature({ name: "X", sector: "health" }), undefined, "properties.id", /required/],
    [
      "ids that differ",
      feature(SUB, null, { id: "SUB-2" }),
      "SUB-1",
      "properties.id",
      /differs from the feature's id "SUB-2"/,
    ],
    ["no name", feature({ id: "A", sector: "health" }), "A", "properties.name", /required/],
    ["a blank sector", feature({ ...SUB, sector: " " }), "SUB-1", "properties.sector", /required/],
    [
      "an unknown sector",
      feature({ ...SUB, sector: "bakeries" }),
      "SUB-1",
      "properties.sector",
      /"bakeries" is not a sector/,
    ],
    [
      "a name that is not text",
      feature({ ...SUB, name: { en: "x" } }),
      "SUB-1",
      "properties.name",
      /must be text/,
    ],
    [
      "an unknown status",
      feature({ ...SUB, status: "on fire" }),
      "SUB-1",
      "properties.status",
      /not a status/,
    ],
    [
      "an unknown marking",
      feature({ ...SUB, marking: "TLP:WHITE" }),
      "SUB-1",
      "properties.marking",
      /"TLP:WHITE" is not a TLP marking/,
    ],
    [
      "a negative population",
      feature({ ...SUB, population_served: -1 }),
      "SUB-1",
      "properties.population_served",
      /0 or more, not -1/,
    ],
    [
      "a capacity in words",
      feature({ ...SUB, capacity: "ninety" }),
      "SUB-1",
      "properties.capacity",
      /"ninety" is not a number/,
    ],
    ["lat without lon", feature({ ...SUB, lat: 10 }), "SUB-1", "properties.lon", /needed when lat/],
    [
      "a lat property beyond 90",
      feature({ ...SUB, lat: 91, lon: 0 }),
      "SUB-1",
      "properties.lat",
      /from -90 to 90/,
    ],
    [
      "lat/lon properties against the Point",
      feature({ ...SUB, lat: 1, lon: 2 }, point(20, 10)),
      "SUB-1",
      "properties.lat",
      /differs from the Point/,
    ],
    [
      "a MultiPolygon",
      feature(SUB, { type: "MultiPolygon", coordinates: [] }),
      "SUB-1",
      "geometry.type",
      /"Point" or "Polygon".*"MultiPolygon"/,
    ],
    [
      "a Point without numbers",
      feature(SUB, { type: "Point", coordinates: ["20", "10"] }),
      "SUB-1",
      "geometry.coordinates",
      /\[longitude, latitude\]/,
    ],
    [
      "a Point with one number",
      feature(SUB, { type: "Point", coordinates: [20] }),
      "SUB-1",
      "geometry.coordinates",
      /\[longitude, latitude\]/,
    ],
    [
      "a longitude beyond 180",
      feature(SUB, point(180.5, 10)),
      "SUB-1",
      "geometry.coordinates[0]",
      /-180 to 180, not 180.5/,
    ],
    [
      "latitude first",
      feature(SUB, point(10, 120)),
      "SUB-1",
      "geometry.coordinates[1]",
      /-90 to 90, not 120 \(GeoJSON gives longitude first\)/,
    ],
    [
      "a Polygon without rings",
      feature(SUB, { type: "Polygon", coordinates: [] }),
      "SUB-1",
      "geometry.coordinates",
      /1 to 100 rings/,
    ],
    [
      "a ring of three positions",
      feature(SUB, {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
      "SUB-1",
      "geometry.coordinates[0]",
      /4 to 10000 positions, not 3/,
    ],
    [
      "a ring that does not close",
      feature(SUB, {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      }),
      "SUB-1",
      "geometry.coordinates[0]",
      /end at the position where it starts/,
    ],
    [
      "a bad position in a hole",
      feature(SUB, {
        type: "Polygon",
        coordinates: [
          square(0, 0).coordinates[0],
          [
            [0, 0],
            [0, 95],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
      "SUB-1",
      "geometry.coordinates[1][1][1]",
      /-90 to 90, not 95/,
    ],
  ])("names the feature and property for %s", (_, input, id, property, message) => {
    const found = problems(collection(feature(SUB, point(1, 1), { id: "SUB-1" }), input));
    expect(found).toEqual([{ feature: 1, id, property, message: expect.stringMatching(message) }]);
  });

  it("reports every problem of every feature, in order", () => {
    const found = problems(
      collection(
        feature({ id: "A", name: "A", sector: "bakeries" }, point(200, 0)),
        feature({ id: "B", name: "B", sector: "health" }),
        feature({ name: "", sector: "health", marking: "pink" }),
      ),
    );
    expect(
      found.map((problem) => `${featureLocation(problem.feature, problem.id)}:${problem.property}`),
    ).toEqual([
      "features[0] (A):properties.sector",
      "features[0] (A):geometry.coordinates[0]",
      "features[2]:properties.id",
      "features[2]:properties.name",
      "features[2]:properties.marking",
    ]);
  });

  it("stops listing at 1000 problems", () => {
    const many = Array.from({ length: 1500 }, (_, i) => feature({ id: `X-${i}`, name: "X", sector: "nope" }));
    expect(problems(collection(...many))).toHaveLength(1000);
  });
});

describe("a GeoJSON export read back", () => {
  // JSON has no -0: the export writes 0.
  const positiveZero = (value: number) => (value === 0 ? 0 : value);
  // The feature exportGeoJson (apps/server) writes for an asset: its polygon or point, the columns
  // of assets.csv as properties, the marking as "TLP:...", and attributes beside them.
  const asset = fc.record({
    id: fc.stringMatching(/^[A-Za-z0-9_.:/-]{1,20}$/),
    name: fc.string({ minLength: 1, maxLength: 30 }).filter((name) => name.trim() === name && name !== ""),
    sector: fc.constantFrom(...SECTORS),
    subsector: fc.option(fc.constantFrom("transmission", "hospital"), { nil: null }),
    operator: fc.constantFrom("Test Grid Operator", "Test Water Utility"),
    status: fc.constantFrom("operational", "degraded", "down"),
    population_served: fc.integer({ min: 0, max: 10_000_000 }),
    capacity: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }).map(positiveZero), { nil: null }),
    capacity_unit: fc.option(fc.constantFrom("MW", "m3/day"), { nil: null }),
    marking: fc.constantFrom(...TLP_MARKINGS),
    lat: fc.double({ min: -90, max: 89, noNaN: true }).map(positiveZero),
    lon: fc.double({ min: -180, max: 179, noNaN: true }).map(positiveZero),
    shape: fc.constantFrom("point", "polygon", "none"),
    voltage: fc.option(fc.constantFrom("132", "400"), { nil: undefined }),
  });

  it("gives back every field it wrote", () => {
    fc.assert(
      fc.property(fc.uniqueArray(asset, { selector: (a) => a.id, maxLength: 20 }), (assets) => {
        const features = assets.map((a) => ({
          type: "Feature",
          id: a.id,
          geometry:
            a.shape === "point" ? point(a.lon, a.lat) : a.shape === "polygon" ? square(a.lon, a.lat) : null,
          properties: {
            id: a.id,
            name: a.name,
            sector: a.sector,
            subsector: a.subsector,
            operator: a.operator,
            status: a.status,
            population_served: a.population_served,
            capacity: a.capacity,
            capacity_unit: a.capacity_unit,
            marking: `TLP:${a.marking.toUpperCase()}`,
            ...(a.shape === "polygon" ? { lat: a.lat, lon: a.lon } : {}),
            ...(a.voltage === undefined ? {} : { voltage: a.voltage }),
          },
        }));
        const rows = read(JSON.stringify({ type: "FeatureCollection", features }));
        expect(rows.map((row) => row.value)).toEqual(
          assets.map((a) => ({
            id: a.id,
            name: a.name,
            sector: a.sector,
            subsector: a.subsector ?? undefined,
            operator: a.operator,
            status: a.status,
            population: a.population_served,
            capacity: a.capacity ?? undefined,
            capacityUnit: a.capacity_unit ?? undefined,
            marking: a.marking,
            lat: a.shape === "none" ? undefined : a.lat,
            lon: a.shape === "none" ? undefined : a.lon,
            area: a.shape === "polygon" ? square(a.lon, a.lat) : null,
          })),
        );
        expect(rows.map((row) => row.attributes)).toEqual(
          assets.map((a) => (a.voltage === undefined ? {} : { voltage: a.voltage })),
        );
      }),
    );
  });
});
