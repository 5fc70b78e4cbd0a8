// Creating the same thing several times at once (issue 14, finding 7): every request passes the
// service's "exists already?" check together, the database keeps one, and each of the others
// answers 409 problem+json naming the fields whose values are taken, never 500. Nothing is left
// half made: one row.
import { ApiError, type Client } from "@bulwark/contracts";
import { rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
let admin: Client;
let grid: Client; // the grid operator's analyst: registers its assets
let boss: Client; // the grid operator's administrator: adds its people

beforeAll(async () => {
  server = await startTestServer();
  [admin, grid, boss] = await Promise.all([
    server.client("admin@authority.example"),
    server.client("analyst@grid.example"),
    server.client("boss@grid.example"),
  ]);
});
afterAll(() => server.close());

interface Answer {
  status: number;
  contentType: string | null;
  paths: string[];
}

/** Send `times` copies of one creation together: each answer's status and problem fields. */
async function together(times: number, create: () => Promise<unknown>): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: times }, () =>
      create().then(
        () => ({ status: 201, contentType: null, paths: [] }),
        (error: unknown) => {
          if (!(error instanceof ApiError)) throw error;
          return {
            status: error.status,
            contentType: error.problem.type,
            paths: (error.problem.errors ?? []).map((item) => item.path),
          };
        },
      ),
    ),
  );
}

/** One accepted, the rest conflicts naming `fields` (or the service's own 409, sent before the insert). */
function expectOneCreated(answers: Answer[], fields: string[]) {
  expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
  const refused = answers.filter((answer) => answer.status !== 201);
  for (const answer of refused) {
    expect(answer.status).toBe(409);
    expect(answer.contentType).toBe("urn:bulwark:problem:conflict");
    if (answer.paths.length > 0) expect(answer.paths).toEqual(fields);
  }
}

const count = async (query: ReturnType<typeof sql>) =>
  Number(rowsOf<{ n: number | string }>(await server.db.execute(query))[0]?.n ?? 0);

describe("the same thing created at once", () => {
  it("eight assets with one ref: one is registered, seven answer 409 naming operatorId and ref", async () => {
    const answers = await together(8, () =>
      grid.call("createAsset", {
        body: {
          ref: "SUB-RACE",
          name: "Raced substation",
          sector: "energy-electricity",
          operatorId: server.cast.organisations.operator,
          lat: 10.5,
          lon: 20.25,
        },
      }),
    );
    expectOneCreated(answers, ["operatorId", "ref"]);
    expect(await count(sql`select count(*) as n from assets where ref = 'SUB-RACE'`)).toBe(1);
  });

  it("eight users with one e-mail address: one account, seven 409 naming email", async () => {
    const answers = await together(8, () =>
      boss.call("createUser", {
        body: {
          email: "raced@grid.example",
          name: "Raced Engineer",
          organisationId: server.cast.organisations.operator,
          roles: ["analyst"],
        },
      }),
    );
    expectOneCreated(answers, ["email"]);
    expect(await count(sql`select count(*) as n from users where email = 'raced@grid.example'`)).toBe(1);
  });

  it("eight organisations with one name: one organisation, seven 409 naming name", async () => {
    const answers = await together(8, () =>
      admin.call("createOrganisation", { body: { name: "Raced Org", kind: "academia", country: "XM" } }),
    );
    expectOneCreated(answers, ["name"]);
    expect(await count(sql`select count(*) as n from organisations where name = 'Raced Org'`)).toBe(1);
  });

  it("eight expert profiles of one person: one profile, seven 409", async () => {
    const answers = await together(8, () =>
      grid.call("createMyExpertProfile", {
        body: {
          headline: "Grid protection",
          bio: "Relays and substations.",
          expertise: ["protection relays"],
          sectors: ["energy-electricity"],
          themes: ["cyber"],
          languages: ["en"],
          region: "europe",
          country: "XM",
          visibility: "organisation",
        },
      }),
    );
    expectOneCreated(answers, ["userId"]);
    expect(
      await count(sql`select count(*) as n from expert_profiles
        where user_id = ${server.cast.users.analyst}`),
    ).toBe(1);
  });
});
