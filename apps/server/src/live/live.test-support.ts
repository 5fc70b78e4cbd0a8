// Test support for live streams: a server on a socket (streams never end, so inject cannot read
// them), a second server process on the same database (PostgreSQL: a connection and change feed of
// its own; PGlite: the same in-process database), sign-in over HTTP, and a reader of server-sent
// events that records what arrives and when.
import { connect } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import type { ServerContext } from "../context.ts";
import { PASSWORD, type TestServer } from "../testing.ts";

export interface Listening {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** `server`'s own app on a socket. */
export async function listen(server: TestServer): Promise<Listening> {
  const url = await server.app.listen({ host: "127.0.0.1", port: 0 });
  return { url, app: server.app, close: async () => undefined };
}

/**
 * Another server process on `server`'s database: on PostgreSQL with a pool and a listening
 * connection of its own, as a second `bulwark serve` behind a load balancer.
 */
export async function secondServer(server: TestServer): Promise<Listening> {
  const url = server.database.url;
  const connection = url ? await connect({ url }) : server.database;
  const context: ServerContext = { ...server.context, connection, db: connection.db };
  const app = await buildApp(context, { logLevel: false, web: false });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    url: address,
    app,
    async close() {
      await app.close();
      if (url) await connection.close();
    },
  };
}

export interface Session {
  readonly cookie: string;
  readonly csrfToken: string;
}

export async function signIn(base: string, email: string): Promise<Session> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email} answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .filter((pair) => pair.startsWith("bulwark_session="))
    .join("; ");
  const me = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken: me.csrfToken };
}

export async function signOut(base: string, session: Session): Promise<void> {
  const response = await fetch(`${base}/api/auth/logout`, {
    method: "POST",
    headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
  });
  if (!response.ok) throw new Error(`sign-out answered ${response.status}`);
}

export interface ReceivedEvent {
  readonly id: string;
  readonly event: string;
  readonly data: unknown;
  /** performance.now() when it was parsed. */
  readonly at: number;
}

export interface EventReader {
  readonly status: number;
  readonly headers: Headers;
  readonly events: ReceivedEvent[];
  /** Resolves when the server ends the stream (not when we close it). */
  readonly ended: Promise<void>;
  /** The first event (from the start) matching, waiting up to `ms`; rejects after. */
  next(match: (event: ReceivedEvent) => boolean, ms?: number): Promise<ReceivedEvent>;
  /** Whether the server has ended the stream. */
  isEnded(): boolean;
  close(): void;
}

/** Opens `path` as an event stream with `headers`; resolves once the answer's headers are in. */
export async function openEvents(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<EventReader> {
  const abort = new AbortController();
  const response = await fetch(`${base}${path}`, {
    headers: { accept: "text/event-stream", ...headers },
    signal: abort.signal,
  });
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  let endedResolve: () => void = () => undefined;
  const endedPromise = new Promise<void>((resolve) => {
    endedResolve = resolve;
  });
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut = buffer.indexOf("\n\n");
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            cut = buffer.indexOf("\n\n");
            let id = "";
            let event = "message";
            const data: string[] = [];
            for (const line of block.split("\n")) {
              if (line.startsWith("id: ")) id = line.slice(4);
              else if (line.startsWith("event: ")) event = line.slice(7);
              else if (line.startsWith("data: ")) data.push(line.slice(6));
            }
            if (data.length > 0)
              events.push({ id, event, data: JSON.parse(data.join("\n")), at: performance.now() });
          }
          wake();
        }
        ended = true;
        endedResolve();
      } catch {
        // Aborted by us, or the connection was cut.
        if (!abort.signal.aborted) {
          ended = true;
          endedResolve();
        }
      }
      wake();
    })();
  } else {
    ended = true;
    endedResolve();
    await response.body?.cancel();
  }
  return {
    status: response.status,
    headers: response.headers,
    events,
    ended: endedPromise,
    isEnded: () => ended,
    next(match, ms = 5_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = events.find(match);
          if (found) {
            waiters.delete(look);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(
            new Error(`no matching event within ${ms} ms (got ${JSON.stringify(events.map((e) => e.data))})`),
          );
        }, ms);
        waiters.add(look);
        look();
      });
    },
    close: () => abort.abort(),
  };
}

/** Resolves when `promise` does, or rejects after `ms`. */
export const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);

/** An item event for `id`. */
export const itemEvent = (id: string) => (event: ReceivedEvent) =>
  event.event === "item" && (event.data as { id?: string }).id === id;
