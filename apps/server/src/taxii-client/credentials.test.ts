// Sealed credentials and the instance's secret they are sealed under.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../config.ts";
import { instanceSecret, openCredentials, sealCredentials } from "./credentials.ts";

const SECRET = "a".repeat(64);
const ID = "5b4f4a8e-3a57-4c55-9a39-0d7f6c1e2b10";

describe("sealed credentials", () => {
  it("open with the same secret and subscription id only", () => {
    const sealed = sealCredentials(SECRET, ID, { kind: "bearer", token: "tok-123" });
    expect(sealed).not.toContain("tok-123");
    expect(sealCredentials(SECRET, ID, { kind: "bearer", token: "tok-123" })).not.toBe(sealed); // fresh IV
    expect(openCredentials(SECRET, ID, sealed)).toEqual({ kind: "bearer", token: "tok-123" });
    expect(() => openCredentials("b".repeat(64), ID, sealed)).toThrow(/cannot be opened/);
    expect(() => openCredentials(SECRET, "another-id", sealed)).toThrow(/cannot be opened/);
    const [version, iv, body = ""] = sealed.split(".");
    const flipped = `${version}.${iv}.${body.slice(0, -2)}${body.endsWith("A") ? "B" : "A"}${body.slice(-1)}`;
    expect(() => openCredentials(SECRET, ID, flipped)).toThrow(/cannot be opened/);
  });

  it("take the secret from BULWARK_SECRET, else from a file created once in the data folder", () => {
    expect(instanceSecret(SECRET, "/nonexistent")).toBe(SECRET);
    const folder = mkdtempSync(join(tmpdir(), "bulwark-secret-"));
    const first = instanceSecret(null, folder);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(folder, "secret.key")).mode & 0o777).toBe(0o600);
    expect(instanceSecret(null, folder)).toBe(first);
    expect(readFileSync(join(folder, "secret.key"), "utf8").trim()).toBe(first);
    expect(() => readConfig({ BULWARK_SECRET: "short" })).toThrow(ConfigError);
    expect(readConfig({ BULWARK_SECRET: SECRET }).secret).toBe(SECRET);
  });
});
