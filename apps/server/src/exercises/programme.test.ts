// Multi-year exercise programmes (issue 19) on the demo country: the authority's director makes
// one; its priorities come from the authority's latest submitted self-assessment and the risk
// register, each naming its source; exercises are listed per year by type; only the organisation's
// own people see it, and only its designers make one.
import { ApiError, type Client, createClient } from "@bulwark/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed-demo.ts";
import { injectFetch, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
const PASSWORD = "demo password for the programme test";

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo({ ...server.context, config: { ...server.context.config, demoPassword: PASSWORD } });
}, 180_000);
afterAll(() => server.close());

async function as(email: string): Promise<Client> {
  const client = createClient({
    fetch: injectFetch(server.app),
    cookieJar: true,
    baseUrl: "http://localhost",
  });
  await client.call("login", { body: { email, password: PASSWORD } });
  return client;
}

const count = async () =>
  (
    (await server.db.execute(sql`select count(*)::int as n from exercise_programmes`)) as unknown as {
      rows: { n: number }[];
    }
  ).rows[0]?.n;

describe("exercise programmes", () => {
  it("draws priorities from the self-assessment and the risk register, naming each source", async () => {
    const director = await as("tomas.varga@ncipa.meridia.example");
    const made = await director.call("createExerciseProgramme", {
      body: {
        title: "Meridia exercise programme 2027-2029",
        startYear: 2027,
        years: 3,
        exercises: [
          { year: 2027, type: "full-scale", title: "Grid black start", priority: 4 },
          { year: 2027, type: "tabletop", title: "Drones over substations", priority: 1 },
          { year: 2029, type: "drill", title: "Call-out of the grid's crisis team" },
        ],
      },
    });
    expect([made.startYear, made.endYear]).toEqual([2027, 2029]);
    const kinds = made.priorities.map((p) => p.source.kind);
    expect(kinds.filter((k) => k === "self-assessment")).toHaveLength(3);
    expect(kinds.filter((k) => k === "risk-register").length).toBeGreaterThan(0);
    for (const priority of made.priorities) {
      expect(priority.title.length).toBeGreaterThan(0);
      expect(priority.source.label).toMatch(/^(Self-assessment "|Risk register: ")/);
    }
    // The self-assessment's priorities name the authority's own submitted run.
    const run = (await director.call("listRuns")).find((r) => r.state === "submitted");
    expect(made.priorities[0]?.source.id).toBe(run?.id);
    expect(made.priorities[0]?.source.label).toContain(run?.title ?? "?");
    // Per year, from the simplest type to the most complex; an empty year stays listed.
    expect(made.years.map((y) => [y.year, y.exercises.map((e) => e.type)])).toEqual([
      [2027, ["tabletop", "full-scale"]],
      [2028, []],
      [2029, ["drill"]],
    ]);
    expect((await director.call("listExerciseProgrammes")).items.map((p) => p.id)).toEqual([made.id]);
    const colleague = await as("priya.raman@ncipa.meridia.example");
    expect((await colleague.call("listExerciseProgrammes")).items.map((p) => p.id)).toEqual([made.id]);
    // Another organisation does not learn it exists.
    const bank = await as("hugo.lambert@coastalbank.example");
    expect((await bank.call("listExerciseProgrammes")).items).toEqual([]);
  });

  it("refuses non-designers and bad programmes, and changes nothing", async () => {
    const before = await count();
    const analyst = await as("priya.raman@ncipa.meridia.example");
    const body = { title: "x", startYear: 2027, years: 2, exercises: [] };
    expect(await statusOf(analyst.call("createExerciseProgramme", { body }))).toBe(403);
    const director = await as("tomas.varga@ncipa.meridia.example");
    const refused = await director
      .call("createExerciseProgramme", {
        body: {
          ...body,
          exercises: [
            { year: 2030, type: "drill", title: "Too late" },
            { year: 2027, type: "drill", title: "No such priority", priority: 99 },
          ],
        },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).problem.errors?.map((e) => e.path)).toEqual(["body.exercises.0.year"]);
    const unknown = await director
      .call("createExerciseProgramme", {
        body: { ...body, exercises: [{ year: 2027, type: "drill", title: "x", priority: 99 }] },
      })
      .catch((error: unknown) => error);
    expect((unknown as ApiError).problem.errors).toEqual([
      { path: "body.exercises.0.priority", message: "Not a priority of this programme." },
    ]);
    expect(await count()).toBe(before);
  });

  it("lets the organisation's designers change and remove a programme, and nobody else", async () => {
    const director = await as("tomas.varga@ncipa.meridia.example");
    const made = await director.call("createExerciseProgramme", {
      body: {
        title: "Programme to change",
        startYear: 2027,
        years: 2,
        exercises: [{ year: 2027, type: "tabletop", title: "Drones over substations", priority: 1 }],
      },
    });
    const id = made.id;
    const changed = await director.call("updateExerciseProgramme", {
      params: { id },
      body: {
        title: "Programme changed",
        years: 3,
        exercises: [
          { year: 2029, type: "functional", title: "Grid black start", priority: 2 },
          { year: 2027, type: "seminar", title: "Roles and plans" },
        ],
      },
    });
    expect(changed.title).toBe("Programme changed");
    expect([changed.startYear, changed.endYear]).toEqual([2027, 2029]);
    expect(changed.years.map((y) => [y.year, y.exercises.map((e) => [e.type, e.priority])])).toEqual([
      [2027, [["seminar", null]]],
      [2028, []],
      [2029, [["functional", 2]]],
    ]);
    // The priorities stay as drawn unless drawn again (the same sources, as they stand now).
    expect(changed.priorities).toEqual(made.priorities);
    const redrawn = await director.call("updateExerciseProgramme", {
      params: { id },
      body: { redrawPriorities: true },
    });
    expect(redrawn.priorities.map((p) => p.source.kind)).toEqual(made.priorities.map((p) => p.source.kind));
    expect(redrawn.years).toEqual(changed.years);

    const stored = async () =>
      (
        (await server.db.execute(
          sql`select title, start_year, end_year, exercises from exercise_programmes where id = ${id}`,
        )) as unknown as { rows: unknown[] }
      ).rows;
    const before = await stored();
    // A colleague who is no designer: 403; another organisation's designer: 404; nothing changes.
    const analyst = await as("priya.raman@ncipa.meridia.example");
    const bank = await as("hugo.lambert@coastalbank.example");
    const body = { title: "Taken over" };
    expect(await statusOf(analyst.call("updateExerciseProgramme", { params: { id }, body }))).toBe(403);
    expect(await statusOf(analyst.call("deleteExerciseProgramme", { params: { id } }))).toBe(403);
    expect(await statusOf(bank.call("updateExerciseProgramme", { params: { id }, body }))).toBe(404);
    expect(await statusOf(bank.call("deleteExerciseProgramme", { params: { id } }))).toBe(404);
    // Bad changes: a year outside the programme, a priority it has not, shrinking past an exercise, nothing at all.
    const refusals: [unknown, number][] = [
      [{ exercises: [{ year: 2031, type: "drill", title: "Too late" }] }, 422],
      [{ exercises: [{ year: 2027, type: "drill", title: "x", priority: 99 }] }, 422],
      [{ years: 1 }, 422],
      [{}, 400],
      [{ years: 0 }, 400],
    ];
    for (const [refused, status] of refusals)
      expect(
        await statusOf(director.call("updateExerciseProgramme", { params: { id }, body: refused as never })),
      ).toBe(status);
    expect(await stored()).toEqual(before);

    await director.call("deleteExerciseProgramme", { params: { id } });
    expect((await director.call("listExerciseProgrammes")).items.map((p) => p.id)).not.toContain(id);
    expect(await statusOf(director.call("deleteExerciseProgramme", { params: { id } }))).toBe(404);
  });
});
