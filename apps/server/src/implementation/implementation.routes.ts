// Routes of the implementation profile (issue 20, item 5): thin handlers over the service.
import type { FastifyInstance } from "fastify";
import { readerLanguage } from "../content/translations.ts";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { requestLanguage } from "../errors.ts";
import { profileReport } from "./profile.pdf.ts";
import { implementationProfile, profileList, shareProfile, unshareProfile } from "./profile.service.ts";

export function implementationRoutes(app: FastifyInstance, context: ServerContext): void {
  route(app, context, "listImplementationProfiles", ({ caller }) => profileList(context, caller));
  route(app, context, "getImplementationProfile", ({ caller, params, request, reply }) =>
    implementationProfile(context, caller, params.country, readerLanguage({ request, reply })),
  );
  route(app, context, "implementationProfilePdf", ({ caller, params, request }) =>
    profileReport(context, caller, params.country, requestLanguage(request)),
  );
  route(app, context, "shareImplementationProfile", ({ caller, params, body }) =>
    shareProfile(context, caller, params.country, body),
  );
  route(app, context, "unshareImplementationProfile", ({ caller, params }) =>
    unshareProfile(context, caller, params.country),
  );
}
