import { endpoints } from "@bulwark/contracts";
import { knownMigrations } from "@bulwark/db";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("health", () => {
  it("answers ok with the database's state, to anyone", async () => {
    const response = await server.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      status: "ok",
      database: { kind: server.database.kind, ok: true, migration: knownMigrations().at(-1) },
    });
  });
});

describe("OpenAPI document", () => {
  it("is valid OpenAPI 3.1 and describes every endpoint of the contract", async () => {
    const response = await server.inject({ method: "GET", url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const [name, endpoint] of Object.entries(endpoints)) {
      const path = endpoint.path.replace(/:([a-zA-Z]+)/g, "{$1}");
      expect(document.paths[path]?.[endpoint.method.toLowerCase()]?.operationId, name).toBe(name);
    }
  });

  it("serves a browsable reference page without any CDN", async () => {
    const response = await server.inject({ method: "GET", url: "/api/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("swagger-ui");
    expect(response.body).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\/[^"']*\.(js|css)/i);
  });
});

describe("errors", () => {
  it("answers unknown routes with problem+json", async () => {
    const response = await server.inject({ method: "GET", url: "/api/nothing-here" });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, title: "Not found" });
  });

  it("answers malformed JSON with a 400 problem", async () => {
    const response = await server.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
  });

  it("names each invalid field", async () => {
    const response = await server.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "not-an-email", password: "" },
    });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      "body.email",
      "body.password",
    ]);
  });
});
