import { describe, expect, it } from "vitest";
import { incidentCapCodes } from "./cap-codes.ts";

describe("the CAP codes of an alert raised from an incident", () => {
  const base = {
    type: "technical-failure",
    state: "responding",
    severity: null,
    suspectedCause: "technical-failure",
  } as const;

  it.each([
    [null, "Unknown", "Expected"],
    ["minor", "Minor", "Expected"],
    ["significant", "Moderate", "Expected"],
    ["major", "Severe", "Immediate"],
    ["critical", "Extreme", "Immediate"],
  ] as const)("maps severity %s to CAP %s, urgency %s while open", (severity, cap, urgency) => {
    expect(incidentCapCodes({ ...base, severity })).toMatchObject({
      severity: cap,
      urgency,
      certainty: "Observed",
    });
  });

  it("marks a closed incident's alert as Past", () => {
    expect(incidentCapCodes({ ...base, state: "closed", severity: "critical" }).urgency).toBe("Past");
  });

  it("files an attack under Security (and CBRN under CBRNE), a suspected one as Likely", () => {
    expect(incidentCapCodes({ ...base, type: "cbrn", suspectedCause: "attack" })).toMatchObject({
      categories: ["Security", "Infra", "CBRNE"],
      certainty: "Likely",
    });
    expect(
      incidentCapCodes({ ...base, type: "natural-hazard", suspectedCause: "natural-hazard" }).categories,
    ).toEqual(["Infra", "Geo"]);
    expect(incidentCapCodes(base).categories).toEqual(["Infra"]);
  });
});
