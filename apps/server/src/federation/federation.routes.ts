// Routes of the federation of aggregates (issue 20, item 6; ADR 0028): thin handlers over the service.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import {
  consent,
  identity,
  peers,
  receive,
  recordConsent,
  regional,
  registerPeer,
  revoke,
  send,
  sendings,
  withdraw,
} from "./federation.service.ts";

export function federationRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "getFederationIdentity", () => identity(context));
  route(app, context, "getFederationConsent", ({ caller }) => consent(context, caller));
  route(app, context, "recordFederationConsent", ({ caller, body }) => recordConsent(context, caller, body));
  route(app, context, "withdrawFederationConsent", async ({ caller }) => {
    await withdraw(context, caller);
    return undefined;
  });
  route(app, context, "sendFederationAggregates", ({ caller }) => send(context, caller));
  route(app, context, "listFederationSendings", ({ caller }) => sendings(context, caller));
  route(app, context, "listFederationPeers", ({ caller }) => peers(context, caller));
  route(app, context, "createFederationPeer", ({ caller, body }) => registerPeer(context, caller, body));
  route(app, context, "revokeFederationPeer", async ({ caller, params }) => {
    await revoke(context, caller, params.id);
    return undefined;
  });
  route(app, context, "receiveFederationAggregates", ({ request, body }) => receive(context, request, body));
  route(app, context, "getFederationRegional", ({ caller }) => regional(context, caller));
}
