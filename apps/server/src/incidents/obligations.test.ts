// An incident's obligations under its notification regime, over HTTP: the notice is the regime's
// first report, reports filed against the incident meet the others, deadlines follow the regime
// (hours elapsed, months on the authority's calendar), states move with the clock, and whoever may
// not see the incident gets 404. An unknown regime or report is refused and changes nothing.
import type { Client, IncidentCreateInput } from "@bulwark/contracts";
import { insertAsset, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, problemOf, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
let operator: Client; // the grid operator's duty officer, who files
let watch: Client; // the national authority's watch desk, in the audience
let outsider: Client; // the water utility: not in the audience
let substation = "";

// The test clock starts at 2026-11-24 09:00 UTC (10:00 in Brussels).
const START = Date.UTC(2026, 10, 24, 9, 0, 0);
const at = (hours: number) => new Date(START + hours * 3_600_000).toISOString();

const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput => ({
  title: "Substation attacked",
  type: "sabotage",
  startedAt: at(-3),
  awareAt: at(-2),
  regime: "eu-nis2-article-23",
  tlp: "amber",
  audience: { organisationIds: [server.cast.organisations.authority] },
  suspectedCause: "attack",
  threatFamily: "sabotage",
  assets: [{ assetId: substation, status: "down", at: at(-3) }],
  ...over,
});

const counts = async () =>
  (
    (await server.db.execute(sql`select (select count(*)::int from incidents) as incidents,
      (select count(*)::int from incident_reports) as reports`)) as unknown as { rows: unknown[] }
  ).rows[0];

beforeAll(async () => {
  server = await startTestServer();
  const now = server.context.clock();
  await insertUser(
    server.db,
    {
      email: "watch@authority.example",
      name: "Watch",
      organisationId: server.cast.organisations.authority,
      roles: ["coordinator"],
      passwordHash: await hashPassword(PASSWORD),
    },
    now,
  );
  substation = await insertAsset(
    server.db,
    {
      ref: "S",
      name: "Substation",
      sector: "energy-electricity",
      operatorId: server.cast.organisations.operator,
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
  [operator, watch, outsider] = await Promise.all([
    server.client("member@grid.example"),
    server.client("watch@authority.example"),
    server.client("member@water.example"),
  ]);
}, 60_000);
afterAll(() => server.close());

describe("GET /api/incidents/:id/obligations", () => {
  it("counts the notice as the first report and the rest from the regime, for everyone who sees the incident", async () => {
    const { id } = await operator.call("createIncident", { body: notice() });
    const expected = [
      // The notice itself, filed at the clock's time: the early warning, on time.
      { report: "early-warning", dueAt: at(22), submittedAt: at(0), status: "submitted" },
      { report: "incident-notification", dueAt: at(70), submittedAt: null, status: "pending" },
      // Not filed yet: one month after the notification's deadline, 27 November 08:00 in Brussels.
      { report: "final-report", dueAt: "2026-12-27T07:00:00.000Z", submittedAt: null, status: "pending" },
    ];
    for (const reader of [operator, watch]) {
      const obligations = await reader.call("incidentObligations", { params: { id } });
      expect(
        obligations.map(({ report, dueAt, submittedAt, status }) => ({ report, dueAt, submittedAt, status })),
      ).toEqual(expected);
      expect(obligations[0]?.authority).toMatch(/CSIRT/);
    }
  });

  it("tells due soon from overdue, and moves with the reports filed against the incident", async () => {
    // Became aware 61 hours ago: the notification is due in 11 hours (due soon from 12 hours before).
    const soon = await operator.call("createIncident", {
      body: notice({ startedAt: at(-62), awareAt: at(-61) }),
    });
    const statuses = async (id: string) =>
      (await watch.call("incidentObligations", { params: { id } })).map((o) => [o.report, o.status]);
    expect(await statuses(soon.id)).toEqual([
      ["early-warning", "late"], // the notice came 61 hours after awareness
      ["incident-notification", "due-soon"],
      ["final-report", "pending"],
    ]);
    // Became aware 73 hours ago: the notification is an hour overdue; filed now, it is late.
    const { id } = await operator.call("createIncident", {
      body: notice({ startedAt: at(-74), awareAt: at(-73) }),
    });
    expect(await statuses(id)).toContainEqual(["incident-notification", "overdue"]);
    await operator.call("fileIncidentReport", {
      params: { id },
      body: { report: "incident-notification", body: "Initial assessment: severity high." },
    });
    const obligations = await watch.call("incidentObligations", { params: { id } });
    expect(obligations[1]).toMatchObject({ status: "late", submittedAt: at(0), dueAt: at(-1) });
    // One month after the late notification (24 November 10:00 in Brussels).
    expect(obligations[2]).toMatchObject({ dueAt: "2026-12-24T09:00:00.000Z", status: "pending" });
  });

  it("answers 404 to whoever may not see the incident, as every incident route does", async () => {
    const { id } = await operator.call("createIncident", { body: notice() });
    for (const [client, target] of [
      [outsider, id],
      [watch, "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      const problem = await problemOf(client.call("incidentObligations", { params: { id: target } }));
      expect(problem.status).toBe(404);
      expect(problem.detail).toBe("No incident with this id is visible to you.");
    }
  });

  it("follows the CER regime: a detailed report one month after the initial notification", async () => {
    const { id } = await operator.call("createIncident", { body: notice({ regime: "eu-cer-article-15" }) });
    const obligations = await operator.call("incidentObligations", { params: { id } });
    expect(obligations.map(({ report, dueAt, status }) => [report, dueAt, status])).toEqual([
      ["initial-notification", at(22), "submitted"],
      // From the notice's filing, 24 November 10:00 in Brussels, to 24 December 10:00.
      ["detailed-report", "2026-12-24T09:00:00.000Z", "pending"],
    ]);
    expect(obligations[1]?.condition).toBe("where relevant");
  });
});

describe("regimes and reports are checked", () => {
  it("refuses an unknown regime and a report the regime does not name, writing nothing", async () => {
    const { id } = await operator.call("createIncident", { body: notice() });
    const before = await counts();
    const unknown = await problemOf(
      operator.call("createIncident", { body: notice({ regime: "eu-cer-art-99" }) }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.errors).toEqual([
      {
        path: "body.regime",
        message: "Use one of: eu-cer-article-15, eu-nis2-article-23, national-default.",
      },
    ]);
    const report = await problemOf(
      operator.call("fileIncidentReport", { params: { id }, body: { report: "detailed-report", body: "x" } }),
    );
    expect(report.status).toBe(422);
    expect(report.errors?.[0]?.path).toBe("body.report");
    expect(await counts()).toEqual(before);
  });
});
