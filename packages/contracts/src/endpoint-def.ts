// The shape of one endpoint in the endpoint table. A capability with many endpoints may declare
// them in a file of its own (`export const xEndpoints = { ... } as const satisfies
// Record<string, EndpointDef>`) and spread them into the table in endpoints.ts.
import type { z } from "zod";

export interface EndpointDef {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Fastify-style path; `:name` segments come from `params`. */
  readonly path: string;
  readonly summary: string;
  readonly tag:
    | "system"
    | "auth"
    | "me"
    | "organisations"
    | "users"
    | "communities"
    | "audit"
    | "registry"
    | "analysis"
    | "compendium"
    | "experts"
    | "discussions"
    | "notifications"
    | "events"
    | "risk"
    | "self-assessment"
    | "search"
    | "sharing"
    | "incidents"
    | "exercises"
    | "assistance"
    | "federation"
    | "demo";
  /** public: anyone; user: a signed-in user or an API token. */
  readonly auth: "public" | "user";
  /**
   * A read the server may authorise from the caller's sign-in checked in the last 30 seconds,
   * without the database: polls that must be answered while a long write holds it.
   */
  readonly recentAuth?: true;
  /**
   * What an API token needs to call it (core's tokenMay): by default the `read` scope for GET and
   * `write` for the rest; "read" for a POST that changes nothing (a computation, a preview);
   * "never" for what only a signed-in session may do (manage tokens, two-factor sign-in,
   * passwords and sessions), whatever the token's scopes.
   */
  readonly token?: "read" | "never";
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** 202 Accepted: the work goes on after the answer (its response says where to follow it). */
  readonly status: 200 | 201 | 202 | 204;
  /** Absent for 204 No Content. */
  readonly response?: z.ZodType;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /**
   * The answer carries an ETag, and 304 Not Modified (no body) comes back when If-None-Match names
   * it: a client that kept the last answer refreshes it for the price of a header.
   */
  readonly conditional?: true;
  /**
   * The answer is a file of this media type (its bytes, offered as a download), not JSON: the
   * handler returns a FileAnswer and the client hands back its bytes.
   */
  readonly file?: string;
  /**
   * The request body is a file's raw bytes (not JSON), sent with its own Content-Type; the handler
   * receives them as `body` (a Uint8Array, empty when nothing was sent) and checks the type itself,
   * so a wrong or missing type gets the endpoint's own problem+json. `mediaTypes` documents what is
   * accepted in the OpenAPI document.
   */
  readonly upload?: { readonly mediaTypes: readonly string[] };
  /**
   * The answer is a stream of server-sent events (text/event-stream) that stays open until the
   * client leaves, the caller's sign-in ends or the server stops: the handler takes the reply over
   * (apps/server/src/live) and the typed client does not call it (browsers use EventSource).
   */
  readonly stream?: true;
}

/** What a `file` endpoint answers: the bytes, the name to save them under, and (when it varies) their type. */
export interface FileAnswer {
  readonly bytes: Uint8Array;
  readonly filename: string;
  /** Overrides the endpoint's `file` media type for this answer. */
  readonly mediaType?: string;
}

/** What a caller sends to an `upload` endpoint as its body. */
export interface UploadBody {
  readonly bytes: Uint8Array | Blob;
  /** The file's media type, sent as Content-Type. */
  readonly mediaType: string;
}
