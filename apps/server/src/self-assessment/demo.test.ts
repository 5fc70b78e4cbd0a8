// The demo country's self-assessment: the frameworks, a submitted baseline and a draft in progress
// for Meridia's protection authority, whose results compare with the baseline.
import { createClient } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed-demo.ts";
import { injectFetch, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
let password: string;
beforeAll(async () => {
  server = await startTestServer();
  const result = await seedDemo(server.context);
  password = result.password ?? "";
}, 120_000);
afterAll(() => server.close());

describe("demo self-assessment", () => {
  it("gives the authority a submitted baseline and a draft that compares with it", async () => {
    const client = createClient({
      fetch: injectFetch(server.app),
      cookieJar: true,
      baseUrl: "http://localhost",
    });
    await client.call("login", { body: { email: "tomas.varga@ncipa.meridia.example", password } });
    const runs = await client.call("listRuns", {});
    expect(runs.map((run) => run.state)).toEqual(["draft", "submitted"]);
    const [draft, baseline] = runs;
    if (!draft || !baseline) throw new Error("two runs expected");
    const results = await client.call("getRunResults", { params: { id: draft.id } });
    expect(results.previous?.run.id).toBe(baseline.id);
    expect(results.previous?.overall.delta).toBeGreaterThan(0);
    expect(results.gaps[0]?.entries.length).toBeGreaterThan(0);
    // Seeding again changes nothing.
    await seedDemo(server.context);
    expect(await client.call("listRuns", {})).toHaveLength(2);
  });

  it("keeps the runs from other organisations", async () => {
    const client = createClient({
      fetch: injectFetch(server.app),
      cookieJar: true,
      baseUrl: "http://localhost",
    });
    await client.call("login", { body: { email: "johanna.virtanen@rctco.example", password } });
    expect(await client.call("listRuns", {})).toEqual([]);
    const aggregation = await client.call("getAggregation", {
      query: { framework: "unsc-2341", version: 1 },
    });
    // One consenting organisation: every cell is withheld.
    expect(aggregation.rows.every((row) => row.cells.every((cell) => cell.suppressed))).toBe(true);
  });
});
