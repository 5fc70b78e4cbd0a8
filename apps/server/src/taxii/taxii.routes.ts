// The TAXII 2.1 server at /taxii2/ (API root /taxii2/api/), in a Fastify plugin of its own: its
// media type on every answer, its error messages instead of problem+json, HTTP Basic or Bearer
// authentication (never a cookie, never a redirect), Accept and Content-Type negotiation.
import type { Actor } from "@bulwark/core";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from "fastify";
import type { ServerContext } from "../context.ts";
import { languageOf } from "../i18n/messages.ts";
import { publicOrigin } from "../system/public-origin.ts";
import {
  addObjects,
  apiRoot,
  deleteObject,
  discovery,
  getCollection,
  getManifest,
  getObject,
  getObjects,
  getStatus,
  getVersions,
  listCollections,
  MAX_CONTENT_LENGTH,
  type TaxiiAnswer,
} from "./taxii.service.ts";
import { authenticateTaxii } from "./taxii-auth.ts";
import { registerTaxiiErrorHandler, TAXII_MEDIA_TYPE, TaxiiError } from "./taxii-errors.ts";

type Query = Record<string, string | string[] | undefined>;

/** Media type and its parameters, lower-cased: "application/taxii+json;version=2.1". */
function mediaType(value: string): { essence: string; version: string | null; q: number } {
  const [essence = "", ...parameters] = value.split(";").map((part) => part.trim().toLowerCase());
  let version: string | null = null;
  let q = 1;
  for (const parameter of parameters) {
    const [name, raw = ""] = parameter.split("=").map((part) => part.trim());
    const unquoted = raw.replace(/^"|"$/g, "");
    if (name === "version") version = unquoted;
    if (name === "q") q = Number(unquoted);
  }
  return { essence, version, q };
}

const isTaxii21 = (type: { essence: string; version: string | null }) =>
  type.essence === "application/taxii+json" && (type.version === null || type.version === "2.1");

/** Does the Accept header admit application/taxii+json;version=2.1? (No header admits anything.) */
function accepts(header: string | undefined): boolean {
  if (!header) return true;
  return header
    .split(",")
    .map(mediaType)
    .some(
      (type) => type.q > 0 && (isTaxii21(type) || type.essence === "*/*" || type.essence === "application/*"),
    );
}

export interface TaxiiOptions {
  /** Largest POST body in bytes (the API root's max_content_length). */
  readonly maxContentLength?: number;
}

export async function taxiiRoutes(
  app: FastifyInstance,
  context: ServerContext,
  options: TaxiiOptions = {},
): Promise<void> {
  const maxContentLength = options.maxContentLength ?? MAX_CONTENT_LENGTH;
  await app.register(
    async (taxii) => {
      registerTaxiiErrorHandler(taxii);
      // TAXII is specified by OASIS, not by the OpenAPI document of Bulwark's own API.
      taxii.addHook("onRoute", (route) => {
        route.schema = { ...route.schema, hide: true };
      });
      taxii.addContentTypeParser(
        "application/taxii+json",
        { parseAs: "string", bodyLimit: maxContentLength },
        (_request, body, done) => {
          try {
            done(null, JSON.parse(String(body)));
          } catch {
            done(new TaxiiError(400, "Bad request", "The body is not valid JSON."), undefined);
          }
        },
      );
      const callers = new WeakMap<FastifyRequest, Actor>();
      taxii.addHook("onRequest", async (request) => {
        if (!accepts(request.headers.accept))
          throw new TaxiiError(
            406,
            "Not acceptable",
            `This server answers ${TAXII_MEDIA_TYPE}; the Accept header does not admit it.`,
          );
        callers.set(request, await authenticateTaxii(context, request));
      });
      const callerOf = (request: FastifyRequest): Actor => {
        const caller = callers.get(request);
        if (!caller) throw new TaxiiError(401, "Unauthorized", "Not authenticated.");
        return caller;
      };
      const send = (reply: FastifyReply, answer: TaxiiAnswer) =>
        reply
          .code(answer.status ?? 200)
          .headers(answer.headers ?? {})
          .header("content-type", TAXII_MEDIA_TYPE)
          .header("cache-control", "private, no-store")
          // As bytes: Fastify would rewrite a JSON-ish type to `version="2.1"; charset=utf-8`,
          // which clients comparing the media type token by token reject.
          .send(Buffer.from(answer.body));
      // Paths as the specification writes them (with the trailing slash), and without it too:
      // clients that drop it get the resource, not a 404 (and never a redirect).
      const on = (
        method: "GET" | "POST" | "DELETE",
        path: string,
        handler: RouteHandlerMethod,
        bodyLimit?: number,
      ) => {
        for (const url of [path, path.slice(0, -1)])
          taxii.route({ method, url, handler, ...(bodyLimit ? { bodyLimit } : {}) });
      };
      type Params = { collection: string; object: string; status: string };
      const params = (request: FastifyRequest) => request.params as Params;
      const query = (request: FastifyRequest) => request.query as Query;

      // Answers /taxii2 and /taxii2/ alike (Fastify's prefixTrailingSlash).
      taxii.get("/", (request, reply) => {
        callerOf(request);
        return send(reply, discovery(publicOrigin(context, request)));
      });
      on("GET", "/api/", (request, reply) => {
        callerOf(request);
        return send(reply, apiRoot(maxContentLength));
      });
      on("GET", "/api/status/:status/", async (request, reply) =>
        send(reply, await getStatus(context, callerOf(request), params(request).status)),
      );
      on("GET", "/api/collections/", async (request, reply) =>
        send(reply, await listCollections(context, callerOf(request))),
      );
      on("GET", "/api/collections/:collection/", async (request, reply) =>
        send(reply, await getCollection(context, callerOf(request), params(request).collection)),
      );
      on("GET", "/api/collections/:collection/manifest/", async (request, reply) =>
        send(
          reply,
          await getManifest(context, callerOf(request), params(request).collection, query(request)),
        ),
      );
      on("GET", "/api/collections/:collection/objects/", async (request, reply) =>
        send(reply, await getObjects(context, callerOf(request), params(request).collection, query(request))),
      );
      on(
        "POST",
        "/api/collections/:collection/objects/",
        async (request, reply) => {
          const caller = callerOf(request);
          const type = mediaType(request.headers["content-type"] ?? "");
          if (!isTaxii21(type))
            throw new TaxiiError(415, "Unsupported media type", `Send the envelope as ${TAXII_MEDIA_TYPE}.`);
          const language = languageOf(request.headers["accept-language"], null);
          return send(
            reply,
            await addObjects(context, caller, params(request).collection, request.body, language),
          );
        },
        maxContentLength,
      );
      on("GET", "/api/collections/:collection/objects/:object/", async (request, reply) => {
        const { collection, object } = params(request);
        return send(reply, await getObject(context, callerOf(request), collection, object, query(request)));
      });
      on("DELETE", "/api/collections/:collection/objects/:object/", async (request, reply) => {
        const { collection, object } = params(request);
        return send(
          reply,
          await deleteObject(context, callerOf(request), collection, object, query(request)),
        );
      });
      on("GET", "/api/collections/:collection/objects/:object/versions/", async (request, reply) => {
        const { collection, object } = params(request);
        return send(reply, await getVersions(context, callerOf(request), collection, object, query(request)));
      });
      // Anything else under /taxii2/ is a TAXII 404, never the web app's page.
      taxii.all("/*", (request) => {
        callerOf(request);
        throw new TaxiiError(404, "Not found", `No TAXII resource at ${request.url.split("?")[0]}.`);
      });
    },
    { prefix: "/taxii2" },
  );
}
