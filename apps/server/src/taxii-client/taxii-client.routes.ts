// Routes of TAXII subscriptions: thin handlers over the service.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import {
  createTaxiiSubscription,
  deleteTaxiiSubscription,
  pullTaxiiSubscription,
  taxiiSubscription,
  taxiiSubscriptions,
  testTaxiiConnection,
  testTaxiiSubscription,
  updateTaxiiSubscription,
} from "./subscriptions.service.ts";

export function taxiiClientRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listTaxiiSubscriptions", ({ caller, query }) =>
    taxiiSubscriptions(context, caller, query),
  );
  route(app, context, "createTaxiiSubscription", ({ caller, body }) =>
    createTaxiiSubscription(context, caller, body),
  );
  route(app, context, "getTaxiiSubscription", ({ caller, params }) =>
    taxiiSubscription(context, caller, params.id),
  );
  route(app, context, "updateTaxiiSubscription", ({ caller, params, body }) =>
    updateTaxiiSubscription(context, caller, params.id, body),
  );
  route(app, context, "deleteTaxiiSubscription", ({ caller, params }) =>
    deleteTaxiiSubscription(context, caller, params.id),
  );
  route(app, context, "testTaxiiConnection", ({ caller, body }) =>
    testTaxiiConnection(context, caller, body),
  );
  route(app, context, "testTaxiiSubscription", ({ caller, params }) =>
    testTaxiiSubscription(context, caller, params.id),
  );
  route(app, context, "pullTaxiiSubscription", ({ caller, params }) =>
    pullTaxiiSubscription(context, caller, params.id),
  );
}
