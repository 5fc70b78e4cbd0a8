import { describe, expect, it } from "vitest";
import { type Access, TOKEN_SCOPES, type TokenScope, tokenMay } from "./token-scopes.ts";

describe("token scopes", () => {
  it("never let a token do what only a session may (credentials)", () => {
    expect(tokenMay([...TOKEN_SCOPES], "session")).toBe(false);
    expect(tokenMay([...TOKEN_SCOPES], "session", "taxii")).toBe(false);
  });

  it("give the API reads to read, writes to write, TAXII to taxii (and its writes to taxii + write)", () => {
    const cases: [TokenScope[], Access, "api" | "taxii", boolean][] = [
      [["read"], "read", "api", true],
      [["read"], "write", "api", false],
      [["write"], "write", "api", true],
      [["taxii"], "read", "api", false],
      [["read"], "read", "taxii", false],
      [["taxii"], "read", "taxii", true],
      [["taxii"], "write", "taxii", false],
      [["taxii", "write"], "write", "taxii", true],
      [["read", "write"], "write", "taxii", false],
    ];
    for (const [scopes, access, via, allowed] of cases)
      expect(tokenMay(scopes, access, via), `${scopes.join("+")} ${access} ${via}`).toBe(allowed);
  });
});
