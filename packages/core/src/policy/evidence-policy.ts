// Who may see and add to an incident's investigation log (issue 18): the case log and evidence of
// law enforcement. It is seen by whoever sees the incident (incidentAbilities) AND either belongs
// to a law-enforcement organisation or to an organisation law enforcement shared the log with by
// name. Law enforcement's working roles add evidence, record custody transfers and choose who it is
// shared with; an organisation it is shared with reads it and changes nothing. The database
// compiles the same rule (packages/db/src/repositories/evidence.ts, visibleEvidenceOf).

import type { OrganisationKind, Role } from "../vocabulary.ts";
import { allow, type Decision, deny } from "./decision.ts";
import type { IncidentAbilities } from "./incident-policy.ts";

/** The organisation kind that keeps investigation logs. */
export const INVESTIGATING_KINDS: readonly OrganisationKind[] = ["law-enforcement"];
/** Roles that write to the log for their organisation. */
export const INVESTIGATION_WORKING_ROLES: readonly Role[] = ["organisation-admin", "coordinator", "analyst"];

export interface EvidenceViewer {
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind | undefined;
  readonly roles: readonly Role[];
}

export interface EvidenceAbilities {
  readonly maySee: boolean;
  /** Add evidence, record custody transfers. */
  readonly mayRecord: boolean;
  /** Choose the organisations the log is shared with. */
  readonly mayShare: boolean;
}

export const isInvestigator = (viewer: Pick<EvidenceViewer, "organisationKind">): boolean =>
  viewer.organisationKind !== undefined && INVESTIGATING_KINDS.includes(viewer.organisationKind);

export const NO_EVIDENCE: EvidenceAbilities = { maySee: false, mayRecord: false, mayShare: false };

/**
 * What this viewer may do with the investigation log of an incident it sees (or not) as
 * `incident` says, the log being shared with `sharedWith` organisations.
 */
export function evidenceAbilities(
  viewer: EvidenceViewer,
  incident: Pick<IncidentAbilities, "maySee">,
  sharedWith: readonly string[],
): EvidenceAbilities {
  if (!incident.maySee) return NO_EVIDENCE;
  const investigator = isInvestigator(viewer);
  if (!investigator && !sharedWith.includes(viewer.organisationId)) return NO_EVIDENCE;
  const works = investigator && viewer.roles.some((role) => INVESTIGATION_WORKING_ROLES.includes(role));
  return { maySee: true, mayRecord: works, mayShare: works };
}

export const checkEvidenceRecord = (abilities: EvidenceAbilities): Decision =>
  abilities.mayRecord ? allow : deny("Only law enforcement records evidence and its custody.");

export const checkEvidenceShare = (abilities: EvidenceAbilities): Decision =>
  abilities.mayShare ? allow : deny("Only law enforcement chooses who the investigation log is shared with.");
