// Bulwark servers for the live benches (live-fanout.ts, board-live.ts): one in this process on a
// connection, or a child process per server on a PostgreSQL URL (support/live-server.ts), each
// listening on a free port of 127.0.0.1; and the percentile the benches report.
import { spawn } from "node:child_process";
import type { Connection } from "@bulwark/db";
import { buildApp } from "../../apps/server/src/app.ts";
import { readConfig } from "../../apps/server/src/config.ts";

export interface Served {
  readonly url: string;
  stop(): Promise<void>;
}

/** The value below which `p` percent of `values` fall (nearest rank); 0 for none. */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** A server in this process, on `connection`. */
export async function serveHere(connection: Connection): Promise<Served> {
  const app = await buildApp(
    {
      config: { ...readConfig({}), secureCookies: false },
      connection,
      db: connection.db,
      clock: () => new Date(),
      version: "bench",
    },
    { logLevel: false, web: false },
  );
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return { url, stop: () => app.close() };
}

/**
 * A server process on `url` (PostgreSQL), started as bench/support/live-server.ts. With
 * BENCH_SERVER_CPU_PROF set to a folder, each process writes a V8 CPU profile there when it stops.
 */
export function serveProcess(url: string): Promise<Served> {
  const profile = process.env.BENCH_SERVER_CPU_PROF;
  const child = spawn(
    process.execPath,
    [
      ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []),
      "--import",
      "tsx",
      new URL("./live-server.ts", import.meta.url).pathname,
    ],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const address = /listening (http:\/\/\S+)/.exec(output)?.[1];
      if (address)
        resolve({
          url: address,
          stop: () =>
            new Promise((done) => {
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
    });
    child.once("exit", (code) => reject(new Error(`server process exited with ${code}: ${output}`)));
  });
}
