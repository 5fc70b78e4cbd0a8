// The demo's risk assessments: loaded with the demo, each seen by its operator, shared with the
// national authority by marking, one review overdue; loading again changes nothing.
import { createClient } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed-demo.ts";
import { injectFetch, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
let password = "";

beforeAll(async () => {
  server = await startTestServer();
  password = (await seedDemo(server.context)).password ?? "";
});
afterAll(() => server.close());

async function signIn(email: string) {
  const client = createClient({
    fetch: injectFetch(server.app),
    cookieJar: true,
    baseUrl: "http://localhost",
  });
  await client.call("login", { body: { email, password } });
  return client;
}

describe("the demo's risk assessments", () => {
  it("are seen by their operators and, but for AMBER+STRICT, by the national authority", async () => {
    const grid = await (await signIn("fatima.nasser@meridiagrid.example")).call("riskRegister", {});
    expect(grid.items.map((item) => item.organisation.name)).toEqual([
      "Meridia Grid – National Transmission System Operator",
      "Meridia Grid – National Transmission System Operator",
    ]);
    expect(grid.reviews.overdue).toBe(1);
    const authority = await (await signIn("tomas.varga@ncipa.meridia.example")).call("riskRegister", {});
    expect(authority.total).toBe(5);
    expect(authority.items.every((item) => item.marking !== "amber+strict")).toBe(true);
    const revised = grid.items.find((item) => item.version === 2);
    expect(revised?.scenario.slug).toBe("uas-attack-on-site");
    expect(grid.trend.length).toBeGreaterThanOrEqual(2);
  });

  it("are loaded once", async () => {
    await seedDemo(server.context);
    const admin = await signIn("admin@bulwark.example");
    expect((await admin.call("riskRegister", {})).total).toBe(6);
  });
});
