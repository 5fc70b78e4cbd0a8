// Entries of an incident's activity log, live on GET /api/incidents/events through real sockets
// (the police's second stream on a second server process on PostgreSQL): an AMBER+STRICT entry of
// the police reaches the police within a second and never an operator, not even as a change of the
// incident; an AMBER entry after it reaches everyone who sees the incident, and nobody else.
import type { Client } from "@bulwark/contracts";
import { insertAsset, insertOrganisation, insertUser } from "@bulwark/db";
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
const T0 = "2026-11-24T08:00:00.000Z";
let server: TestServer;
let a: Listening;
let b: Listening;
let officer: Client;
let water: Client;
let incidentId = "";
const opened: EventReader[] = [];

const logEvent = (entry: string) => (event: ReceivedEvent) =>
  event.event === "incident-log" && (event.data as { entry?: string }).entry === entry;

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const police = await insertOrganisation(
    server.db,
    { name: "Test Police", kind: "law-enforcement", country: "XM", sectors: [] },
    now,
  );
  const bank = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  for (const [email, organisationId, roles] of [
    ["officer@police.example", police, ["analyst"]],
    ["detective@police.example", police, ["member"]],
    ["teller@bank.example", bank, ["member"]],
  ] as const)
    await insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles: [...roles], passwordHash },
      now,
    );
  const substation = await insertAsset(
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
  const filer = await server.client("member@grid.example");
  officer = await server.client("officer@police.example");
  water = await server.client("member@water.example");
  incidentId = (
    await filer.call("createIncident", {
      body: {
        title: "Substation attacked",
        type: "sabotage",
        startedAt: T0,
        awareAt: T0,
        regime: "eu-cer-article-15",
        tlp: "amber",
        audience: { organisationIds: [organisations.authority, police, organisations.other] },
        suspectedCause: "attack",
        threatFamily: "sabotage",
        assets: [{ assetId: substation, status: "down", at: T0 }],
      },
    })
  ).id;
  a = await listen(server);
  b = await secondServer(server);
});

afterAll(async () => {
  for (const reader of opened) reader.close();
  await b?.close();
  await server?.close();
});

describe("incident-log events", () => {
  it("bring an AMBER+STRICT entry to its author's organisation alone, and AMBER ones to every reader", async () => {
    const sessions = await Promise.all(
      ["detective@police.example", "member@water.example", "member@grid.example", "teller@bank.example"].map(
        (email) => signIn(a.url, email),
      ),
    );
    const [detective, operator, grid, bank] = await Promise.all(
      sessions.map((session, i) => openEvents(i % 2 === 0 ? b.url : a.url, PATH, { cookie: session.cookie })),
    );
    const readers = { detective, operator, grid, bank } as Record<string, EventReader>;
    opened.push(...Object.values(readers));
    for (const reader of Object.values(readers)) {
      expect(reader.status).toBe(200);
      await reader.next((event) => event.event === "ready");
    }

    const written = performance.now();
    const strict = await officer.call("addIncidentLogEntry", {
      params: { id: incidentId },
      body: { text: "Suspect vehicle seen", significant: true, tlp: "amber+strict" },
    });
    const heard = await (readers.detective as EventReader).next(logEvent(strict.id), 5_000);
    expect(heard.at - written).toBeLessThan(1_000);
    expect(heard.data).toEqual({ id: incidentId, entry: strict.id });

    // An AMBER entry after it reaches all who see the incident: once it has, the first was decided.
    const amber = await water.call("addIncidentLogEntry", {
      params: { id: incidentId },
      body: { text: "Pumping station on generators", tlp: "amber" },
    });
    for (const reader of [readers.detective, readers.operator, readers.grid] as EventReader[])
      await reader.next(logEvent(amber.id), 5_000);

    for (const reader of [readers.operator, readers.grid] as EventReader[]) {
      expect(reader.events.some(logEvent(strict.id))).toBe(false);
      // Nor did the incident itself seem to change for them.
      expect(reader.events.filter((event) => event.event === "incident")).toEqual([]);
      expect(JSON.stringify(reader.events)).not.toContain(strict.id);
    }
    expect((readers.bank as EventReader).events.map((event) => event.event)).toEqual(["ready"]);
  });
});
