// Exercise-mode incidents (POST /api/exercises/{id}/incidents, issue 19): a player answers an
// inject with an incident marked EXERCISE EXERCISE EXERCISE; only people of the exercise's
// organisations see it (404 to anyone else, and to an organisation taken out of the exercise),
// it is never in the real incident list, only in the exercise's (?exerciseId=); its STIX export and
// PDF say EXERCISE; filing is refused before the exercise starts, to evaluators, to outsiders, for
// an inject not received and for an audience outside the exercise, with nothing changed.
import type { Client, ExerciseIncidentCreateInput, IncidentCreateInput } from "@bulwark/contracts";
import { EXERCISE_MARK } from "@bulwark/core";
import { insertAsset, insertOrganisation, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { readPdf } from "../pdf/testing.ts";
import { PASSWORD, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let control: Client;
let player: Client; // the grid operator's member
let water: Client; // another player
let inspector: Client; // evaluator
let banker: Client; // takes no part
let inspectorate = "";
let substation = "";
let exerciseId = "";
let deliveredInject = "";
let laterInject = "";

const counts = async () =>
  (
    (await server.db.execute(sql`select (select count(*)::int from incidents) as incidents,
      (select count(*)::int from exercise_incidents) as links`)) as unknown as {
      rows: { incidents: number; links: number }[];
    }
  ).rows[0];

const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput => {
  const at = new Date(server.context.clock().getTime() - 3_600_000).toISOString();
  return {
    title: "Drones over substation S (exercise answer)",
    type: "sabotage",
    startedAt: at,
    awareAt: at,
    regime: "eu-cer-article-15",
    tlp: "amber",
    audience: { organisationIds: [server.cast.organisations.authority, server.cast.organisations.other] },
    suspectedCause: "attack",
    threatFamily: "sabotage",
    assets: [{ assetId: substation, status: "down", at }],
    ...over,
  };
};

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  inspectorate = await insertOrganisation(
    server.db,
    { name: "Test Inspectorate", kind: "regulator", country: "XM", sectors: ["energy-electricity"] },
    now,
  );
  const bank = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  const person = (email: string, organisationId: string, roles: ("coordinator" | "member")[]) =>
    insertUser(server.db, { email, name: email, organisationId, roles, passwordHash }, now);
  await person("director@authority.example", organisations.authority, ["coordinator"]);
  await person("inspector@inspectorate.example", inspectorate, ["member"]);
  await person("teller@bank.example", bank, ["member"]);
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
  control = await server.client("director@authority.example");
  player = await server.client("member@grid.example");
  water = await server.client("member@water.example");
  inspector = await server.client("inspector@inspectorate.example");
  banker = await server.client("teller@bank.example");
  const exercise = await control.call("createExercise", {
    body: {
      title: "Drones over substation S",
      type: "functional",
      participants: [
        { organisationId: organisations.operator, role: "player" },
        { organisationId: organisations.other, role: "player" },
        { organisationId: inspectorate, role: "evaluator" },
      ],
      objectives: [{ title: "Notify the authority within the hour", section: "information-sharing" }],
    },
  });
  exerciseId = exercise.id;
  const inject = (offsetMs: number, content: string) =>
    control.call("createExerciseInject", {
      params: { id: exerciseId },
      body: {
        offsetMs,
        sender: "Control",
        recipientOrganisationIds: [organisations.operator],
        channel: "platform",
        content,
        expectedAction: "File an incident notice",
        objectiveId: null,
      },
    });
  deliveredInject = (await inject(60_000, "Drones seen over substation S")).id;
  laterInject = (await inject(3_600_000, "Ransom note")).id;
});
afterAll(() => server?.close());

const respond = (who: Client, body: ExerciseIncidentCreateInput, id = exerciseId) =>
  who.call("createExerciseIncident", { params: { id }, body });

describe("exercise-mode incidents", () => {
  it("refuses answers before the exercise starts, from evaluators and outsiders, changing nothing", async () => {
    const before = await counts();
    expect(await statusOf(respond(player, { incident: notice() }))).toBe(403); // planning
    await control.call("changeExerciseClock", { params: { id: exerciseId }, body: { action: "start" } });
    server.advance(60_000);
    expect(await statusOf(respond(inspector, { incident: notice() }))).toBe(403);
    expect(await statusOf(respond(banker, { incident: notice() }))).toBe(404);
    expect(await statusOf(respond(banker, { incident: notice() }, crypto.randomUUID()))).toBe(404);
    // An inject not yet delivered, an audience outside the exercise, a community: 422.
    expect(await statusOf(respond(player, { injectId: laterInject, incident: notice() }))).toBe(422);
    expect(await statusOf(respond(player, { injectId: crypto.randomUUID(), incident: notice() }))).toBe(422);
    const bankId = (
      (await server.db.execute(sql`select id from organisations where name = 'Test Bank'`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows[0]?.id;
    expect(
      await statusOf(
        respond(player, { incident: notice({ audience: { organisationIds: [bankId ?? ""] } }) }),
      ),
    ).toBe(422);
    expect(
      await statusOf(respond(player, { incident: notice({ audience: { userIds: [] } }), injectId: "x" })),
    ).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("files an incident marked as an exercise, seen by the exercise's organisations only, never in the real list", async () => {
    const filed = await respond(player, { injectId: deliveredInject, incident: notice() });
    expect(filed.exercise).toEqual({
      id: exerciseId,
      title: "Drones over substation S",
      mark: EXERCISE_MARK,
    });
    const id = filed.id;
    // The filer, the addressed authority and water utility (both taking part) see it, marked.
    for (const who of [player, control, water])
      expect((await who.call("getIncident", { params: { id } })).exercise?.mark).toBe(EXERCISE_MARK);
    // Nobody else; the real list never holds it; the exercise's list does.
    expect(await statusOf(banker.call("getIncident", { params: { id } }))).toBe(404);
    for (const who of [player, control, water]) {
      const real = await who.call("listIncidents", { query: {} });
      expect(real.items.map((item) => item.id)).not.toContain(id);
      const drill = await who.call("listIncidents", { query: { exerciseId } });
      expect(drill.items.map((item) => [item.id, item.exercise?.mark])).toEqual([[id, EXERCISE_MARK]]);
    }
    expect((await banker.call("listIncidents", { query: { exerciseId } })).items).toEqual([]);

    // Its tasks stay on its page: neither the cross-incident tracker nor the home lists them.
    await control.call("createIncidentTask", {
      params: { id },
      body: {
        title: "Exercise task: inspect the fence",
        assignee: { organisationId: server.cast.organisations.operator },
      },
    });
    expect(
      (await player.call("listIncidentTasks", { params: { id } })).items.map((task) => task.title),
    ).toEqual(["Exercise task: inspect the fence"]);
    for (const who of [player, control]) {
      expect((await who.call("listTrackedIncidentTasks", { query: {} })).total).toBe(0);
      const home = JSON.stringify(await who.call("getHome", {}));
      expect(home).not.toContain("Exercise task");
      expect(home).not.toContain(id);
    }

    // Its STIX export and its PDF say so.
    const { cookie } = await signedIn(server, "member@grid.example");
    const stix = await server.inject({
      method: "GET",
      url: `/api/incidents/${id}/stix`,
      headers: { cookie },
    });
    expect(stix.statusCode).toBe(200);
    expect(stix.body).toContain(EXERCISE_MARK);
    const pdf = await server.inject({
      method: "GET",
      url: `/api/incidents/${id}/report.pdf`,
      headers: { cookie },
    });
    expect(pdf.statusCode).toBe(200);
    const { text } = await readPdf(new Uint8Array(pdf.rawPayload));
    expect(text).toContain(EXERCISE_MARK);

    // Taken out of the exercise, the water utility no longer sees it, though it was addressed.
    await control.call("updateExerciseParticipants", {
      params: { id: exerciseId },
      body: {
        participants: [
          { organisationId: server.cast.organisations.operator, role: "player" },
          { organisationId: inspectorate, role: "evaluator" },
        ],
      },
    });
    expect(await statusOf(water.call("getIncident", { params: { id } }))).toBe(404);
    expect((await water.call("listIncidents", { query: { exerciseId } })).items).toEqual([]);
  });
});
