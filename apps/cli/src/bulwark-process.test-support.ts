// The `bulwark` command run as a user runs it, for the command line's tests: a new Node process on
// bin/bulwark.js, with no DATABASE_URL from the test's own environment (each test names its data
// folder, or a database of its own in `env`, so no test touches a server's database), and stdin
// closed once `stdin` is written.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../bin/bulwark.js", import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Added to the test's environment; BULWARK_DATA is the data folder. */
  env: Record<string, string>;
  /** Options for Node itself, before the script (e.g. `--import` a recorder). */
  node?: string[];
  cwd?: string;
  stdin?: string;
}

export function runBulwark(args: string[], options: RunOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnBulwark(args, options);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

function spawnBulwark(args: string[], options: RunOptions): ChildProcessWithoutNullStreams {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: undefined, ...options.env };
  return spawn(process.execPath, [...(options.node ?? []), BIN, ...args], {
    env,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
}

export interface Serving {
  /** Where the server listens (from its "is running at" line). */
  readonly url: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, then wait for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `bulwark serve …` and resolves once it listens and has printed `until` (when given);
 * rejects with its output if it exits first.
 */
export function startBulwark(args: string[], options: RunOptions & { until?: RegExp }): Promise<Serving> {
  return new Promise((resolve, reject) => {
    const child = spawnBulwark(args, options);
    child.stdin.end();
    let output = "";
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const collect = (chunk: Buffer) => {
      output += chunk;
      const url = /is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url && (!options.until || options.until.test(output)))
        resolve({
          url,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null) child.kill("SIGTERM");
            await exited;
          },
        });
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.once("exit", (code) => reject(new Error(`bulwark ${args.join(" ")} exited (${code}):\n${output}`)));
  });
}
