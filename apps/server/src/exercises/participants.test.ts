// PUT /api/exercises/{id}/participants (issue 19): a controller changes who takes part, before and
// during conduct; the organisations added see the exercise in their role, those taken away no
// longer do (404); a player may not (403), an organisation taking no part may not learn the
// exercise exists (404); an organisation injects are addressed to stays a player; a completed
// exercise's cast no longer changes; bad input changes nothing.
import { ApiError, type Client } from "@bulwark/contracts";
import { insertOrganisation, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let control: Client;
let grid: Client;
let water: Client;
let inspector: Client;
let banker: Client;
let inspectorate = "";
let bank = "";

const participantRows = async (id: string) =>
  (
    (await server.db.execute(
      sql`select organisation_id::text as organisation, role from exercise_participants where exercise_id = ${id} order by 1`,
    )) as unknown as { rows: { organisation: string; role: string }[] }
  ).rows;

async function planned() {
  const { organisations } = server.cast;
  const exercise = await control.call("createExercise", {
    body: {
      title: "Cast drill",
      type: "drill",
      participants: [{ organisationId: organisations.operator, role: "player" }],
      objectives: [{ title: "Warn the public", capability: "public-information-and-warning" }],
    },
  });
  return exercise.id;
}

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
  await person("inspector@inspectorate.example", inspectorate, ["coordinator"]);
  await person("teller@bank.example", bank, ["coordinator"]);
  control = await server.client("director@authority.example");
  grid = await server.client("boss@grid.example");
  water = await server.client("member@water.example");
  inspector = await server.client("inspector@inspectorate.example");
  banker = await server.client("teller@bank.example");
});
afterAll(() => server.close());

describe("changing an exercise's participants", () => {
  it("adds, re-roles and takes away organisations before and during conduct", async () => {
    const { organisations } = server.cast;
    const id = await planned();
    expect(await statusOf(water.call("getExercise", { params: { id } }))).toBe(404);
    const changed = await control.call("updateExerciseParticipants", {
      params: { id },
      body: {
        participants: [
          { organisationId: organisations.operator, role: "player" },
          { organisationId: organisations.other, role: "player" },
          { organisationId: inspectorate, role: "evaluator" },
        ],
      },
    });
    expect(changed.participants.map((p) => [p.organisation.id, p.role]).sort()).toEqual(
      [
        [organisations.operator, "player"],
        [organisations.other, "player"],
        [inspectorate, "evaluator"],
      ].sort(),
    );
    expect((await water.call("getExercise", { params: { id } })).role).toBe("player");
    expect((await inspector.call("getExercise", { params: { id } })).role).toBe("evaluator");

    // During conduct: the water utility leaves, the inspectorate becomes a controller.
    await control.call("changeExerciseClock", { params: { id }, body: { action: "start" } });
    await control.call("updateExerciseParticipants", {
      params: { id },
      body: {
        participants: [
          { organisationId: organisations.operator, role: "player" },
          { organisationId: inspectorate, role: "controller" },
        ],
      },
    });
    expect(await statusOf(water.call("getExercise", { params: { id } }))).toBe(404);
    const asController = await inspector.call("getExercise", { params: { id } });
    expect(asController.role).toBe("controller");
    expect(asController.abilities.control).toBe(true);
    const audit = (await server.db.execute(
      sql`select count(*)::int as n from audit_log where action = 'exercises.participants.change' and target_id = ${id}`,
    )) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]?.n).toBe(2);

    // Completed: the cast is part of the record.
    await control.call("changeExerciseClock", { params: { id }, body: { action: "end" } });
    expect(
      await statusOf(
        control.call("updateExerciseParticipants", { params: { id }, body: { participants: [] } }),
      ),
    ).toBe(403);
  });

  it("lets no player, nobody outside and nothing invalid change it", async () => {
    const { organisations } = server.cast;
    const id = await planned();
    const before = await participantRows(id);
    const body = { participants: [{ organisationId: bank, role: "controller" as const }] };
    // A player of the exercise (its organisation administrator): 403; the bank, taking no part: 404.
    expect(await statusOf(grid.call("updateExerciseParticipants", { params: { id }, body }))).toBe(403);
    expect(await statusOf(banker.call("updateExerciseParticipants", { params: { id }, body }))).toBe(404);
    expect(
      await statusOf(
        banker.call("updateExerciseParticipants", { params: { id: crypto.randomUUID() }, body }),
      ),
    ).toBe(404);

    // An inject addressed to the grid operator keeps it a player.
    await control.call("createExerciseInject", {
      params: { id },
      body: {
        offsetMs: 60_000,
        sender: "Control",
        recipientOrganisationIds: [organisations.operator],
        channel: "email",
        content: "Drones seen",
        expectedAction: "",
        objectiveId: null,
      },
    });
    const refusals = [
      { participants: [{ organisationId: organisations.operator, role: "evaluator" as const }] },
      { participants: [] },
      { participants: [{ organisationId: organisations.authority, role: "player" as const }] },
      {
        participants: [
          { organisationId: organisations.operator, role: "player" as const },
          { organisationId: crypto.randomUUID(), role: "player" as const },
        ],
      },
      {
        participants: [
          { organisationId: organisations.operator, role: "player" as const },
          { organisationId: organisations.operator, role: "player" as const },
        ],
      },
      { participants: [{ organisationId: "not-an-id", role: "player" }] },
      { participants: [{ organisationId: organisations.operator, role: "observer" }] },
    ];
    // The first four pass the contract and are refused by the rules (422), the rest by the contract (400).
    for (const [i, refused] of refusals.entries()) {
      const error = await control
        .call("updateExerciseParticipants", { params: { id }, body: refused as never })
        .then(
          () => null,
          (caught: unknown) => caught,
        );
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(i < 4 ? 422 : 400);
      expect((error as ApiError).problem.type).toBeDefined();
    }
    expect(await participantRows(id)).toEqual(before);
  });
});
