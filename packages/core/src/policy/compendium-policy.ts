// Who reads, proposes and moderates compendium entries. Published entries follow TLP (CLEAR:
// everyone signed in; GREEN: organisations sharing a community with the entry's owner; AMBER:
// the owner). The compendium's moderators are the platform administrators and the coordinators
// of national authorities and international organisations: the bodies that curate good practice
// for a country or a region. They see every entry and every proposal, since they review them.
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { ALL, allow, type Decision, deny, type Scope } from "./decision.ts";

const MODERATING_KINDS = ["national-authority", "international-organisation"] as const;

export const isCompendiumModerator = (actor: Actor): boolean =>
  isPlatformAdmin(actor) ||
  (hasRole(actor, "coordinator") && MODERATING_KINDS.some((kind) => kind === actor.organisationKind));

/** Someone whose only roles are to watch (auditors) changes nothing. */
const onlyWatches = (actor: Actor) => actor.roles.every((role) => role === "auditor");

export interface ProposalFacts {
  readonly authorId: string;
  readonly organisationId: string;
  readonly state: string;
}

const OPEN_STATES = ["open", "changes-requested"];

export const compendiumPolicy = {
  /** Published entries. */
  readScope: (actor: Actor): Scope =>
    isCompendiumModerator(actor) || hasRole(actor, "auditor")
      ? ALL
      : { kind: "marking", organisationId: actor.organisationId },
  /** Proposals and their reviews: the proposing organisation's, or all for moderators. */
  proposalScope: (actor: Actor): Scope =>
    isCompendiumModerator(actor) || hasRole(actor, "auditor")
      ? ALL
      : { kind: "organisation", organisationId: actor.organisationId },
  propose: (actor: Actor): Decision =>
    onlyWatches(actor) ? deny("Auditors read the compendium but do not change it.") : allow,
  /** Request changes, approve (which publishes) or reject. */
  moderate: (actor: Actor): Decision =>
    isCompendiumModerator(actor)
      ? allow
      : deny(
          "Only the compendium's moderators (coordinators of national authorities and international organisations) review proposals.",
        ),
  /** Revise a proposal: its author, while it is still open. */
  revise: (actor: Actor, proposal: ProposalFacts): Decision => {
    if (proposal.authorId !== actor.userId) return deny("Only the author revises a proposal.");
    if (!OPEN_STATES.includes(proposal.state)) return deny("This proposal is closed.");
    return allow;
  },
  /** Comment on a proposal: its organisation's members and the moderators, while it is open. */
  comment: (actor: Actor, proposal: ProposalFacts): Decision => {
    if (onlyWatches(actor)) return deny("Auditors read the compendium but do not change it.");
    if (!OPEN_STATES.includes(proposal.state)) return deny("This proposal is closed.");
    if (isCompendiumModerator(actor) || actor.organisationId === proposal.organisationId) return allow;
    return deny("Only the proposing organisation and the moderators discuss a proposal.");
  },
};
