// Headers every answer carries, set once for the whole server: nothing renders inside another
// site's frame (clickjacking), nothing is sniffed into another type, and behind HTTPS (secure
// cookies on) browsers are told to use HTTPS only. Each kind of answer gets the narrowest
// Content-Security-Policy that still works: the web app's, Swagger UI's, or none at all for data.
import type { FastifyInstance } from "fastify";

/** The web app (its pages, scripts and service worker): everything from this server only. */
export const WEB_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; worker-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** API answers (JSON, XML, files): nothing to load, nothing to run, no framing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Swagger UI at /api/docs: its scripts and styles are files served from this server (no inline
 * script, no remote host); it sets style attributes, loads the OpenAPI document with fetch and
 * shows data: images (icons).
 */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS = "max-age=31536000; includeSubDomains";

export function registerSecurityHeaders(app: FastifyInstance, options: { secureCookies: boolean }): void {
  app.addHook("onSend", async (request, reply, payload) => {
    const path = request.url;
    reply.header(
      "content-security-policy",
      path.startsWith("/api/docs")
        ? DOCS_CSP
        : path.startsWith("/api/") || path === "/api" || path.startsWith("/taxii2")
          ? API_CSP
          : WEB_CSP,
    );
    reply.header("x-frame-options", "DENY");
    if (!reply.hasHeader("x-content-type-options")) reply.header("x-content-type-options", "nosniff");
    if (!reply.hasHeader("referrer-policy")) reply.header("referrer-policy", "same-origin");
    if (options.secureCookies) reply.header("strict-transport-security", HSTS);
    return payload;
  });
}
