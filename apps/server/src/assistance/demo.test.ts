// The demo country's technical assistance: the authority's needs drawn from its baseline's gaps,
// offers from the regional office and the university, one engagement under way; a provider not
// addressed (the sector ISAC) sees none of the needs.
import { type Client, createClient } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed-demo.ts";
import { injectFetch, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
let password: string;
beforeAll(async () => {
  server = await startTestServer();
  password = (await seedDemo(server.context)).password ?? "";
}, 120_000);
afterAll(() => server.close());

async function as(email: string): Promise<Client> {
  const client = createClient({
    fetch: injectFetch(server.app),
    cookieJar: true,
    baseUrl: "http://localhost",
  });
  await client.call("login", { body: { email, password } });
  return client;
}

describe("demo assistance", () => {
  it("turns the authority's baseline gaps into needs that the regional office matches and engages on", async () => {
    const authority = await as("tomas.varga@ncipa.meridia.example");
    const needs = await authority.call("listAssistanceNeeds", {});
    expect(needs.total).toBe(3);
    expect(needs.items.every((need) => need.source.runId !== null && need.section === need.theme)).toBe(true);
    const regional = await as("johanna.virtanen@rctco.example");
    const engagements = await regional.call("listAssistanceEngagements", {});
    expect(engagements.items.map((item) => item.status)).toEqual(["active"]);
    const engaged = engagements.items[0];
    expect(engaged?.milestones).toHaveLength(3);
    const offers = await authority.call("listAssistanceOffers", {});
    expect(new Set(offers.items.map((offer) => offer.organisation.id)).size).toBe(2);
    const open = needs.items.find((need) => need.status === "open");
    if (!open) throw new Error("an open need expected");
    const matches = await authority.call("listAssistanceMatches", { query: { need: open.id } });
    expect(matches.items.length).toBeGreaterThan(0);
    const isac = await as("bjorn.eriksen@meridia-eisac.example");
    expect((await isac.call("listAssistanceNeeds", {})).total).toBe(0);
    // Seeding again changes nothing.
    await seedDemo(server.context);
    expect((await authority.call("listAssistanceNeeds", {})).total).toBe(3);
  });
});
