// Test support: a server on a database of its own, a small cast of people, and the typed client
// driven through Fastify's inject (no sockets), exactly as the web app would call it.
import { randomBytes } from "node:crypto";
import { ApiError, type Client, createClient } from "@bulwark/contracts";
import { insertOrganisation, insertUser } from "@bulwark/db";
import { openTestDatabase, type TestDatabase } from "@bulwark/db/testing";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";
import { SESSION_COOKIE } from "./auth/principal.ts";
import { hashPassword } from "./auth/secrets.ts";
import { type Config, readConfig } from "./config.ts";
import type { ServerContext } from "./context.ts";
import type { Timers } from "./system/schedule.ts";

export const PASSWORD = "correct horse battery staple";

export interface Cast {
  organisations: { authority: string; operator: string; other: string };
  users: {
    admin: string;
    orgAdmin: string;
    member: string;
    outsider: string;
    auditor: string;
    analyst: string;
  };
}

export interface TestServer {
  app: FastifyInstance;
  context: ServerContext;
  db: ServerContext["db"];
  database: TestDatabase;
  cast: Cast;
  /** Move the server's clock. */
  advance(ms: number): void;
  /**
   * Run every scheduled job that is due by the server's clock (started with `scheduled: true`),
   * waiting for each; the number run.
   */
  runDueJobs(): Promise<number>;
  /** Jobs waiting for their time. */
  pendingJobs(): number;
  /** A client with its own cookie jar; signed in when an e-mail is given. */
  client(email?: string): Promise<Client>;
  /** Raw inject, for checks the typed client would hide (headers, CSRF). */
  inject: FastifyInstance["inject"];
  /**
   * Ask a stream of server-sent events over a socket (it stays open once accepted, so inject would
   * never return): its status and, for a refusal, its body are read, then the stream is closed.
   */
  openStream(url: string, headers: Record<string, string>): Promise<StreamAnswer>;
  close(): Promise<void>;
}

export interface StreamAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): { detail?: string } & Record<string, unknown>;
}

/** fetch() over app.inject, so the real client runs against the app without a socket. */
export function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const response = await app.inject({
      method: (init?.method ?? "GET") as "GET",
      url,
      headers,
      payload:
        typeof init?.body === "string"
          ? init.body
          : init?.body instanceof Uint8Array
            ? Buffer.from(init.body)
            : init?.body instanceof Blob
              ? Buffer.from(await init.body.arrayBuffer())
              : undefined,
    });
    const out = new Headers();
    for (const [key, value] of Object.entries(response.headers)) {
      if (Array.isArray(value)) for (const item of value) out.append(key, item);
      else if (value !== undefined) out.set(key, String(value));
    }
    // The bytes as sent (a PDF is not text).
    const body = response.statusCode === 204 ? null : new Uint8Array(response.rawPayload);
    return new Response(body, { status: response.statusCode, headers: out });
  };
}

/** A typed client over `fetch` with its own cookie jar; signed in when an e-mail is given. */
export async function injectClient(fetch: typeof globalThis.fetch, email?: string): Promise<Client> {
  const client = createClient({ fetch, cookieJar: true, baseUrl: "http://localhost" });
  if (email) await client.call("login", { body: { email, password: PASSWORD } });
  return client;
}

/** A session signed in through `POST /api/auth/login`, for raw requests the typed client would not send. */
export interface Session {
  /** The Cookie header: `bulwark_session=…`, all a browser sends on a read. */
  cookie: string;
  /** The CSRF token the sign-in answered with. */
  csrfToken: string;
  /** Headers for a write in this session: the cookie and X-CSRF-Token, then `extra` (e.g. accept-language). */
  headers(extra?: Record<string, string>): Record<string, string>;
}

/**
 * Sign in by hand, as the web page does; throws with the status and body when the sign-in is refused
 * or sets no session cookie, so a test never goes on without a session.
 */
export async function signedIn(
  server: Pick<FastifyInstance, "inject">,
  email: string,
  password = PASSWORD,
): Promise<Session> {
  const response = await server.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`Signing in as ${email} answered ${response.statusCode}: ${response.body}`);
  const csrfToken: unknown = response.json().csrfToken;
  if (typeof csrfToken !== "string" || !response.cookies.some((c) => c.name === SESSION_COOKIE))
    throw new Error(`Signing in as ${email} answered 200 without a session cookie and CSRF token.`);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return {
    cookie,
    csrfToken,
    headers: (extra = {}) => ({ cookie, "x-csrf-token": csrfToken, ...extra }),
  };
}

/** Timers that follow the test clock: a job is due when the clock has reached its time. */
function clockTimers(now: () => number) {
  const waiting = new Map<number, { due: number; run: () => Promise<void> }>();
  let next = 0;
  const timers: Timers = {
    after(ms, run) {
      const id = next++;
      waiting.set(id, { due: now() + ms, run });
      return { cancel: () => waiting.delete(id) };
    },
  };
  async function runDue(): Promise<number> {
    let count = 0;
    for (;;) {
      const due = [...waiting].filter(([, job]) => job.due <= now()).sort((a, b) => a[1].due - b[1].due)[0];
      if (!due) return count;
      waiting.delete(due[0]);
      await due[1].run();
      count++;
    }
  }
  return { timers, runDue, pending: () => waiting.size };
}

export async function startTestServer(
  options: {
    scheduled?: boolean;
    config?: Partial<Config>;
    /** Configuration as the environment gives it (e.g. BULWARK_OUTBOUND_ALLOW). */
    env?: Record<string, string>;
  } = {},
): Promise<TestServer> {
  const database = await openTestDatabase();
  let offset = 0;
  const base = Date.UTC(2026, 10, 24, 9, 0, 0);
  const context: ServerContext = {
    config: {
      ...readConfig(options.env ?? {}),
      secureCookies: false,
      secret: readConfig(options.env ?? {}).secret ?? randomBytes(32).toString("hex"),
      ...options.config,
    },
    connection: database,
    db: database.db,
    clock: () => new Date(base + offset),
    version: "test",
  };
  const now = context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const org = (name: string, kind: "national-authority" | "private-operator" | "public-operator") =>
    insertOrganisation(
      database.db,
      { name, kind, country: "XM", sectors: kind === "national-authority" ? [] : ["energy-electricity"] },
      now,
    );
  const organisations = {
    authority: await org("Test Authority", "national-authority"),
    operator: await org("Test Grid Operator", "private-operator"),
    other: await org("Test Water Utility", "public-operator"),
  };
  const user = (
    email: string,
    organisationId: string,
    roles: ("platform-admin" | "organisation-admin" | "member" | "auditor" | "analyst")[],
  ) =>
    insertUser(
      database.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  const users = {
    admin: await user("admin@authority.example", organisations.authority, ["platform-admin"]),
    auditor: await user("auditor@authority.example", organisations.authority, ["auditor"]),
    orgAdmin: await user("boss@grid.example", organisations.operator, ["organisation-admin"]),
    member: await user("member@grid.example", organisations.operator, ["member"]),
    analyst: await user("analyst@grid.example", organisations.operator, ["analyst"]),
    outsider: await user("member@water.example", organisations.other, ["member"]),
  };
  const schedule = clockTimers(() => context.clock().getTime());
  const app = await buildApp(context, {
    logLevel: false,
    web: false,
    ...(options.scheduled ? { timers: schedule.timers } : {}),
  });
  await app.ready();
  const fetch = injectFetch(app);
  let listening: string | null = null;
  return {
    app,
    context,
    db: database.db,
    database,
    cast: { organisations, users },
    advance: (ms) => {
      offset += ms;
    },
    runDueJobs: schedule.runDue,
    pendingJobs: schedule.pending,
    client: (email) => injectClient(fetch, email),
    inject: app.inject.bind(app),
    async openStream(url, headers) {
      listening ??= await app.listen({ host: "127.0.0.1", port: 0 });
      const stop = new AbortController();
      const response = await globalThis.fetch(`${listening}${url}`, {
        headers: { accept: "text/event-stream", ...headers },
        signal: stop.signal,
      });
      const body = response.ok ? "" : await response.text();
      stop.abort();
      return {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body,
        json: () => JSON.parse(body),
      };
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

/** The HTTP status a call ended with: 200 for any success, the problem's status for an ApiError. */
export const statusOf = (promise: Promise<unknown>): Promise<number> =>
  promise.then(
    () => 200,
    (error: unknown) => (error instanceof ApiError ? error.status : 0),
  );

/** The problem+json a call was refused with; the test fails when the call succeeds. */
export async function problemOf(promise: Promise<unknown>): Promise<ApiError["problem"]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error.problem;
    throw error;
  }
  throw new Error("The call succeeded.");
}
