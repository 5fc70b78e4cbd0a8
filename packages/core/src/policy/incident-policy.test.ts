import { describe, expect, it } from "vitest";
import { INCIDENT_SEVERITIES, INCIDENT_SEVERITY_MEANINGS } from "../incidents/incidents.ts";
import { checkSeverityChange, type IncidentAbilities } from "./incident-policy.ts";

const abilities = (over: Partial<IncidentAbilities>): IncidentAbilities => ({
  maySee: true,
  asAuthority: false,
  asFiler: false,
  reason: "",
  ...over,
});

describe("checkSeverityChange", () => {
  it("lets the authority set the severity of an open incident", () => {
    expect(checkSeverityChange(abilities({ asAuthority: true }), "reported").allowed).toBe(true);
    expect(checkSeverityChange(abilities({ asAuthority: true }), "recovering").allowed).toBe(true);
  });

  it("refuses the filer (who proposes on filing only) and any other reader", () => {
    expect(checkSeverityChange(abilities({ asFiler: true }), "reported").allowed).toBe(false);
    expect(checkSeverityChange(abilities({}), "responding").allowed).toBe(false);
  });

  it("refuses everyone once the incident is closed", () => {
    expect(checkSeverityChange(abilities({ asAuthority: true }), "closed").allowed).toBe(false);
  });

  it("gives every level a meaning", () => {
    for (const level of INCIDENT_SEVERITIES)
      expect(INCIDENT_SEVERITY_MEANINGS[level].length).toBeGreaterThan(0);
  });
});
