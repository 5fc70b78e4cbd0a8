// Every request the server makes to an address a user typed goes through here (a TAXII
// subscription's pulls and connection tests): it never reaches loopback, link-local, private,
// shared, multicast or reserved addresses (refusalOf) unless an administrator allowed the host
// (BULWARK_OUTBOUND_ALLOW). A name is resolved once, every address it resolves to is checked, and
// the connection goes to a checked address: a second lookup that answers otherwise (DNS rebinding)
// never happens. Redirects are never followed. A refusal happens before any packet leaves, so it
// says nothing of whether something listens there.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { Readable } from "node:stream";
import { type Refusal, refusalOf } from "./address.ts";

/** A host (name or IP, IPv6 in brackets as URLs write it) an administrator lets the server reach. */
export interface AllowedHost {
  readonly host: string;
  /** null: any port. */
  readonly port: number | null;
}

export interface OutboundInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** The request's body (sent as is; its Content-Type goes in `headers`). */
  readonly body?: string;
  readonly signal?: AbortSignal;
}

/** What the server's outbound requests are made with: fetch's shape, redirects never followed. */
export type OutboundFetch = (url: string, init?: OutboundInit) => Promise<Response>;

/** A request the guard refused; its message tells the user why and what an administrator can do. */
export class OutboundRefusedError extends Error {
  override name = "OutboundRefusedError";
}

const refused = (host: string, port: number, reason: Refusal | "scheme"): OutboundRefusedError =>
  new OutboundRefusedError(
    reason === "scheme"
      ? "Only http and https addresses can be reached."
      : `${host} is on a ${reason === "private network" ? "private network" : `${reason} address`}, which Bulwark does not connect to; an administrator can allow it with BULWARK_OUTBOUND_ALLOW="${host}:${port}".`,
  );

/** An allow list entry matches the URL's host as written, and its port when it names one. */
const isAllowed = (allow: readonly AllowedHost[], host: string, port: number): boolean =>
  allow.some((entry) => entry.host === host && (entry.port === null || entry.port === port));

/** dns.lookup, but failing unless every address the name resolves to may be reached. */
function checkedLookup(host: string, port: number): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const wanted = found.filter((entry) => !options.family || entry.family === options.family);
      for (const entry of found) {
        const reason = refusalOf(entry.address);
        if (reason) return callback(refused(host, port, reason), "", 0);
      }
      const first = wanted[0];
      if (!first) return callback(Object.assign(new Error("No address"), { code: "ENOTFOUND" }), "", 0);
      // With `all` (Node's happy eyeballs) every checked address is offered, else the first.
      if (options.all) (callback as (e: null, all: LookupAddress[]) => void)(null, wanted);
      else callback(null, first.address, first.family);
    });
  };
}

function responseOf(incoming: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  const status = incoming.statusCode ?? 0;
  if (status < 200 || status > 599) {
    incoming.destroy();
    throw Object.assign(new Error(`Unexpected HTTP status ${status}`), { code: "EPROTO" });
  }
  const empty = status === 204 || status === 205 || status === 304;
  if (empty) incoming.resume();
  const body = empty ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: incoming.statusMessage ?? "", headers });
}

/** The server's one way out: a fetch that refuses what `allow` does not let it reach. */
export function outboundFetch(allow: readonly AllowedHost[]): OutboundFetch {
  return (address, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(address);
      } catch {
        return reject(new OutboundRefusedError("The address is not a URL."));
      }
      const secure = url.protocol === "https:";
      const port = Number(url.port || (secure ? 443 : 80));
      if (!secure && url.protocol !== "http:") return reject(refused(url.hostname, port, "scheme"));
      const host = url.hostname.toLowerCase();
      const bare = host.startsWith("[") ? host.slice(1, -1) : host;
      const allowed = isAllowed(allow, host, port);
      if (!allowed && isIP(bare)) {
        // An IP literal is never looked up, so it is judged here.
        const reason = refusalOf(bare);
        if (reason) return reject(refused(host, port, reason));
      }
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(
        url,
        {
          method: init.method ?? "GET",
          headers: init.headers ?? {},
          // A fresh connection each time: a pooled socket could outlive the allow list's decision.
          agent: false,
          ...(allowed ? {} : { lookup: checkedLookup(host, port) }),
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (incoming) => {
          try {
            resolve(responseOf(incoming));
          } catch (error) {
            reject(error);
          }
        },
      );
      outgoing.on("error", reject);
      outgoing.end(init.body);
    });
}
