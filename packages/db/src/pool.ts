// The PostgreSQL connection pool, with the timeouts that keep a database outage from hanging the
// server. Three cases, three guards:
// - the database is down or refuses: connecting fails at once, or after `connectMs`;
// - every connection is busy: a query waits at most `connectMs` for one;
// - the database stops answering (a network partition, a frozen host): PostgreSQL's own
//   statement_timeout cannot fire, since nothing reaches the client. A watchdog notices a query
//   that has had no answer for `answerMs`, and asks the server a `select 1` on a fresh connection.
//   If that answers, the server is alive and merely busy (a long import, a lock wait): the query
//   keeps waiting, and statement_timeout is the limit. If it does not, the query's connection is
//   dropped and the query fails as DatabaseUnresponsive, within about 2 × answerMs.
import pg from "pg";
import { DatabaseUnresponsive } from "./outage.ts";

export interface DatabaseTimeouts {
  /** Milliseconds to open a connection, or to wait for a free one. */
  readonly connectMs: number;
  /** Milliseconds without an answer before the server is asked whether it is alive. */
  readonly answerMs: number;
  /** PostgreSQL's statement_timeout: a statement running longer is cancelled (0: none). */
  readonly statementMs: number;
  /** PostgreSQL's idle_in_transaction_session_timeout: a transaction left idle is ended. */
  readonly idleInTransactionMs: number;
}

/**
 * Long enough for every request and import Bulwark makes (the slowest statements, in large
 * imports, take about 2 s on PostgreSQL); work that needs longer raises its own limit with
 * `allowLongStatements`.
 */
export const DEFAULT_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  answerMs: 2_000,
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
};

/** An error with a SQLSTATE came from the server itself (it answered). */
const serverReplied = (error: unknown): boolean =>
  error instanceof Error && "code" in error && /^[0-9A-Z]{5}$/.test(String(error.code));

interface Liveness {
  /** Asks the server, on a connection of its own, whether it answers within `ms`; shared by callers. */
  ask(): Promise<boolean>;
  /** The last probe went unanswered and no query has been answered since. */
  silent(): boolean;
  /** A query was answered: the server speaks. */
  answered(): void;
}

function livenessProbe(url: string, ms: number): Liveness {
  let running: Promise<boolean> | null = null;
  let silent = false;
  const probe = async (): Promise<boolean> => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: ms });
    client.on("error", () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const asked = (async () => {
      await client.connect();
      await client.query("select 1");
      return true;
    })().catch(
      // An error the server sent (too many connections, shutting down) is an answer: it is alive,
      // and the watched query will hear its own error. Only silence or a dead socket is not.
      serverReplied,
    );
    const answered = await Promise.race([asked, late]);
    clearTimeout(timer);
    // end() waits for the server, which may never answer: drop the socket instead.
    client.connection.stream.destroy();
    silent = !answered;
    return answered;
  };
  return {
    ask: () => {
      running ??= probe().finally(() => {
        running = null;
      });
      return running;
    },
    silent: () => silent,
    answered: () => {
      silent = false;
    },
  };
}

type Callback = (error: Error | null, result: unknown) => void;

/**
 * Wraps a client's query() so that each query is watched: the watchdog drops the connection of a
 * query the server no longer answers, and the query then fails as DatabaseUnresponsive.
 */
function watch(client: pg.Client, answerMs: number, liveness: Liveness): void {
  const query: (...args: unknown[]) => unknown = client.query.bind(client);
  let unresponsive = false;
  const start = () => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const arm = () => {
      timer = setTimeout(async () => {
        if (done) return;
        if (await liveness.ask()) {
          if (!done) arm();
          return;
        }
        if (done) return;
        unresponsive = true;
        client.connection.stream.destroy();
      }, answerMs);
      timer.unref();
    };
    arm();
    return (error: unknown): unknown => {
      done = true;
      clearTimeout(timer);
      if (!unresponsive && (!error || serverReplied(error))) liveness.answered();
      return unresponsive && error
        ? new DatabaseUnresponsive(`The database did not answer within ${answerMs * 2} ms.`)
        : error;
    };
  };
  const watched = (...args: unknown[]): unknown => {
    const first = args[0];
    // Cursors and streams manage their own reads; none is used by Bulwark's queries.
    if (first && typeof first === "object" && "submit" in first) return query(...args);
    const at = typeof args[2] === "function" ? 2 : typeof args[1] === "function" ? 1 : -1;
    const finish = start();
    const callback = args[at];
    if (typeof callback === "function") {
      const given: Callback = (error, result) => callback(finish(error), result);
      args[at] = given;
      return query(...args);
    }
    const result = query(...args);
    if (!(result instanceof Promise)) return result;
    return result.then(
      (value) => {
        finish(null);
        return value;
      },
      (error: unknown) => {
        throw finish(error);
      },
    );
  };
  Object.assign(client, { query: watched });
}

/** A pool whose connections carry the timeouts and whose queries are watched. */
export function openPool(url: string, timeouts: DatabaseTimeouts): pg.Pool {
  const settings = [
    // JIT compilation pays off for long analytic queries, not for ours: on PostgreSQL 15 it added
    // 0.3-1.5 s to compendium searches that run in tens of milliseconds without it.
    "-c jit=off",
    `-c statement_timeout=${timeouts.statementMs}`,
    `-c idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
  ];
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: settings.join(" "),
    connectionTimeoutMillis: timeouts.connectMs,
  });
  // An idle connection that the server closes (restart, failover) must not crash the process:
  // the pool drops it and the next query opens a fresh one.
  pool.on("error", () => undefined);
  const liveness = livenessProbe(url, timeouts.answerMs);
  // Waiting for a free connection while the server is known to be silent is waiting on the
  // silence: report it as such (unreachable), not as a busy pool.
  const connectOf = pool.connect.bind(pool);
  const silence = (error: Error) =>
    liveness.silent() ? new DatabaseUnresponsive("The database does not answer.", { cause: error }) : error;
  Object.assign(pool, {
    connect: (callback?: (error: Error | undefined, client?: pg.PoolClient, done?: () => void) => void) =>
      callback
        ? connectOf((error, client, done) => callback(error ? silence(error) : error, client, done))
        : connectOf().catch((error: Error) => {
            throw silence(error);
          }),
  });
  pool.on("connect", (client) => {
    // A connection lost while checked out (in a transaction) reports the loss to its queries and
    // as an 'error' event: without a listener, that event would end the process.
    client.on("error", () => undefined);
    watch(client, timeouts.answerMs, liveness);
  });
  return pool;
}
