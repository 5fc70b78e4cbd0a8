// The typed HTTP client that the web app, the CLI and the end-to-end tests share. It calls the
// endpoint table, sends the CSRF token on cookie-authenticated writes, and turns problem+json
// answers into ApiError.
import { type Problem, Problem as ProblemSchema } from "./common.ts";
import { type EndpointDef, type EndpointName, endpoints, type InputOf, type OutputOf } from "./endpoints.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }
}

export interface ClientOptions {
  /** Origin of the server, e.g. http://127.0.0.1:8080; empty for same-origin calls in the browser. */
  readonly baseUrl?: string;
  /** An API token: sent as Authorization: Bearer. */
  readonly token?: string;
  /** Keep cookies between calls (outside a browser, which keeps them itself). */
  readonly cookieJar?: boolean;
  readonly fetch?: typeof fetch;
  /**
   * The language the server should answer in (problem titles and details), sent as
   * Accept-Language on every call: e.g. the interface's current language.
   */
  readonly language?: () => string | null | undefined;
}

export interface Client {
  call<N extends EndpointName>(
    name: N,
    ...input: object extends InputOf<N> ? [InputOf<N>?] : [InputOf<N>]
  ): Promise<OutputOf<N>>;
  /** The URL of an endpoint with its parameters filled in (for links and downloads). */
  url(path: string, query?: Record<string, unknown>): string;
}

function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([a-zA-Z]+)/g, (_match, key: string) =>
    encodeURIComponent(String(params?.[key] ?? "")),
  );
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === "object" ? Object.fromEntries(Object.entries(value)) : undefined;

/**
 * Where the client finds an endpoint's definition: at once, or later (a browser app may load the
 * table's schemas on demand, so that its first page does not wait for all of them).
 */
export type EndpointSource = (name: EndpointName) => EndpointDef | Promise<EndpointDef>;

/** A client over the whole endpoint table. */
export function createClient(options: ClientOptions = {}): Client {
  return createClientOf((name) => endpoints[name], options);
}

/** A client that looks each endpoint up in `source` (the whole table, or parts loaded on demand). */
export function createClientOf(source: EndpointSource, options: ClientOptions = {}): Client {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const baseUrl = options.baseUrl ?? "";
  const cookies = new Map<string, string>();
  let csrfToken: string | null = null;

  const url = (path: string, query?: Record<string, unknown>) => `${baseUrl}${path}${queryString(query)}`;

  async function call(name: EndpointName, input?: unknown): Promise<unknown> {
    // Not awaited when known at once: the request then leaves before the caller's script ends.
    const found = source(name);
    const endpoint: EndpointDef = found instanceof Promise ? await found : found;
    if (endpoint.stream)
      throw new TypeError(
        `${name} is a stream of server-sent events: open client.url(...) with EventSource.`,
      );
    const given = record(input);
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const language = options.language?.();
    if (language) headers["accept-language"] = language;
    if (endpoint.method !== "GET" && csrfToken && !options.token) headers["x-csrf-token"] = csrfToken;
    if (cookies.size > 0) headers.cookie = [...cookies].map(([key, value]) => `${key}=${value}`).join("; ");
    let body: string | Uint8Array<ArrayBuffer> | Blob | undefined;
    if (endpoint.upload) {
      const upload = record(given?.body);
      const bytes = upload?.bytes;
      if (!(bytes instanceof Uint8Array || bytes instanceof Blob))
        throw new TypeError(`${name} takes a file's bytes as body.bytes.`);
      headers["content-type"] = String(upload?.mediaType ?? "application/octet-stream");
      // A copy of a Uint8Array is backed by a plain ArrayBuffer, as fetch's body types want.
      body = bytes instanceof Blob ? bytes : new Uint8Array(bytes);
    } else if (endpoint.body) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(given?.body ?? {});
    }
    const response = await doFetch(
      url(fillPath(endpoint.path, record(given?.params)), record(given?.query)),
      {
        method: endpoint.method,
        headers,
        body,
        credentials: "same-origin",
      },
    );
    if (options.cookieJar)
      for (const line of response.headers.getSetCookie()) {
        const [pair = ""] = line.split(";");
        const eq = pair.indexOf("=");
        const key = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") cookies.delete(key);
        else cookies.set(key, value);
      }
    if (!response.ok) {
      const parsed = ProblemSchema.safeParse(await response.json().catch(() => null));
      throw new ApiError(
        parsed.success
          ? parsed.data
          : { type: "about:blank", title: response.statusText || "Error", status: response.status },
      );
    }
    if (endpoint.file) {
      const disposition = response.headers.get("content-disposition") ?? "";
      // The UTF-8 name (RFC 6266 filename*) when given, else the plain one.
      const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
      const filename = encoded
        ? decodeURIComponent(encoded)
        : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? "download");
      const mediaType = (response.headers.get("content-type") ?? endpoint.file).split(";")[0]?.trim();
      return { bytes: new Uint8Array(await response.arrayBuffer()), filename, mediaType };
    }
    if (!endpoint.response || response.status === 204) return undefined;
    const data = endpoint.response.parse(await response.json());
    const token = record(data)?.csrfToken;
    if (typeof token === "string") csrfToken = token;
    if (name === "logout") csrfToken = null;
    return data;
  }

  // The overloads above give callers exact types; inside, one untyped implementation serves all.
  return { call: call as Client["call"], url };
}
