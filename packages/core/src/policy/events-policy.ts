// Who sees and changes workshops and events, their participants and their follow-up actions.
// Events follow the same TLP rule as assets and compendium entries, owned by the host
// organisation (CLEAR: everyone signed in; GREEN: organisations sharing a community with the host;
// AMBER: the host). Participants' names are personal data: the full list is for the host
// organisation and for participants who have an account; everyone else who sees the event sees
// counts per organisation and per country.
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { isCompendiumModerator } from "./compendium-policy.ts";
import { ALL, allow, type Decision, deny, type Scope } from "./decision.ts";

export interface EventFacts {
  readonly hostOrganisationId: string;
}

export interface ActionFacts {
  readonly ownerOrganisationId: string;
}

/**
 * Which events' participant lists (names) an actor reads: `all`, or the events hosted by
 * `organisationId` and those `userId` takes part in. Compiled into SQL by the events repository.
 */
export type ParticipantScope =
  | { readonly kind: "all" }
  | { readonly kind: "host-or-participant"; readonly organisationId: string; readonly userId: string };

const onlyWatches = (actor: Actor) => actor.roles.every((role) => role === "auditor");
const isHostEditor = (actor: Actor, event: EventFacts) =>
  actor.organisationId === event.hostOrganisationId &&
  (hasRole(actor, "coordinator") || hasRole(actor, "organisation-admin"));

export const eventPolicy = {
  /** Events and everything in them (agenda, materials, outcomes, actions, participant counts). */
  readScope: (actor: Actor): Scope =>
    isCompendiumModerator(actor) || hasRole(actor, "auditor")
      ? ALL
      : { kind: "marking", organisationId: actor.organisationId },
  /** Whose names an actor may read in participant lists (among the events it may see). */
  participantScope: (actor: Actor): ParticipantScope =>
    isPlatformAdmin(actor)
      ? { kind: "all" }
      : { kind: "host-or-participant", organisationId: actor.organisationId, userId: actor.userId },
  /** Create an event hosted by `hostOrganisationId`. */
  create: (actor: Actor, event: EventFacts): Decision =>
    isCompendiumModerator(actor) || isHostEditor(actor, event)
      ? allow
      : deny(
          "Only coordinators and administrators of the host organisation, and the compendium's moderators, organise events.",
        ),
  /** Edit the event, its agenda, materials, outcomes and participants, and every follow-up action. */
  edit: (actor: Actor, event: EventFacts): Decision =>
    isCompendiumModerator(actor) || isHostEditor(actor, event)
      ? allow
      : deny(
          "Only coordinators and administrators of the host organisation, and the compendium's moderators, edit this event.",
        ),
  /** Update a follow-up action's progress: the event's editors, or members of the owner organisation. */
  updateAction: (actor: Actor, event: EventFacts, action: ActionFacts): Decision => {
    if (eventPolicy.edit(actor, event).allowed) return allow;
    if (onlyWatches(actor)) return deny("Auditors read follow-up actions but do not change them.");
    if (actor.organisationId === action.ownerOrganisationId) return allow;
    return deny("Only the owner organisation and the event's editors update this action.");
  },
};
