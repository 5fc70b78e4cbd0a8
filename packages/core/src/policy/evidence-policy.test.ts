import { describe, expect, it } from "vitest";
import { evidenceAbilities } from "./evidence-policy.ts";

const police = {
  organisationId: "p",
  organisationKind: "law-enforcement" as const,
  roles: ["coordinator" as const],
};
const constable = { ...police, roles: ["member" as const] };
const authority = {
  organisationId: "a",
  organisationKind: "national-authority" as const,
  roles: ["coordinator" as const],
};
const seen = { maySee: true };

describe("who sees and records an investigation log", () => {
  it("law enforcement that sees the incident: its working roles record and share, its members read", () => {
    expect(evidenceAbilities(police, seen, [])).toEqual({ maySee: true, mayRecord: true, mayShare: true });
    expect(evidenceAbilities(constable, seen, [])).toEqual({
      maySee: true,
      mayRecord: false,
      mayShare: false,
    });
  });

  it("nobody, law enforcement included, sees the log of an incident hidden from them", () => {
    expect(evidenceAbilities(police, { maySee: false }, []).maySee).toBe(false);
    expect(evidenceAbilities(authority, { maySee: false }, ["a"]).maySee).toBe(false);
  });

  it("others only when the log is shared with their organisation by name, and then read only", () => {
    expect(evidenceAbilities(authority, seen, []).maySee).toBe(false);
    expect(evidenceAbilities(authority, seen, ["b"]).maySee).toBe(false);
    expect(evidenceAbilities(authority, seen, ["a"])).toEqual({
      maySee: true,
      mayRecord: false,
      mayShare: false,
    });
    expect(evidenceAbilities({ ...authority, roles: ["platform-admin"] }, seen, []).maySee).toBe(false);
    expect(evidenceAbilities({ ...authority, organisationKind: undefined }, seen, []).maySee).toBe(false);
  });
});
