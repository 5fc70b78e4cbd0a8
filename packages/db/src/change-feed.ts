// Notifications between server processes: PostgreSQL's LISTEN/NOTIFY, in one place per process.
// A database trigger (or any transaction) runs pg_notify(channel, payload); PostgreSQL delivers it
// at commit to every connection listening on the channel, so every process sharing the database
// hears of a change at once. On PGlite the same calls run in the one process that holds the
// database (PGlite delivers its own notifications in process).
//
// One listening connection per process (a pooled connection cannot hold LISTEN), opened on the
// first subscription and reopened after it drops. Notifications sent while it was down are lost,
// so subscribers are told (`missed`) to drop what they hold; a cache must still compare a version
// read from the database before it trusts itself, so that nothing stale outlives one check.
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export interface ChangeHandler {
  /** A notification on the channel, with its payload (what the sender put there, maybe ""). */
  readonly notify: (payload: string) => void;
  /** Notifications may have been missed (the listening connection dropped): drop what you hold. */
  readonly missed?: () => void;
}

/** Channel names are SQL identifiers written into LISTEN: lower-case letters, digits, underscores. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/** How a feed listens: PostgreSQL through a connection of its own, PGlite in process. */
interface Listener {
  /** Start listening on a channel (called once per channel, and again after a reconnect). */
  listen(channel: string): Promise<void>;
  close(): Promise<void>;
}

export class ChangeFeed {
  private readonly handlers = new Map<string, Set<ChangeHandler>>();
  private readonly listened = new Map<string, Promise<void>>();
  /**
   * Whether a notification reaches this feed's subscribers before the statement that committed
   * it resolves for its caller: on PGlite, whose engine runs in this process and hands its
   * notifications to the subscribers while it reads that statement's answer (so once the caller
   * hears "done", every subscriber has heard the change). Not on PostgreSQL, where notifications
   * travel on a connection of their own and arrive some time after the commit.
   */
  readonly immediate: boolean;

  /** `listener` is made by connect(); see postgresListener and pgliteListener below. */
  constructor(
    private readonly listener: ((feed: ChangeFeed) => Listener) & { readonly immediate?: boolean },
  ) {
    this.immediate = listener.immediate === true;
  }

  private source: Listener | null = null;
  private get active(): Listener {
    this.source ??= this.listener(this);
    return this.source;
  }

  /**
   * Calls `handler` on each notification on `channel` from now on (once `listening()` resolves);
   * returns the unsubscribe.
   */
  subscribe(channel: string, handler: ChangeHandler): () => void {
    if (!CHANNEL.test(channel)) throw new Error(`change feed: "${channel}" is not a channel name`);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    if (!this.listened.has(channel)) {
      const started = this.active.listen(channel);
      // A failure here is the listener's to retry (it reconnects); the promise must not go unhandled.
      started.catch(() => undefined);
      this.listened.set(channel, started);
    }
    return () => {
      set.delete(handler);
    };
  }

  /** Resolves once every channel subscribed so far is listened to. */
  async listening(): Promise<void> {
    await Promise.all(this.listened.values());
  }

  /** The channels with subscribers (a listener listens to them again after a reconnect). */
  channels(): string[] {
    return [...this.handlers.keys()];
  }

  /** Hands a notification to the channel's subscribers; one failing subscriber does not stop the rest. */
  deliver(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler.notify(payload);
      } catch {
        // A subscriber's own failure is its business; the others still hear the change.
      }
    }
  }

  /** Tells every subscriber that notifications may have been lost. */
  lost(): void {
    for (const set of this.handlers.values())
      for (const handler of set) {
        try {
          handler.missed?.();
        } catch {
          // As in deliver().
        }
      }
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await this.source?.close();
    this.source = null;
  }
}

/**
 * PGlite: notifications are delivered in process, after the sending transaction commits: the
 * engine queues each subscriber's call (a microtask) while it reads the committing statement's
 * answer, before that statement's promise resolves, so the subscribers run before its caller
 * resumes (`immediate`).
 */
export const pgliteListener = (engine: PGlite) =>
  Object.assign(
    (feed: ChangeFeed): Listener => ({
      async listen(channel) {
        await engine.listen(channel, (payload) => feed.deliver(channel, payload));
      },
      // The engine is closed with the connection, which ends its listeners.
      close: async () => undefined,
    }),
    { immediate: true },
  );

/**
 * PostgreSQL: one client of its own, outside the pool. When it drops (a restart, a failover, a
 * network cut), subscribers hear `missed`, and it reconnects every `retryMs` until it is back,
 * listens to every channel again and says `missed` once more (for what was sent meanwhile).
 */
export const postgresListener =
  (url: string, retryMs = 1_000) =>
  (feed: ChangeFeed): Listener => {
    let client: pg.Client | null = null;
    let opening: Promise<pg.Client> | null = null;
    let retry: NodeJS.Timeout | null = null;
    let closed = false;

    const drop = (lostClient: pg.Client) => {
      if (client !== lostClient) return;
      client = null;
      lostClient.end().catch(() => undefined);
      feed.lost();
      schedule();
    };
    const schedule = () => {
      if (closed || retry) return;
      retry = setTimeout(() => {
        retry = null;
        open().then(
          () => feed.lost(),
          () => schedule(),
        );
      }, retryMs);
      retry.unref();
    };
    const open = (): Promise<pg.Client> => {
      if (client) return Promise.resolve(client);
      opening ??= (async () => {
        const fresh = new pg.Client({ connectionString: url });
        fresh.on("notification", (message) => feed.deliver(message.channel, message.payload ?? ""));
        fresh.on("error", () => drop(fresh));
        fresh.on("end", () => drop(fresh));
        try {
          await fresh.connect();
          for (const channel of feed.channels()) await fresh.query(`LISTEN ${channel}`);
        } catch (error) {
          fresh.end().catch(() => undefined);
          throw error;
        }
        if (closed) {
          await fresh.end();
          throw new Error("change feed: closed");
        }
        client = fresh;
        return fresh;
      })().finally(() => {
        opening = null;
      });
      return opening;
    };

    // One statement at a time on the client (node-postgres refuses overlapping queries from pg@9).
    let turn: Promise<unknown> = Promise.resolve();
    return {
      async listen(channel) {
        try {
          // LISTEN twice is harmless, and a connection opening meanwhile may have listed its
          // channels before this one was added.
          const mine = turn.then(async () => (await open()).query(`LISTEN ${channel}`));
          turn = mine.catch(() => undefined);
          await mine;
        } catch (error) {
          schedule();
          throw error;
        }
      },
      async close() {
        closed = true;
        if (retry) clearTimeout(retry);
        retry = null;
        const open = client;
        client = null;
        await open?.end().catch(() => undefined);
      },
    };
  };
