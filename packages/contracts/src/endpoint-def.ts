// The shape of one endpoint in the endpoint table. A capability with many endpoints may declare
// them in a file of its own (`export const xEndpoints = { ... } as const satisfies
// Record<string, EndpointDef>`) and spread them into the table in endpoints.ts.
import type { z } from "zod";

export interface EndpointDef {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
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
    | "sharing"
    | "demo";
  /** public: anyone; user: a signed-in user or an API token. */
  readonly auth: "public" | "user";
  /**
   * A read the server may authorise from the caller's sign-in checked in the last 30 seconds,
   * without the database: polls that must be answered while a long write holds it.
   */
  readonly recentAuth?: true;
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
}

/** What a `file` endpoint answers: the bytes and the name to save them under. */
export interface FileAnswer {
  readonly bytes: Uint8Array;
  readonly filename: string;
}
