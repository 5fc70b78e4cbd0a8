import { describe, expect, it } from "vitest";
import type { OrganisationKind, Role } from "../vocabulary.ts";
import type { Actor } from "./actor.ts";
import { assetPolicy } from "./asset-policy.ts";

const actor = (roles: Role[], organisationKind: OrganisationKind, organisationId = "op-1"): Actor => ({
  userId: "u",
  organisationId,
  organisationKind,
  roles,
});

describe("asset policy", () => {
  it.each([
    ["platform admin", actor(["platform-admin"], "academia"), { kind: "all" }],
    ["auditor", actor(["auditor"], "regulator"), { kind: "all" }],
    ["national authority member", actor(["member"], "national-authority"), { kind: "all" }],
    ["operator analyst", actor(["analyst"], "private-operator"), { kind: "marking", organisationId: "op-1" }],
    [
      "regulator coordinator",
      actor(["coordinator"], "regulator", "reg"),
      { kind: "marking", organisationId: "reg" },
    ],
  ] as const)("scopes reads for a %s", (_name, who, scope) => {
    expect(assetPolicy.readScope(who)).toEqual(scope);
  });

  it.each([
    ["an operator's analyst, own asset", actor(["analyst"], "private-operator"), "op-1", true],
    [
      "an operator's analyst, another operator's asset",
      actor(["analyst"], "private-operator"),
      "op-2",
      false,
    ],
    ["an operator's plain member", actor(["member"], "private-operator"), "op-1", false],
    [
      "a national authority coordinator, any asset",
      actor(["coordinator"], "national-authority", "nca"),
      "op-2",
      true,
    ],
    ["a national authority member", actor(["member"], "national-authority", "nca"), "op-2", false],
    ["an auditor", actor(["auditor"], "national-authority", "nca"), "op-2", false],
    ["a platform admin", actor(["platform-admin"], "academia", "x"), "op-2", true],
  ] as const)("lets %s change it: %s", (_name, who, operatorId, allowed) => {
    expect(assetPolicy.manage(who, operatorId).allowed).toBe(allowed);
  });
});
