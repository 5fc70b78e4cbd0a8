// The exercises demo on the demo country: a completed tabletop (drones over substations) with its
// ratings, AAR/IP and corrective actions in the tracker, and a functional exercise being planned;
// players see what reached them, a bank sees neither.
import { createClient } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed-demo.ts";
import { readPdf } from "../pdf/testing.ts";
import { injectFetch, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
const PASSWORD = "demo password for the exercises test";

beforeAll(async () => {
  server = await startTestServer();
  const context = { ...server.context, config: { ...server.context.config, demoPassword: PASSWORD } };
  await seedDemo(context);
}, 180_000);
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

describe("the exercises demo", () => {
  it("shows the director a completed tabletop with its AAR/IP and a functional exercise in planning", async () => {
    const director = await as("tomas.varga@ncipa.meridia.example");
    const list = await director.call("listExercises");
    expect(list.items.map((e) => [e.type, e.status]).sort()).toEqual([
      ["functional", "planning"],
      ["tabletop", "completed"],
    ]);
    const tabletop = list.items.find((e) => e.type === "tabletop");
    if (!tabletop) throw new Error("The demo tabletop is missing.");
    const msel = await director.call("listExerciseInjects", { params: { id: tabletop.id } });
    expect(msel.items).toHaveLength(5);
    expect(msel.items.every((i) => i.status === "delivered")).toBe(true);
    const truth = await director.call("exerciseScenario", { params: { id: tabletop.id } });
    expect(truth.cascade.failed.length).toBeGreaterThan(2);
    const plan = await director.call("listExerciseCorrectiveActions", { params: { id: tabletop.id } });
    expect(plan.items).toHaveLength(2);
    const tracker = await director.call("listEventActions", { query: { eventId: plan.eventId ?? "" } });
    expect(tracker.items.map((a) => a.id).sort()).toEqual(plan.items.map((a) => a.id).sort());
    const file = await director.call("exerciseAar", { params: { id: tabletop.id } });
    const { flat } = await readPdf(file.bytes);
    expect(flat).toContain("Drones over substations");
    expect(flat).toContain("Rating: M: Performed with major challenges");
    expect(flat).toContain("Keep a warning list of dependent operators for each substation");
  });

  it("shows a player only its own injects, and a bank nothing", async () => {
    const water = await as("grace.mwangi@meridiawater.example");
    const list = await water.call("listExercises");
    expect(list.items.map((e) => e.role)).toEqual(["player", "player"]);
    const tabletop = list.items.find((e) => e.type === "tabletop");
    const inbox = await water.call("listExerciseInjects", { params: { id: tabletop?.id ?? "" } });
    expect(inbox.items.map((i) => i.sender)).toEqual(["Marilstad plant operator", "Local radio"]);
    const bank = await as("hugo.lambert@coastalbank.example");
    expect((await bank.call("listExercises")).total).toBe(0);
  });
});
