// Routes of the sharing capability: thin handlers over the services.
import type { FastifyInstance } from "fastify";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { liveRoute } from "../live/hub.ts";
import {
  addAttachment,
  downloadAttachment,
  itemAttachments,
  removeAttachment,
} from "./attachments.service.ts";
import { addressablePeople, preview, sharingSettings, updateSharingSettings } from "./audience.service.ts";
import { purgeExpiredPersonalData } from "./personal-data.service.ts";
import { sharingTopic } from "./sharing.live.ts";
import {
  acknowledge,
  acknowledgements,
  approveSharedItem,
  composeSharedItem,
  reshare,
  reviseAlertWarning,
  reviseSharedItem,
  sharedItemDetail,
  sharingFeed,
  submitSharedItem,
  withdrawSharedItem,
} from "./sharing.service.ts";
import { sharedItemStix, sharingStixExport } from "./stix.service.ts";

export function sharingRoutes(app: FastifyInstance, context: ServerContext): void {
  liveRoute(app, context, "streamSharingEvents", sharingTopic);
  route(app, context, "listSharedItems", ({ caller, query }) => sharingFeed(context, caller, query));
  route(app, context, "createSharedItem", ({ caller, body }) => composeSharedItem(context, caller, body));
  route(app, context, "getSharedItem", ({ caller, params }) => sharedItemDetail(context, caller, params.id));
  route(app, context, "updateSharedItem", ({ caller, params, body }) =>
    reviseSharedItem(context, caller, params.id, body),
  );
  route(app, context, "submitSharedItem", ({ caller, params }) =>
    submitSharedItem(context, caller, params.id),
  );
  route(app, context, "approveSharedItem", ({ caller, params }) =>
    approveSharedItem(context, caller, params.id),
  );
  route(app, context, "withdrawSharedItem", ({ caller, params }) =>
    withdrawSharedItem(context, caller, params.id),
  );
  route(app, context, "reviseAlertWarning", ({ caller, params, body }) =>
    reviseAlertWarning(context, caller, params.id, body),
  );
  route(app, context, "acknowledgeSharedItem", ({ caller, params, body }) =>
    acknowledge(context, caller, params.id, body),
  );
  route(app, context, "listAcknowledgements", ({ caller, params }) =>
    acknowledgements(context, caller, params.id),
  );
  route(app, context, "reshareSharedItem", ({ caller, params, body }) =>
    reshare(context, caller, params.id, body),
  );
  route(app, context, "previewSharingAudience", ({ caller, body }) => preview(context, caller, body));
  route(app, context, "listAddressablePeople", ({ caller }) => addressablePeople(context, caller));
  route(app, context, "getSharingSettings", ({ caller }) => sharingSettings(context, caller));
  route(app, context, "purgeSharedPersonalData", ({ caller }) => purgeExpiredPersonalData(context, caller));
  route(app, context, "updateSharingSettings", ({ caller, body }) =>
    updateSharingSettings(context, caller, body),
  );
  route(app, context, "exportSharedItemStix", ({ caller, params }) =>
    sharedItemStix(context, caller, params.id),
  );
  route(app, context, "exportSharingStix", ({ caller, body }) => sharingStixExport(context, caller, body));
  route(app, context, "listAttachments", ({ caller, params }) => itemAttachments(context, caller, params.id));
  route(app, context, "addAttachment", ({ caller, params, query, body, request }) =>
    addAttachment(context, caller, params.id, {
      bytes: body,
      contentType: request.headers["content-type"] ?? "",
      filename: query.filename,
      personal: query.personal ?? false,
    }),
  );
  route(app, context, "downloadAttachment", ({ caller, params }) =>
    downloadAttachment(context, caller, params.id, params.attachmentId),
  );
  route(app, context, "removeAttachment", async ({ caller, params }) => {
    await removeAttachment(context, caller, params.id, params.attachmentId);
    return undefined;
  });
}
