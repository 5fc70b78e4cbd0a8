// CAP 1.2 over HTTP, beside the JSON API (under /api/, which the web app's service worker never
// caches): GET /api/cap/alerts/<id>.xml (application/cap+xml, the alert's latest CAP message) and
// GET /api/cap/alerts.atom (application/atom+xml, current TLP:CLEAR alerts). Both answer without
// sign-in for public alerts; a session or API token, when sent, opens the alerts its holder may see.
import { ATOM_MEDIA_TYPE, CAP_MEDIA_TYPE } from "@bulwark/core";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { authenticate, type Caller, SESSION_COOKIE } from "../auth/principal.ts";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { publicOrigin } from "../system/public-origin.ts";
import { CAP_FEED_PATH, capFeedXml, capMessageXml } from "./cap.service.ts";

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.xml$/i;

/** The caller when they sent credentials that hold; anyone else reads as the public. */
async function optionalCaller(context: ServerContext, request: FastifyRequest): Promise<Caller | null> {
  if (!request.headers.authorization && !request.cookies[SESSION_COOKIE]) return null;
  return authenticate(context, request, "read").catch(() => null);
}

export function capRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get(CAP_FEED_PATH, { schema: { hide: true } }, async (request, reply) => {
    const xml = await capFeedXml(context, publicOrigin(context, request));
    return reply
      .type(`${ATOM_MEDIA_TYPE}; charset=utf-8`)
      .header("cache-control", "public, max-age=60")
      .send(xml);
  });
  app.get<{ Params: { file: string } }>(
    "/api/cap/alerts/:file",
    { schema: { hide: true } },
    async (request, reply) => {
      const id = FILE.exec(request.params.file)?.[1]?.toLowerCase();
      if (!id) throw notFound("alert");
      const caller = await optionalCaller(context, request);
      const { xml, isPublic } = await capMessageXml(context, caller, id, publicOrigin(context, request));
      return reply
        .type(`${CAP_MEDIA_TYPE}; charset=utf-8`)
        .header("cache-control", isPublic ? "public, max-age=60" : "private, no-store")
        .send(xml);
    },
  );
}
