// The web app's files go out compressed when the build wrote compressed copies and the browser
// accepts them (Brotli first, then gzip), as they are otherwise; client routes get index.html. The
// build's hashed files may be kept for good, index.html never without asking.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWeb } from "./web.ts";

const SCRIPT = `console.log(${JSON.stringify("Bulwark ".repeat(400))});`;
const PAGE = `<!doctype html><title>Bulwark</title>${"<p>Bulwark</p>".repeat(200)}`;

describe("the built web app", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), "bulwark-web-"));
    mkdirSync(join(root, "assets"));
    for (const [file, text] of [
      ["assets/app.js", SCRIPT],
      ["index.html", PAGE],
    ] as const) {
      writeFileSync(join(root, file), text);
      writeFileSync(join(root, `${file}.br`), brotliCompressSync(text));
      writeFileSync(join(root, `${file}.gz`), gzipSync(text));
    }
    app = Fastify();
    await registerWeb(app, root);
    await app.ready();
  });
  afterAll(() => app.close());

  it("sends a script as Brotli to a browser that accepts it", async () => {
    const answer = await app.inject({ url: "/assets/app.js", headers: { "accept-encoding": "gzip, br" } });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.rawPayload.length).toBeLessThan(SCRIPT.length / 5);
    expect(brotliDecompressSync(answer.rawPayload).toString()).toBe(SCRIPT);
  });

  it("as gzip to one that accepts only gzip", async () => {
    const answer = await app.inject({ url: "/assets/app.js", headers: { "accept-encoding": "gzip" } });
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(answer.rawPayload).toString()).toBe(SCRIPT);
  });

  it("as it is to one that accepts neither", async () => {
    const answer = await app.inject({ url: "/assets/app.js", headers: { "accept-encoding": "identity" } });
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.body).toBe(SCRIPT);
  });

  it("lets browsers keep the build's hashed files for good, and ask again for index.html", async () => {
    const script = await app.inject({ url: "/assets/app.js" });
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const page = await app.inject({ url: "/risk/new" });
    expect(page.headers["cache-control"]).not.toMatch(/immutable/);
    const missing = await app.inject({ url: "/assets/gone.js" });
    expect(missing.headers["cache-control"]).not.toMatch(/immutable/);
  });

  it("sends index.html, compressed too, for a client route", async () => {
    const answer = await app.inject({ url: "/risk/new", headers: { "accept-encoding": "br" } });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(answer.rawPayload).toString()).toBe(PAGE);
  });
});
