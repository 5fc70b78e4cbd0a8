// Routes of STIX 2.1 import (problem+json API). The TAXII 2.1 server lives in ../taxii/.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { getCollectionObject, listCollectionObjects } from "./collection-browse.service.ts";
import { importStixBundle, stixCollectionList } from "./import.service.ts";

export function stixRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "importStixBundle", ({ caller, query, body }) =>
    importStixBundle(context, caller, query, body),
  );
  route(app, context, "listStixCollections", ({ caller }) => stixCollectionList(context, caller));
  route(app, context, "listStixCollectionObjects", ({ caller, params, query }) =>
    listCollectionObjects(context, caller, params.id, query),
  );
  route(app, context, "getStixCollectionObject", ({ caller, params }) =>
    getCollectionObject(context, caller, params.id, params.stixId),
  );
}
