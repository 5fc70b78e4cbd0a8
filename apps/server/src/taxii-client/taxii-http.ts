// Talking to a remote TAXII 2.1 API root: GET with Accept application/taxii+json;version=2.1, a
// timeout, a cap on the answer's size, and every answer checked before use. Whatever goes wrong
// (refused credentials, a server that speaks TAXII 2.0 and sends a bundle, a rate limit, a network
// failure) becomes a TaxiiRemoteError whose message a person can act on; credentials never appear
// in it.
import { z } from "zod";
import { type OutboundFetch, OutboundRefusedError } from "../outbound/outbound-fetch.ts";
import type { Credentials } from "./credentials.ts";

export const TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1";

export interface Remote {
  /** Ends in "/". */
  readonly apiRootUrl: string;
  readonly collectionId: string;
  readonly credentials: Credentials | null;
}

export interface HttpOptions {
  /** The server's guarded way out (outboundFetch), never the global fetch. */
  readonly fetch: OutboundFetch;
  readonly timeoutMs: number;
  /** Largest answer read, in bytes. */
  readonly maxBytes: number;
  /** For Retry-After given as a date. */
  readonly now: Date;
}

export class TaxiiRemoteError extends Error {
  override name = "TaxiiRemoteError";
  constructor(
    message: string,
    /** Seconds the remote asked us to wait (429, 503 with Retry-After). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** An RFC 3339 timestamp as TAXII writes date_added (any number of fraction digits, UTC or offset). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
export const isTaxiiTimestamp = (value: string): boolean =>
  TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));

/** Nanoseconds since the epoch as a bigint, so microsecond cursors compare exactly. */
function nanos(value: string): bigint {
  const match = /\.(\d{1,9})/.exec(value);
  const fraction = BigInt((match?.[1] ?? "").padEnd(9, "0"));
  const seconds = BigInt(Math.floor(Date.parse(value.replace(/\.\d+/, "")) / 1000));
  return seconds * 1_000_000_000n + fraction;
}
/** The later of two TAXII timestamps (null counts as the earliest). */
export function laterTimestamp(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return nanos(b) > nanos(a) ? b : a;
}

const Envelope = z.object({
  more: z.boolean().optional(),
  next: z.string().min(1).max(2000).optional(),
  objects: z.array(z.record(z.string(), z.unknown())).max(100_000).optional(),
});

export interface Page {
  readonly objects: readonly Record<string, unknown>[];
  readonly more: boolean;
  readonly next: string | null;
  /** X-TAXII-Date-Added-Last: the date_added of the last object of the page, when sent. */
  readonly dateAddedLast: string | null;
}

const ApiRoot = z.object({
  title: z.string().max(2000),
  versions: z.array(z.string().max(200)).max(50),
});
const Collections = z.object({
  collections: z
    .array(
      z.object({
        id: z.string().max(200),
        title: z.string().max(2000),
        can_read: z.boolean(),
        can_write: z.boolean(),
      }),
    )
    .max(10_000)
    .optional(),
});

function authorization(credentials: Credentials | null): Record<string, string> {
  if (!credentials) return {};
  if (credentials.kind === "bearer") return { authorization: `Bearer ${credentials.token}` };
  const pair = Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64");
  return { authorization: `Basic ${pair}` };
}

/** Text from the remote, made safe to show: one line, short, and never holding our credentials. */
function shown(text: string, credentials: Credentials | null): string {
  // Control characters (C0 and DEL) become spaces: one line, nothing that steers a terminal.
  let out = [...text]
    .map((char) => ((char.codePointAt(0) ?? 0) < 32 || char === "\u007f" ? " " : char))
    .join("")
    .trim();
  const secrets =
    credentials?.kind === "basic"
      ? [credentials.password, credentials.username]
      : credentials
        ? [credentials.token]
        : [];
  for (const secret of secrets) if (secret) out = out.split(secret).join("***");
  return out.length > 200 ? `${out.slice(0, 200)}…` : out;
}

function retryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  if (/^\d{1,7}$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const length = Number(response.headers.get("content-length") ?? "0");
  if (length > maxBytes) throw new TaxiiRemoteError(`The remote's answer is larger than ${maxBytes} bytes.`);
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new TaxiiRemoteError(`The remote's answer is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function statusError(status: number, title: string, seconds: number | null): TaxiiRemoteError {
  const said = title ? ` The remote says: "${title}".` : "";
  switch (status) {
    case 401:
      return new TaxiiRemoteError(`The remote refused the credentials (401 Unauthorized).${said}`);
    case 403:
      return new TaxiiRemoteError(
        `The remote does not let these credentials read this (403 Forbidden).${said}`,
      );
    case 404:
      return new TaxiiRemoteError(
        `The remote has no such API root or collection, or does not show it to these credentials (404 Not Found).${said}`,
      );
    case 406:
      return new TaxiiRemoteError(
        `The remote does not serve ${TAXII_MEDIA_TYPE} (406 Not Acceptable): is it a TAXII 2.1 server?${said}`,
      );
    case 429:
      return new TaxiiRemoteError(
        `The remote limits how often it may be asked (429 Too Many Requests)${seconds !== null ? `; it asks to wait ${seconds} s` : ""}.${said}`,
        seconds,
      );
    default:
      return new TaxiiRemoteError(
        status >= 500
          ? `The remote failed (HTTP ${status}).${said}`
          : `The remote answered HTTP ${status}.${said}`,
        seconds,
      );
  }
}

/** GET a TAXII resource and parse its JSON, or throw a TaxiiRemoteError that says what went wrong. */
export async function taxiiGet(
  remote: Remote,
  url: string,
  options: HttpOptions,
): Promise<{ body: unknown; headers: Headers }> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      method: "GET",
      headers: { accept: TAXII_MEDIA_TYPE, ...authorization(remote.credentials) },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new TaxiiRemoteError(error.message);
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
      throw new TaxiiRemoteError(
        `The remote did not answer within ${options.timeoutMs >= 1000 ? `${Math.round(options.timeoutMs / 1000)} s` : `${options.timeoutMs} ms`}.`,
      );
    const code =
      error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : null;
    throw new TaxiiRemoteError(`Could not reach the remote${code ? ` (${code})` : ""}.`);
  }
  let text: string;
  try {
    text = await readLimited(response, options.maxBytes);
  } catch (error) {
    if (error instanceof TaxiiRemoteError) throw error;
    throw new TaxiiRemoteError("The remote's answer broke off.");
  }
  // A TAXII server answers a wrong credential with 401, never a redirect: following one could hand
  // the credentials to another host, or lead past the outbound guard; outboundFetch never follows.
  if (response.status >= 300 && response.status < 400)
    throw new TaxiiRemoteError(
      `The remote answered with a redirect (HTTP ${response.status}) where TAXII 2.1 answers directly: check the API root URL (with or without a final "/", http or https).`,
    );
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = undefined;
  }
  if (response.status !== 200) {
    const title =
      body && typeof body === "object" && "title" in body && typeof body.title === "string"
        ? shown(body.title, remote.credentials)
        : "";
    throw statusError(response.status, title, retryAfter(response.headers.get("retry-after"), options.now));
  }
  const type = (response.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/taxii+json") && !type.startsWith("application/json"))
    throw new TaxiiRemoteError(
      `The remote answered with ${shown(type || "no content type", null)} instead of ${TAXII_MEDIA_TYPE}: is the URL a TAXII 2.1 API root?`,
    );
  if (body === undefined) throw new TaxiiRemoteError("The remote's answer is not valid JSON.");
  return { body, headers: response.headers };
}

export const objectsUrl = (
  remote: Remote,
  query: { addedAfter: string | null; limit: number; next: string | null },
): string => {
  const url = new URL(`collections/${encodeURIComponent(remote.collectionId)}/objects/`, remote.apiRootUrl);
  if (query.addedAfter) url.searchParams.set("added_after", query.addedAfter);
  url.searchParams.set("limit", String(query.limit));
  if (query.next) url.searchParams.set("next", query.next);
  return url.toString();
};

/** One page of a collection's objects, its envelope checked. */
export async function fetchObjectsPage(
  remote: Remote,
  query: { addedAfter: string | null; limit: number; next: string | null },
  options: HttpOptions,
): Promise<Page> {
  const { body, headers } = await taxiiGet(remote, objectsUrl(remote, query), options);
  if (body && typeof body === "object" && "type" in body && body.type === "bundle")
    throw new TaxiiRemoteError(
      "The remote sent a STIX bundle where TAXII 2.1 sends an envelope ({more, next, objects}): it may speak TAXII 2.0, which Bulwark does not.",
    );
  const envelope = Envelope.safeParse(body);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    throw new TaxiiRemoteError(
      `The remote's answer is not a TAXII 2.1 envelope${issue ? ` (${issue.path.join(".") || "body"}: ${issue.message})` : ""}.`,
    );
  }
  const last = headers.get("x-taxii-date-added-last");
  if (last !== null && !isTaxiiTimestamp(last.trim()))
    throw new TaxiiRemoteError("The remote sent an X-TAXII-Date-Added-Last header that is not a timestamp.");
  return {
    objects: envelope.data.objects ?? [],
    more: envelope.data.more ?? false,
    next: envelope.data.next ?? null,
    dateAddedLast: last?.trim() ?? null,
  };
}

export interface ConnectionFacts {
  apiRoot: { title: string; versions: string[] };
  collections: { id: string; title: string; canRead: boolean; canWrite: boolean }[];
}

/** What the remote says of its API root and the collections it shows these credentials. */
export async function describeRemote(remote: Remote, options: HttpOptions): Promise<ConnectionFacts> {
  const root = ApiRoot.safeParse((await taxiiGet(remote, remote.apiRootUrl, options)).body);
  if (!root.success)
    throw new TaxiiRemoteError("The URL does not answer as a TAXII 2.1 API root (no title and versions).");
  if (!root.data.versions.some((version) => version.replace(/\s/g, "").toLowerCase() === TAXII_MEDIA_TYPE))
    throw new TaxiiRemoteError(
      `The API root does not list ${TAXII_MEDIA_TYPE} among its versions (${shown(root.data.versions.join(", "), null)}).`,
    );
  const listed = Collections.safeParse(
    (await taxiiGet(remote, new URL("collections/", remote.apiRootUrl).toString(), options)).body,
  );
  if (!listed.success) throw new TaxiiRemoteError("The remote's list of collections is not readable.");
  return {
    apiRoot: { title: shown(root.data.title, remote.credentials), versions: root.data.versions },
    collections: (listed.data.collections ?? []).map((collection) => ({
      id: collection.id,
      title: shown(collection.title, remote.credentials),
      canRead: collection.can_read,
      canWrite: collection.can_write,
    })),
  };
}
