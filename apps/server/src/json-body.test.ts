// Large JSON bodies parsed in slices (issue 14): a route that takes more than the default megabyte
// (here the STIX import) answers exactly as Fastify's own parser would for bodies that are not
// JSON, too large or empty; refuses text the database cannot store as every route does; imports
// what it imported before; and lets other requests through while it parses.
import { insertCommunity, setCommunityOrganisations } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
let authorization = "";
let energy: string;

beforeAll(async () => {
  server = await startTestServer();
  const now = server.context.clock();
  energy = await insertCommunity(server.db, { name: "Energy ISAC", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [server.cast.organisations.authority]);
  const admin = await server.client("admin@authority.example");
  authorization = `Bearer ${(await admin.call("createToken", { body: { name: "json", scopes: ["read", "write"] } })).token}`;
});
afterAll(() => server.close());

const STIX = () => `/api/sharing/stix/imports?collection=${energy}`;
// A route of the default megabyte, parsed by Fastify's own JSON parser.
const SMALL = "/api/sharing/items";

const post = (url: string, payload: string | Buffer, headers: Record<string, string> = {}) =>
  server.inject({
    method: "POST",
    url,
    headers: { authorization, "content-type": "application/json", ...headers },
    payload,
  });

const indicator = (n: number, name = `Indicator ${n}`) => ({
  type: "indicator",
  spec_version: "2.1",
  id: `indicator--${n.toString(16).padStart(8, "0")}-5b6a-4798-8a1b-2c3d4e5f6a7b`,
  created: "2026-01-05T10:00:00.000Z",
  modified: "2026-01-05T10:00:00.000Z",
  name,
  pattern: "[domain-name:value = 'relay.example.org']",
  pattern_type: "stix",
  valid_from: "2026-01-05T10:00:00Z",
});
const bundleText = (objects: unknown[]) =>
  JSON.stringify({ type: "bundle", id: "bundle--0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d", objects });

describe("large JSON bodies parsed in slices", () => {
  it.each([
    ["an empty body", ""],
    ["text that is not JSON", '{"type":"bundle",'],
    ["a trailing comma", '{"type":"bundle","objects":[1,]}'],
    ["text after the value", '{"type":"bundle"} x'],
    ["a __proto__ key", '{"type":"bundle","objects":[{"__proto__":{"x":1}}]}'],
    ["a constructor with a prototype", '{"constructor":{"prototype":{}}}'],
    ["a NUL that is not escaped", '{"type":"bundle\u0000"}'],
    ["a large body that is not JSON at its end", `${bundleText([indicator(1)]).repeat(2_000)}`],
  ])("answers %s as Fastify's own parser does", async (_case, payload) => {
    for (const language of ["en", "fr", "ar"]) {
      const sliced = await post(STIX(), payload, { "accept-language": language });
      const whole = await post(SMALL, payload, { "accept-language": language });
      expect(sliced.statusCode).toBe(400);
      expect(sliced.headers["content-type"]).toMatch(/application\/problem\+json/);
      const { instance: _a, ...answer } = sliced.json();
      const { instance: _b, ...expected } = whole.json();
      // A body larger than the small route's megabyte is refused there for its size instead.
      if (whole.statusCode === 413) expect(answer.title).toMatch(/JSON/);
      else expect(answer).toEqual(expected);
    }
  });

  it("refuses a body larger than the route's limit with 413, before reading it", async () => {
    const response = await post(STIX(), "{}", { "content-length": String(101 * 1024 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ type: "urn:bulwark:problem:too-large", status: 413 });
    expect(response.json().detail).toMatch(/100/);
  });

  it("refuses NUL and unpaired surrogates with 400 naming where, in the caller's language", async () => {
    const many = Array.from({ length: 4_000 }, (_, n) => indicator(n));
    for (const [bad, path, said] of [
      ["a\u0000b", "body.objects.3999.name", /NUL/],
      ["a\ud800b", "body.objects.3999.name", /UTF-16/],
    ] as const) {
      const payload = bundleText([...many.slice(0, 3_999), indicator(3_999, bad)]);
      expect(payload.length).toBeGreaterThan(1_048_576);
      const response = await post(STIX(), payload, { "accept-language": "fr" });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ path, message: expect.stringMatching(said) }]);
      expect(response.headers["content-language"]).toBe("fr");
    }
  });

  it("imports what it imported before: escapes, pairs and a backslash before u0000 intact", async () => {
    const names = ["\\u0000 is six characters", 'é 😀 \u2028 \\ " / \t', "x".repeat(40_000)];
    const objects = [
      ...names.map((name, n) => indicator(10_000 + n, name)),
      ...Array.from({ length: 2_500 }, (_, n) => indicator(20_000 + n)),
    ];
    const response = await post(STIX(), Buffer.from(bundleText(objects)));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ total: objects.length, added: objects.length, refused: [] });
    const held = await server.inject({
      method: "GET",
      url: `/api/sharing/stix/collections/${energy}/objects/${indicator(10_001).id}`,
      headers: { authorization },
    });
    expect(held.json().object.name).toBe(names[1]);
  });

  it("answers other requests while it parses a large body", async () => {
    // About 8 MB that turn out not to be JSON at their very end: only parsing happens.
    const payload = `${bundleText(Array.from({ length: 30_000 }, (_, n) => indicator(n))).slice(0, -1)},`;
    let parsed = false;
    const importing = post(STIX(), payload).then((response) => {
      parsed = true;
      return response;
    });
    let answeredMeanwhile = 0;
    while (!parsed) {
      // A poll every few milliseconds, as a load balancer's.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const health = await server.inject({ method: "GET", url: "/api/health" });
      if (!parsed && health.statusCode === 200) answeredMeanwhile++;
    }
    expect((await importing).statusCode).toBe(400);
    expect(answeredMeanwhile).toBeGreaterThan(2);
  });
});
