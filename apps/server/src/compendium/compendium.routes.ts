import { followCompendiumChanges } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { NOT_MODIFIED, route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { compendiumBooklet } from "./booklet.service.ts";
import { entryDetail, entryVersion, entryVersions, searchCompendium } from "./entries.service.ts";
import { offlineCopy } from "./offline.service.ts";
import { proposalDetail, proposals, propose, review, revise } from "./proposals.service.ts";

export function compendiumRoutes(app: FastifyInstance, context: ServerContext): void {
  // The search index follows entry changes made by any process, entry by entry (ADR 0023).
  const unfollow = followCompendiumChanges(context.db, context.connection.changes);
  app.addHook("onClose", async () => unfollow());
  route(app, context, "searchCompendium", ({ caller, query, request }) =>
    searchCompendium(context, caller, query, requestLanguage(request)),
  );
  route(app, context, "getEntry", ({ caller, params, request }) =>
    entryDetail(context, caller, params.slug, requestLanguage(request)),
  );
  route(app, context, "listEntryVersions", ({ caller, params }) =>
    entryVersions(context, caller, params.slug),
  );
  route(app, context, "getEntryVersion", ({ caller, params }) =>
    entryVersion(context, caller, params.slug, params.version),
  );
  route(app, context, "listProposals", ({ caller, query }) => proposals(context, caller, query));
  route(app, context, "createProposal", ({ caller, body }) => propose(context, caller, body));
  route(app, context, "getProposal", ({ caller, params }) => proposalDetail(context, caller, params.id));
  route(app, context, "updateProposal", ({ caller, params, body }) =>
    revise(context, caller, params.id, body),
  );
  route(app, context, "reviewProposal", ({ caller, params, body }) =>
    review(context, caller, params.id, body),
  );
  route(app, context, "compendiumBooklet", ({ caller, query, request }) =>
    compendiumBooklet(context, caller, query, requestLanguage(request)),
  );
  route(app, context, "compendiumOffline", async ({ caller, request, reply }) => {
    const { etag, copy } = await offlineCopy(context, caller, request.headers["if-none-match"]);
    // private: kept by the browser that asked, never by a shared cache; no-cache: checked each time.
    reply.header("etag", etag).header("cache-control", "private, no-cache");
    return copy ?? NOT_MODIFIED;
  });
}
