// Live updates (issue 17, ADR 0025): server-sent event streams fed by the change feed, with no
// broker. A writing transaction notifies a channel with the ids of what changed (a trigger, in the
// same transaction); PostgreSQL hands the notification at commit to every server process
// (PGlite, in process), and each process's hub asks the database which of its readers may see it
// before telling them, under the same scope functions the routes read through.
//
// Asking is batched: readers of one organisation with the same roles share a scope (their
// communities, read with the policy version), and one query per scope answers for all of them
// and for every change waiting, so 500 streams over a few scopes cost a few queries per change.
// Each answer carries the policy version of its snapshot; an answer under another version than the
// one the readers were last checked at is not used: the readers are checked again first (one query
// for every stream of the process: session or token still valid, same organisation and roles),
// streams whose reader changed end (the browser reconnects under its new scope, or gets 401), and
// the question is asked again. Ended sessions (bulwark_sessions), policy changes (bulwark_policy,
// ADR 0019) and every heartbeat check the readers the same way.
//
// Nothing is replayed: an event's id lets EventSource send Last-Event-ID, but every stream starts
// with `ready`, after which the client fetches what it shows, so nothing committed while it was
// away is lost. A change feed that lost its connection (notifications missed) ends every stream.

import type { EndpointName } from "@bulwark/contracts";
import type { Role } from "@bulwark/core";
import { type Database, type LiveReader, liveReaders, POLICY_CHANNEL, SESSIONS_CHANNEL } from "@bulwark/db";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Caller } from "../auth/principal.ts";
import { sessionStartedAfter } from "../auth/principal.ts";
import type { ServerContext } from "../context.ts";
import { route } from "../endpoint.ts";
import { UserError } from "../errors.ts";
import { EventStream } from "./event-stream.ts";

/** What readers of one scope share: one organisation, its kind, the same roles. */
export interface ScopeGroup {
  readonly organisationId: string;
  readonly organisationKind: LiveReader["organisationKind"];
  readonly roles: readonly Role[];
}

/** A kind of change readers can follow: its channel, its event name, and how to ask who may see it. */
export interface LiveTopic<S> {
  /**
   * The LISTEN/NOTIFY channel; each payload is JSON `{"id": "<uuid>"}`, or `{"id", "kind"}` for
   * another kind of change on the same channel (asked about as `<kind>:<uuid>`, sent as event `kind`).
   */
  readonly channel: string;
  /** The SSE event name; its data is `{"id": "<uuid>"}` (or what `seen` gives with a kind's change). */
  readonly event: string;
  /** The other kinds of change it hears on its channel (any other kind is not its own: ignored). */
  readonly kinds?: readonly string[];
  /** What a group's scope is made of beyond the group itself, read with the policy version. */
  scope(db: Database, group: ScopeGroup): Promise<{ version: number; scope: S }>;
  /**
   * Which of `userIds` (all of `group`) may see which of `ids`: ONE query, enforcing the scope in
   * SQL, with the policy version of its snapshot.
   */
  seen(
    db: Database,
    scope: S,
    group: ScopeGroup,
    userIds: readonly string[],
    ids: readonly string[],
  ): Promise<{
    version: number;
    seen: [userId: string, id: string, data?: Readonly<Record<string, string>>][];
  }>;
  /**
   * For topics whose rule does not depend on roles and reads the rest of the scope in SQL: which
   * of `readers` (of any organisations) may see which of `ids`, in ONE query for every reader of
   * the process, with the policy version of its snapshot. Used instead of `scope` and `seen`.
   */
  seenAll?(
    db: Database,
    readers: readonly { readonly userId: string; readonly organisationId: string }[],
    ids: readonly string[],
  ): Promise<{
    version: number;
    seen: [userId: string, id: string, data?: Readonly<Record<string, string>>][];
  }>;
}

export interface LiveOptions {
  /** A comment on every stream, and a check of every reader, this often (ms). */
  readonly heartbeatMs: number;
  /** Open streams per session or API token. */
  readonly maxPerSignIn: number;
  /** Changes asked about in one query at most. */
  readonly batch: number;
}

export const LIVE_DEFAULTS: LiveOptions = { heartbeatMs: 20_000, maxPerSignIn: 6, batch: 200 };

interface Stream {
  /** `session:<id>` or `token:<id>`. */
  readonly key: string;
  readonly reader: LiveReader;
  readonly group: string;
  readonly events: EventStream;
  /** Its reader was found unchanged by a check made after it opened. */
  checked: boolean;
}

interface TopicState {
  // biome-ignore lint/suspicious/noExplicitAny: each topic keeps its own scope type to itself.
  readonly topic: LiveTopic<any>;
  readonly streams: Set<Stream>;
  readonly pending: Set<string>;
  pumping: boolean;
  readonly scopes: Map<string, { version: number; scope: unknown }>;
}

const groupKey = (reader: LiveReader) =>
  `${reader.organisationId}|${reader.organisationKind}|${[...reader.roles].sort().join(",")}`;

const sameReader = (a: LiveReader, b: LiveReader) => groupKey(a) === groupKey(b) && a.userId === b.userId;

export class LiveHub {
  private readonly streams = new Set<Stream>();
  private readonly perSignIn = new Map<string, number>();
  private readonly topics = new Map<string, TopicState>();
  private readonly unsubscribe: (() => void)[] = [];
  /** The policy version the open streams' readers were last checked at (-1: not yet). */
  private version = -1;
  private checking: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private sequence = 0;
  private readonly idBase = Date.now().toString(36);
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly app: FastifyInstance,
    private readonly context: ServerContext,
    private readonly options: LiveOptions = LIVE_DEFAULTS,
  ) {
    const changes = context.connection.changes;
    const lost = () => this.endAll();
    this.unsubscribe.push(
      changes.subscribe(POLICY_CHANNEL, {
        notify: () => {
          for (const state of this.topics.values()) state.scopes.clear();
          void this.check();
        },
        missed: lost,
      }),
      changes.subscribe(SESSIONS_CHANNEL, { notify: () => void this.check(), missed: lost }),
    );
    this.heartbeat = setInterval(() => {
      for (const stream of this.streams) stream.events.comment("heartbeat");
      if (this.streams.size > 0) void this.check();
    }, options.heartbeatMs);
    this.heartbeat.unref();
    app.addHook("preClose", async () => this.close());
  }

  /** Open streams (for tests and the bench). */
  get size(): number {
    return this.streams.size;
  }

  /** Follows `topic` from now on (its channel is listened to before the server answers). */
  follow(topic: LiveTopic<unknown>): void {
    if (this.topics.has(topic.channel)) return;
    const state: TopicState = {
      topic,
      streams: new Set(),
      pending: new Set(),
      pumping: false,
      scopes: new Map(),
    };
    this.topics.set(topic.channel, state);
    this.unsubscribe.push(
      this.context.connection.changes.subscribe(topic.channel, {
        notify: (payload) => {
          const id = idOf(payload);
          if (!id) return;
          const cut = id.indexOf(":");
          if (cut >= 0 && !(topic.kinds ?? []).includes(id.slice(0, cut))) return;
          state.pending.add(id);
          void this.pump(state);
        },
        missed: () => this.endAll(state.streams),
      }),
    );
  }

  /**
   * A change this process found by itself (an exercise inject's due time, met by its own timer),
   * handed to its own readers of `topic` as if notified: `<kind>:<uuid>` or `<uuid>`.
   */
  local(topic: LiveTopic<unknown>, id: string): void {
    const state = this.topics.get(topic.channel);
    if (!state || this.closed || state.streams.size === 0) return;
    state.pending.add(id);
    void this.pump(state);
  }

  /** The organisations of the readers following `topic` in this process (each once). */
  followers(topic: LiveTopic<unknown>): string[] {
    const state = this.topics.get(topic.channel);
    return state ? [...new Set([...state.streams].map((stream) => stream.reader.organisationId))] : [];
  }

  /** Answers the request with a stream of `topic`'s events the caller may see. */
  open(caller: Caller, reply: FastifyReply, topic: LiveTopic<unknown>): void {
    const state = this.topics.get(topic.channel);
    if (!state || this.closed) throw new UserError(503, "Live updates are not running");
    const { sessionId, tokenId } = caller.principal;
    const key = sessionId ? `session:${sessionId}` : `token:${tokenId ?? ""}`;
    const open = this.perSignIn.get(key) ?? 0;
    if (open >= this.options.maxPerSignIn)
      throw new UserError(
        429,
        "Too many live streams",
        { key: "live.tooManyStreams", values: { max: this.options.maxPerSignIn } },
        "urn:bulwark:problem:too-many-streams",
        { "retry-after": "30" },
      );
    const reader: LiveReader = {
      userId: caller.userId,
      organisationId: caller.organisationId,
      organisationKind: caller.principal.organisationKind,
      roles: [...caller.roles],
    };
    const events = new EventStream(reply, { secure: this.context.config.secureCookies });
    const stream: Stream = { key, reader, group: groupKey(reader), events, checked: false };
    this.streams.add(stream);
    state.streams.add(stream);
    this.perSignIn.set(key, open + 1);
    events.onClose(() => {
      this.streams.delete(stream);
      state.streams.delete(stream);
      const left = (this.perSignIn.get(key) ?? 1) - 1;
      if (left > 0) this.perSignIn.set(key, left);
      else this.perSignIn.delete(key);
    });
    events.send("ready", this.nextId(), { replay: false });
    // Its reader is checked against the current policy version before it hears of anything.
    void this.check();
  }

  private nextId(): string {
    this.sequence += 1;
    return `${this.idBase}-${this.sequence}`;
  }

  /**
   * Checks every open stream's reader in one query; streams whose sign-in ended or whose reader
   * changed end. Calls made while a check runs share the next one.
   */
  check(): Promise<void> {
    if (!this.checking) {
      this.checking = this.runCheck().finally(() => {
        this.checking = null;
      });
      return this.checking;
    }
    this.queued ??= this.checking.then(() => {
      this.queued = null;
      return this.check();
    });
    return this.queued;
  }

  private async runCheck(): Promise<void> {
    const streams = [...this.streams];
    if (streams.length === 0) return;
    const sessionIds = new Set<string>();
    const tokenIds = new Set<string>();
    for (const { key } of streams)
      if (key.startsWith("session:")) sessionIds.add(key.slice(8));
      else tokenIds.add(key.slice(6));
    const now = this.context.clock();
    let answer: Awaited<ReturnType<typeof liveReaders>>;
    try {
      answer = await liveReaders(
        this.context.db,
        { sessionIds: [...sessionIds], tokenIds: [...tokenIds] },
        now,
        sessionStartedAfter(this.context, now),
      );
    } catch (error) {
      // Readers that cannot be checked hear nothing more: they reconnect and sign in again.
      this.app.log.warn({ err: error }, "live: readers could not be checked; streams ended");
      this.endAll(streams);
      return;
    }
    for (const stream of streams) {
      const reader = answer.readers.get(stream.key);
      if (reader && sameReader(reader, stream.reader)) stream.checked = true;
      else stream.events.close();
    }
    this.version = answer.version;
  }

  private async pump(state: TopicState): Promise<void> {
    if (state.pumping) return;
    state.pumping = true;
    try {
      while (state.pending.size > 0 && !this.closed) {
        const ids = [...state.pending].slice(0, this.options.batch);
        for (const id of ids) state.pending.delete(id);
        try {
          await this.deliver(state, ids);
        } catch (error) {
          // Who may see these changes is unknown: every stream of the topic refetches.
          this.app.log.warn({ err: error }, "live: a change could not be delivered; streams ended");
          this.endAll(state.streams);
        }
      }
    } finally {
      state.pumping = false;
    }
  }

  private async deliver(state: TopicState, ids: string[]): Promise<void> {
    const { topic } = state;
    for (let attempt = 0; ; attempt++) {
      if (this.checking) await this.checking;
      const groups = new Map<string, Stream[]>();
      for (const stream of state.streams) {
        if (!stream.checked || !stream.events.open) continue;
        const list = groups.get(stream.group);
        if (list) list.push(stream);
        else groups.set(stream.group, [stream]);
      }
      if (groups.size === 0) return;
      const version = this.version;
      if (topic.seenAll) {
        // Answers come by person: someone whose streams disagree on their organisation (one opened
        // before a move) hears nothing until the check ends the stale ones.
        const organisationOf = new Map<string, string | null>();
        for (const streams of groups.values())
          for (const { reader } of streams) {
            const known = organisationOf.get(reader.userId);
            organisationOf.set(
              reader.userId,
              known === undefined || known === reader.organisationId ? reader.organisationId : null,
            );
          }
        const readers = [...organisationOf].flatMap(([userId, organisationId]) =>
          organisationId ? [{ userId, organisationId }] : [],
        );
        if (readers.length < organisationOf.size) void this.check();
        const answer = await topic.seenAll(this.context.db, readers, ids);
        if (answer.version !== version) {
          if (attempt >= 4) throw new Error("live: the policy version did not settle");
          await this.check();
          continue;
        }
        if (this.checking) await this.checking;
        const streams = [...groups.values()]
          .flat()
          .filter((stream) => organisationOf.get(stream.reader.userId) === stream.reader.organisationId);
        this.send(topic, streams, answer.seen);
        return;
      }
      const answers = await Promise.all(
        [...groups].map(async ([key, streams]) => {
          const first = streams[0] as Stream;
          const group: ScopeGroup = first.reader;
          let scope = state.scopes.get(key);
          if (scope?.version !== version) {
            scope = await topic.scope(this.context.db, group);
            state.scopes.set(key, scope);
          }
          const userIds = [...new Set(streams.map((stream) => stream.reader.userId))];
          const answer = await topic.seen(this.context.db, scope.scope, group, userIds, ids);
          return { streams, scopeVersion: scope.version, answer };
        }),
      );
      const settled = answers.every(
        ({ scopeVersion, answer }) => scopeVersion === version && answer.version === version,
      );
      if (!settled) {
        // The policy moved since the readers were checked: check them, and ask again.
        if (attempt >= 4) throw new Error("live: the policy version did not settle");
        state.scopes.clear();
        await this.check();
        continue;
      }
      // A sign-out heard meanwhile ends its streams before anything more is sent.
      if (this.checking) await this.checking;
      for (const { streams, answer } of answers) this.send(topic, streams, answer.seen);
      return;
    }
  }

  /** Sends each of `streams` what its reader may see of `seen`. */
  private send(
    topic: LiveTopic<unknown>,
    streams: readonly Stream[],
    seen: readonly [userId: string, id: string, data?: Readonly<Record<string, string>>][],
  ): void {
    const byUser = new Map<string, { event: string; data: Readonly<Record<string, string>> }[]>();
    for (const [userId, id, data] of seen) {
      const cut = id.indexOf(":");
      const sent =
        cut < 0
          ? { event: topic.event, data: data ?? { id } }
          : { event: id.slice(0, cut), data: data ?? { id: id.slice(cut + 1) } };
      const list = byUser.get(userId);
      if (list) list.push(sent);
      else byUser.set(userId, [sent]);
    }
    for (const stream of streams) {
      if (!stream.checked || !stream.events.open) continue;
      for (const { event, data } of byUser.get(stream.reader.userId) ?? [])
        stream.events.send(event, this.nextId(), data);
    }
  }

  private endAll(streams: Iterable<Stream> = this.streams): void {
    for (const stream of [...streams]) stream.events.close();
  }

  private close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    this.endAll();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);

const KIND = /^[a-z][a-z-]{0,39}$/;

/** A change notification's id (`<kind>:<id>` when it names a kind), or null for anything else. */
function idOf(payload: string): string | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value === "object" && value !== null && "id" in value) {
      const { id } = value;
      if (typeof id !== "string" || !isUuid(id)) return null;
      if (!("kind" in value) || value.kind === undefined) return id.toLowerCase();
      return typeof value.kind === "string" && KIND.test(value.kind)
        ? `${value.kind}:${id.toLowerCase()}`
        : null;
    }
  } catch {
    // Not JSON: not ours.
  }
  return null;
}

const hubs = new WeakMap<FastifyInstance, LiveHub>();

/** The app's hub, made on first use. */
export function liveHub(app: FastifyInstance, context: ServerContext): LiveHub {
  let hub = hubs.get(app);
  if (!hub) {
    hub = new LiveHub(app, context);
    hubs.set(app, hub);
  }
  return hub;
}

/** Registers a stream endpoint of the contract (`stream: true`) serving `topic`. */
export function liveRoute(
  app: FastifyInstance,
  context: ServerContext,
  name: EndpointName,
  topic: LiveTopic<unknown>,
): void {
  const hub = liveHub(app, context);
  hub.follow(topic);
  route(app, context, name, async ({ caller, reply }) => {
    if (!caller) throw new UserError(401, "Not signed in");
    hub.open(caller, reply, topic);
    return undefined as never;
  });
}
