// Routes of STIX 2.1 import (problem+json API). The TAXII 2.1 server lives in ../taxii/.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { translated } from "../i18n/messages.ts";
import { getCollectionObject, listCollectionObjects } from "./collection-browse.service.ts";
import { importStixBundle, stixCollectionList } from "./import.service.ts";

export function stixRoutes(app: FastifyInstance, context: ServerContext): void {
  // The report's refusal reasons in the caller's language (core says them in English).
  route(app, context, "importStixBundle", async ({ caller, query, body, request }) => {
    const report = await importStixBundle(context, caller, query, body);
    const language = requestLanguage(request);
    return {
      ...report,
      refused: report.refused.map((refusal) => ({
        ...refusal,
        reason: translated(language, refusal.reason),
      })),
    };
  });
  route(app, context, "listStixCollections", ({ caller }) => stixCollectionList(context, caller));
  route(app, context, "listStixCollectionObjects", ({ caller, params, query }) =>
    listCollectionObjects(context, caller, params.id, query),
  );
  route(app, context, "getStixCollectionObject", ({ caller, params }) =>
    getCollectionObject(context, caller, params.id, params.stixId),
  );
}
