// GET /api/exercises/events through real sockets, on PGlite and PostgreSQL, with two server
// processes on real clocks (the API calls go to one, the streams to the other, so the clock's
// change crosses processes by LISTEN/NOTIFY and the second process's own timers deliver): at 10x
// speed an inject reaches its recipients within a second of its due time and never before it;
// a player it is not addressed to never hears of it; an organisation taking no part hears
// nothing at all; MSEL changes reach controllers and evaluators only. An incident filed in
// exercise mode reaches, on the real incident stream, the exercise's organisations it is addressed
// to and nobody outside the exercise.
import type { Client, ExerciseCreateInput } from "@bulwark/contracts";
import { connect, insertAsset, insertOrganisation, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { hashPassword } from "../auth/secrets.ts";
import type { ServerContext } from "../context.ts";
import { type EventReader, openEvents, type ReceivedEvent, signIn } from "../live/live.test-support.ts";
import { injectClient, injectFetch, PASSWORD, startTestServer, type TestServer } from "../testing.ts";

const PATH = "/api/exercises/events";
let server: TestServer;
const apps: { app: FastifyInstance; url: string; close: () => Promise<void> }[] = [];
let api: { app: FastifyInstance; url: string };
let streams: { app: FastifyInstance; url: string };
let control: Client;
let inspectorate = "";
let bank = "";
const opened: EventReader[] = [];

/** A server process on `server`'s database whose clock is the real one. */
async function realClockProcess(): Promise<{
  app: FastifyInstance;
  url: string;
  close: () => Promise<void>;
}> {
  const url = server.database.url;
  const connection = url ? await connect({ url }) : server.database;
  const context: ServerContext = {
    ...server.context,
    connection,
    db: connection.db,
    clock: () => new Date(),
  };
  const app = await buildApp(context, { logLevel: false, web: false });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const process = {
    app,
    url: address,
    async close() {
      await app.close();
      if (url) await connection.close();
    },
  };
  apps.push(process);
  return process;
}

async function follow(email: string): Promise<EventReader> {
  const session = await signIn(streams.url, email);
  const reader = await openEvents(streams.url, PATH, { cookie: session.cookie });
  opened.push(reader);
  expect(reader.status).toBe(200);
  await reader.next((event) => event.event === "ready");
  return reader;
}

const injectEvent = (injectId: string) => (event: ReceivedEvent) =>
  event.event === "inject" && (event.data as { inject?: string }).inject === injectId;
const heardInjects = (reader: EventReader) =>
  reader.events
    .filter((event) => event.event === "inject")
    .map((event) => (event.data as { inject: string }).inject);
/** Real time (epoch ms) an event arrived at. */
const arrival = (event: ReceivedEvent) => performance.timeOrigin + event.at;

const plan = (): ExerciseCreateInput => ({
  title: "Live drill",
  type: "drill",
  participants: [
    { organisationId: server.cast.organisations.operator, role: "player" },
    { organisationId: server.cast.organisations.other, role: "player" },
    { organisationId: inspectorate, role: "evaluator" },
  ],
  objectives: [{ title: "Share the first warning within the hour", section: "information-sharing" }],
  scenario: { slug: null, attackedAssetIds: [] },
});

const inject = (offsetMs: number, recipientOrganisationIds: string[], content: string) => ({
  offsetMs,
  sender: "Control",
  recipientOrganisationIds,
  channel: "email" as const,
  content,
  expectedAction: "",
  objectiveId: null,
});

beforeAll(async () => {
  server = await startTestServer();
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  inspectorate = await insertOrganisation(
    server.db,
    { name: "Test Inspectorate", kind: "regulator", country: "XM", sectors: ["energy-electricity"] },
    now,
  );
  bank = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  const person = (email: string, organisationId: string, roles: ("coordinator" | "member")[]) =>
    insertUser(server.db, { email, name: email, organisationId, roles, passwordHash }, now);
  await person("director@authority.example", server.cast.organisations.authority, ["coordinator"]);
  await person("inspector@inspectorate.example", inspectorate, ["member"]);
  await person("teller@bank.example", bank, ["member"]);
  api = await realClockProcess();
  streams = await realClockProcess();
  control = await injectClient(injectFetch(api.app), "director@authority.example");
});

afterAll(async () => {
  for (const reader of opened) reader.close();
  for (const process of apps) await process.close();
  await server?.close();
});

describe("live exercise delivery", () => {
  it("delivers each inject at 10x speed within a second of its time, never before, to its recipients only", async () => {
    const { organisations } = server.cast;
    const exercise = await control.call("createExercise", { body: plan() });
    const id = exercise.id;
    // 5 s and 8 s of exercise time: 0.5 s and 0.8 s of real time at 10x.
    const first = await control.call("createExerciseInject", {
      params: { id },
      body: inject(5_000, [organisations.operator], "Drones seen over substation S"),
    });
    const second = await control.call("createExerciseInject", {
      params: { id },
      body: inject(8_000, [organisations.operator, organisations.other], "Pumping station on backup power"),
    });
    const grid = await follow("member@grid.example");
    const water = await follow("member@water.example");
    const evaluator = await follow("inspector@inspectorate.example");
    const director = await follow("director@authority.example");
    const outsider = await follow("teller@bank.example");

    await control.call("changeExerciseClock", { params: { id }, body: { action: "start", speed: 10 } });
    const [row] = (
      (await server.db.execute(sql`select clock_anchor from exercises where id = ${id}`)) as unknown as {
        rows: { clock_anchor: string | Date }[];
      }
    ).rows;
    const anchor = new Date(row?.clock_anchor ?? 0).getTime();
    // Everyone taking part hears that the clock moved.
    for (const reader of [grid, water, evaluator, director])
      await reader.next((event) => event.event === "exercise" && (event.data as { id: string }).id === id);

    const gridFirst = await grid.next(injectEvent(first.id), 3_000);
    const gridSecond = await grid.next(injectEvent(second.id), 3_000);
    const waterSecond = await water.next(injectEvent(second.id), 3_000);
    const evaluatorFirst = await evaluator.next(injectEvent(first.id), 3_000);
    const directorSecond = await director.next(injectEvent(second.id), 3_000);
    expect(gridFirst.data).toEqual({ id, inject: first.id });
    // Due at anchor + 500 ms and anchor + 800 ms; 2 ms for reading two clocks of the same machine.
    for (const [event, due] of [
      [gridFirst, anchor + 500],
      [evaluatorFirst, anchor + 500],
      [gridSecond, anchor + 800],
      [waterSecond, anchor + 800],
      [directorSecond, anchor + 800],
    ] as const) {
      expect(arrival(event)).toBeGreaterThanOrEqual(due - 2);
      expect(arrival(event)).toBeLessThanOrEqual(due + 1_000);
    }
    // In order.
    expect(heardInjects(grid)).toEqual([first.id, second.id]);
    // The water utility was not addressed by the first: it never hears of it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heardInjects(water)).toEqual([second.id]);
    // The bank takes no part: nothing at all.
    expect(outsider.events.map((event) => event.event)).toEqual(["ready"]);
    // What the stream announced, the inbox holds.
    const waterClient = await injectClient(injectFetch(api.app), "member@water.example");
    const inbox = await waterClient.call("listExerciseInjects", { params: { id } });
    expect(inbox.items.map((item) => item.id)).toEqual([second.id]);
  });

  it("holds injects while paused, tells controllers and evaluators of MSEL changes, and players nothing early", async () => {
    const { organisations } = server.cast;
    const exercise = await control.call("createExercise", { body: plan() });
    const id = exercise.id;
    const held = await control.call("createExerciseInject", {
      params: { id },
      body: inject(20_000, [organisations.operator], "Second wave of drones"),
    });
    const grid = await follow("member@grid.example");
    const evaluator = await follow("inspector@inspectorate.example");
    await control.call("changeExerciseClock", { params: { id }, body: { action: "start", speed: 10 } });
    const paused = await control.call("changeExerciseClock", { params: { id }, body: { action: "pause" } });
    // Paused before its 2 s (20 s of exercise time): it does not arrive while paused.
    expect(paused.clock.exerciseTimeMs).toBeLessThan(20_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(heardInjects(grid)).not.toContain(held.id);

    // A later inject written meanwhile: controllers and evaluators hear the MSEL changed; players do not.
    const later = await control.call("createExerciseInject", {
      params: { id },
      body: inject(600_000, [organisations.operator], "Ransom note"),
    });
    await evaluator.next((event) => event.event === "msel" && (event.data as { id: string }).id === id);
    await control.call("changeExerciseClock", { params: { id }, body: { action: "resume" } });
    const arrived = await grid.next(injectEvent(held.id), 5_000);
    expect(arrived.data).toEqual({ id, inject: held.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(grid.events.some((event) => event.event === "msel")).toBe(false);
    expect(heardInjects(grid)).not.toContain(later.id);
    expect(heardInjects(evaluator)).not.toContain(later.id);
  });

  it("tells of an exercise incident on the incident stream the exercise's organisations only", async () => {
    const { organisations } = server.cast;
    const exercise = await control.call("createExercise", { body: plan() });
    const id = exercise.id;
    await control.call("changeExerciseClock", { params: { id }, body: { action: "start" } });
    const substation = await insertAsset(
      server.db,
      {
        ref: "S-live",
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
      new Date(),
    );
    const incidentStream = async (email: string) => {
      const session = await signIn(streams.url, email);
      const reader = await openEvents(streams.url, "/api/incidents/events", { cookie: session.cookie });
      opened.push(reader);
      await reader.next((event) => event.event === "ready");
      return reader;
    };
    const director = await incidentStream("director@authority.example");
    const outsider = await incidentStream("teller@bank.example");
    // The grid operator's administrator may mark CLEAR (an approver of its organisation).
    const player = await injectClient(injectFetch(api.app), "boss@grid.example");
    const at = new Date(Date.now() - 60_000).toISOString();
    const filed = await player.call("createExerciseIncident", {
      params: { id },
      body: {
        incident: {
          title: "Drones over substation S",
          type: "sabotage",
          startedAt: at,
          awareAt: at,
          regime: "eu-cer-article-15",
          tlp: "clear",
          audience: { organisationIds: [organisations.authority] },
          suspectedCause: "unknown",
          assets: [{ assetId: substation, status: "down", at }],
        },
      },
    });
    await director.next(
      (event) => event.event === "incident" && (event.data as { id: string }).id === filed.id,
      3_000,
    );
    // Even CLEAR, which any reader of a real incident would hear of: the bank takes no part.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(outsider.events.map((event) => event.event)).toEqual(["ready"]);
  });
});
