// The daily sending of the federated aggregates (issue 20, item 6; ADR 0028): with a consent in
// force, the schedule of every server process looks every hour, and under an advisory lock one of
// them sends once the last sending is a day old. Two schedulers (on PostgreSQL: two connections,
// as two processes would hold) ticking at once send once. Each sending is listed for the national
// authority with what came of it, and only for it.
import { createServer } from "node:net";
import type { Client } from "@bulwark/contracts";
import { type Connection, connect, insertUser, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import type { ServerContext } from "../context.ts";
import { FEDERATION_CHECK_MS } from "../system/schedule.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { FEDERATION_SEND_EVERY_MS, sendIfDue } from "./sending.ts";

let national: TestServer;
let hub: TestServer;
let hubUrl = "";
let chief: Client;
let token = "";
/** The second scheduler's context: another connection to the same database on PostgreSQL. */
let other: ServerContext;
let otherConnection: Connection | null = null;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

const receipts = async () =>
  rowsOf<{ n: number }>(await hub.db.execute(sql`select count(*)::int as n from federation_receipts`))[0]?.n;

/** Both installations' clocks move together (the hub refuses a payload dated far from its own). */
const advance = async (ms: number) => {
  national.advance(ms);
  hub.advance(ms);
  chief = await national.client("chief@authority.example"); // the session ended meanwhile
};

beforeAll(async () => {
  const port = await freePort();
  hubUrl = `http://127.0.0.1:${port}`;
  [hub, national] = await Promise.all([
    startTestServer({ config: { publicUrl: hubUrl } }),
    startTestServer({
      scheduled: true,
      env: { BULWARK_OUTBOUND_ALLOW: `127.0.0.1:${port}`, BULWARK_FEDERATION_K: "3" },
    }),
  ]);
  await hub.app.listen({ port, host: "127.0.0.1" });
  await insertUser(
    national.db,
    {
      email: "chief@authority.example",
      name: "chief",
      organisationId: national.cast.organisations.authority,
      roles: ["organisation-admin"],
      passwordHash: await hashPassword(PASSWORD),
    },
    national.context.clock(),
  );
  chief = await national.client("chief@authority.example");
  const { publicKey } = await (await national.client()).call("getFederationIdentity", {});
  const registered = await (await hub.client("admin@authority.example")).call("createFederationPeer", {
    body: { name: "Republic of Meridia", country: "XM", publicKey },
  });
  token = registered.token;
  if (national.database.url) {
    otherConnection = await connect({ url: national.database.url });
    other = { ...national.context, connection: otherConnection, db: otherConnection.db };
  } else other = national.context; // PGlite: one process holds the database
}, 120_000);
afterAll(async () => {
  await otherConnection?.close();
  await Promise.all([hub.close(), national.close()]);
});

describe("the scheduled sending", () => {
  it("sends nothing without a consent in force", async () => {
    expect(await national.runDueJobs()).toBeGreaterThan(0);
    expect(await sendIfDue(other)).toBeNull();
    expect(await chief.call("listFederationSendings", {})).toEqual({
      items: [],
      schedule: { everyHours: 24, nextAt: null },
    });
  });

  it("sends once a day under consent, once however many schedulers tick at once", async () => {
    await chief.call("recordFederationConsent", { body: { hubUrl, hubToken: token } });
    expect((await chief.call("listFederationSendings", {})).schedule.nextAt).toBe(
      national.context.clock().toISOString(),
    );
    // The server's own schedule and a second scheduler tick together: one sends.
    const [, second] = await Promise.all([national.runDueJobs(), sendIfDue(other)]);
    expect(await receipts()).toBe(1);
    expect(second === null || second === "sent").toBe(true);
    const first = await chief.call("listFederationSendings", {});
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({
      hubUrl,
      trigger: "schedule",
      sentBy: null,
      result: "sent",
      status: 201,
      received: { k: 5 },
    });
    expect(first.schedule.nextAt).toBe(
      new Date(national.context.clock().getTime() + FEDERATION_SEND_EVERY_MS).toISOString(),
    );

    // An hour on: both look, neither sends.
    await advance(FEDERATION_CHECK_MS);
    await Promise.all([national.runDueJobs(), sendIfDue(other), sendIfDue(other)]);
    expect(await receipts()).toBe(1);

    // A day on: due again, and again sent once.
    await advance(FEDERATION_SEND_EVERY_MS);
    const results = await Promise.all([sendIfDue(other), national.runDueJobs(), sendIfDue(national.context)]);
    expect(await receipts()).toBe(2);
    expect(results.filter((result) => result === "sent").length).toBeLessThanOrEqual(1);
    const [last] = (await chief.call("listFederationSendings", {})).items;
    expect(last).toMatchObject({ trigger: "schedule", result: "sent" });
    expect(last?.sentAt).toBe(national.context.clock().toISOString());
  });

  it("records a sending the hub refuses, with its answer, and never the token", async () => {
    await advance(1000);
    await chief.call("withdrawFederationConsent", {});
    await chief.call("recordFederationConsent", {
      body: { hubUrl, hubToken: "bwf_a-token-the-hub-never-issued" },
    });
    expect(await sendIfDue(other)).toBe("refused");
    expect(await sendIfDue(other)).toBeNull(); // tried today: the next try is tomorrow
    const { items } = await chief.call("listFederationSendings", {});
    expect(items[0]).toMatchObject({ trigger: "schedule", result: "refused", status: 401, received: null });
    expect(items[0]?.detail).toMatch(/unknown to the hub/);
    // A person sends at once, whatever the schedule: recorded under their name.
    await advance(1000);
    expect(await statusOf(chief.call("sendFederationAggregates", {}))).toBe(502);
    const again = await chief.call("listFederationSendings", {});
    expect(again.items[0]).toMatchObject({ trigger: "manual", result: "refused", sentBy: { name: "chief" } });
    expect(JSON.stringify(again)).not.toContain("never-issued");
    await chief.call("withdrawFederationConsent", {});
    expect(await sendIfDue(other)).toBeNull();
  });

  it("lists the sendings to the national authority's administrators only", async () => {
    for (const email of ["admin@authority.example", "auditor@authority.example", "boss@grid.example"])
      expect(await statusOf((await national.client(email)).call("listFederationSendings", {}))).toBe(403);
    expect(await statusOf((await national.client()).call("listFederationSendings", {}))).toBe(401);
  });
});
