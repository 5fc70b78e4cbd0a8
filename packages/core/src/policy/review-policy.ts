// Who writes an incident's after-action review and moves its follow-up actions on (issue 18).
// Reading follows the incident (incidentAbilities): whoever sees the incident reads its lessons.

import type { IncidentState } from "../incidents/incidents.ts";
import type { Role } from "../vocabulary.ts";
import { allow, type Decision, deny } from "./decision.ts";
import { INCIDENT_WORKING_ROLES, type IncidentAbilities } from "./incident-policy.ts";

/** May this viewer write the incident's after-action review? Once closed, the authority or the filer. */
export function checkReview(
  abilities: Pick<IncidentAbilities, "asAuthority" | "asFiler">,
  state: IncidentState,
): Decision {
  if (state !== "closed") return deny("An after-action review is written once the incident is closed.");
  return abilities.asAuthority || abilities.asFiler
    ? allow
    : deny("Only the authority or the filing operator writes the after-action review.");
}

/** May this viewer move a follow-up action on? The authority, or a working role of its organisation. */
export function checkReviewActionProgress(
  viewer: { readonly organisationId: string; readonly roles: readonly Role[] },
  abilities: Pick<IncidentAbilities, "asAuthority">,
  ownerOrganisationId: string,
): Decision {
  if (abilities.asAuthority) return allow;
  return viewer.organisationId === ownerOrganisationId &&
    viewer.roles.some((role) => INCIDENT_WORKING_ROLES.includes(role))
    ? allow
    : deny("Only the authority or the action's organisation moves a follow-up action on.");
}
