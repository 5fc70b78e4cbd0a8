// The demo country over TAXII: the platform administrator (of the national authority, a member of
// every demo community) reads and writes the energy community's collection with HTTP Basic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMIN, seedDemo, stableId } from "../demo/seed-demo.ts";
import { startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
const PASSWORD = "demo password for the taxii test";
const MEDIA = "application/taxii+json;version=2.1";
const AUTH = `Basic ${Buffer.from(`${DEMO_ADMIN}:${PASSWORD}`).toString("base64")}`;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo({ ...server.context, config: { ...server.context.config, demoPassword: PASSWORD } });
}, 180_000);
afterAll(() => server.close());

describe("the TAXII demo", () => {
  it("lets the demo platform admin read and write the energy community's collection", async () => {
    const energy = stableId("community:Energy sector – national");
    const headers = { authorization: AUTH, accept: MEDIA };
    const collections = await server.inject({ method: "GET", url: "/taxii2/api/collections/", headers });
    expect(collections.statusCode).toBe(200);
    const listed = JSON.parse(collections.body).collections;
    expect(listed).toContainEqual(expect.objectContaining({ id: energy, can_read: true, can_write: true }));
    const indicator = {
      type: "indicator",
      spec_version: "2.1",
      id: "indicator--3f1d2c4b-5a69-4e7f-8d0c-1b2a3c4d5e6f",
      created: "2026-11-24T09:00:00.000Z",
      modified: "2026-11-24T09:00:00.000Z",
      name: "Demo: scanning source (documentation range)",
      pattern: "[ipv4-addr:value = '203.0.113.77']",
      pattern_type: "stix",
      valid_from: "2026-11-24T09:00:00Z",
    };
    const posted = await server.inject({
      method: "POST",
      url: `/taxii2/api/collections/${energy}/objects/`,
      headers: { ...headers, "content-type": MEDIA },
      payload: JSON.stringify({ objects: [indicator] }),
    });
    expect(posted.statusCode).toBe(202);
    expect(JSON.parse(posted.body)).toMatchObject({ status: "complete", success_count: 1 });
    const read = await server.inject({
      method: "GET",
      url: `/taxii2/api/collections/${energy}/objects/${indicator.id}/`,
      headers,
    });
    expect(JSON.parse(read.body).objects).toEqual([indicator]);
  });
});
