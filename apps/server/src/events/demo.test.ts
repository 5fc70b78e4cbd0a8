// The demo country's workshop: loaded once with the demo, every material and outcome pointing at
// an entry the shipped compendium really has, and follow-up actions in every state the tracker
// shows (two done, one overdue).
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

const signIn = async (email: string) => {
  const client = createClient({
    fetch: injectFetch(server.app),
    cookieJar: true,
    baseUrl: "http://localhost",
  });
  await client.call("login", { body: { email, password } });
  return client;
};

describe("the demo workshop", () => {
  it("has an agenda, materials linked to shipped entries, outcomes and actions in every state", async () => {
    const member = await signIn("aisha.bello@meridiarail.example");
    const list = await member.call("listEvents", { query: { when: "past" } });
    expect(list.items).toHaveLength(1);
    const event = await member.call("getEvent", { params: { id: list.items[0]?.id ?? "" } });
    expect(event.host.name).toBe("National Critical Infrastructure Protection Authority");
    expect(event.sessions).toHaveLength(5);
    expect(event.materials).toHaveLength(6);
    expect(event.materials.every((material) => material.entry !== null)).toBe(true);
    expect(event.outcomes.map((outcome) => outcome.entries.length)).toEqual([1, 1, 2]);
    expect(event.participantList.names).toBe(true); // a participant herself
    const tracker = await member.call("listEventActions", { query: { eventId: event.id } });
    expect(tracker.total).toBe(5);
    expect(tracker.counts).toEqual({ open: 2, "in-progress": 1, done: 2, dropped: 0, overdue: 1 });
  });

  it("is loaded once", async () => {
    await seedDemo(server.context);
    const member = await signIn("aisha.bello@meridiarail.example");
    expect((await member.call("listEvents", {})).total).toBe(1);
  });
});
