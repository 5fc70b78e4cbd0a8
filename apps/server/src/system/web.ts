// Serves the built web app (apps/web/dist) with a fallback to index.html for client-side routes.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { WEB_CSP } from "./security-headers.ts";

export const WEB_DIST = fileURLToPath(new URL("../../../web/dist", import.meta.url));

// security-headers.ts sets these on every answer too; static files are written by @fastify/static
// on the raw response, so they are set here as well.
const SECURITY_HEADERS = {
  "content-security-policy": WEB_CSP,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
};

export async function registerWeb(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  const built = existsSync(`${root}/index.html`);
  if (built)
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // The build writes .br and .gz copies (apps/web/src/offline/precompress.ts): the browser gets
      // the smallest it accepts, a third of the bytes or less.
      preCompressed: true,
      setHeaders: (res) => {
        for (const [key, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(key, value);
        // The same address answers in several encodings: caches keep them apart.
        res.setHeader("vary", "accept-encoding");
      },
    });
  // The build's files under /assets/ carry their content's hash in their names: a browser may keep
  // them for good and never ask again (@fastify/static would have it ask each time, max-age=0).
  app.addHook("onSend", async (request, reply) => {
    // The file's own route (not the fallback that answers index.html for any other address).
    if (reply.statusCode === 200 && request.routeOptions.url?.startsWith("/assets/"))
      reply.header("cache-control", "public, max-age=31536000, immutable");
  });
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith("/api/")) return reply.callNotFound();
    if (!built)
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send(
          "The web app is not built yet: run `npm run build` (npm start does it for you). The API is at /api.",
        );
    return reply.headers(SECURITY_HEADERS).header("cache-control", "no-cache").sendFile("index.html");
  });
}
