// GET /api/incidents/events through real sockets, on PGlite and PostgreSQL (the reader's stream on
// a second server process there): a filed incident and each change of it reach, within a second,
// the readers who may see it (the filer's organisation, the addressed authority), and never a
// reader outside the audience (a water utility, a bank), nor, for RED, the filer's colleagues.
import type { Client, IncidentCreateInput } from "@bulwark/contracts";
import {
  insertAsset,
  insertCommunity,
  insertOrganisation,
  insertUser,
  setCommunityOrganisations,
} from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";
import {
  type EventReader,
  type Listening,
  listen,
  openEvents,
  type ReceivedEvent,
  secondServer,
  signIn,
} from "./live.test-support.ts";

const PATH = "/api/incidents/events";
const T0 = "2026-11-22T03:00:00.000Z";
let server: TestServer;
let a: Listening;
let b: Listening;
let filer: Client; // the grid operator's duty officer
let gridAdmin: Client; // may mark CLEAR
let substation = "";
let watchId = "";
let bankId = "";
let energyId = "";
const opened: EventReader[] = [];

const incidentEvent = (id: string) => (event: ReceivedEvent) =>
  event.event === "incident" && (event.data as { id?: string }).id === id;
const heard = (reader: EventReader) =>
  reader.events
    .filter((event) => event.event === "incident")
    .map((event) => (event.data as { id: string }).id);

const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput => ({
  title: "Substation attacked",
  type: "sabotage",
  startedAt: T0,
  awareAt: T0,
  regime: "eu-cer-article-15",
  tlp: "amber",
  audience: { organisationIds: [server.cast.organisations.authority] },
  suspectedCause: "attack",
  threatFamily: "sabotage",
  assets: [{ assetId: substation, status: "down", at: T0 }],
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const bank = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  watchId = await insertUser(
    server.db,
    {
      email: "watch@authority.example",
      name: "Watch",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  await insertUser(
    server.db,
    { email: "teller@bank.example", name: "Teller", organisationId: bank, roles: ["member"], passwordHash },
    now,
  );
  bankId = bank;
  // RED goes to people of organisations sharing a community with the filer's (the sharing rule).
  const energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  energyId = energy;
  substation = await insertAsset(
    server.db,
    {
      ref: "S",
      name: "Substation S",
      sector: "energy-electricity",
      operatorId: organisations.operator,
      status: "operational",
      populationServed: 1000,
      marking: "amber",
      tags: [],
      attributes: {},
      lat: 10,
      lon: 20,
    },
    now,
  );
  filer = await server.client("member@grid.example");
  gridAdmin = await server.client("boss@grid.example");
  a = await listen(server);
  b = await secondServer(server);
});

afterAll(async () => {
  for (const reader of opened) reader.close();
  await b?.close();
  await server?.close();
});

describe("GET /api/incidents/events", () => {
  it("tells the filer's organisation and the addressed authority within a second, nobody outside", async () => {
    const sessions = await Promise.all(
      ["watch@authority.example", "analyst@grid.example", "member@water.example", "teller@bank.example"].map(
        (email) => signIn(a.url, email),
      ),
    );
    // Watch desk and water utility on the second server, the others on the first.
    const [watch, colleague, water, bank] = await Promise.all(
      sessions.map((session, i) => openEvents(i % 2 === 0 ? b.url : a.url, PATH, { cookie: session.cookie })),
    );
    const readers = { watch, colleague, water, bank } as Record<string, EventReader>;
    opened.push(...Object.values(readers));
    for (const reader of Object.values(readers)) {
      expect(reader.status).toBe(200);
      await reader.next((event) => event.event === "ready");
    }

    const filed = performance.now();
    const amber = await filer.call("createIncident", { body: notice() });
    for (const reader of [readers.watch, readers.colleague] as EventReader[])
      expect((await reader.next(incidentEvent(amber.id), 5_000)).at - filed).toBeLessThan(1_000);

    const changed = performance.now();
    await filer.call("recordIncidentAssetStatus", {
      params: { id: amber.id },
      body: { assetId: substation, status: "restored", at: "2026-11-23T03:00:00.000Z" },
    });
    for (const reader of [readers.watch, readers.colleague] as EventReader[]) {
      const first = await reader.next(incidentEvent(amber.id));
      const next = await reader.next((event) => event !== first && incidentEvent(amber.id)(event), 5_000);
      expect(next.at - changed).toBeLessThan(1_000);
    }

    // RED to the watch desk alone: not the filer's colleague.
    const red = await filer.call("createIncident", {
      body: notice({ tlp: "red", audience: { userIds: [watchId] } }),
    });
    await readers.watch?.next(incidentEvent(red.id), 5_000);
    // A CLEAR incident after them reaches everyone: once it has arrived, the earlier ones were decided.
    const clear = await gridAdmin.call("createIncident", { body: notice({ tlp: "clear", audience: {} }) });
    for (const reader of Object.values(readers)) await reader.next(incidentEvent(clear.id), 5_000);

    expect(heard(readers.colleague as EventReader)).not.toContain(red.id);
    expect(heard(readers.water as EventReader)).toEqual([clear.id]);
    expect(heard(readers.bank as EventReader)).toEqual([clear.id]);
  });

  // Every reader of a process is asked about in one query, their communities read in it: an
  // organisation that joins a community hears of what is addressed to it from then on, not before.
  it("reaches a community's members as the community is at the time, not the bank before it joins", async () => {
    const sessions = await Promise.all(
      ["watch@authority.example", "teller@bank.example"].map((email) => signIn(a.url, email)),
    );
    const [watch, bank] = await Promise.all(
      sessions.map((session, i) => openEvents(i === 0 ? a.url : b.url, PATH, { cookie: session.cookie })),
    );
    opened.push(watch as EventReader, bank as EventReader);
    for (const reader of [watch, bank] as EventReader[])
      await reader.next((event) => event.event === "ready");
    const before = await filer.call("createIncident", {
      body: notice({ audience: { communityIds: [energyId] } }),
    });
    await watch?.next(incidentEvent(before.id), 5_000);
    const { organisations } = server.cast;
    await setCommunityOrganisations(server.db, energyId, [
      organisations.authority,
      organisations.operator,
      bankId,
    ]);
    const after = await filer.call("createIncident", {
      body: notice({ audience: { communityIds: [energyId] } }),
    });
    await bank?.next(incidentEvent(after.id), 5_000);
    await watch?.next(incidentEvent(after.id), 5_000);
    expect(heard(bank as EventReader)).not.toContain(before.id);
  });

  it("answers 401 to someone not signed in", async () => {
    const reader = await openEvents(a.url, PATH, {});
    expect(reader.status).toBe(401);
    expect(reader.headers.get("content-type")).toMatch(/application\/problem\+json/);
  });
});
