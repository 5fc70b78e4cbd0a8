// Exercise packages and the tabletop pack through the API (issue 19): a package exported here
// imports into a fresh installation (a second database) unchanged; a bad package is refused with
// each problem's field and line and changes nothing; only controllers and evaluators take the
// design away (players 403, organisations taking no part 404); the tabletop pack holds the
// situation manual and one card per inject, every page marked EXERCISE EXERCISE EXERCISE.
import { ApiError, type Client, type ExerciseCreateInput } from "@bulwark/contracts";
import { insertAsset, insertOrganisation, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { pdfTextIn, readPdf } from "../pdf/testing.ts";
import { loadScenarioPack } from "../risk/content.service.ts";
import { PASSWORD, signedIn, startTestServer, statusOf } from "../testing.ts";

/** One installation: the test cast, an inspectorate, a bank, a coordinator and two assets. */
async function installation() {
  const server = await startTestServer();
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  await loadScenarioPack(server.context);
  const inspectorate = await insertOrganisation(
    server.db,
    { name: "Test Inspectorate", kind: "regulator", country: "XM", sectors: ["energy-electricity"] },
    now,
  );
  const bank = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  for (const [email, organisationId, roles] of [
    ["director@authority.example", server.cast.organisations.authority, ["coordinator"]],
    ["inspector@inspectorate.example", inspectorate, ["member"]],
    ["boss@bank.example", bank, ["organisation-admin"]],
  ] as const)
    await insertUser(server.db, { email, name: email, organisationId, roles: [...roles], passwordHash }, now);
  const asset = (ref: string, operatorId: string) =>
    insertAsset(
      server.db,
      {
        ref,
        name: `Substation ${ref}`,
        sector: "energy-electricity",
        operatorId,
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
  const assets = {
    S: await asset("SUB-7", server.cast.organisations.operator),
    W: await asset("PUMP-1", server.cast.organisations.other),
  };
  const counts = async () =>
    (
      (await server.db.execute(sql`select
        (select count(*)::int from exercises) as exercises,
        (select count(*)::int from exercise_injects) as injects,
        (select count(*)::int from exercise_participants) as participants,
        (select count(*)::int from audit_log where action like 'exercises.%') as audit`)) as unknown as {
        rows: unknown[];
      }
    ).rows[0];
  return { server, inspectorate, bank, assets, counts };
}

let here: Awaited<ReturnType<typeof installation>>;
let there: Awaited<ReturnType<typeof installation>>;
let control: Client;
let inspector: Client;
let player: Client;
let banker: Client;
let exerciseId = "";

const plan = (): ExerciseCreateInput => ({
  title: "Drones over substation SUB-7",
  summary: "Two drones hover over a substation at night.\nThe grid operator calls the police.",
  type: "tabletop",
  participants: [
    { organisationId: here.server.cast.organisations.operator, role: "player" },
    { organisationId: here.server.cast.organisations.other, role: "player" },
    { organisationId: here.inspectorate, role: "evaluator" },
  ],
  objectives: [
    { title: "Share the first warning within the hour", section: "information-sharing" },
    { title: "Coordinate the response of grid and water", capability: "operational-coordination" },
  ],
  scenario: { slug: "uas-attack-on-site", attackedAssetIds: [here.assets.S, here.assets.W] },
});

beforeAll(async () => {
  [here, there] = await Promise.all([installation(), installation()]);
  [control, inspector, player, banker] = await Promise.all([
    here.server.client("director@authority.example"),
    here.server.client("inspector@inspectorate.example"),
    here.server.client("member@grid.example"),
    here.server.client("boss@bank.example"),
  ]);
  const created = await control.call("createExercise", { body: plan() });
  exerciseId = created.id;
  const [first, second] = created.objectives;
  const inject = (body: Record<string, unknown>) =>
    control.call("createExerciseInject", {
      params: { id: exerciseId },
      body: {
        sender: "Grid control room",
        channel: "phone",
        recipientOrganisationIds: [here.server.cast.organisations.operator],
        ...body,
      } as never,
    });
  await inject({ offsetMs: 0, content: "Night shift: two drones over SUB-7.", objectiveId: first?.id });
  await inject({
    offsetMs: 90 * 60_000 + 500,
    content: "Press: 'Is the water safe?' # asked on air",
    channel: "media",
    sender: "Meridia Daily",
    recipientOrganisationIds: [here.server.cast.organisations.other, here.server.cast.organisations.operator],
    expectedAction: "Answer the press together.\n",
    objectiveId: second?.id,
  });
  await inject({ offsetMs: 45 * 60_000, content: "Police ask for the site plan.", objectiveId: null });
}, 120_000);
afterAll(async () => {
  await Promise.all([here?.server.close(), there?.server.close()]);
});

const packageText = async (client: Client, id: string) => {
  const file = await client.call("exercisePackage", { params: { id } });
  expect(file.mediaType).toBe("application/yaml");
  return new TextDecoder().decode(file.bytes);
};

describe("exercise packages", () => {
  it("export the design with names, never ids, and import unchanged into a fresh installation", async () => {
    const text = await packageText(control, exerciseId);
    expect(text).toContain("format: bulwark-exercise-package/1");
    expect(text).toContain("EXERCISE EXERCISE EXERCISE");
    expect(text).toContain("organisation: Test Grid Operator");
    expect(text).toContain("ref: SUB-7");
    // Injects in the order they arrive: by exercise time, then as written.
    expect(text.indexOf("two drones over SUB-7")).toBeLessThan(text.indexOf("site plan"));
    expect(text.indexOf("site plan")).toBeLessThan(text.indexOf("Is the water safe"));
    expect(text).toContain("at: 1:30:00.500");
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/@|director/);

    const importer = await there.server.client("director@authority.example");
    const before = await there.counts();
    const imported = await importer.call("importExercisePackage", { body: { package: text } });
    expect(imported).toMatchObject({
      title: "Drones over substation SUB-7",
      type: "tabletop",
      status: "planning",
      role: "controller",
      owner: { id: there.server.cast.organisations.authority },
      scenario: { slug: "uas-attack-on-site", attackedAssetIds: [there.assets.S, there.assets.W] },
    });
    // Listed by name, as every installation lists them.
    expect(imported.participants.map((p) => [p.organisation.id, p.role])).toEqual([
      [there.server.cast.organisations.operator, "player"],
      [there.inspectorate, "evaluator"],
      [there.server.cast.organisations.other, "player"],
    ]);
    expect(await there.counts()).toMatchObject({
      exercises: Number((before as { exercises: number }).exercises) + 1,
      injects: Number((before as { injects: number }).injects) + 3,
    });
    // The same file comes back out of the new installation.
    expect(await packageText(importer, imported.id)).toBe(text);
    // An inject reaches the same players there.
    const msel = await importer.call("listExerciseInjects", { params: { id: imported.id } });
    expect(msel.items.map((i) => i.recipients?.map((r) => r.name))).toEqual([
      ["Test Grid Operator"],
      ["Test Grid Operator"],
      ["Test Water Utility", "Test Grid Operator"],
    ]);
  });

  it("lets controllers and evaluators export, refuses players (403) and hides it from others (404)", async () => {
    expect(await packageText(inspector, exerciseId)).toContain("Drones over substation SUB-7");
    expect(await statusOf(player.call("exercisePackage", { params: { id: exerciseId } }))).toBe(403);
    expect(await statusOf(banker.call("exercisePackage", { params: { id: exerciseId } }))).toBe(404);
    expect(await statusOf(player.call("exerciseTabletopPack", { params: { id: exerciseId } }))).toBe(403);
    expect(await statusOf(banker.call("exerciseTabletopPack", { params: { id: exerciseId } }))).toBe(404);
  });

  it("leaves out the attacked assets the exporter may not see", async () => {
    // The inspectorate (a regulator's member) may not read the operators' AMBER assets.
    const text = await packageText(inspector, exerciseId);
    expect(text).not.toContain("ref: SUB-7");
    expect(text).toContain("attackedAssets: []");
  });

  it("refuses a bad package with every problem's field and line, and writes nothing", async () => {
    const text = await packageText(control, exerciseId);
    const importer = await there.server.client("director@authority.example");
    const before = await there.counts();
    const lineOf = (source: string, needle: string) =>
      source.split("\n").findIndex((line) => line.includes(needle)) + 1;
    const refusal = async (body: { package: string; organisations?: Record<string, string> }) => {
      try {
        await importer.call("importExercisePackage", { body });
      } catch (error) {
        if (error instanceof ApiError) return error.problem;
      }
      throw new Error("accepted");
    };
    const bad = text
      .replace("type: tabletop", "type: hackathon")
      .replace("channel: media", "channel: pigeon");
    const problem = await refusal({ package: bad });
    expect(problem.status).toBe(422);
    expect(problem.errors).toEqual([
      {
        path: `body.package.type (line ${lineOf(bad, "hackathon")})`,
        message: expect.stringMatching(/^must be one of/),
      },
      {
        path: `body.package.injects.2.channel (line ${lineOf(bad, "pigeon")})`,
        message: expect.stringMatching(/^must be one of platform/),
      },
    ]);
    // Names this installation does not know, and an asset it does not have.
    const strange = text
      .replaceAll("Test Inspectorate", "Meridia Inspectorate")
      .replace("ref: PUMP-1", "ref: PUMP-9")
      .replace("section: information-sharing", "section: no-such-section");
    const unknown = await refusal({ package: strange });
    expect(unknown.errors).toEqual([
      {
        path: `body.package.participants.1.organisation (line ${lineOf(strange, "Meridia Inspectorate")})`,
        message: "No organisation of this name here: map it to one of yours.",
      },
      {
        path: `body.package.objectives.0.section (line ${lineOf(strange, "no-such-section")})`,
        message: "No such section in the resolution 2341 framework.",
      },
      {
        path: `body.package.scenario.attackedAssets.1.ref (line ${lineOf(strange, "PUMP-9")})`,
        message: "No such asset of this operator.",
      },
    ]);
    // Its own organisation as a participant, and a mapping to nobody.
    const own = await refusal({
      package: text,
      organisations: { "Test Inspectorate": there.server.cast.organisations.authority, Nobody: there.bank },
    });
    expect(own.errors?.map((e) => [e.path.replace(/ \(line \d+\)$/, ""), e.message])).toEqual([
      ["body.organisations.Nobody", "Not an organisation of this package."],
      ["body.package.participants.1.organisation", "Your organisation controls it already."],
    ]);
    expect(await there.counts()).toEqual(before);
  });

  it("maps the package's names to this installation's organisations", async () => {
    const text = (await packageText(control, exerciseId)).replaceAll(
      "Test Inspectorate",
      "Meridia Inspectorate",
    );
    const importer = await there.server.client("director@authority.example");
    const imported = await importer.call("importExercisePackage", {
      body: { package: text, organisations: { "Meridia Inspectorate": there.bank } },
    });
    expect(imported.participants.map((p) => [p.organisation.name, p.role])).toContainEqual([
      "Test Bank",
      "evaluator",
    ]);
  });

  it("lets only designers import", async () => {
    const text = await packageText(control, exerciseId);
    expect(await statusOf(player.call("importExercisePackage", { body: { package: text } }))).toBe(403);
  });
});

describe("the tabletop pack", () => {
  it("prints the situation manual and one card per inject, every page marked as an exercise", async () => {
    const file = await control.call("exerciseTabletopPack", { params: { id: exerciseId } });
    expect(file.mediaType).toBe("application/pdf");
    const { flat, pages, pageTexts } = await readPdf(file.bytes);
    for (const part of [
      "Situation manual",
      "Purpose",
      "Scope",
      "Objectives",
      "Scenario",
      "Participants and their roles",
      "Rules of play",
      "Share the first warning within the hour",
      "Test Inspectorate",
      "Inject 1 · T+0:00:00",
      "Inject 3 · T+0:45:00",
      "Inject 2 · T+1:30:00.500",
      "Is the water safe?",
      "Answer the press together.",
    ])
      expect(flat).toContain(part);
    // Cover, manual, three cards, the MSEL: at least six pages, each with the mark.
    expect(pages).toBeGreaterThanOrEqual(6);
    for (const page of pageTexts) expect(page).toContain("EXERCISE EXERCISE EXERCISE");
  });

  it("prints the pack in the reader's language, the mark and the controllers' words as they are (issue 15)", async () => {
    const { cookie } = await signedIn(here.server, "director@authority.example");
    const textIn = (language: string) =>
      pdfTextIn(here.server, cookie, `/api/exercises/${exerciseId}/tabletop-pack.pdf`, language);
    const french = await textIn("fr");
    for (const part of [
      "Manuel de situation",
      "Règles du jeu",
      "Exercice sur table (fondé sur la discussion)",
      "Capacité : Coordination opérationnelle",
      "Inject n° 1 · T+0:00:00",
      "Share the first warning within the hour",
      "EXERCISE EXERCISE EXERCISE",
    ])
      expect(french).toContain(part);
    const chinese = await textIn("zh");
    for (const part of ["情况手册", "演练规则", "桌面推演", "EXERCISE EXERCISE EXERCISE"])
      expect(chinese).toContain(part);
  });
});
