// Text the database cannot store (NUL, unpaired surrogates) is refused with 400 problem+json
// naming where it is, on every route (issue 12, finding 22); and strings full of such characters
// and other controls, thrown at every endpoint of the table by a signed-in platform administrator,
// never make the server answer 500.
import { type EndpointDef, endpoints } from "@bulwark/contracts";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
let authorization = "";

beforeAll(async () => {
  server = await startTestServer();
  const admin = await server.client("admin@authority.example");
  authorization = `Bearer ${(await admin.call("createToken", { body: { name: "fuzz", scopes: ["read", "write", "taxii"] } })).token}`;
});
afterAll(() => server.close());

/** Percent-encoding that also carries unpaired surrogates (as WTF-8 bytes), as a hostile client may. */
function percentEncoded(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff)
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    else out += encodeURIComponent(char);
  }
  return out;
}

const shapeKeys = (schema: unknown): string[] =>
  typeof schema === "object" && schema !== null && "shape" in schema && typeof schema.shape === "object"
    ? Object.keys(schema.shape ?? {})
    : [];

const ANY_ID = "00000000-0000-4000-8000-000000000000";

async function send(def: EndpointDef, params: string, query: Record<string, string>, body: unknown) {
  const path = def.path.replace(/:(\w+)/g, (_match, name: string) =>
    name === "id" && params === "" ? ANY_ID : percentEncoded(params),
  );
  const search = Object.entries(query)
    .map(([key, value]) => `${key}=${percentEncoded(value)}`)
    .join("&");
  const hasBody = def.method !== "GET" && def.method !== "DELETE";
  const contentType = def.upload ? "application/pdf" : "application/json";
  if (def.stream) return openedStream(search ? `${path}?${search}` : path, params);
  return server.inject({
    method: def.method,
    url: search ? `${path}?${search}` : path,
    headers: { authorization, ...(hasBody ? { "content-type": contentType } : {}) },
    ...(hasBody ? { payload: def.upload ? Buffer.from("%PDF-1.4\u0000") : JSON.stringify(body) } : {}),
  });
}

/** A stream's only free text is the Last-Event-ID a reconnecting browser sends: it gets the bad text. */
function openedStream(url: string, text: string) {
  // A header carries bytes, not any text: what it cannot carry is sent as "?".
  const lastEventId = text.replace(/[^\x20-\x7e\x80-\xff]/g, "?");
  return server.openStream(url, { authorization, "last-event-id": lastEventId });
}

describe("text the database cannot store", () => {
  it.each([
    [
      "a NUL in a JSON body",
      "POST",
      "/api/sharing/items",
      { type: "report", title: "a\u0000b", body: "" },
      "body.title",
    ],
    ["an unpaired surrogate in a JSON body", "POST", "/api/sharing/items", { title: "\ud800" }, "body.title"],
    ["a NUL in a search of shared items", "GET", "/api/sharing/items?q=a%00b", undefined, "query.q"],
    ["a NUL in a search of assets", "GET", "/api/assets?q=a%00b", undefined, "query.q"],
    ["a NUL in a path parameter", "GET", "/api/sharing/items/a%00b", undefined, "params.id"],
    [
      "a NUL in a nested name",
      "POST",
      "/api/sharing/items",
      { warning: { "e\u0000": 1 } },
      'body.warning."e\\u0000"',
    ],
  ])("refuses %s with 400 naming where it is", async (_case, method, url, payload, path) => {
    const response = await server.inject({
      method: method === "GET" ? "GET" : "POST",
      url,
      headers: { authorization, "content-type": "application/json" },
      ...(payload ? { payload: JSON.stringify(payload) } : {}),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(response.json().errors).toEqual([{ path, message: expect.stringMatching(/NUL|surrogate/) }]);
  });

  it("refuses it on the routes beside the table too (CAP)", async () => {
    const response = await server.inject({ method: "GET", url: "/api/cap/alerts/a%00b.xml" });
    expect(response.statusCode).toBe(400);
  });

  const nasty = fc.string({
    unit: fc.constantFrom(
      "\u0000",
      "\ud800",
      "\udfff",
      "\u0007",
      "\u001b",
      "\ufffe",
      "'",
      "%",
      "\\",
      "a",
      "1",
      "é",
      "😀",
    ),
    minLength: 1,
    maxLength: 12,
  });
  const table = Object.entries(endpoints).filter(([name]) => name !== "logout");

  it.each(table)("%s never answers 500, whatever the text", async (_name, endpoint) => {
    const def: EndpointDef = endpoint;
    const queryKeys = shapeKeys(def.query);
    const bodyKeys = shapeKeys(def.body);
    // Each field alone (so the others' validation does not stop it first), holding each bad character ...
    for (const bad of ["a\u0000b", "a\ud800", "\u0007\u001b"]) {
      const answers = [
        await send(def, bad, {}, {}),
        ...queryKeys.map((key) => send(def, "", { [key]: bad }, {})),
        ...bodyKeys.map((key) => send(def, "", {}, { [key]: bad })),
      ];
      for (const response of await Promise.all(answers))
        expect(response.statusCode, response.body).toBeLessThan(500);
    }
    // ... then all of them at once, with random mixes.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nasty, fc.constant("")),
        fc.array(nasty, { minLength: queryKeys.length, maxLength: queryKeys.length }),
        fc.array(nasty, { minLength: bodyKeys.length, maxLength: bodyKeys.length }),
        async (param, queryValues, bodyValues) => {
          const query = Object.fromEntries(queryKeys.map((key, index) => [key, queryValues[index] ?? ""]));
          const body = Object.fromEntries(bodyKeys.map((key, index) => [key, bodyValues[index] ?? ""]));
          const response = await send(def, param, query, body);
          expect(response.statusCode, response.body).toBeLessThan(500);
        },
      ),
      { numRuns: 3 },
    );
  });
});
