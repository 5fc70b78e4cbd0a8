// Who may see and change an incident (issue 17). Seeing is the TLP 2.0 rule of shared items,
// applied as it is (sharingAbilities of sharing-policy.ts on the incident as a published item):
// one rule for a notice shared as an item and for the incident it starts. The database compiles the
// same rule for both tables (packages/db/src/repositories/sharing-scope.ts).
// Changing: the authority (a national authority or regulator that sees the incident, through one
// of its working roles) acknowledges, moves it on, closes it, sets its severity and merges notices;
// the filing operator (the filer, or a working role of an organisation that filed a notice of it)
// proposes a severity when filing, moves it between responding and recovering, records its own
// assets' status and files follow-up reports.

import { type IncidentState, NEXT_INCIDENT_STATE } from "../incidents/incidents.ts";
import type { OrganisationKind, Role, TlpMarking } from "../vocabulary.ts";
import { allow, type Decision, deny } from "./decision.ts";
import {
  checkComposition,
  isWider,
  type SharedItemFacts,
  type SharingAudience,
  type SharingViewer,
  sharingAbilities,
} from "./sharing-policy.ts";

/** Organisations that receive incident notices and run the response. */
export const INCIDENT_AUTHORITY_KINDS: readonly OrganisationKind[] = ["national-authority", "regulator"];
/** Organisations that operate assets: they file for their own assets only. */
export const OPERATOR_KINDS: readonly OrganisationKind[] = ["public-operator", "private-operator"];
/** Roles that act on an incident for their organisation (members file, these also move it on). */
export const INCIDENT_WORKING_ROLES: readonly Role[] = ["organisation-admin", "coordinator", "analyst"];

export interface IncidentViewer extends SharingViewer {
  readonly organisationKind: OrganisationKind | undefined;
}

export interface IncidentFacts {
  readonly filerId: string;
  readonly filerOrganisationId: string;
  readonly tlp: TlpMarking;
  readonly audience: SharingAudience;
  readonly state: IncidentState;
  /** Organisations whose notices it holds (the filer's and those merged into it). */
  readonly noticeOrganisationIds: readonly string[];
}

export interface IncidentAbilities {
  readonly maySee: boolean;
  /** Acknowledge, close, merge; record any visible asset's status. */
  readonly asAuthority: boolean;
  /** The filer, or a working role of an organisation that filed a notice of it. */
  readonly asFiler: boolean;
  readonly reason: string;
}

/** The incident as the sharing rule sees it: a published item by its filer, never four-eyed. */
export const incidentAsSharedItem = (facts: IncidentFacts): SharedItemFacts => ({
  authorId: facts.filerId,
  authorOrganisationId: facts.filerOrganisationId,
  approverId: null,
  status: "published",
  tlp: facts.tlp,
  audience: facts.audience,
  revealAudience: false,
});

const works = (viewer: IncidentViewer) => viewer.roles.some((role) => INCIDENT_WORKING_ROLES.includes(role));
export const isIncidentAuthority = (viewer: IncidentViewer): boolean =>
  viewer.organisationKind !== undefined && INCIDENT_AUTHORITY_KINDS.includes(viewer.organisationKind);
export const isOperator = (viewer: Pick<IncidentViewer, "organisationKind">): boolean =>
  viewer.organisationKind !== undefined && OPERATOR_KINDS.includes(viewer.organisationKind);

export function incidentAbilities(viewer: IncidentViewer, facts: IncidentFacts): IncidentAbilities {
  const seen = sharingAbilities(viewer, incidentAsSharedItem(facts));
  if (!seen.maySee) return { maySee: false, asAuthority: false, asFiler: false, reason: seen.reason };
  return {
    maySee: true,
    asAuthority: isIncidentAuthority(viewer) && works(viewer),
    asFiler:
      viewer.userId === facts.filerId ||
      (works(viewer) && facts.noticeOrganisationIds.includes(viewer.organisationId)),
    reason: "",
  };
}

/**
 * May this viewer file an incident with this marking and audience? The same composition rule as
 * a shared item (role limits, RED to named people, own communities), checked as for sending.
 */
export const checkIncidentFiling = (
  viewer: SharingViewer,
  tlp: TlpMarking,
  audience: SharingAudience,
): Decision => checkComposition(viewer, tlp, audience, { forSubmission: true });

/**
 * May an incident filed by this viewer name an asset of this operator? An operator reports its own
 * assets; the authority (and others) any asset they may see (visibility is checked apart).
 */
export const checkIncidentAsset = (viewer: IncidentViewer, operatorId: string): Decision =>
  isOperator(viewer) && operatorId !== viewer.organisationId
    ? deny("An operator reports incidents on its own assets only.")
    : allow;

/** May this viewer move the incident to `to`? Only to the next state, by whom it names. */
export function checkIncidentTransition(
  abilities: IncidentAbilities,
  from: IncidentState,
  to: IncidentState,
): Decision {
  if (NEXT_INCIDENT_STATE[from] !== to)
    return deny(
      `An incident ${from} moves on to ${NEXT_INCIDENT_STATE[from] ?? "nothing: it is closed"}, not to ${to}.`,
    );
  if (to === "acknowledged" || to === "closed")
    return abilities.asAuthority ? allow : deny("Only the authority acknowledges and closes an incident.");
  return abilities.asAuthority || abilities.asFiler
    ? allow
    : deny("Only the authority or the filing operator moves an incident on.");
}

/** May this viewer record the status of an asset of `operatorId` in the incident? */
export function checkAssetStatusChange(
  viewer: IncidentViewer,
  abilities: IncidentAbilities,
  state: IncidentState,
  operatorId: string,
): Decision {
  if (state === "closed") return deny("The incident is closed.");
  if (abilities.asAuthority) return allow;
  if (abilities.asFiler) return checkIncidentAsset(viewer, operatorId);
  return deny("Only the authority or the filing operator records the assets' status.");
}

/**
 * May this viewer set the incident's severity? The filer proposes one on filing; from then on the
 * authority decides it, while the incident is open.
 */
export function checkSeverityChange(abilities: IncidentAbilities, state: IncidentState): Decision {
  if (state === "closed") return deny("The incident is closed.");
  return abilities.asAuthority ? allow : deny("Only the authority sets an incident's severity.");
}

/**
 * May the authority merge `merged` into `target`? Both seen as authority, neither closed, and the
 * target's marking no wider than the merged one's (a notice never reaches a wider audience).
 */
export function checkIncidentMerge(
  target: { abilities: IncidentAbilities; facts: IncidentFacts },
  merged: { abilities: IncidentAbilities; facts: IncidentFacts },
): Decision {
  if (!target.abilities.asAuthority || !merged.abilities.asAuthority)
    return deny("Only the authority merges notices into an incident.");
  if (target.facts.state === "closed" || merged.facts.state === "closed")
    return deny("A closed incident is neither merged nor merged into.");
  if (isWider(target.facts.tlp, merged.facts.tlp))
    return deny(
      `The incident is TLP:${target.facts.tlp.toUpperCase()}, wider than the notice's TLP:${merged.facts.tlp.toUpperCase()}: merge into the narrower one.`,
    );
  return allow;
}
