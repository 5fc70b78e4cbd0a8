// JSON parsed in slices gives JSON.parse's value (key order included), refuses what JSON.parse
// refuses and what Fastify's parser refuses beside it (prototype keys), at any slicing; stops
// every so many characters; takes any depth and long strings apart without scanning again; and
// says when a value may hold text the database cannot store.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonSyntaxError, parseJson, parseJsonInSlices } from "./json-in-slices.ts";
import { findUnstorableText } from "./storable-text.ts";

// Small slicings take nearly everything apart; the default hands most values to JSON.parse.
const SLICINGS = [{ whole: 8 }, { whole: 9, every: 5 }, { whole: 31 }, { whole: 200 }, {}];

/** The same value, with the same key order, as JSON.parse gives. */
function expectSame(text: string): void {
  const expected: unknown = JSON.parse(text);
  for (const slicing of SLICINGS) {
    const { value } = parseJson(text, slicing);
    // toEqual, not toStrictEqual: an own `constructor` key would be taken for the value's class.
    expect(value).toEqual(expected);
    expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
  }
}

const refuses = (text: string, slicing?: { whole?: number; every?: number }) =>
  expect(() => parseJson(text, slicing)).toThrow(JsonSyntaxError);

// Strings made to straddle the cuts: escapes of every kind, runs of backslashes, pairs.
const tricky = fc.string({
  unit: fc.constantFrom("a", "é", "😀", "\\", '"', "\n", "\t", "\u0001", "\u2028", "/", "\ud83d\ude00", " "),
  maxLength: 80,
});
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -0.5, 1e21, 123456789, -1.5e-7),
    tricky,
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.oneof(tricky, fc.constantFrom("0", "10", "a", "b")), tie("value"), { maxKeys: 6 }),
  ),
})).value;

describe("JSON parsed in slices", () => {
  it("gives JSON.parse's value for any JSON, however it is sliced and spaced", () => {
    fc.assert(
      fc.property(value, fc.constantFrom(undefined, 1, "\t", " \r\n"), (item, indent) => {
        expectSame(JSON.stringify(item, null, indent));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses exactly what JSON.parse refuses (one character changed, added or taken away)", () => {
    const edit = fc.constantFrom(...'{}[]",:\\ 0-1.eE+tfnu\u0000\u001f\ud800é'.split(""));
    fc.assert(
      fc.property(
        value,
        fc.nat(),
        edit,
        fc.constantFrom("replace", "insert", "delete"),
        (item, n, c, how) => {
          const text = JSON.stringify(item) ?? "null";
          const at = n % (text.length + 1);
          const changed =
            how === "insert"
              ? text.slice(0, at) + c + text.slice(at)
              : text.slice(0, at) + (how === "replace" ? c : "") + text.slice(at + 1);
          let valid = true;
          try {
            JSON.parse(changed);
          } catch {
            valid = false;
          }
          for (const slicing of SLICINGS)
            if (valid) expect(parseJson(changed, slicing).value).toStrictEqual(JSON.parse(changed));
            else refuses(changed, slicing);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    "",
    " ",
    "{",
    "[1,]",
    "[1 2]",
    '{"a" 1}',
    '{"a":1,}',
    '{"a":1 "b":2}',
    "{1:2}",
    '"abc',
    '"a\\"',
    "[01]",
    "tru",
    "nul",
    "[true false]",
    "1 2",
    '{"a":1}}',
    "[[[[]]]",
    '"\u0000"',
    '"a\tb"',
    "\ufeff\ufeff1",
    "[1]\u00a0",
  ])("refuses %j", (text) => {
    for (const slicing of SLICINGS) refuses(text, slicing);
  });

  it("skips one byte order mark at the start, as Fastify's parser does", () => {
    expect(parseJson('\ufeff{"a":[1]}', { whole: 8 }).value).toEqual({ a: [1] });
  });

  it("takes any depth", () => {
    const depth = 200_000;
    const arrays = `${"[".repeat(depth)}1${"]".repeat(depth)}`;
    const objects = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    for (const text of [arrays, objects]) {
      let inner: unknown = parseJson(text, { whole: 1_000 }).value;
      for (let level = 0; level < depth; level++)
        inner = Array.isArray(inner) ? inner[0] : (inner as { a: unknown }).a;
      expect(inner).toBe(1);
    }
  });

  it("stops every `every` characters, scanning a deep text about once", async () => {
    const depth = 100_000;
    const text = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    let stops = 0;
    const between = async () => {
      stops++;
    };
    const { value: nested } = await parseJsonInSlices(text, between, { whole: 1_000, every: 10_000 });
    expect(Array.isArray(nested)).toBe(true);
    // 200,000 characters, each scanned once and some twice (a scan that gives up, then the taking
    // apart): about 20 stops, not the 10,000 that scanning again at each level would give.
    expect(stops).toBeGreaterThanOrEqual(15);
    expect(stops).toBeLessThan(60);
  });

  it("decodes strings longer than a slice a piece at a time, escapes and pairs intact", () => {
    const units = ["\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00", "😀", "é", "x", '\\"', "\\/", "\\u2028"];
    const random = fc.sample(fc.array(fc.nat(units.length - 1), { minLength: 5_000, maxLength: 5_000 }), {
      numRuns: 1,
      seed: 7,
    })[0] as number[];
    const body = random.map((n) => units[n]).join("");
    for (const text of [
      `"${body}"`,
      `{"${body}":["${body}"]}`,
      `"${"\\\\".repeat(3_000)}\\u0041"`,
      `"${"x".repeat(100)}${"\\\\".repeat(3_000)}"`,
    ])
      for (const whole of [8, 9, 10, 11, 12, 13, 64, 1_000]) {
        const { value: parsed } = parseJson(text, { whole });
        expect(parsed).toStrictEqual(JSON.parse(text));
      }
  });

  it("parses a bundle-sized text with stops, to the same value", async () => {
    const objects = Array.from({ length: 20_000 }, (_, n) => ({
      type: "indicator",
      id: `indicator--${n}`,
      name: `Indicator ${n} é😀`,
      pattern: "[file:hashes.'SHA-256' = 'abc']",
      labels: ["a", "b"],
      confidence: n % 100,
    }));
    const text = JSON.stringify({ type: "bundle", id: "bundle--1", objects });
    let stops = 0;
    const parsed = await parseJsonInSlices(text, async () => {
      stops++;
    });
    expect(parsed.value).toStrictEqual(JSON.parse(text));
    expect(parsed.storable).toBe(true);
    // About 3.3 MB, a stop every 256 Ki characters.
    expect(stops).toBeGreaterThanOrEqual(Math.floor(text.length / 262_144) - 1);
    expect(stops).toBeLessThanOrEqual(Math.ceil((2 * text.length) / 262_144) + 1);
  });

  it("refuses __proto__ keys and constructor.prototype, taken apart or whole", () => {
    for (const text of [
      '{"__proto__":{"x":1}}',
      '{"a":[{"b":1},{"__proto__":1}]}',
      '{"\\u005f_proto__":1}',
      '{"constructor":{"prototype":{}}}',
      '[{"a":{"constructor":{"prototype":1}}}]',
      '{"constructor":{"x":1,"prototype":null}}',
    ])
      for (const slicing of SLICINGS) refuses(text, slicing);
    // As secure-json-parse: the last of two equal keys counts; constructor alone is fine.
    for (const text of [
      '{"constructor":{"prototype":1},"constructor":2}',
      '{"constructor":1,"prototype":{}}',
      '{"constructor":[1]}',
      '{"proto":1,"__proto":2}',
    ])
      expectSame(text);
  });

  it("says when a value may hold a NUL or an unpaired surrogate, and never misses one", () => {
    for (const [text, storable] of [
      ['{"a":"\\u0000"}', false],
      ['["\\uD800"]', false],
      ['{"\\udfff":1}', false],
      ['"\ud800"', false],
      ['["\\ud83d\\ude00"]', false],
      ['{"a":"\\\\u0000"}', false],
      ['{"a":"é😀\\u00e9","b":"\\\\"}', true],
      ['"\\u000a"', true],
    ] as const)
      for (const slicing of SLICINGS) expect(parseJson(text, slicing).storable, text).toBe(storable);
    fc.assert(
      fc.property(
        // Values with prototype keys are refused outright (tested above), so they are not drawn here.
        fc
          .jsonValue({ maxDepth: 3 })
          .filter((value) => !/"(?:__proto__|constructor)"/.test(JSON.stringify(value))),
        fc.string({ unit: fc.constantFrom("\u0000", "\ud800", "\udc00", "a", "😀"), maxLength: 3 }),
        (item, bad) => {
          const text = JSON.stringify([item, bad]);
          for (const slicing of SLICINGS) {
            const parsed = parseJson(text, slicing);
            if (parsed.storable) expect(findUnstorableText(parsed.value, "body")).toBeNull();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
