import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connect, DataFolderInUse, migrate } from "./connect.ts";

const folder = () => mkdtempSync(join(tmpdir(), "bulwark-lock-"));

describe("embedded data folder", () => {
  it("refuses a folder that another live process holds", async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, "bulwark.lock"), String(process.ppid));
    await expect(connect({ dataDir })).rejects.toBeInstanceOf(DataFolderInUse);
    expect(readFileSync(join(dataDir, "bulwark.lock"), "utf8")).toBe(String(process.ppid));
  });

  it("takes over the lock of a process that died, and releases it on close", async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, "bulwark.lock"), "999999999");
    const connection = await connect({ dataDir });
    expect(readFileSync(join(dataDir, "bulwark.lock"), "utf8")).toBe(String(process.pid));
    await migrate(connection);
    await connection.close();
    expect(() => readFileSync(join(dataDir, "bulwark.lock"))).toThrow();
  });
});
