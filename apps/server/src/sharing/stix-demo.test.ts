// The whole demo country as STIX 2.1: every item the demo's platform administrator may see and the
// whole registry export as bundles whose every object validates against the OASIS JSON schemas.
import { createClient } from "@bulwark/contracts";
import { CRITICAL_ASSET_TYPE, type StixObject, stixPatternProblem } from "@bulwark/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed-demo.ts";
import { injectFetch, startTestServer, type TestServer } from "../testing.ts";
import { stixProblems } from "./stix-schemas.test-support.ts";

let server: TestServer;
const PASSWORD = "demo password for the stix test";

beforeAll(async () => {
  server = await startTestServer();
  const context = { ...server.context, config: { ...server.context.config, demoPassword: PASSWORD } };
  await seedDemo(context);
}, 120_000);
afterAll(() => server.close());

async function admin() {
  const client = createClient({
    fetch: injectFetch(server.app),
    cookieJar: true,
    baseUrl: "http://localhost",
  });
  await client.call("login", { body: { email: "admin@bulwark.example", password: PASSWORD } });
  return client;
}

const parse = (file: { bytes: Uint8Array }): { objects?: StixObject[] } & Record<string, unknown> =>
  JSON.parse(new TextDecoder().decode(file.bytes));

describe("the demo country as STIX 2.1", () => {
  it("exports every item the platform administrator may see as a valid bundle", async () => {
    const client = await admin();
    const feed = await client.call("listSharedItems", { query: { limit: 200 } });
    const bundle = parse(await client.call("exportSharingStix", { body: { filter: {} } }));
    expect(stixProblems(bundle)).toEqual([]);
    const items = (bundle.objects ?? []).filter(
      (o) => o.type === "report" || o.type === "incident" || o.type === "indicator",
    );
    expect(items.length).toBeGreaterThan(0);
    expect(items).toHaveLength(feed.items.filter((item) => item.publishedAt !== null).length);
    // The demo's indicator with a pattern goes out as a STIX indicator whose pattern parses.
    const indicators = items.filter((o) => o.type === "indicator");
    expect(indicators.length).toBeGreaterThan(0);
    for (const indicator of indicators) expect(stixPatternProblem(String(indicator.pattern))).toBeNull();
  });

  it("exports the whole registry as a valid bundle", async () => {
    const client = await admin();
    const listed = await client.call("listAssets", { query: { limit: 1 } });
    const bundle = parse(await client.call("exportRegistryStix"));
    expect(stixProblems(bundle)).toEqual([]);
    const objects = bundle.objects ?? [];
    expect(objects.filter((o) => o.type === CRITICAL_ASSET_TYPE)).toHaveLength(listed.total);
    expect(objects.filter((o) => o.relationship_type === "depends-on").length).toBeGreaterThan(0);
    expect(objects.filter((o) => o.type === "identity").length).toBeGreaterThan(1);
  });
});
