// The incidents demo on the demo country: a closed incident (sabotage at a substation, under the EU
// CER regime, three days to full recovery) and an open one, seen by the watch desk and the filers,
// hidden from a bank; the closed one's recovery curve ends with everything back.
import { createClient } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed-demo.ts";
import { injectFetch, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
const PASSWORD = "demo password for the incidents test";

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

describe("the incidents demo", () => {
  it("shows the watch desk one closed and one open incident, with a three-day recovery", async () => {
    const watch = await as("tomas.varga@ncipa.meridia.example");
    const list = await watch.call("listIncidents");
    expect(list.items.map((i) => [i.state, i.regime]).sort()).toEqual([
      ["closed", "eu-cer-article-15"],
      ["responding", "eu-cer-article-15"],
    ]);
    const closed = list.items.find((i) => i.state === "closed");
    if (!closed) throw new Error("The closed demo incident is missing.");
    const detail = await watch.call("getIncident", { params: { id: closed.id } });
    expect(detail.type).toBe("sabotage");
    expect(detail.threatFamily).toBe("sabotage");
    // Proposed as significant by the grid operator, set to major by the authority.
    expect([detail.severity, detail.severityAssessed]).toEqual(["major", true]);
    expect(closed.assetCounts).toEqual({ visible: 2, hidden: 0 });
    expect(detail.states.map((s) => s.state)).toEqual([
      "reported",
      "acknowledged",
      "responding",
      "recovering",
      "closed",
    ]);
    const recovery = await watch.call("incidentRecovery", { params: { id: closed.id } });
    const first = recovery.curve[0];
    const last = recovery.curve.at(-1);
    expect(first?.at).toBe(detail.startedAt);
    expect(first?.populationWithoutService).toBeGreaterThan(0);
    expect(last).toMatchObject({ assetsDown: 0, populationWithoutService: 0 });
    expect(Date.parse(last?.at ?? "") - Date.parse(detail.startedAt)).toBe(72 * 3_600_000);
    const open = list.items.find((i) => i.state !== "closed");
    if (!open) throw new Error("The open demo incident is missing.");
    expect([open.severity, open.severityAssessed]).toEqual(["major", false]);
    const projection = await watch.call("incidentProjection", { params: { id: open.id } });
    expect(projection.failed.length).toBeGreaterThan(0);
  });

  it("shows each filer its own incident and hides both from a bank", async () => {
    const grid = await as("fatima.nasser@meridiagrid.example");
    expect((await grid.call("listIncidents")).items.map((i) => i.state)).toEqual(["closed"]);
    const water = await as("grace.mwangi@meridiawater.example");
    expect((await water.call("listIncidents")).items.map((i) => i.state)).toEqual(["responding"]);
    const bank = await as("hugo.lambert@coastalbank.example");
    expect((await bank.call("listIncidents")).total).toBe(0);
  });
});
