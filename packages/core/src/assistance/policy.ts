// Who sees and changes assistance needs, offers and engagements.
//
// Seeing a need or an offer is the TLP 2.0 rule of shared items, applied as it is (sharingAbilities
// on the need or offer as a published item of its recorder): the state chooses which providers see
// its need by marking and audience, as it does for an alert. The database compiles the same rule
// (packages/db/src/repositories/sharing-scope.ts, recipient clause over the assistance tables).
// An engagement is seen by its two parties only: the state's organisation and the provider's.
// Platform administrators and auditors get no exception, as for shared items.

import type { Actor } from "../policy/actor.ts";
import { allow, type Decision, deny } from "../policy/decision.ts";
import {
  checkComposition,
  type SharedItemFacts,
  type SharingAudience,
  type SharingViewer,
  sharingAbilities,
} from "../policy/sharing-policy.ts";
import type { Role, TlpMarking } from "../vocabulary.ts";
import {
  CLOSED_ENGAGEMENT_STATUSES,
  type EngagementStatus,
  isProvider,
  isStateOrganisation,
  type NeedStatus,
  type OfferStatus,
} from "./assistance.ts";

/** Roles that act for their organisation on needs, offers and engagements. */
export const ASSISTANCE_WORKING_ROLES: readonly Role[] = ["organisation-admin", "coordinator", "analyst"];

export interface AssistanceViewer extends SharingViewer {
  readonly organisationKind: Actor["organisationKind"];
}

/** A need or an offer as the sharing rule reads it: who recorded it, for which organisation, marked how. */
export interface MarkedFacts {
  readonly recorderId: string;
  readonly organisationId: string;
  readonly tlp: TlpMarking;
  readonly audience: SharingAudience;
}

export interface NeedFacts extends MarkedFacts {
  readonly status: NeedStatus;
}

export interface OfferFacts extends MarkedFacts {
  readonly status: OfferStatus;
}

export const asSharedItem = (facts: MarkedFacts): SharedItemFacts => ({
  authorId: facts.recorderId,
  authorOrganisationId: facts.organisationId,
  approverId: null,
  status: "published",
  tlp: facts.tlp,
  audience: facts.audience,
  revealAudience: false,
});

export const worksForOrganisation = (viewer: Pick<SharingViewer, "roles">): boolean =>
  viewer.roles.some((role) => ASSISTANCE_WORKING_ROLES.includes(role));

export interface NeedAbilities {
  readonly maySee: boolean;
  /** Change it (fields, marking, audience, status): its recorder or a working role of its organisation. */
  readonly mayEdit: boolean;
  /** Offer help on it: a working role of a provider, not of the state's organisation, while open. */
  readonly mayExpressInterest: boolean;
  readonly reason: string;
}

const mayEditOwn = (viewer: AssistanceViewer, facts: MarkedFacts) =>
  viewer.userId === facts.recorderId ||
  (viewer.organisationId === facts.organisationId && worksForOrganisation(viewer));

export function needAbilities(viewer: AssistanceViewer, facts: NeedFacts): NeedAbilities {
  const seen = sharingAbilities(viewer, asSharedItem(facts));
  if (!seen.maySee) return { maySee: false, mayEdit: false, mayExpressInterest: false, reason: seen.reason };
  return {
    maySee: true,
    mayEdit: mayEditOwn(viewer, facts),
    mayExpressInterest:
      facts.status === "open" &&
      viewer.organisationId !== facts.organisationId &&
      isProvider(viewer.organisationKind) &&
      worksForOrganisation(viewer),
    reason: "",
  };
}

export interface OfferAbilities {
  readonly maySee: boolean;
  readonly mayEdit: boolean;
  readonly reason: string;
}

export function offerAbilities(viewer: AssistanceViewer, facts: OfferFacts): OfferAbilities {
  const seen = sharingAbilities(viewer, asSharedItem(facts));
  if (!seen.maySee) return { maySee: false, mayEdit: false, reason: seen.reason };
  return { maySee: true, mayEdit: mayEditOwn(viewer, facts), reason: "" };
}

/** May this viewer record a need of its state's organisation, marked and addressed so? */
export function checkNeedRecording(
  viewer: AssistanceViewer,
  tlp: TlpMarking,
  audience: SharingAudience,
): Decision {
  if (!isStateOrganisation(viewer.organisationKind))
    return deny("Needs are recorded by a state's organisations, not by international organisations.");
  if (!worksForOrganisation(viewer))
    return deny(
      "Only administrators, coordinators and analysts record their organisation's needs and offers.",
    );
  return checkComposition(viewer, tlp, audience, { forSubmission: true });
}

/** May this viewer publish an offer of its organisation, marked and addressed so? */
export function checkOfferPublishing(
  viewer: AssistanceViewer,
  tlp: TlpMarking,
  audience: SharingAudience,
): Decision {
  if (!isProvider(viewer.organisationKind))
    return deny(
      "Offers are published by providers: international organisations, national authorities, academia, sector ISACs and civil society.",
    );
  if (!worksForOrganisation(viewer))
    return deny(
      "Only administrators, coordinators and analysts record their organisation's needs and offers.",
    );
  return checkComposition(viewer, tlp, audience, { forSubmission: true });
}

/** An engagement as its policy reads it. */
export interface EngagementFacts {
  /** The organisation whose need it answers. */
  readonly stateOrganisationId: string;
  readonly providerOrganisationId: string;
  readonly status: EngagementStatus;
  /** The state lets the provider see how its self-assessment changed. */
  readonly outcomeConsent: boolean;
}

/** Which engagements an actor reads: those of which its organisation is a party. Compiled into SQL. */
export interface EngagementScope {
  readonly kind: "parties";
  readonly organisationId: string;
}

export interface EngagementAbilities {
  readonly maySee: boolean;
  readonly asState: boolean;
  readonly asProvider: boolean;
  /** Statuses this viewer may move it to now. */
  readonly transitions: readonly EngagementStatus[];
  /** Record milestones (both parties, while proposed or active). */
  readonly mayRecordMilestones: boolean;
  /** Choose the runs compared and give or take back consent (the state). */
  readonly mayManageOutcome: boolean;
  /** Read the comparison of the runs: the state, and the provider once the state consents. */
  readonly maySeeOutcome: boolean;
}

export const engagementPolicy = {
  readScope: (actor: Actor): EngagementScope => ({ kind: "parties", organisationId: actor.organisationId }),
};

/** Who moves an engagement where: the state accepts or declines, the provider withdraws, either completes. */
const MOVES: Readonly<
  Record<EngagementStatus, readonly { to: EngagementStatus; by: "state" | "provider" | "either" }[]>
> = {
  proposed: [
    { to: "active", by: "state" },
    { to: "declined", by: "state" },
    { to: "withdrawn", by: "provider" },
  ],
  active: [
    { to: "completed", by: "either" },
    { to: "withdrawn", by: "provider" },
  ],
  completed: [],
  declined: [],
  withdrawn: [],
};

export function engagementAbilities(viewer: AssistanceViewer, facts: EngagementFacts): EngagementAbilities {
  const asState = viewer.organisationId === facts.stateOrganisationId;
  const asProvider = viewer.organisationId === facts.providerOrganisationId;
  const maySee = asState || asProvider;
  const acts = maySee && worksForOrganisation(viewer);
  const open = !CLOSED_ENGAGEMENT_STATUSES.includes(facts.status);
  return {
    maySee,
    asState,
    asProvider,
    transitions: acts
      ? MOVES[facts.status]
          .filter(({ by }) => by === "either" || (by === "state" ? asState : asProvider))
          .map(({ to }) => to)
      : [],
    mayRecordMilestones: acts && open,
    mayManageOutcome: acts && asState,
    maySeeOutcome: asState || (asProvider && facts.outcomeConsent),
  };
}

export function checkEngagementTransition(
  abilities: EngagementAbilities,
  from: EngagementStatus,
  to: EngagementStatus,
): Decision {
  if (!MOVES[from].some((move) => move.to === to))
    return deny("An engagement cannot move from its present status to that one.");
  return abilities.transitions.includes(to)
    ? allow
    : deny(
        "The state accepts or declines, the provider withdraws, and either party completes an engagement.",
      );
}
