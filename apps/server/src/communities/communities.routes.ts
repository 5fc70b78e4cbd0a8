import { communityPolicy } from "@bulwark/core";
import { getCommunity, listCommunities } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { notFound } from "../errors.ts";
import { changeCommunity, createCommunity, removeCommunity } from "./communities.service.ts";
import {
  decideInvitation,
  invitationsOf,
  inviteOrganisation,
  leaveCommunity,
  withdrawInvitation,
} from "./invitations.service.ts";

export function communityRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listCommunities", ({ caller, query }) =>
    listCommunities(context.db, communityPolicy.readScope(caller), query),
  );
  route(app, context, "getCommunity", async ({ caller, params }) => {
    const community = await getCommunity(context.db, communityPolicy.readScope(caller), params.id);
    if (!community) throw notFound("community");
    return community;
  });
  route(app, context, "createCommunity", ({ caller, body }) => createCommunity(context, caller, body));
  route(app, context, "updateCommunity", ({ caller, params, body }) =>
    changeCommunity(context, caller, params.id, body),
  );
  route(app, context, "deleteCommunity", async ({ caller, params }) => {
    await removeCommunity(context, caller, params.id);
    return undefined;
  });
  route(app, context, "listCommunityInvitations", ({ caller, query }) =>
    invitationsOf(context, caller, query),
  );
  route(app, context, "inviteToCommunity", ({ caller, params, body }) =>
    inviteOrganisation(context, caller, params.id, body.organisationId),
  );
  route(app, context, "decideCommunityInvitation", ({ caller, params, body }) =>
    decideInvitation(context, caller, params.id, body.decision),
  );
  route(app, context, "withdrawCommunityInvitation", async ({ caller, params }) => {
    await withdrawInvitation(context, caller, params.id);
    return undefined;
  });
  route(app, context, "leaveCommunity", async ({ caller, params }) => {
    await leaveCommunity(context, caller, params.id, params.organisationId);
    return undefined;
  });
}
