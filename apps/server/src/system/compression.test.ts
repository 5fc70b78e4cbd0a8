// Large JSON reads go out gzipped to a client that accepts gzip, and read the same once unzipped;
// small answers, clients that do not accept gzip, writes and the session's answers (the CSRF token)
// go out as they are.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, type TestServer } from "../testing.ts";
import { COMPRESS_FROM_BYTES } from "./compression.ts";

describe("compression of the API's answers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("gzips a large JSON read for a client that accepts gzip: the same JSON once unzipped", async () => {
    const plain = await server.inject({ method: "GET", url: "/api/openapi.json" });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_FROM_BYTES);
    expect(plain.headers.vary).toMatch(/accept-encoding/);

    const zipped = await server.inject({
      method: "GET",
      url: "/api/openapi.json",
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/accept-encoding/);
    expect(zipped.headers["content-type"]).toMatch(/^application\/json/);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(Number(zipped.headers["content-length"])).toBe(zipped.rawPayload.length);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString("utf8"))).toEqual(plain.json());
  });

  it("sends it plain to a client that refuses gzip (q=0)", async () => {
    const answer = await server.inject({
      method: "GET",
      url: "/api/openapi.json",
      headers: { "accept-encoding": "gzip;q=0, identity" },
    });
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.json()).toHaveProperty("openapi");
  });

  it("leaves small answers plain", async () => {
    const answer = await server.inject({
      method: "GET",
      url: "/api/health",
      headers: { "accept-encoding": "gzip" },
    });
    expect(answer.rawPayload.length).toBeLessThan(COMPRESS_FROM_BYTES);
    expect(answer.headers["content-encoding"]).toBeUndefined();
  });

  it("never compresses the session's answers, which carry the CSRF token", async () => {
    const session = await signedIn(server, "member@grid.example");
    const answer = await server.inject({
      method: "GET",
      url: "/api/me",
      headers: { cookie: session.cookie, "accept-encoding": "gzip" },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.json()).toHaveProperty("csrfToken");
  });
});
