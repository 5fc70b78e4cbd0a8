// The `bulwark` command run as a user runs it, for the command line's tests: a new Node process on
// bin/bulwark.js, with no DATABASE_URL from the test's own environment (each test names its data
// folder, so no test touches a server's database), and stdin closed once `stdin` is written.
import { spawn } from "node:child_process";
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
    const env: Record<string, string | undefined> = { ...process.env, ...options.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [...(options.node ?? []), BIN, ...args], {
      env,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
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
