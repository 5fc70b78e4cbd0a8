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
