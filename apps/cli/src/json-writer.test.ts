// JsonWriter writes the text JSON.stringify gives, whatever the strings and numbers, across chunks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonWriter } from "./json-writer.ts";

function written(write: (json: JsonWriter) => void): string {
  const chunks: Uint8Array[] = [];
  const json = new JsonWriter((chunk) => chunks.push(chunk.slice()));
  write(json);
  json.flush();
  return Buffer.concat(chunks).toString("utf8");
}

describe("JsonWriter", () => {
  it("writes rows as JSON.stringify does", () => {
    const row = fc.record({
      id: fc.string({ unit: "binary" }),
      assets: fc.integer({ min: 0, max: 2_000_000 }),
      population: fc.oneof(fc.double(), fc.integer(), fc.constant(-0), fc.maxSafeNat()),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const text = written((json) => {
          json.raw("[");
          rows.forEach((entry, i) => {
            json.raw(i === 0 ? '{"id":' : ',{"id":').string(entry.id);
            json
              .raw(',"assets":')
              .number(entry.assets)
              .raw(',"population":')
              .number(entry.population)
              .raw("}");
          });
          json.raw("]");
        });
        expect(text).toBe(JSON.stringify(rows));
      }),
    );
  });

  it.each([
    ["a backslash", "C:\\grid"],
    ["a quote", 'the "north" line'],
    ["a control character", "line\nbreak\u0001"],
    ["a lone surrogate", "broken \ud800 pair"],
    ["a surrogate pair", "pump 💧"],
    ["text beyond ASCII", "Zürich Wasserwerk"],
  ])("escapes a string with %s as JSON.stringify does", (_, text) => {
    expect(written((json) => json.string(text))).toBe(JSON.stringify(text));
  });

  it("writes bytes as they are, across chunks", () => {
    const bytes = new TextEncoder().encode("asset-12,pump-7");
    const text = written((json) => {
      for (let i = 0; i < 200_000; i++)
        json
          .raw(i === 0 ? '["' : ',"')
          .bytes(bytes, 6, 8)
          .raw('"');
      json.raw("]");
    });
    expect(text).toBe(JSON.stringify(Array.from({ length: 200_000 }, () => "12")));
  });

  it("hands over full chunks and keeps writing past them", () => {
    const ids = Array.from({ length: 60_000 }, (_, i) => `asset-${i}-é"\\`);
    const text = written((json) => {
      json.raw("[");
      ids.forEach((id, i) => {
        if (i > 0) json.raw(",");
        json.string(id);
      });
      json.raw("]");
    });
    expect(text.length).toBeGreaterThan(1 << 20);
    expect(text).toBe(JSON.stringify(ids));
  });

  it.each([
    0,
    -0,
    1,
    9,
    10,
    99,
    100,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32 - 1,
    2 ** 32,
    2 ** 32 + 1,
    999_999_999,
    1_000_000_000,
    4_000_000_000,
    2 ** 53 - 1,
    2 ** 53,
    0.5,
    -1,
    -(2 ** 32),
    1e21,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ])("writes the number %d as JSON.stringify does", (value) => {
    expect(written((json) => json.number(value))).toBe(JSON.stringify(value));
  });

  it("writes printable ASCII, DEL and long strings across chunks as JSON.stringify does", () => {
    const printable = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)).join("");
    const long = "x".repeat((1 << 20) + 7);
    const values = [printable, "\u007f", "a\u007fb", long, "", "tail"];
    for (let start = (1 << 20) - 40; start < (1 << 20) + 2; start += 3) {
      const text = written((json) => {
        json.raw(" ".repeat(start)).raw("[");
        values.forEach((value, i) => {
          if (i > 0) json.raw(",");
          json.string(value);
        });
        json.raw("]");
      });
      expect(text).toBe(" ".repeat(start) + JSON.stringify(values));
    }
  });
});
