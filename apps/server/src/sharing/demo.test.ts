// The sharing demo on the demo country: each marking reaches whom it should, the AMBER alert waits
// for acknowledgements, and Meridia Grid's four-eyes item waits for its second person.
import { createClient } from "@bulwark/contracts";
import { rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capSchemaErrors } from "../cap/cap-schema.test-support.ts";
import { seedDemo } from "../demo/seed-demo.ts";
import { injectFetch, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
const PASSWORD = "demo password for the sharing test";

beforeAll(async () => {
  server = await startTestServer();
  const context = { ...server.context, config: { ...server.context.config, demoPassword: PASSWORD } };
  await seedDemo(context);
}, 120_000);
afterAll(() => server.close());

async function as(email: string) {
  const client = createClient({
    fetch: injectFetch(server.app),
    cookieJar: true,
    baseUrl: "http://localhost",
  });
  await client.call("login", { body: { email, password: PASSWORD } });
  return client;
}

describe("the sharing demo", () => {
  it("shows the energy community its AMBER alert, awaiting acknowledgement, and hides it from a bank", async () => {
    const solano = await as("yuki.tanaka@solanopower.example");
    const feed = await solano.call("listSharedItems", { query: { tlp: "amber" } });
    const alert = feed.items.find((item) => item.title.startsWith("Night-time drone"));
    expect(alert?.acknowledgement).toBeNull();
    const bank = await as("hugo.lambert@coastalbank.example");
    const seen = await bank.call("listSharedItems", { query: {} });
    expect(new Set(seen.items.map((item) => item.tlp))).toEqual(new Set(["clear"]));

    const sender = await as("tomas.varga@ncipa.meridia.example");
    if (!alert) throw new Error("The demo alert is missing.");
    const acks = await sender.call("listAcknowledgements", { params: { id: alert.id } });
    expect(acks.received).toBe(1);
    expect(acks.pending).toBeGreaterThan(0);
  });

  it("keeps the RED notice to its named people and holds Meridia Grid's item for a second person", async () => {
    const named = await as("meilin.zhou@crisis.interior.meridia.example");
    expect((await named.call("listSharedItems", { query: { tlp: "red" } })).total).toBe(1);
    const colleague = await as("rafael.ortega@crisis.interior.meridia.example");
    expect((await colleague.call("listSharedItems", { query: { tlp: "red" } })).total).toBe(0);
    const approver = await as("henrik.aalto@meridiagrid.example");
    const queue = await approver.call("listSharedItems", { query: { status: "awaiting-approval" } });
    expect(queue.total).toBe(1);
  });

  it("fills the communities' TAXII collections with the published CLEAR, GREEN and AMBER items only", async () => {
    const rows = rowsOf<{ tlp: string; status: string }>(
      await server.db.execute(sql`select distinct shared_items.tlp, shared_items.status from stix_objects
        join shared_items on shared_items.id = stix_objects.shared_item_id`),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(["clear", "green", "amber"]).toContain(row.tlp);
      expect(row.status).toBe("published");
    }
  });

  it("publishes the public alert in the CAP feed, and keeps the AMBER alert's CAP to its audience", async () => {
    const feed = await server.app.inject({ method: "GET", url: "/api/cap/alerts.atom" });
    expect(feed.body).toContain("Public alert: drone sightings near the Port Aster waterfront");
    expect(feed.body).not.toContain("Night-time drone overflights");
    const link = /href="http:\/\/localhost(?::\d+)?(\/api\/cap\/alerts\/[0-9a-f-]{36}\.xml)"/.exec(
      feed.body,
    )?.[1];
    if (!link) throw new Error("The feed links to no CAP message.");
    const cap = await server.app.inject({ method: "GET", url: link });
    expect(await capSchemaErrors(cap.body)).toEqual([]);
    expect(cap.body).toContain("<polygon>");

    const solano = await as("yuki.tanaka@solanopower.example");
    const amber = (await solano.call("listSharedItems", { query: { tlp: "amber", type: "alert" } })).items[0];
    if (!amber) throw new Error("The demo AMBER alert is missing.");
    const url = (await solano.call("getSharedItem", { params: { id: amber.id } })).cap?.url ?? "";
    expect((await server.app.inject({ method: "GET", url })).statusCode).toBe(404);
  });
});
