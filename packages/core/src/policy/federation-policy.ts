// Who takes part in the federation of aggregates (issue 20, item 6; ADR 0028).
//
// On a national installation, the national authority's administrators record the consent (which
// hub, by whom, when) and send; nobody else speaks for the state. On a hub, its platform
// administrators register the installations that may send (their public key and a token), and
// the regional picture is for the bodies that support states, as for the self-assessment
// comparison: platform administrators and the coordinators of international organisations. The
// picture's scope is compiled into SQL (all or nothing: it holds no organisation's rows).
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { ALL, allow, type Decision, deny, NONE, type Scope } from "./decision.ts";

const isNationalAuthorityAdmin = (actor: Actor) =>
  actor.organisationKind === "national-authority" && hasRole(actor, "organisation-admin");

const supportsStates = (actor: Actor) =>
  isPlatformAdmin(actor) ||
  (hasRole(actor, "coordinator") && actor.organisationKind === "international-organisation");

export const federationPolicy = {
  /** Record, read or withdraw the state's consent, and send its aggregates to the consented hub. */
  speakForState: (actor: Actor): Decision =>
    isNationalAuthorityAdmin(actor)
      ? allow
      : deny("Only the national authority's administrators consent to and send the federated aggregates."),
  /** Register the installations that send to this hub, and list them. */
  managePeers: (actor: Actor): Decision =>
    isPlatformAdmin(actor)
      ? allow
      : deny("Only platform administrators register the installations that send aggregates to this hub."),
  /** The regional picture made of the aggregates received. */
  readRegional: (actor: Actor): Decision =>
    supportsStates(actor)
      ? allow
      : deny(
          "Only the bodies that support states (platform administrators, coordinators of international organisations) read the regional picture.",
        ),
  /** The same rule as the rows the database returns. */
  regionalScope: (actor: Actor): Scope => (supportsStates(actor) ? ALL : NONE),
};
