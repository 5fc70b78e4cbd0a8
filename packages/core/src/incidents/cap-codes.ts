// The CAP 1.2 codes an alert raised from an incident (issue 17) starts with: the sharing compose
// form is pre-filled with them, the author may change any before sending (the one CAP path is the
// alert's). Severity follows the incident's severity level; urgency says whether people must act
// now (an open incident) or the event is over (closed); certainty is Observed (an operator reported
// it), unless the cause is only suspected of being an attack (Likely).
import type { CapCategory, CapCertainty, CapSeverity, CapUrgency } from "../cap/warning.ts";
import type { IncidentSeverity, IncidentState, IncidentType, SuspectedCause } from "./incidents.ts";
import { isThreatFamily } from "./incidents.ts";

export interface IncidentCapCodes {
  readonly categories: readonly CapCategory[];
  readonly urgency: CapUrgency;
  readonly severity: CapSeverity;
  readonly certainty: CapCertainty;
}

/** Incident severity -> CAP severity (CAP: Minor, Moderate, Severe, Extreme). */
export const CAP_SEVERITY_OF_INCIDENT: Readonly<Record<IncidentSeverity, CapSeverity>> = {
  minor: "Minor",
  significant: "Moderate",
  major: "Severe",
  critical: "Extreme",
};

export function incidentCapCodes(incident: {
  readonly type: IncidentType;
  readonly state: IncidentState;
  readonly severity: IncidentSeverity | null;
  readonly suspectedCause: SuspectedCause;
}): IncidentCapCodes {
  const categories: CapCategory[] = ["Infra"];
  if (isThreatFamily(incident.type) || incident.suspectedCause === "attack") categories.unshift("Security");
  if (incident.type === "cbrn") categories.push("CBRNE");
  if (incident.type === "natural-hazard") categories.push("Geo");
  const severity = incident.severity ? CAP_SEVERITY_OF_INCIDENT[incident.severity] : "Unknown";
  const urgency: CapUrgency =
    incident.state === "closed"
      ? "Past"
      : incident.severity === "major" || incident.severity === "critical"
        ? "Immediate"
        : "Expected";
  // Attacks are suspected when reported; other causes are what the operator observed.
  const certainty: CapCertainty = incident.suspectedCause === "attack" ? "Likely" : "Observed";
  return { categories, urgency, severity, certainty };
}
