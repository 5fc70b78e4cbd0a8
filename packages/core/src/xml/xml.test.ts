import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildXml, XML_FORBIDDEN, xmlText } from "./xml.ts";

describe("XML output", () => {
  it.each([
    ["a bell", "a\u0007b", "a\uFFFDb"],
    ["NUL", "\u0000", "\uFFFD"],
    ["U+FFFE and U+FFFF", "\uFFFE\uFFFF", "\uFFFD\uFFFD"],
    ["a lone high surrogate", "x\uD83Dy", "x\uFFFDy"],
    ["a lone low surrogate", "\uDE00", "\uFFFD"],
  ])("replaces %s", (_case, text, expected) => {
    expect(xmlText(text)).toBe(expected);
  });

  it("keeps tab, line feed, carriage return, pairs of surrogates and the rest of Unicode", () => {
    const text = "a\tb\nc\rd 😀 é 中文 \u0085 \u007f";
    expect(xmlText(text)).toBe(text);
  });

  it("writes any strings, anywhere in the tree, as XML 1.0 that parses back to them", () => {
    const text = fc.string({ unit: "binary", maxLength: 40 });
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 3 }), (title, attribute, items) => {
        const xml = buildXml(
          { root: { "@_note": attribute, title, item: items.length ? items : undefined } },
          { suppressEmptyNode: false },
        );
        expect(xml).not.toMatch(XML_FORBIDDEN);
        const parsed = new XMLParser({
          ignoreAttributes: false,
          parseTagValue: false,
          parseAttributeValue: false,
          trimValues: false,
          isArray: (name) => name === "item",
          htmlEntities: true,
        }).parse(`<doc>${xml}</doc>`);
        // XML turns every line end into a line feed.
        expect(String(parsed.doc.root.title ?? "")).toBe(xmlText(title).replace(/\r\n?/g, "\n"));
      }),
    );
  });
});
