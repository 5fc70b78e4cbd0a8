// Resource requests between organisations (issue 18, in the shape of ICS 213RR): one organisation
// asks another for something (generators, a repair crew), optionally for an incident.
// Seeing: the people of the requesting and of the providing organisation; and, when the request
// names an incident, the incident's authority (a working role of a national authority or regulator
// that sees the incident), who coordinates the response. Nobody else, whatever the incident's TLP:
// what one operator asks another is theirs and the coordinator's.
// Moving it on (each step by a working role of the side named):
//   requested -> approved (provider) -> assigned (provider) -> delivered (requester confirms receipt);
//   requested -> declined (provider); requested, approved or assigned -> cancelled (requester).
// The database compiles `maySee` to SQL (packages/db/src/repositories/resource-requests.ts).

import type { OrganisationKind, Role } from "../vocabulary.ts";
import { allow, type Decision, deny } from "./decision.ts";
import { INCIDENT_AUTHORITY_KINDS, INCIDENT_WORKING_ROLES } from "./incident-policy.ts";

export const RESOURCE_REQUEST_STATES = [
  "requested",
  "approved",
  "assigned",
  "delivered",
  "declined",
  "cancelled",
] as const;
export type ResourceRequestState = (typeof RESOURCE_REQUEST_STATES)[number];

export const RESOURCE_REQUEST_PRIORITIES = ["urgent", "high", "routine", "low"] as const;
export type ResourceRequestPriority = (typeof RESOURCE_REQUEST_PRIORITIES)[number];

/** Which side moves a request from one state to another; absent: no such move. */
export const RESOURCE_REQUEST_MOVES: Readonly<
  Record<ResourceRequestState, Partial<Record<ResourceRequestState, "requester" | "provider">>>
> = {
  requested: { approved: "provider", declined: "provider", cancelled: "requester" },
  approved: { assigned: "provider", cancelled: "requester" },
  assigned: { delivered: "requester", cancelled: "requester" },
  delivered: {},
  declined: {},
  cancelled: {},
};

export interface ResourceRequestViewer {
  readonly userId: string;
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind | undefined;
  readonly roles: readonly Role[];
}

export interface ResourceRequestFacts {
  readonly fromOrganisationId: string;
  readonly toOrganisationId: string;
  readonly incidentId: string | null;
  readonly state: ResourceRequestState;
}

export interface ResourceRequestAbilities {
  readonly maySee: boolean;
  /** The states this viewer may move it to now. */
  readonly moves: readonly ResourceRequestState[];
}

const works = (viewer: ResourceRequestViewer) =>
  viewer.roles.some((role) => INCIDENT_WORKING_ROLES.includes(role));

/** A working role of a national authority or regulator: sees requests of incidents it sees. */
export const coordinatesResponse = (viewer: ResourceRequestViewer): boolean =>
  works(viewer) &&
  viewer.organisationKind !== undefined &&
  INCIDENT_AUTHORITY_KINDS.includes(viewer.organisationKind);

/**
 * What the viewer may do with a request. `seesIncident`: whether they may see its incident (false
 * without one).
 */
export function resourceRequestAbilities(
  viewer: ResourceRequestViewer,
  facts: ResourceRequestFacts,
  seesIncident: boolean,
): ResourceRequestAbilities {
  const requester = viewer.organisationId === facts.fromOrganisationId;
  const provider = viewer.organisationId === facts.toOrganisationId;
  const maySee =
    requester || provider || (facts.incidentId !== null && seesIncident && coordinatesResponse(viewer));
  if (!maySee || !works(viewer)) return { maySee, moves: [] };
  const moves = Object.entries(RESOURCE_REQUEST_MOVES[facts.state]).flatMap(([to, side]) =>
    (side === "requester" && requester) || (side === "provider" && provider)
      ? [to as ResourceRequestState]
      : [],
  );
  return { maySee, moves };
}

/** May the viewer ask `toOrganisationId` for resources (for their own organisation)? */
export function checkResourceRequest(viewer: ResourceRequestViewer, toOrganisationId: string): Decision {
  if (!works(viewer))
    return deny(
      "A coordinator, analyst or organisation administrator asks for resources for their organisation.",
    );
  if (toOrganisationId === viewer.organisationId)
    return deny("A resource request goes to another organisation than one's own.");
  return allow;
}

/** May the viewer move the request from its state to `to`? */
export function checkResourceRequestMove(
  viewer: ResourceRequestViewer,
  facts: ResourceRequestFacts,
  to: ResourceRequestState,
  seesIncident: boolean,
): { readonly outcome: "allowed" } | { readonly outcome: "conflict" | "refused"; readonly reason: string } {
  const abilities = resourceRequestAbilities(viewer, facts, seesIncident);
  if (abilities.moves.includes(to)) return { outcome: "allowed" };
  const side = Object.values(RESOURCE_REQUEST_MOVES).find((moves) => moves[to] !== undefined)?.[to];
  if (RESOURCE_REQUEST_MOVES[facts.state][to] === undefined) {
    // A move this viewer could make from some other state: the request has moved on (409).
    const couldElsewhere = RESOURCE_REQUEST_STATES.some(
      (from) =>
        RESOURCE_REQUEST_MOVES[from][to] !== undefined &&
        resourceRequestAbilities(viewer, { ...facts, state: from }, seesIncident).moves.includes(to),
    );
    return {
      outcome: couldElsewhere ? "conflict" : "refused",
      reason: `A resource request ${facts.state} cannot become ${to}.`,
    };
  }
  return {
    outcome: "refused",
    reason:
      side === "provider"
        ? "Only a working role of the providing organisation moves a request to this state."
        : "Only a working role of the requesting organisation moves a request to this state.",
  };
}
