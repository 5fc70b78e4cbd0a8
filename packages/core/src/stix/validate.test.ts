// The STIX 2.1 checks: what passes, what is named, and that custom content passes untouched.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkStixBundle,
  checkStixObjects,
  compareStixTimestamps,
  isStixPropertyName,
  isStixTimestamp,
  MAX_STIX_NESTING,
  sortStixObjects,
  stixIdType,
} from "./validate.ts";

const sdo = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  spec_version: "2.1",
  id: `${type}--6ba7b810-9dad-41d1-80b4-00c04fd430c8`,
  created: "2026-01-01T00:00:00.000Z",
  modified: "2026-01-01T00:00:00.000Z",
  ...extra,
});
const REF = "identity--6ba7b811-9dad-41d1-80b4-00c04fd430c8";

describe("checkStixObjects", () => {
  const good: [string, unknown][] = [
    ["an attack pattern", sdo("attack-pattern", { name: "Spearphishing" })],
    ["a report", sdo("report", { name: "R", published: "2026-01-01T00:00:00Z", object_refs: [REF] })],
    [
      "an indicator",
      sdo("indicator", { pattern: "[x]", pattern_type: "stix", valid_from: "2026-01-01T00:00:00Z" }),
    ],
    ["a malware that is not a family", sdo("malware", { is_family: false })],
    ["a location by region", sdo("location", { region: "northern-europe" })],
    ["a relationship", sdo("relationship", { relationship_type: "uses", source_ref: REF, target_ref: REF })],
    ["a sighting", sdo("sighting", { sighting_of_ref: REF })],
    [
      "an ipv4-addr without spec_version",
      { type: "ipv4-addr", id: "ipv4-addr--6ba7b812-9dad-51d1-80b4-00c04fd430c8", value: "192.0.2.1" },
    ],
    [
      "a TLP 1.0 marking",
      {
        type: "marking-definition",
        spec_version: "2.1",
        id: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        created: "2017-01-20T00:00:00.000Z",
        definition_type: "tlp",
        definition: { tlp: "white" },
      },
    ],
    [
      "a custom type with custom properties",
      sdo("x-acme-widget", { x_acme_Colour: "blue", x_acme_owner_ref: "" }),
    ],
    [
      "common parts well formed",
      sdo("tool", {
        name: "t",
        external_references: [{ source_name: "capec", external_id: "CAPEC-1" }],
        kill_chain_phases: [{ kill_chain_name: "mitre-attack", phase_name: "discovery" }],
        granular_markings: [{ selectors: ["name"], lang: "fr" }],
        extensions: {
          "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
            extension_type: "property-extension",
          },
          "archive-ext": {},
        },
      }),
    ],
    [
      "microsecond timestamps",
      sdo("tool", {
        name: "t",
        created: "2026-01-01T00:00:00.000001Z",
        modified: "2026-01-01T00:00:00.000002Z",
      }),
    ],
  ];
  it.each(good)("passes %s", (_name, object) => {
    expect(checkStixObjects([object])).toMatchObject({ ok: true });
  });

  const bad: [string, unknown, string | null, RegExp][] = [
    ["a non-object", "text", null, /JSON object/],
    ["an id without a UUID", sdo("tool", { name: "t", id: "tool--1" }), "id", /tool--UUID/],
    [
      "an id of another type",
      sdo("tool", { name: "t", id: `malware--6ba7b810-9dad-41d1-80b4-00c04fd430c8` }),
      "id",
      /"tool--"/,
    ],
    ["spec_version 2.0", sdo("tool", { name: "t", spec_version: "2.0" }), "spec_version", /2\.1 only/],
    [
      "an SDO without spec_version",
      sdo("tool", { name: "t", spec_version: undefined }),
      "spec_version",
      /STIX 2\.0/,
    ],
    ["a missing name", sdo("tool"), "name", /required for tool/],
    [
      "modified before created",
      sdo("tool", { name: "t", modified: "2025-12-31T23:59:59.999Z" }),
      "modified",
      /earlier than created/,
    ],
    [
      "microseconds out of order",
      sdo("tool", {
        name: "t",
        created: "2026-01-01T00:00:00.000002Z",
        modified: "2026-01-01T00:00:00.000001Z",
      }),
      "modified",
      /earlier/,
    ],
    ["a bad month", sdo("tool", { name: "t", created: "2026-13-01T00:00:00Z" }), "created", /RFC 3339/],
    ["revoked as text", sdo("tool", { name: "t", revoked: "yes" }), "revoked", /true or false/],
    [
      "a marking ref to a non-marking",
      sdo("tool", { name: "t", object_marking_refs: [REF] }),
      "object_marking_refs",
      /marking-definition/,
    ],
    [
      "created_by_ref to a non-identity",
      sdo("tool", { name: "t", created_by_ref: "tool--6ba7b810-9dad-41d1-80b4-00c04fd430c8" }),
      "created_by_ref",
      /identity/,
    ],
    [
      "a _refs that is not ids",
      sdo("note", { content: "c", object_refs: ["x"] }),
      "object_refs",
      /identifiers/,
    ],
    ["a property name with a hyphen", sdo("tool", { name: "t", "x-bad": 1 }), "x-bad", /property name/],
    ["a two-letter property", sdo("tool", { name: "t", ab: 1 }), "ab", /property name/],
    ["confidence above 100", sdo("tool", { name: "t", confidence: 101 }), "confidence", /0 to 100/],
    [
      "an external reference without source_name",
      sdo("tool", { name: "t", external_references: [{ url: "https://example.com" }] }),
      "external_references[0]",
      /source_name/,
    ],
    [
      "a granular marking without selectors",
      sdo("tool", {
        name: "t",
        granular_markings: [{ marking_ref: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9" }],
      }),
      "granular_markings[0]",
      /selectors/,
    ],
    [
      "a kill chain phase without phase_name",
      sdo("tool", { name: "t", kill_chain_phases: [{ kill_chain_name: "mitre-attack" }] }),
      "kill_chain_phases[0]",
      /phase_name/,
    ],
    [
      "an extension under a free name",
      sdo("tool", { name: "t", extensions: { mine: {} } }),
      "extensions.mine",
      /-ext/,
    ],
    ["a malware family without a name", sdo("malware", { is_family: true }), "name", /is_family/],
    ["a location with nothing", sdo("location"), "region | country | latitude", /needs region/],
    [
      "valid_until before valid_from",
      sdo("indicator", {
        pattern: "[x]",
        pattern_type: "stix",
        valid_from: "2026-01-02T00:00:00Z",
        valid_until: "2026-01-01T00:00:00Z",
      }),
      "valid_until",
      /later than valid_from/,
    ],
    [
      "an observed-data without objects",
      sdo("observed-data", {
        first_observed: "2026-01-01T00:00:00Z",
        last_observed: "2026-01-01T00:00:00Z",
        number_observed: 1,
      }),
      "object_refs | objects",
      /at least one/,
    ],
    [
      "an extension-definition without schema",
      sdo("extension-definition", {
        created_by_ref: REF,
        name: "n",
        version: "1",
        extension_types: ["new-sdo"],
      }),
      "schema",
      /required/,
    ],
  ];
  it.each(bad)("names %s", (_name, object, property, message) => {
    const check = checkStixObjects([sdo("tool", { name: "first" }), object]);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const problem = check.problems.find((found) => found.property === property);
    expect(problem).toMatchObject({ index: 1 });
    expect(problem?.message).toMatch(message);
  });

  // Issue 12, finding 22: such text reached the database and answered 500 (TAXII pulls included).
  it.each([
    ["a NUL in a name", sdo("tool", { name: "t\u0000" }), "name", /NUL/],
    [
      "an unpaired surrogate deep inside",
      sdo("tool", { x_notes: [{ text: "\ud800" }] }),
      "x_notes.0.text",
      /surrogate/,
    ],
  ])("refuses text the database cannot store: %s", (_case, object, property, message) => {
    const check = checkStixObjects([object]);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual([
      {
        index: 0,
        id: object.id,
        property,
        sentence: expect.objectContaining({ key: expect.stringMatching(/^text\./) }),
        message: expect.stringMatching(message),
      },
    ]);
  });

  it("refuses objects nested deeper than the limit, with a problem instead of a stack overflow", () => {
    const nested = (depth: number) => {
      let value: unknown = "leaf";
      for (let i = 0; i < depth; i++) value = i % 2 ? { x_inner: value } : [value];
      return value;
    };
    const deep = sdo("malware", { name: "Deep", is_family: false, x_deep: nested(100_000) });
    const check = checkStixObjects([deep]);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems[0]?.message).toMatch(`more than ${MAX_STIX_NESTING} levels deep`);
    expect(sortStixObjects([deep]).invalid).toHaveLength(1);
    // The object itself is level 0, x_deep's value level 1.
    expect(
      checkStixObjects([sdo("malware", { name: "Deep", is_family: false, x_deep: nested(MAX_STIX_NESTING) })])
        .ok,
    ).toBe(true);
    expect(
      checkStixObjects([
        sdo("malware", { name: "Deep", is_family: false, x_deep: nested(MAX_STIX_NESTING + 1) }),
      ]).ok,
    ).toBe(false);
  });

  it("hands back each object's JSON text, also when its text looks like what is refused", () => {
    const objects = [
      sdo("tool", { name: "t" }),
      // A backslash before u0000 is no NUL, and brackets inside a string nest nothing.
      sdo("tool", { name: "\\u0000 \\ud800", x_pattern: "[".repeat(MAX_STIX_NESTING * 2) }),
      sdo("tool", {
        name: "\u0001",
        x_nested: JSON.parse(`${"[".repeat(MAX_STIX_NESTING)}${"]".repeat(MAX_STIX_NESTING)}`),
      }),
    ];
    const check = checkStixObjects(objects);
    expect(check.ok && check.json).toEqual(objects.map((object) => JSON.stringify(object)));
    expect(sortStixObjects(objects).valid.map((entry) => entry.json)).toEqual(
      objects.map((object) => JSON.stringify(object)),
    );
  });

  it("lists at most 100 problems but counts them all", () => {
    const check = checkStixObjects(Array.from({ length: 150 }, () => sdo("tool")));
    expect(check).toMatchObject({ ok: false, problemCount: 150 });
    if (!check.ok) expect(check.problems).toHaveLength(100);
  });
});

describe("checkStixBundle", () => {
  const id = "bundle--6ba7b813-9dad-41d1-80b4-00c04fd430c8";
  it("passes a bundle, and one without objects", () => {
    expect(checkStixBundle({ type: "bundle", id, objects: [sdo("tool", { name: "t" })] }).ok).toBe(true);
    expect(checkStixBundle({ type: "bundle", id }).ok).toBe(true);
  });
  it("refuses a STIX 2.0 bundle with a message saying so", () => {
    const check = checkStixBundle({ type: "bundle", id, spec_version: "2.0", objects: [] });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems[0]?.message).toMatch(/STIX 2\.0 bundle/);
  });
  it.each([
    [[], null],
    [{ type: "bundle", id: "bundle--x", objects: [] }, "id"],
    [{ type: "envelope", id, objects: [] }, "type"],
    [{ type: "bundle", id, objects: "x" }, "objects"],
  ])("refuses a bad shape %#", (bundle, property) => {
    const check = checkStixBundle(bundle);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems[0]).toMatchObject({ index: null, property });
  });
});

describe("timestamps", () => {
  it("reads RFC 3339 UTC only and compares to the nanosecond", () => {
    expect(isStixTimestamp("2026-01-01T00:00:00Z")).toBe(true);
    expect(isStixTimestamp("2026-01-01T00:00:00+00:00")).toBe(false);
    expect(isStixTimestamp("2026-01-01 00:00:00Z")).toBe(false);
    expect(compareStixTimestamps("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000Z")).toBe(0);
    expect(compareStixTimestamps("2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00Z")).toBe(1);
    expect(compareStixTimestamps("2026-01-01T00:00:00.000001Z", "2026-01-01T00:00:00.00001Z")).toBe(-1);
  });
});

describe("the character-code checks match the regular expressions they replace", () => {
  // As STIX 2.1 and the checks before them wrote them.
  const ID =
    /^([a-z0-9][a-z0-9-]*[a-z0-9])--([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
  const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
  const PROPERTY_NAME = /^[a-zA-Z0-9_]{3,250}$/;
  const timestampByRegex = (value: string): boolean => {
    const match = TIMESTAMP.exec(value);
    if (!match) return false;
    const month = Number(match[2]);
    const day = Number(match[3]);
    return (
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      Number(match[4]) <= 23 &&
      Number(match[5]) <= 59 &&
      Number(match[6]) <= 60 &&
      !Number.isNaN(Date.parse(value))
    );
  };
  // Strings close to the real thing: pieces of valid ones, some characters changed or dropped.
  const mutated = (pieces: fc.Arbitrary<string>[], alphabet: string) =>
    fc
      .tuple(
        fc.tuple(...pieces).map((parts) => parts.join("")),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet.split(""), "")), { maxLength: 3 }),
      )
      .map(([text, edits]) =>
        edits.reduce((out, [at, char]) => {
          const k = at % (out.length + 1);
          return out.slice(0, k) + char + out.slice(k + 1);
        }, text),
      );
  const digits = (n: number) =>
    fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });
  const hex = (n: number) =>
    fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEFg"), minLength: n, maxLength: n });

  it("STIX identifiers", () => {
    const id = mutated(
      [
        fc.string({ unit: fc.constantFrom(..."az09-A_"), maxLength: 12 }),
        fc.constantFrom("--", "-", "---", ""),
        hex(8),
        fc.constant("-"),
        hex(4),
        fc.constant("-"),
        hex(4),
        fc.constant("-"),
        hex(4),
        fc.constant("-"),
        hex(12),
      ],
      "a0-fF_G\n",
    );
    fc.assert(
      fc.property(fc.oneof(id, fc.string()), (value) => {
        expect(stixIdType(value)).toBe(ID.exec(value)?.[1] ?? null);
      }),
      { numRuns: 5_000 },
    );
    expect(stixIdType("indicator--6ba7b810-9dad-41d1-80b4-00c04fd430c8")).toBe("indicator");
    expect(stixIdType("x-a--b--6ba7b810-9dad-41d1-80b4-00c04fd430c8")).toBe("x-a--b");
  });

  it("timestamps", () => {
    const timestamp = mutated(
      [
        digits(4),
        fc.constant("-"),
        digits(2),
        fc.constant("-"),
        digits(2),
        fc.constantFrom("T", "t", " "),
        digits(2),
        fc.constant(":"),
        digits(2),
        fc.constant(":"),
        fc.oneof(digits(2), fc.constantFrom("59", "60", "61")),
        fc.oneof(
          fc.constant(""),
          fc.constant("."),
          digits(12).map((d) => `.${d.slice(0, 1 + (d.length % 11))}`),
        ),
        fc.constantFrom("Z", "z", "+00:00", ""),
      ],
      "0189:-.TZ ",
    );
    fc.assert(
      fc.property(fc.oneof(timestamp, fc.string()), (value) => {
        expect(isStixTimestamp(value)).toBe(timestampByRegex(value));
      }),
      { numRuns: 5_000 },
    );
    for (const value of ["2016-12-31T23:59:60Z", "2026-02-30T00:00:00Z", "0000-01-01T00:00:00.000000001Z"])
      expect(isStixTimestamp(value)).toBe(timestampByRegex(value));
  });

  it("property names", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(..."aZ09_-. é"), maxLength: 8 }),
          fc.string({ unit: fc.constantFrom(..."aZ09_"), minLength: 245, maxLength: 255 }),
        ),
        (name) => {
          expect(isStixPropertyName(name)).toBe(PROPERTY_NAME.test(name));
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
