// Invitations into communities, and leaving one. Spread into the endpoint table in ../endpoints.ts.
import { z } from "zod";
import { IdParams } from "../common.ts";
import {
  CommunityInvitation,
  CommunityOrganisationParams,
  InvitationCreate,
  InvitationDecision,
  InvitationQuery,
} from "../directory.ts";
import type { EndpointDef } from "../endpoint-def.ts";

export const communityEndpoints = {
  listCommunityInvitations: {
    method: "GET",
    path: "/api/community-invitations",
    summary: "Invitations of your organisation into communities (pending ones unless a state is given).",
    tag: "communities",
    auth: "user",
    query: InvitationQuery,
    status: 200,
    response: z.array(CommunityInvitation),
  },
  inviteToCommunity: {
    method: "POST",
    path: "/api/communities/:id/invitations",
    summary: "Invite an organisation into a community (its moderators); it joins when it accepts.",
    tag: "communities",
    auth: "user",
    params: IdParams,
    body: InvitationCreate,
    status: 201,
    response: CommunityInvitation,
  },
  decideCommunityInvitation: {
    method: "POST",
    path: "/api/community-invitations/:id/decision",
    summary: "Accept or decline an invitation of your organisation (its administrators).",
    tag: "communities",
    auth: "user",
    params: IdParams,
    body: InvitationDecision,
    status: 200,
    response: CommunityInvitation,
  },
  withdrawCommunityInvitation: {
    method: "DELETE",
    path: "/api/community-invitations/:id",
    summary: "Withdraw a pending invitation (the community's moderators).",
    tag: "communities",
    auth: "user",
    params: IdParams,
    status: 204,
  },
  leaveCommunity: {
    method: "DELETE",
    path: "/api/communities/:id/organisations/:organisationId",
    summary:
      "Take an organisation out of a community (its administrators, the community's moderators, platform administrators).",
    tag: "communities",
    auth: "user",
    params: CommunityOrganisationParams,
    status: 204,
  },
} as const satisfies Record<string, EndpointDef>;
