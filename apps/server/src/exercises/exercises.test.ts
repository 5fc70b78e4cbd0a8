// Exercises through the API (issue 19): planning, the clock and the MSEL delivered at its time to
// its recipients only (at 10x speed, visible at its due time and not 100 ms before; the same in a
// second server process over the same database), observations with HSEEP's ratings, the
// scenario's ground truth from the cascade, corrective actions in the follow-up tracker, the
// AAR/IP PDF, and access: a non-participant gets 404 on every route, a player 403 on the rest.
import { ApiError, type Client, createClient, type ExerciseCreateInput, endpoints } from "@bulwark/contracts";
import { insertAsset, insertDependency, insertOrganisation, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { hashPassword } from "../auth/secrets.ts";
import { pdfTextIn, readPdf } from "../pdf/testing.ts";
import { loadScenarioPack } from "../risk/content.service.ts";
import {
  injectClient,
  injectFetch,
  PASSWORD,
  signedIn,
  startTestServer,
  statusOf,
  type TestServer,
} from "../testing.ts";

let server: TestServer;
let control: Client; // the authority's exercise director (coordinator): the controller
let observer: Client; // the authority's platform administrator: of the controlling organisation, no designer
let gridAdmin: Client; // player
let gridMember: Client; // player
let water: Client; // player
let inspector: Client; // evaluator
let banker: Client; // takes no part (an organisation administrator elsewhere)
let inspectorate = "";
let bank = "";
const asset: Record<"S" | "F" | "W", string> = { S: "", F: "", W: "" };

const counts = async () =>
  (
    (await server.db.execute(sql`select
    (select count(*)::int from exercises) as exercises,
    (select count(*)::int from exercise_injects) as injects,
    (select count(*)::int from exercise_observations) as observations,
    (select count(*)::int from exercise_participants) as participants,
    (select count(*)::int from incidents) as incidents,
    (select count(*)::int from event_actions) as actions,
    (select count(*)::int from audit_log where action like 'exercises.%') as audit`)) as unknown as {
      rows: unknown[];
    }
  ).rows[0];

const plan = (over: Partial<ExerciseCreateInput> = {}): ExerciseCreateInput => ({
  title: "Drones over substation S",
  type: "tabletop",
  participants: [
    { organisationId: server.cast.organisations.operator, role: "player" },
    { organisationId: server.cast.organisations.other, role: "player" },
    { organisationId: inspectorate, role: "evaluator" },
  ],
  objectives: [
    { title: "Share the first warning within the hour", section: "information-sharing" },
    { title: "Coordinate the response of grid and water", capability: "operational-coordination" },
  ],
  scenario: { slug: "uas-attack-on-site", attackedAssetIds: [asset.S] },
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  await loadScenarioPack(server.context);
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
  const person = (
    email: string,
    organisationId: string,
    roles: ("coordinator" | "member" | "organisation-admin")[],
  ) =>
    insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  await person("director@authority.example", organisations.authority, ["coordinator"]);
  await person("inspector@inspectorate.example", inspectorate, ["member"]);
  await person("boss@bank.example", bank, ["organisation-admin"]);
  const add = (ref: string, operatorId: string, populationServed: number) =>
    insertAsset(
      server.db,
      {
        ref,
        name: `Asset ${ref}`,
        sector: "energy-electricity",
        operatorId,
        status: "operational",
        populationServed,
        marking: "amber",
        tags: [],
        attributes: {},
        lat: 10,
        lon: 20,
      },
      now,
    );
  asset.S = await add("S", organisations.operator, 1000);
  asset.F = await add("F", organisations.operator, 2000);
  asset.W = await add("W", organisations.other, 5000);
  const depend = (dependentId: string, supplierId: string, bufferHours: number) =>
    insertDependency(
      server.db,
      { dependentId, supplierId, service: "electricity", kind: "physical", k: 1, bufferHours },
      now,
    );
  await depend(asset.F, asset.S, 0);
  await depend(asset.W, asset.S, 6);
  [control, observer, gridAdmin, gridMember, water, inspector, banker] = await Promise.all([
    server.client("director@authority.example"),
    server.client("admin@authority.example"),
    server.client("boss@grid.example"),
    server.client("member@grid.example"),
    server.client("member@water.example"),
    server.client("inspector@inspectorate.example"),
    server.client("boss@bank.example"),
  ]);
});
afterAll(() => server.close());

describe("planning", () => {
  it("plans an exercise its participants see in their roles, and nobody else", async () => {
    const created = await control.call("createExercise", { body: plan() });
    expect(created).toMatchObject({
      mark: "EXERCISE EXERCISE EXERCISE",
      type: "tabletop",
      status: "planning",
      role: "controller",
      clock: { status: "planning", exerciseTimeMs: 0 },
      abilities: { control: true, observe: false, evaluate: true },
      scenario: { slug: "uas-attack-on-site", attackedAssetIds: [asset.S] },
    });
    expect(created.objectives.map((o) => [o.position, o.section, o.capability])).toEqual([
      [1, "information-sharing", null],
      [2, null, "operational-coordination"],
    ]);
    const seen = async (client: Client) => client.call("getExercise", { params: { id: created.id } });
    expect((await seen(gridMember)).role).toBe("player");
    // Players learn the scenario from their injects, not from its ground truth.
    expect((await seen(gridMember)).scenario.attackedAssetIds).toEqual([]);
    expect((await seen(inspector)).role).toBe("evaluator");
    expect((await seen(inspector)).scenario.attackedAssetIds).toEqual([asset.S]);
    expect((await seen(observer)).abilities.control).toBe(false);
    for (const reader of [control, gridMember, water, inspector])
      expect((await reader.call("listExercises")).items.map((e) => e.id)).toContain(created.id);
    expect(await statusOf(seen(banker))).toBe(404);
    expect((await banker.call("listExercises")).total).toBe(0);
  });

  it("refuses bad plans with problem+json and changes nothing", async () => {
    const before = await counts();
    const refused = async (client: Client, body: ExerciseCreateInput) =>
      statusOf(client.call("createExercise", { body }));
    expect(await refused(control, plan({ objectives: [{ title: "x", section: "no-such-section" }] }))).toBe(
      422,
    );
    expect(
      await refused(
        control,
        plan({ participants: [{ organisationId: "00000000-0000-4000-8000-000000000001", role: "player" }] }),
      ),
    ).toBe(422);
    expect(
      await refused(control, plan({ scenario: { slug: "no-such-scenario", attackedAssetIds: [] } })),
    ).toBe(422);
    expect(await refused(control, plan({ objectives: [] }))).toBe(400);
    expect(
      await refused(
        control,
        plan({ objectives: [{ title: "both", section: "strategy", capability: "planning" }] }),
      ),
    ).toBe(400);
    // The water utility's member may not plan exercises; nor may anyone attack an asset hidden from them.
    expect(await refused(gridMember, plan())).toBe(403);
    expect(await refused(water, plan({ participants: [] }))).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe("the clock and the MSEL", () => {
  it("delivers each inject at its exercise time, in order, to its recipients only, at 10x speed", async () => {
    const { organisations } = server.cast;
    const { id } = await control.call("createExercise", { body: plan({ title: "Clock test" }) });
    const inject = (offsetMs: number, recipients: string[], content: string) =>
      control.call("createExerciseInject", {
        params: { id },
        body: {
          offsetMs,
          sender: "Police control room",
          recipientOrganisationIds: recipients,
          channel: "phone",
          content,
        },
      });
    await inject(600_000, [organisations.operator], "Drone seen over S");
    await inject(600_000, [organisations.other], "Pump W on battery");
    await inject(300_000, [organisations.operator], "Fence alarm at S");
    await inject(1_200_000, [organisations.operator, organisations.other], "Press asks questions");
    const inbox = async (client: Client) =>
      (await client.call("listExerciseInjects", { params: { id } })).items.map((item) => item.content);

    // Before the start: players see nothing; controllers and evaluators the whole MSEL, pending.
    expect(await inbox(gridMember)).toEqual([]);
    const msel = await control.call("listExerciseInjects", { params: { id } });
    expect(msel.items.map((i) => [i.content, i.status])).toEqual([
      ["Fence alarm at S", "pending"],
      ["Drone seen over S", "pending"],
      ["Pump W on battery", "pending"],
      ["Press asks questions", "pending"],
    ]);
    expect((await inspector.call("listExerciseInjects", { params: { id } })).items).toHaveLength(4);

    await control.call("changeExerciseClock", { params: { id }, body: { action: "start", speed: 10 } });
    server.advance(29_900); // exercise time 299 s
    expect(await inbox(gridMember)).toEqual([]);
    server.advance(100); // 300 s: due
    expect(await inbox(gridMember)).toEqual(["Fence alarm at S"]);
    expect(await inbox(water)).toEqual([]);
    server.advance(29_900); // 599 s
    expect(await inbox(gridMember)).toEqual(["Fence alarm at S"]);
    server.advance(100); // 600 s
    expect(await inbox(gridMember)).toEqual(["Fence alarm at S", "Drone seen over S"]);
    expect(await inbox(gridAdmin)).toEqual(["Fence alarm at S", "Drone seen over S"]);
    expect(await inbox(water)).toEqual(["Pump W on battery"]);
    // Players read what reached them, not the controllers' notes.
    const delivered = (await gridMember.call("listExerciseInjects", { params: { id } })).items[0];
    expect(delivered).not.toHaveProperty("expectedAction");
    expect(delivered).not.toHaveProperty("recipients");
    expect(delivered?.mark).toBe("EXERCISE EXERCISE EXERCISE");

    // Paused, the clock stands still; resumed, it goes on from where it stood.
    await control.call("changeExerciseClock", { params: { id }, body: { action: "pause" } });
    server.advance(3_600_000);
    expect(await inbox(water)).toEqual(["Pump W on battery"]);
    const paused = await control.call("getExercise", { params: { id } });
    expect(paused.clock).toEqual({ status: "paused", speed: 10, exerciseTimeMs: 600_000 });
    await control.call("changeExerciseClock", { params: { id }, body: { action: "resume" } });
    server.advance(59_900); // 1199 s
    expect(await inbox(water)).toEqual(["Pump W on battery"]);

    // A second server process over the same database computes the same time: nothing is in memory.
    const second = await buildApp(server.context, { logLevel: false, web: false });
    try {
      const waterThere = await injectClient(injectFetch(second), "member@water.example");
      expect(
        (await waterThere.call("listExerciseInjects", { params: { id } })).items.map((i) => i.content),
      ).toEqual(["Pump W on battery"]);
      server.advance(100); // 1200 s
      expect(
        (await waterThere.call("listExerciseInjects", { params: { id } })).items.map((i) => i.content),
      ).toEqual(["Pump W on battery", "Press asks questions"]);
    } finally {
      await second.close();
    }
    const status = (await control.call("listExerciseInjects", { params: { id } })).items.map((i) => i.status);
    expect(status).toEqual(["delivered", "delivered", "delivered", "delivered"]);
  });

  it("lets only the controllers' designers write the MSEL and run the clock", async () => {
    const { id } = await control.call("createExercise", { body: plan({ title: "Who runs it" }) });
    const before = await counts();
    const body = {
      offsetMs: 0,
      sender: "x",
      recipientOrganisationIds: [server.cast.organisations.operator],
      channel: "email" as const,
      content: "x",
    };
    for (const client of [gridAdmin, inspector, observer]) {
      expect(await statusOf(client.call("createExerciseInject", { params: { id }, body }))).toBe(403);
      expect(
        await statusOf(client.call("changeExerciseClock", { params: { id }, body: { action: "start" } })),
      ).toBe(403);
    }
    // The refusal in the caller's language.
    const french = createClient({
      fetch: injectFetch(server.app),
      cookieJar: true,
      baseUrl: "http://localhost",
      language: () => "fr",
    });
    await french.call("login", { body: { email: "boss@grid.example", password: PASSWORD } });
    const refusal = await french
      .call("changeExerciseClock", { params: { id }, body: { action: "start" } })
      .then(
        () => null,
        (error: unknown) => (error instanceof ApiError ? error.problem.detail : null),
      );
    expect(refusal).toBe(
      "Seuls les coordinateurs et les administrateurs d'une organisation de contrôle conduisent cet exercice.",
    );
    // Recipients are the exercise's players; the clock moves only as its states allow.
    expect(
      await statusOf(
        control.call("createExerciseInject", {
          params: { id },
          body: { ...body, recipientOrganisationIds: [inspectorate] },
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(control.call("changeExerciseClock", { params: { id }, body: { action: "pause" } })),
    ).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe("evaluation", () => {
  let id = "";
  let objectives: string[] = [];
  beforeAll(async () => {
    const created = await control.call("createExercise", { body: plan({ title: "Evaluated tabletop" }) });
    id = created.id;
    objectives = created.objectives.map((o) => o.id);
  });

  it("records evaluators' observations with HSEEP's ratings, for controllers and evaluators to read", async () => {
    const first = objectives[0] ?? "";
    expect(
      await statusOf(
        inspector.call("createExerciseObservation", {
          params: { id },
          body: { objectiveId: first, rating: "S" },
        }),
      ),
    ).toBe(403); // not started
    await control.call("changeExerciseClock", { params: { id }, body: { action: "start", speed: 60 } });
    server.advance(60_000); // one exercise hour
    const recorded = await inspector.call("createExerciseObservation", {
      params: { id },
      body: {
        objectiveId: first,
        rating: "S",
        strengths: ["The grid called the police at once"],
        areasForImprovement: ["The water utility heard of it late"],
      },
    });
    expect(recorded).toMatchObject({
      rating: "S",
      exerciseTimeMs: 3_600_000,
      organisation: { id: inspectorate },
    });
    await control.call("createExerciseObservation", {
      params: { id },
      body: { objectiveId: first, rating: "M", areasForImprovement: ["No common picture"] },
    });
    await inspector.call("createExerciseObservation", {
      params: { id },
      body: { objectiveId: objectives[1] ?? "", rating: "P" },
    });
    for (const reader of [control, inspector])
      expect(
        (await reader.call("listExerciseObservations", { params: { id } })).items.map((o) => o.rating),
      ).toEqual(["S", "M", "P"]);
    expect(await statusOf(gridAdmin.call("listExerciseObservations", { params: { id } }))).toBe(403);
    expect(
      await statusOf(
        gridAdmin.call("createExerciseObservation", {
          params: { id },
          body: { objectiveId: first, rating: "P" },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        inspector.call("createExerciseObservation", {
          params: { id },
          body: { objectiveId: "00000000-0000-4000-8000-000000000002", rating: "P" },
        }),
      ),
    ).toBe(422);
  });

  it("gives controllers and evaluators the scenario's ground truth: the cascade from the attacked assets", async () => {
    const truth = await control.call("exerciseScenario", { params: { id } });
    const cascade = await control.call("cascade", { body: { assetIds: [asset.S] } });
    expect(truth.cascade.failed).toEqual(cascade.failed);
    expect(truth.cascade.failed.map((f) => [f.ref, f.hours])).toEqual([
      ["S", 0],
      ["F", 0],
      ["W", 6],
    ]);
    expect(truth.title).not.toBeNull();
    expect(await statusOf(gridMember.call("exerciseScenario", { params: { id } }))).toBe(403);
  });

  it("puts corrective actions into the follow-up tracker with owner and due date, and prints the AAR/IP", async () => {
    const before = await counts();
    const action = await control.call("createExerciseCorrectiveAction", {
      params: { id },
      body: {
        objectiveId: objectives[0] ?? null,
        title: "Add the water utility to the grid's alert list",
        ownerOrganisationId: server.cast.organisations.operator,
        dueOn: "2027-03-31",
      },
    });
    expect(action).toMatchObject({
      owner: { id: server.cast.organisations.operator },
      dueOn: "2027-03-31",
      status: "open",
    });
    // Owned by a participant only.
    expect(
      await statusOf(
        control.call("createExerciseCorrectiveAction", {
          params: { id },
          body: { title: "x", ownerOrganisationId: bank, dueOn: "2027-03-31" },
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        gridAdmin.call("createExerciseCorrectiveAction", {
          params: { id },
          body: { title: "x", ownerOrganisationId: server.cast.organisations.operator, dueOn: "2027-03-31" },
        }),
      ),
    ).toBe(403);
    expect(await counts()).toMatchObject({ actions: Number((before as { actions: number }).actions) + 1 });
    const plan = await control.call("listExerciseCorrectiveActions", { params: { id } });
    expect(plan.items.map((a) => a.id)).toEqual([action.id]);
    const tracker = await control.call("listEventActions", { query: { eventId: plan.eventId ?? "" } });
    expect(tracker.items.map((a) => [a.id, a.title, a.ownerOrganisation.id, a.dueOn])).toEqual([
      [action.id, action.title, server.cast.organisations.operator, "2027-03-31"],
    ]);

    const file = await inspector.call("exerciseAar", { params: { id } });
    expect(Buffer.from(file.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { text, flat, pages: total } = await readPdf(file.bytes);
    expect(flat).toContain("After-action report and improvement plan");
    expect(flat).toContain("Share the first warning within the hour");
    // The lowest rating its evaluators gave, and the other objective's.
    expect(flat).toContain("Rating: M: Performed with major challenges");
    expect(flat).toContain("Rating: P: Performed without challenges");
    expect(flat).toContain("The water utility heard of it late");
    expect(flat).toContain("Add the water utility to the grid's alert list");
    expect(total).toBeGreaterThanOrEqual(3);
    expect(text.match(/EXERCISE EXERCISE EXERCISE/g)?.length ?? 0).toBeGreaterThanOrEqual(total);
    expect(await statusOf(gridMember.call("exerciseAar", { params: { id } }))).toBe(403);

    // In the reader's language (issue 15): Accept-Language decides; the evaluators' words stay.
    const { cookie } = await signedIn(server, "inspector@inspectorate.example");
    const textIn = (language: string) => pdfTextIn(server, cookie, `/api/exercises/${id}/aar.pdf`, language);
    const spanish = await textIn("es");
    expect(spanish).toContain("Informe posterior a la acción y plan de mejora");
    expect(spanish).toContain("Calificación: M: Realizado con dificultades importantes");
    expect(spanish).toContain("Share the first warning within the hour");
    // pdf.js gives Arabic words back one by one (and splits the lam-alef ligature): words checked.
    const arabic = await textIn("ar");
    for (const word of ["خطة", "التحسين", "والتقييمات"]) expect(arabic).toContain(word);
  });
});

describe("access", () => {
  it("answers 404 on every exercise route to an organisation taking no part, and changes nothing", async () => {
    const { id } = await control.call("createExercise", { body: plan({ title: "Hidden from the bank" }) });
    const before = await counts();
    const routes = Object.entries(endpoints).filter(([, e]) => e.path.startsWith("/api/exercises/:id"));
    expect(routes.length).toBe(17);
    const session = await signedIn(server, "boss@bank.example");
    const bodies: Record<string, unknown> = {
      createExerciseInject: {
        offsetMs: 0,
        sender: "x",
        recipientOrganisationIds: [server.cast.organisations.operator],
        channel: "email",
        content: "x",
      },
      updateExerciseInject: {
        offsetMs: 0,
        sender: "x",
        recipientOrganisationIds: [server.cast.organisations.operator],
        channel: "email",
        content: "x",
      },
      changeExerciseClock: { action: "start" },
      updateExerciseParticipants: { participants: [{ organisationId: bank, role: "controller" }] },
      createExerciseIncident: {
        incident: {
          title: "x",
          type: "sabotage",
          startedAt: "2026-11-24T08:00:00.000Z",
          awareAt: "2026-11-24T08:00:00.000Z",
          regime: "eu-cer-article-15",
          tlp: "amber",
          assets: [{ assetId: asset.S, status: "down", at: "2026-11-24T08:00:00.000Z" }],
        },
      },
      createExerciseObservation: { objectiveId: id, rating: "P" },
      createExerciseCorrectiveAction: { title: "x", ownerOrganisationId: bank, dueOn: "2027-01-01" },
    };
    for (const [name, endpoint] of routes) {
      const response = await server.inject({
        method: endpoint.method,
        url: endpoint.path.replace(":id", id).replace(":injectId", id),
        headers: session.headers(),
        ...(endpoint.method === "POST" || endpoint.method === "PUT"
          ? { payload: bodies[name] as object }
          : {}),
      });
      expect([name, response.statusCode]).toEqual([name, 404]);
      expect(response.body).not.toContain("Hidden from the bank");
    }
    expect(await counts()).toEqual(before);
  });
});
