// Federation of aggregates (issue 20, item 6; ADR 0028), spread into the endpoint table in
// ../endpoints.ts. The national side: identity, consent, send. The hub side: peers, the signed
// aggregates (authenticated by the sending installation's own token and signature, not a user),
// and the regional picture.
import { z } from "zod";
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  AggregatesReceived,
  FederationConsent,
  FederationConsentCreate,
  FederationIdentity,
  FederationPeer,
  FederationPeerCreate,
  FederationPeerCreated,
  FederationRegional,
  FederationSendings,
  FederationSent,
  SignedAggregates,
} from "../federation.ts";

const tag = "federation";

export const federationEndpoints = {
  getFederationIdentity: {
    method: "GET",
    path: "/api/federation/identity",
    summary: "This installation's Ed25519 public key, which a hub registers to verify what it sends.",
    tag,
    auth: "public",
    status: 200,
    response: FederationIdentity,
  },
  getFederationConsent: {
    method: "GET",
    path: "/api/federation/consent",
    summary: "The national authority's consent in force to send aggregates to a hub (who, when, which hub).",
    tag,
    auth: "user",
    status: 200,
    response: FederationConsent,
  },
  recordFederationConsent: {
    method: "POST",
    path: "/api/federation/consent",
    summary: "Record the national authority's consent to send k-anonymous aggregates to one hub.",
    tag,
    auth: "user",
    token: "never",
    body: FederationConsentCreate,
    status: 201,
    response: FederationConsent,
  },
  withdrawFederationConsent: {
    method: "DELETE",
    path: "/api/federation/consent",
    summary: "Withdraw the consent in force: nothing more is sent.",
    tag,
    auth: "user",
    token: "never",
    status: 204,
  },
  sendFederationAggregates: {
    method: "POST",
    path: "/api/federation/send",
    summary: "Build the k-anonymous aggregates, sign them and send them to the consented hub.",
    tag,
    auth: "user",
    status: 200,
    response: FederationSent,
  },
  listFederationSendings: {
    method: "GET",
    path: "/api/federation/sendings",
    summary:
      "The latest sendings of the aggregates to the consented hub (by a person or the daily schedule) and what came of each.",
    tag,
    auth: "user",
    status: 200,
    response: FederationSendings,
  },
  listFederationPeers: {
    method: "GET",
    path: "/api/federation/peers",
    summary: "The installations registered to send aggregates to this hub.",
    tag,
    auth: "user",
    status: 200,
    response: z.array(FederationPeer),
  },
  createFederationPeer: {
    method: "POST",
    path: "/api/federation/peers",
    summary: "Register an installation (its public key) and issue the token it sends with (shown once).",
    tag,
    auth: "user",
    token: "never",
    body: FederationPeerCreate,
    status: 201,
    response: FederationPeerCreated,
  },
  revokeFederationPeer: {
    method: "DELETE",
    path: "/api/federation/peers/:id",
    summary:
      "Revoke an installation: its token and key are refused, and what it sent leaves the regional picture.",
    tag,
    auth: "user",
    token: "never",
    params: IdParams,
    status: 204,
  },
  receiveFederationAggregates: {
    method: "POST",
    path: "/api/federation/aggregates",
    summary:
      "On a hub: signed aggregates from a registered installation (Bearer: its token); cells below the hub's k are dropped.",
    tag,
    auth: "public",
    body: SignedAggregates,
    bodyLimit: 512 * 1024,
    status: 201,
    response: AggregatesReceived,
  },
  getFederationRegional: {
    method: "GET",
    path: "/api/federation/regional",
    summary:
      "On a hub: the regional picture of the aggregates received (needs, self-assessment means, engagements).",
    tag,
    auth: "user",
    status: 200,
    response: FederationRegional,
  },
} as const satisfies Record<string, EndpointDef>;
