// TAXII subscriptions: a community's collection pulled from a remote TAXII 2.1 collection on a
// schedule. Spread into the endpoint table in ../endpoints.ts.
import { z } from "zod";
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  TaxiiConnectionReport,
  TaxiiConnectionTest,
  TaxiiSubscription,
  TaxiiSubscriptionCreate,
  TaxiiSubscriptionQuery,
  TaxiiSubscriptionUpdate,
} from "../taxii-subscriptions.ts";

export const taxiiSubscriptionEndpoints = {
  listTaxiiSubscriptions: {
    method: "GET",
    path: "/api/sharing/taxii-subscriptions",
    summary: "TAXII subscriptions of your communities, with their last run.",
    tag: "sharing",
    auth: "user",
    query: TaxiiSubscriptionQuery,
    status: 200,
    response: z.array(TaxiiSubscription),
  },
  createTaxiiSubscription: {
    method: "POST",
    path: "/api/sharing/taxii-subscriptions",
    summary:
      "Subscribe a community to a remote TAXII 2.1 collection (coordinators and organisation administrators of a member organisation).",
    tag: "sharing",
    auth: "user",
    body: TaxiiSubscriptionCreate,
    status: 201,
    response: TaxiiSubscription,
  },
  getTaxiiSubscription: {
    method: "GET",
    path: "/api/sharing/taxii-subscriptions/:id",
    summary: "One subscription (its credentials are never returned, only whether some are set).",
    tag: "sharing",
    auth: "user",
    params: IdParams,
    status: 200,
    response: TaxiiSubscription,
  },
  updateTaxiiSubscription: {
    method: "PATCH",
    path: "/api/sharing/taxii-subscriptions/:id",
    summary: "Change a subscription: remote, credentials, default marking, interval, enabled.",
    tag: "sharing",
    auth: "user",
    params: IdParams,
    body: TaxiiSubscriptionUpdate,
    status: 200,
    response: TaxiiSubscription,
  },
  deleteTaxiiSubscription: {
    method: "DELETE",
    path: "/api/sharing/taxii-subscriptions/:id",
    summary: "End a subscription (the objects it brought stay in the collection).",
    tag: "sharing",
    auth: "user",
    params: IdParams,
    status: 204,
  },
  testTaxiiConnection: {
    method: "POST",
    path: "/api/sharing/taxii-connection-test",
    summary: "Ask a remote TAXII 2.1 API root what it shows these credentials: its collections, can_read.",
    tag: "sharing",
    auth: "user",
    body: TaxiiConnectionTest,
    status: 200,
    response: TaxiiConnectionReport,
  },
  testTaxiiSubscription: {
    method: "POST",
    path: "/api/sharing/taxii-subscriptions/:id/test",
    summary: "Test a subscription's connection with its stored credentials.",
    tag: "sharing",
    auth: "user",
    params: IdParams,
    status: 200,
    response: TaxiiConnectionReport,
  },
  pullTaxiiSubscription: {
    method: "POST",
    path: "/api/sharing/taxii-subscriptions/:id/pull",
    summary: "Pull now: fetch what the remote added since the last run and store it; answers with the run.",
    tag: "sharing",
    auth: "user",
    params: IdParams,
    status: 200,
    response: TaxiiSubscription,
  },
} as const satisfies Record<string, EndpointDef>;
