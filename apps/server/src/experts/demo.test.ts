// The demo country's expert network: loaded once with the demo, each profile and question seen by
// the audience it was given.
import { createClient } from "@bulwark/contracts";
import { rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
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

const as = async (email: string) => {
  const client = createClient({
    fetch: injectFetch(server.app),
    cookieJar: true,
    baseUrl: "http://localhost",
  });
  await client.call("login", { body: { email, password } });
  return client;
};

describe("the demo expert network", () => {
  it("shows each profile to the audience its expert chose", async () => {
    // A port's member: in the transport community, not the energy or water ones.
    const port = await as("olga.sorensen@portaster-ports.example");
    const seen = await port.call("searchExperts");
    expect(seen.items.map((expert) => expert.name).sort()).toEqual(["Linh Tran", "Tariq Hussain"]);
    expect(seen.items.find((expert) => expert.name === "Tariq Hussain")?.email).toBe(
      "tariq.hussain@iir.uni-meridia.example",
    );
    // The energy ISAC shares the energy community with Meridia Grid.
    const isac = await as("amina.diallo@meridia-eisac.example");
    expect(
      (await isac.call("searchExperts", { query: { q: "tabletop" } })).items.map((expert) => expert.name),
    ).toEqual(["Fatima Nasser"]);
    const water = await as("grace.mwangi@meridiawater.example");
    expect((await water.call("searchExperts", { query: { q: "insider" } })).total).toBe(1);
  });

  it("has an answered question for everyone and an open one for the energy community", async () => {
    const port = await as("olga.sorensen@portaster-ports.example");
    expect((await port.call("listQuestions")).items.map((question) => question.status)).toEqual(["answered"]);
    const gas = await as("zainab.yusuf@transmeridia-gas.example");
    expect((await gas.call("listQuestions")).items.map((question) => question.status)).toEqual([
      "open",
      "answered",
    ]);
    const aisha = await as("aisha.bello@meridiarail.example");
    expect((await aisha.call("unreadNotifications")).count).toBe(1);
  });

  it("has a short discussion on an entry, and is loaded only once", async () => {
    const hannah = await as("hannah.becker@nesa.meridia.example");
    const thread = await hannah.call("getEntryDiscussion", {
      params: { slug: "cisa-tabletop-exercise-packages" },
    });
    expect(thread.posts.map((post) => post.author.name)).toEqual(["Hannah Becker", "Fatima Nasser"]);
    expect((await hannah.call("listNotifications")).items[0]?.subject.slug).toBe(
      "cisa-tabletop-exercise-packages",
    );
    await seedDemo(server.context);
    const [row] = rowsOf<{ n: number }>(
      await server.db.execute(sql`select count(*)::int as n from expert_profiles`),
    );
    expect(row?.n).toBe(4);
  });
});
