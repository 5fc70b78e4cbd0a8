// Start-up: connect, migrate, optionally load the demo country, listen. Used by `bulwark serve`.
import { readFileSync } from "node:fs";
import { connect, deleteExpiredSessions, deleteStaleThrottles, migrate } from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";
import { type Config, linkOrigin } from "./config.ts";
import type { ServerContext } from "./context.ts";
import { type DemoResult, seedDemo } from "./demo/seed-demo.ts";
import { refreshPublicTexts } from "./sharing/personal-data.service.ts";
import { systemTimers } from "./system/schedule.ts";
import { instanceSecret } from "./taxii-client/credentials.ts";
import { taxiiScheduler } from "./taxii-client/scheduler.ts";

export const VERSION: string = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;

export async function openContext(config: Config): Promise<ServerContext> {
  const connection = await connect(
    config.databaseUrl
      ? { url: config.databaseUrl, timeouts: config.databaseTimeouts }
      : { dataDir: config.dataDir },
  );
  await migrate(connection);
  const secret = instanceSecret(config.secret, config.dataDir);
  const context = {
    config: { ...config, secret },
    connection,
    db: connection.db,
    clock: () => new Date(),
    version: VERSION,
  };
  await refreshPublicTexts(context);
  return context;
}

export interface Running {
  readonly app: FastifyInstance;
  readonly context: ServerContext;
  readonly url: string;
  /** Where links in feeds point (BULWARK_PUBLIC_URL, else this server's own address). */
  readonly linkOrigin: string;
  readonly demo: DemoResult | null;
  stop(): Promise<void>;
}

export async function startServer(config: Config, options: { demo?: boolean } = {}): Promise<Running> {
  const context = await openContext(config);
  const demo = options.demo ? await seedDemo(context) : null;
  const app = await buildApp(context, { timers: systemTimers });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  // Expired sessions (idle, or past their absolute lifetime) are refused anyway, and ended
  // counting windows count nothing; this keeps the tables small. Idempotent, so any number of
  // server processes may run it.
  const purge = async () => {
    const now = context.clock();
    const maxAge = config.sessionMaxDays * 86_400_000;
    await deleteExpiredSessions(context.db, now, new Date(now.getTime() - maxAge))
      .then(() => deleteStaleThrottles(context.db, now))
      .catch((error: unknown) => app.log.warn({ err: error }, "session purge failed"));
  };
  await purge();
  const purging = setInterval(purge, 3_600_000);
  purging.unref();
  const pulls = taxiiScheduler(context, {
    intervalMs: config.taxiiPollSeconds * 1000,
    log: (fields) => app.log.error(fields, "TAXII pull failed unexpectedly"),
  });
  pulls.start();
  let stopped = false;
  return {
    app,
    context,
    url: `http://${host}:${port}`,
    linkOrigin: linkOrigin(config, port),
    demo,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(purging);
      await pulls.stop();
      await app.close();
      await context.connection.close();
    },
  };
}
