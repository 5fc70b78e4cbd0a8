// Starts Bulwark as the README says (`npm start`), on a free port and a data folder of its own, and
// waits until it prints its address. The folder is a copy of the demo country loaded once for the run
// (e2e/global-setup.ts), unless the test asks for a fresh one (the newcomer's first start).
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DEMO_PASSWORD = "e2e demo password";

export interface Started {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function startBulwark(
  env: Record<string, string> = {},
  { fresh = false }: { fresh?: boolean } = {},
): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), "bulwark-e2e-"));
  if (!fresh) cpSync(inject("demoTemplate"), dataDir, { recursive: true });
  const child: ChildProcess = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      BULWARK_DATA: dataDir,
      BULWARK_DEMO_PASSWORD: DEMO_PASSWORD,
      DATABASE_URL: "",
      ...env,
    },
    detached: true,
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start did not print its address in time:\n${output}`)),
      100_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      // npm start loads the demo: ready once the accounts have been listed too.
      if (match?.[1] && /demo accounts in all/.test(output)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => {
          // The server has stopped with npm: its folder goes (retried while a last write lands).
          rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
          resolve();
        });
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      }),
  };
}
