// Changing the MSEL (issue 19): a controller rewrites or removes an inject until the clock delivers
// it; after that it is part of the exercise's record. Evaluators and players may not change it
// (403), an organisation taking no part learns nothing (404), bad input changes nothing (400, 422).
import type { Client, InjectCreateInput } from "@bulwark/contracts";
import { insertOrganisation, insertUser } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let control: Client; // coordinator of the authority: the controller
let player: Client; // administrator of the grid operator
let evaluator: Client; // member of the other operator, evaluating
let banker: Client; // takes no part
let exerciseId = "";

const inject = (over: Partial<InjectCreateInput> = {}): InjectCreateInput => ({
  offsetMs: 60_000,
  sender: "Substation guard",
  recipientOrganisationIds: [server.cast.organisations.operator],
  channel: "phone",
  content: "Drones above the substation.",
  ...over,
});
const msel = async () => (await control.call("listExerciseInjects", { params: { id: exerciseId } })).items;

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
  await insertUser(
    server.db,
    {
      email: "director@authority.example",
      name: "director",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  await insertUser(
    server.db,
    {
      email: "boss@bank.example",
      name: "boss",
      organisationId: bank,
      roles: ["organisation-admin"],
      passwordHash,
    },
    now,
  );
  [control, player, evaluator, banker] = await Promise.all([
    server.client("director@authority.example"),
    server.client("boss@grid.example"),
    server.client("member@water.example"),
    server.client("boss@bank.example"),
  ]);
  const exercise = await control.call("createExercise", {
    body: {
      title: "Drones over substation S",
      type: "tabletop",
      participants: [
        { organisationId: organisations.operator, role: "player" },
        { organisationId: organisations.other, role: "evaluator" },
      ],
      objectives: [
        { title: "Warn the operators within the hour", capability: "public-information-and-warning" },
      ],
    },
  });
  exerciseId = exercise.id;
});
afterAll(() => server.close());

describe("changing the MSEL", () => {
  it("lets the controller rewrite and remove injects not yet delivered, and nobody else", async () => {
    const first = await control.call("createExerciseInject", { params: { id: exerciseId }, body: inject() });
    const second = await control.call("createExerciseInject", {
      params: { id: exerciseId },
      body: inject({ offsetMs: 600_000, content: "A second substation reports drones." }),
    });
    const params = { id: exerciseId, injectId: first.id };

    const rewritten = await control.call("updateExerciseInject", {
      params,
      body: inject({ offsetMs: 90_000, content: "Three drones above the substation.", channel: "radio" }),
    });
    expect(rewritten).toMatchObject({
      id: first.id,
      offsetMs: 90_000,
      channel: "radio",
      content: "Three drones above the substation.",
      status: "pending",
      mark: "EXERCISE EXERCISE EXERCISE",
    });

    // Bad input (400), or a recipient who is not a player (422): nothing changes.
    const before = await msel();
    expect(
      await statusOf(control.call("updateExerciseInject", { params, body: inject({ content: "" }) })),
    ).toBe(400);
    expect(
      await statusOf(
        control.call("updateExerciseInject", {
          params,
          body: inject({ recipientOrganisationIds: [server.cast.organisations.other] }),
        }),
      ),
    ).toBe(422);
    expect(await msel()).toEqual(before);

    // The evaluator and the player may not change it; an organisation taking no part learns nothing.
    for (const reader of [evaluator, player]) {
      expect(await statusOf(reader.call("updateExerciseInject", { params, body: inject() }))).toBe(403);
      expect(await statusOf(reader.call("deleteExerciseInject", { params }))).toBe(403);
    }
    expect(await statusOf(banker.call("updateExerciseInject", { params, body: inject() }))).toBe(404);
    expect(await statusOf(banker.call("deleteExerciseInject", { params }))).toBe(404);
    const unknown = { id: exerciseId, injectId: "00000000-0000-4000-8000-000000000000" };
    expect(await statusOf(control.call("deleteExerciseInject", { params: unknown }))).toBe(404);
    expect(await msel()).toEqual(before);

    // Once the clock has delivered the first inject it stays as it is; the second can still go.
    await control.call("changeExerciseClock", {
      params: { id: exerciseId },
      body: { action: "start", speed: 1 },
    });
    server.advance(120_000);
    expect(await statusOf(control.call("updateExerciseInject", { params, body: inject() }))).toBe(403);
    expect(await statusOf(control.call("deleteExerciseInject", { params }))).toBe(403);
    await control.call("deleteExerciseInject", { params: { id: exerciseId, injectId: second.id } });
    expect((await msel()).map((item) => [item.id, item.status])).toEqual([[first.id, "delivered"]]);
    const inbox = await player.call("listExerciseInjects", { params: { id: exerciseId } });
    expect(inbox.items.map((item) => item.content)).toEqual(["Three drones above the substation."]);
  });
});
