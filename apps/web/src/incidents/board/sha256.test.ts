// The browser's SHA-256 of an evidence file is the standard one, in the form the server takes.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Of } from "./sha256.ts";

describe("sha256Of", () => {
  it("gives FIPS 180-2's digest of “abc” and of the empty file", async () => {
    expect(await sha256Of(new Blob(["abc"]))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(await sha256Of(new Blob([]))).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("agrees with Node's hash on binary content, as 64 lowercase hexadecimal digits", async () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256);
    const hash = await sha256Of(new Blob([bytes]));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});
