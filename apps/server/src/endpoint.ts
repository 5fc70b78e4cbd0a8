// Registers a route from the contracts' endpoint table: the same zod schemas validate the input,
// shape the output and write the OpenAPI document. Authentication (and CSRF) happens here, once.
import {
  type EndpointDef,
  type EndpointName,
  type Endpoints,
  endpoints,
  type FileAnswer,
  type OutputOf,
  Problem,
} from "@bulwark/contracts";
import type { Access } from "@bulwark/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { authenticate, authenticateRecent, type Caller } from "./auth/principal.ts";
import { requestCaller, setRequestCaller } from "./auth/request-caller.ts";
import type { ServerContext } from "./context.ts";
import { DEFAULT_BODY_LIMIT, parseJsonBodiesInSlices } from "./json-body.ts";

type Parsed<E, K extends string> = E extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

export interface HandlerInput<N extends EndpointName> {
  readonly params: Parsed<Endpoints[N], "params">;
  readonly query: Parsed<Endpoints[N], "query">;
  /** An upload's raw bytes (empty when none were sent); else the parsed JSON body. */
  readonly body: Endpoints[N] extends { upload: object } ? Uint8Array : Parsed<Endpoints[N], "body">;
  /** The signed-in caller; null only on public endpoints. */
  readonly caller: Endpoints[N]["auth"] extends "user" ? Caller : null;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** What a handler of a `conditional` endpoint returns when the caller's copy is current. */
export const NOT_MODIFIED: unique symbol = Symbol("304 Not Modified");

export type Handler<N extends EndpointName> = (
  input: HandlerInput<N>,
) => Promise<OutputOf<N> | (Endpoints[N] extends { conditional: true } ? typeof NOT_MODIFIED : never)>;

/** A file answer in the OpenAPI document: its bytes, of the endpoint's media type. */
const FileSchema = (mediaType: string) =>
  z
    .string()
    .describe(`The file's bytes (${mediaType}).`)
    .meta({ format: "binary", contentMediaType: mediaType });

/** A stream of server-sent events in the OpenAPI document. */
const EventStreamSchema = z
  .string()
  .describe("Server-sent events (text/event-stream), one `id:`, `event:` and JSON `data:` each.")
  .meta({ contentMediaType: "text/event-stream" });

// An empty answer in the OpenAPI document (type null: no content).
const NotModified = z.null().describe("Not modified: the copy named by If-None-Match is current.");

/** A Content-Disposition that offers a download under this name, in ASCII and (RFC 6266) in UTF-8. */
export const attachmentDisposition = (filename: string): string => {
  const ascii = filename
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\w.-]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
};

export function route<N extends EndpointName>(
  app: FastifyInstance,
  context: ServerContext,
  name: N,
  handler: Handler<N>,
): void {
  const def: EndpointDef = endpoints[name];
  // An upload takes any body as raw bytes (the service checks the type and says what it accepts):
  // its parser lives in a context of its own, so no other route reads bytes.
  if (def.upload)
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
      // The body is bytes, described (not validated) by its schema; params and query as anywhere.
      scope.setValidatorCompiler<z.ZodType>((request) =>
        request.httpPart === "body" ? (data: unknown) => ({ value: data }) : validatorCompiler(request),
      );
      addRoute(scope, context, name, handler);
    });
  // A JSON body that may be larger than the default megabyte is parsed in slices (json-body.ts).
  else if (def.body && def.bodyLimit && def.bodyLimit > DEFAULT_BODY_LIMIT) {
    const bodyLimit = def.bodyLimit;
    app.register(async (scope) => {
      parseJsonBodiesInSlices(scope, bodyLimit);
      addRoute(scope, context, name, handler);
    });
  } else addRoute(app, context, name, handler);
}

function addRoute<N extends EndpointName>(
  app: FastifyInstance,
  context: ServerContext,
  name: N,
  handler: Handler<N>,
): void {
  const endpoint = endpoints[name];
  const def: EndpointDef = endpoint;
  // Who is calling is settled before the input is even validated: strangers learn nothing.
  const access: Access =
    def.token === "never" ? "session" : (def.token ?? (def.method === "GET" ? "read" : "write"));
  app.route({
    method: endpoint.method,
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    ...(endpoint.auth === "user"
      ? {
          onRequest: async (request: FastifyRequest) => {
            setRequestCaller(
              request,
              def.recentAuth
                ? await authenticateRecent(context, request, access)
                : await authenticate(context, request, access),
            );
          },
        }
      : {}),
    url: endpoint.path,
    schema: {
      operationId: name,
      summary: endpoint.summary,
      tags: [endpoint.tag],
      ...(endpoint.auth === "user"
        ? { security: access === "session" ? [{ session: [] }] : [{ session: [] }, { bearer: [] }] }
        : {}),
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.body ? { body: def.body } : {}),
      ...(def.upload
        ? { body: FileSchema("the file's own type"), consumes: [...def.upload.mediaTypes] }
        : {}),
      response: {
        ...(def.response ? { [endpoint.status]: def.response } : {}),
        ...(def.file ? { [endpoint.status]: FileSchema(def.file) } : {}),
        ...(def.stream ? { [endpoint.status]: EventStreamSchema } : {}),
        ...(def.conditional ? { 304: NotModified } : {}),
        "4xx": Problem,
        "5xx": Problem,
      },
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const caller = requestCaller(request);
      // The type provider has validated each part against the schemas of this very endpoint, which
      // is what HandlerInput<N> states; TypeScript cannot follow that through the table lookup.
      const input: unknown = {
        params: request.params,
        query: request.query,
        body: def.upload
          ? request.body instanceof Uint8Array
            ? new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength)
            : new Uint8Array()
          : request.body,
        caller,
        request,
        reply,
      };
      const result = await handler(input as HandlerInput<N>);
      // A stream's handler has taken the reply over and writes it itself.
      if (def.stream) return;
      if (result === NOT_MODIFIED) return reply.code(304).send();
      if (def.file) {
        const file = result as FileAnswer;
        reply
          .code(endpoint.status)
          .header("content-type", file.mediaType ?? def.file)
          .header("content-disposition", attachmentDisposition(file.filename))
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "private, no-store");
        // A Buffer goes out as is: Fastify serializes only what is not bytes.
        return reply.send(Buffer.from(file.bytes));
      }
      reply.code(endpoint.status);
      return endpoint.status === 204 ? reply.send() : result;
    },
  });
}
