// Test support: a stand-in for a remote TAXII 2.1 peer on 127.0.0.1, answering as each test tells
// it (the specification's examples: an API root, collections, envelopes, errors). For error paths
// only; the round trip between two Bulwark instances uses the real server.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface DoubleRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
}

export interface DoubleAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** Sent as JSON unless a string. */
  readonly body?: unknown;
  /** Answer only after this long (a remote that hangs). */
  readonly delayMs?: number;
}

export interface RemoteDouble {
  /** The API root, ending in "/". */
  readonly apiRoot: string;
  readonly requests: DoubleRequest[];
  /** How the next requests are answered. */
  answer(handler: (request: DoubleRequest) => DoubleAnswer): void;
  close(): Promise<void>;
}

export const TAXII = "application/taxii+json;version=2.1";

export async function startRemoteDouble(): Promise<RemoteDouble> {
  const requests: DoubleRequest[] = [];
  let handler: (request: DoubleRequest) => DoubleAnswer = () => ({
    status: 404,
    body: { title: "Nothing here" },
  });
  const server: Server = createServer((incoming, response) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const request = {
      method: incoming.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
    };
    requests.push(request);
    const answer = handler(request);
    const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {});
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(answer.status ?? 200, { "content-type": TAXII, ...answer.headers });
      response.end(body);
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
    else send();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}/api1/`,
    requests,
    answer(next) {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
