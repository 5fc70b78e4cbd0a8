// Routes of the technical assistance capability (issue 20): thin handlers over the services.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import {
  changeEngagement,
  engagementDetail,
  engagementList,
  proposeEngagement,
} from "./engagements.service.ts";
import { matches } from "./matches.service.ts";
import { changeNeed, needDetail, needDraft, needList, recordNeed } from "./needs.service.ts";
import { changeOffer, offerDetail, offerList, publishOffer } from "./offers.service.ts";

export function assistanceRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listAssistanceNeeds", ({ caller, query }) => needList(context, caller, query));
  route(app, context, "createAssistanceNeed", ({ caller, body }) => recordNeed(context, caller, body));
  route(app, context, "draftAssistanceNeed", ({ caller, query }) => needDraft(context, caller, query));
  route(app, context, "getAssistanceNeed", ({ caller, params }) => needDetail(context, caller, params.id));
  route(app, context, "updateAssistanceNeed", ({ caller, params, body }) =>
    changeNeed(context, caller, params.id, body),
  );
  route(app, context, "listAssistanceOffers", ({ caller, query }) => offerList(context, caller, query));
  route(app, context, "createAssistanceOffer", ({ caller, body }) => publishOffer(context, caller, body));
  route(app, context, "getAssistanceOffer", ({ caller, params }) => offerDetail(context, caller, params.id));
  route(app, context, "updateAssistanceOffer", ({ caller, params, body }) =>
    changeOffer(context, caller, params.id, body),
  );
  route(app, context, "listAssistanceMatches", ({ caller, query }) => matches(context, caller, query));
  route(app, context, "listAssistanceEngagements", ({ caller, query }) =>
    engagementList(context, caller, query),
  );
  route(app, context, "createAssistanceEngagement", ({ caller, body }) =>
    proposeEngagement(context, caller, body),
  );
  route(app, context, "getAssistanceEngagement", ({ caller, params }) =>
    engagementDetail(context, caller, params.id),
  );
  route(app, context, "updateAssistanceEngagement", ({ caller, params, body }) =>
    changeEngagement(context, caller, params.id, body),
  );
}
