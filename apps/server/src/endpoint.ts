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
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { authenticate, authenticateRecent, type Caller } from "./auth/principal.ts";
import type { ServerContext } from "./context.ts";

type Parsed<E, K extends string> = E extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

export interface HandlerInput<N extends EndpointName> {
  readonly params: Parsed<Endpoints[N], "params">;
  readonly query: Parsed<Endpoints[N], "query">;
  readonly body: Parsed<Endpoints[N], "body">;
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

// An empty answer in the OpenAPI document (type null: no content).
const NotModified = z.null().describe("Not modified: the copy named by If-None-Match is current.");

export function route<N extends EndpointName>(
  app: FastifyInstance,
  context: ServerContext,
  name: N,
  handler: Handler<N>,
): void {
  const endpoint = endpoints[name];
  const def: EndpointDef = endpoint;
  // Who is calling is settled before the input is even validated: strangers learn nothing.
  const callers = new WeakMap<FastifyRequest, Caller>();
  app.route({
    method: endpoint.method,
    ...(def.bodyLimit ? { bodyLimit: def.bodyLimit } : {}),
    ...(endpoint.auth === "user"
      ? {
          onRequest: async (request: FastifyRequest) => {
            callers.set(
              request,
              def.recentAuth
                ? await authenticateRecent(context, request)
                : await authenticate(context, request),
            );
          },
        }
      : {}),
    url: endpoint.path,
    schema: {
      operationId: name,
      summary: endpoint.summary,
      tags: [endpoint.tag],
      ...(endpoint.auth === "user" ? { security: [{ session: [] }, { bearer: [] }] } : {}),
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.body ? { body: def.body } : {}),
      response: {
        ...(def.response ? { [endpoint.status]: def.response } : {}),
        ...(def.file ? { [endpoint.status]: FileSchema(def.file) } : {}),
        ...(def.conditional ? { 304: NotModified } : {}),
        "4xx": Problem,
        "5xx": Problem,
      },
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const caller = callers.get(request) ?? null;
      // The type provider has validated each part against the schemas of this very endpoint, which
      // is what HandlerInput<N> states; TypeScript cannot follow that through the table lookup.
      const input: unknown = {
        params: request.params,
        query: request.query,
        body: request.body,
        caller,
        request,
        reply,
      };
      const result = await handler(input as HandlerInput<N>);
      if (result === NOT_MODIFIED) return reply.code(304).send();
      if (def.file) {
        const file = result as FileAnswer;
        reply
          .code(endpoint.status)
          .header("content-type", def.file)
          .header("content-disposition", `attachment; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`)
          .header("cache-control", "private, no-store");
        // A Buffer goes out as is: Fastify serializes only what is not bytes.
        return reply.send(Buffer.from(file.bytes));
      }
      reply.code(endpoint.status);
      return endpoint.status === 204 ? reply.send() : result;
    },
  });
}
