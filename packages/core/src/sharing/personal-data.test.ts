import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findPersonalData,
  mayReadPersonalData,
  PURGED_MARK,
  pseudonymisePersonalData,
  purgePersonalData,
  revealPersonalData,
} from "./personal-data.ts";

const TEXT =
  "Call the duty officer on +999 21 555 0199 or write to Duty.Officer@grid.example. The suspect, [[pii:J. Doe]], was seen on 2026-11-24 at 01:00 near gate 12.";

describe("personal data in a shared text", () => {
  it("finds e-mail addresses, phone numbers and hand-marked spans, not dates or times", () => {
    expect(findPersonalData(TEXT).map((span) => [span.kind, span.value])).toEqual([
      ["phone", "+999 21 555 0199"],
      ["email", "Duty.Officer@grid.example"],
      ["marked", "J. Doe"],
    ]);
  });

  it("pseudonymises each value consistently, reveals it to the author's side, purges it for all", () => {
    const pseudonym = (value: string) => `person-${value.length}`;
    const out = pseudonymisePersonalData(TEXT, pseudonym);
    expect(out).not.toMatch(/555|Officer|Doe/);
    expect(out).toContain("near gate 12");
    expect(pseudonymisePersonalData("a@b.example and A@B.example", pseudonym)).toBe(
      "person-11 and person-11",
    );
    expect(revealPersonalData(TEXT)).toContain("The suspect, J. Doe, was");
    const purged = purgePersonalData(TEXT);
    expect(purged.split(PURGED_MARK)).toHaveLength(4);
    expect(purged).toContain("2026-11-24 at 01:00 near gate 12");
  });

  it("lets the author's organisation and the roles the author allowed read it as written", () => {
    const item = { authorOrganisationId: "o1", personalDataRoles: ["coordinator" as const] };
    expect(mayReadPersonalData({ organisationId: "o1", roles: ["member"] }, item)).toBe(true);
    expect(mayReadPersonalData({ organisationId: "o2", roles: ["coordinator"] }, item)).toBe(true);
    expect(mayReadPersonalData({ organisationId: "o2", roles: ["analyst"] }, item)).toBe(false);
  });

  // Finding 8 of issue 12: each of these was shown verbatim to outsiders.
  const pseudonym = (value: string) => `person-${value.length}`;
  it.each([
    [
      "a span over two lines",
      "Seen: [[pii:Jane\nDoe]] at gate 4",
      "Seen: person-8 at gate 4",
      ["Jane", "Doe"],
    ],
    ["a span holding ]", "Seen: [[pii:J. [Jr.] Doe]] now", "Seen: person-12 now", ["J.", "Jr", "Doe"]],
    ["brackets before the close belong to it", "[[pii:J. [Jr.]]] left", "person-8 left", ["J."]],
    ["a span of 300 characters", `x [[pii:${"Secret ".repeat(43)}]] y`, "x person-300 y", ["Secret"]],
    [
      "an unclosed span takes the rest",
      "Call [[pii:Jane Doe, flat 3\nafter 6",
      "Call person-24",
      ["Jane", "flat", "after"],
    ],
    ["the opening in capitals", "[[PII:Jane Doe]] and [[Pii:Jo]]", "person-8 and person-2", ["Jane", "Jo"]],
    ["full-width brackets", "［［pii：Jane Doe］］ ok", "person-8 ok", ["Jane"]],
    ["a full-width @", "write to jane.doe＠grid.example now", "write to person-21 now", ["jane", "grid"]],
    ["a full-width address", "ｊａｎｅ＠ｇｒｉｄ．ｅｘａｍｐｌｅ", "person-17", ["ｊａｎｅ"]],
    ["a zero-width space inside", "mail jane\u200b.doe@grid.example", "mail person-21", ["jane"]],
    ["a soft hyphen inside", "mail ja\u00adne@grid.example", "mail person-17", ["ja"]],
    ["letters beyond ASCII", "mail jöhn.müller@beispiel.de", "mail person-23", ["jöhn", "müller"]],
    ["full-width digits", "call ＋９９９ ２１ ５５５ ０１９９", "call person-13", ["９９９", "５５５"]],
    ["Arabic-Indic digits", "call +٩٩٩ ٢١ ٥٥٥ ٠١٩٩ now", "call person-13 now", ["٩٩٩", "٥٥٥"]],
    ["en dashes and no-break spaces", "call +999\u00a021\u2013555\u20130199", "call person-13", ["555"]],
    ["an apostrophe in the address", "mail o'brien@grid.ie now", "mail person-15 now", ["brien", "o'"]],
    ["an address in quotes", "mail 'jane@grid.ie' now", "mail 'person-12' now", ["jane"]],
    ["an empty span", "a [[pii:]] b", "a  b", ["pii"]],
  ])("hides %s", (_case, text, expected, gone) => {
    const out = pseudonymisePersonalData(text, pseudonym);
    expect(out).toBe(expected);
    for (const piece of gone) expect(out).not.toContain(piece);
  });

  it("gives a value the same pseudonym however it is spelt", () => {
    const spellings = [
      "Jane.Doe@grid.example",
      "ｊａｎｅ．ｄｏｅ＠ｇｒｉｄ．ｅｘａｍｐｌｅ",
      "jane\u200b.doe@grid.example",
    ];
    const keys = spellings.map((text) => findPersonalData(text).map((span) => span.key));
    expect(keys).toEqual([["jane.doe@grid.example"], ["jane.doe@grid.example"], ["jane.doe@grid.example"]]);
    expect(findPersonalData("+999 21 555 0199 / +999-21-555-0199").map((span) => span.key)).toEqual([
      "+999215550199",
      "+999215550199",
    ]);
  });

  it("reveals a span's value as written, wherever it ends", () => {
    expect(revealPersonalData("Seen: [[pii:Jane\nDoe]] at gate 4")).toBe("Seen: Jane\nDoe at gate 4");
    expect(revealPersonalData("[[pii:J. [Jr.]]] left")).toBe("J. [Jr.] left");
    expect(revealPersonalData("Call [[PII:Jane, flat 3")).toBe("Call Jane, flat 3");
    expect(revealPersonalData("［［pii：Jane］］ ok")).toBe("Jane ok");
    expect(purgePersonalData("Call [[pii:Jane\nafter 6")).toBe(`Call ${PURGED_MARK}`);
  });

  it("never shows what a span holds, whatever it holds", () => {
    const inner = fc
      .string({ unit: "binary", maxLength: 120 })
      .filter((text) => !text.includes("]]") && !text.endsWith("]"));
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), inner, fc.boolean(), (before, secret, closed) => {
        const text = `${before.replaceAll("[[", "")}[[pii:Q7Z${secret}Q7Z${closed ? "]]" : ""} after`;
        const out = pseudonymisePersonalData(text, () => "person-x");
        expect(out).not.toContain("Q7Z");
        expect(purgePersonalData(text)).not.toContain("Q7Z");
      }),
      { numRuns: 60 },
    );
  }, 20_000);

  it("never leaves a found value in the pseudonymised text", () => {
    const piece = fc.oneof(
      fc.constantFrom("report ", "gate 4 ", "at 01:00 ", "2026-01-02 ", "\n"),
      fc.emailAddress().map((email) => `${email} `),
      fc.stringMatching(/^\+[1-9]\d{7,12}$/).map((phone) => `${phone} `),
      fc.stringMatching(/^[A-Z][a-z]{2,8}$/).map((name) => `[[pii:${name}]] `),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        const out = pseudonymisePersonalData(text, () => "person-x");
        for (const span of findPersonalData(text)) expect(out).not.toContain(span.value);
      }),
    );
  });
});
