// Every answer refuses to be framed and to be sniffed; /api/docs (Swagger UI) has a policy of its
// own that loads nothing from elsewhere; behind HTTPS (secure cookies on) browsers are told to keep
// to HTTPS (HSTS).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";

const PAGES = [
  "/api/docs/",
  "/api/docs/static/swagger-initializer.js",
  "/api/health",
  "/api/me",
  "/api/nothing",
];

describe("over HTTPS (secure cookies on)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { secureCookies: true } });
  });
  afterAll(() => server.close());

  it.each(PAGES)("%s carries Strict-Transport-Security", async (url) => {
    const answer = await server.inject({ method: "GET", url });
    expect(answer.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("and so does the sign-in that sets the Secure cookie", async () => {
    const answer = await server.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "member@grid.example", password: PASSWORD },
    });
    expect(String(answer.headers["set-cookie"])).toMatch(/Secure/);
    expect(answer.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  });
});

describe("over plain HTTP (the default)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("sends no HSTS (it would lock browsers out of an HTTP-only install)", async () => {
    const answer = await server.inject({ method: "GET", url: "/api/health" });
    expect(answer.headers["strict-transport-security"]).toBeUndefined();
  });

  it.each([...PAGES, "/taxii2/"])("%s may not be framed and is not sniffed", async (url) => {
    const answer = await server.inject({ method: "GET", url });
    expect(answer.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(answer.headers["x-frame-options"]).toBe("DENY");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("gives Swagger UI only what it uses, from this server: no inline script, no remote host", async () => {
    const answer = await server.inject({ method: "GET", url: "/api/docs/" });
    const csp = String(answer.headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/https?:|'unsafe-eval'/);
    // Every script of the page is a file (script-src 'self' refuses inline code).
    const scripts = [...answer.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, code] of scripts) {
      expect(attributes).toMatch(/src="\.\/static\//);
      expect(code?.trim()).toBe("");
    }
    for (const [, src] of answer.body.matchAll(/(?:src|href)="([^"]+)"/g)) {
      const file = await server.inject({
        method: "GET",
        url: new URL(src ?? "", "http://x/api/docs/").pathname,
      });
      expect(file.statusCode, src).toBe(200);
    }
  });

  it("answers data (JSON) with a policy that loads and runs nothing", async () => {
    const answer = await server.inject({ method: "GET", url: "/api/health" });
    expect(answer.headers["content-security-policy"]).toMatch(/^default-src 'none'/);
  });
});
