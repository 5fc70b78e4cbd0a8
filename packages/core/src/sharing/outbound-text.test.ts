import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AlertWarning, defaultWarning } from "../cap/warning.ts";
import {
  type ItemText,
  OUTBOUND_TEXT_FIELDS,
  personalValuesIn,
  pseudonymiseItemText,
  purgeItemText,
  revealItemText,
} from "./outbound-text.ts";
import { PURGED_MARK } from "./personal-data.ts";

const warning = (text: string): AlertWarning => ({
  ...defaultWarning("t"),
  event: `Event ${text}`,
  instruction: `Instruction ${text}`,
  area: { ...defaultWarning("t").area, description: `Area ${text}` },
});

/** Every string in a warning that is not a code from a fixed vocabulary, by its path. */
function freeTextPaths(value: unknown, path: string[] = []): string[] {
  const codes = ["categories", "urgency", "severity", "certainty", "language", "expires"];
  if (typeof value === "string") return codes.includes(path[0] ?? "") ? [] : [path.join(".")];
  if (Array.isArray(value)) return value.flatMap((inner) => freeTextPaths(inner, path));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([key, inner]) => freeTextPaths(inner, [...path, key]));
  return [];
}

describe("the outbound texts of an item", () => {
  it("lists every free-text field of a CAP warning (a new one fails here until it is listed)", () => {
    const listed = OUTBOUND_TEXT_FIELDS.map((field) => field.name);
    for (const path of freeTextPaths(warning("x"))) expect(listed).toContain(`warning.${path}`);
    expect(listed).toEqual(expect.arrayContaining(["title", "body"]));
  });

  it("pseudonymises, reveals, counts and purges every one of them alike", () => {
    const text = "[[pii:Jane Roe]] jane@grid.example";
    const item: ItemText = { title: `T ${text}`, body: `B ${text}`, warning: warning(text) };
    expect(personalValuesIn(item)).toBe(10);
    const outside = JSON.stringify(pseudonymiseItemText(item, () => "person-x"));
    expect(outside).not.toMatch(/Jane|jane|pii/);
    expect(outside.match(/person-x/g)).toHaveLength(10);
    expect(revealItemText(item).warning?.area.description).toBe("Area Jane Roe jane@grid.example");
    const purged = purgeItemText(item);
    expect(JSON.stringify(purged)).not.toMatch(/Jane|jane/);
    expect(purged.warning?.event).toBe(`Event ${PURGED_MARK} ${PURGED_MARK}`);
    expect(purged.warning?.urgency).toBe("Unknown");
  });

  it("leaves no found e-mail in any outbound field, with or without a warning", () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.boolean(), (email, withWarning) => {
        const item: ItemText = {
          title: email,
          body: `x ${email}`,
          warning: withWarning ? warning(email) : null,
        };
        const out = pseudonymiseItemText(item, () => "person-x");
        expect(JSON.stringify(out).toLowerCase()).not.toContain(email.toLowerCase());
        expect(out.warning === null).toBe(!withWarning);
      }),
    );
  });
});
