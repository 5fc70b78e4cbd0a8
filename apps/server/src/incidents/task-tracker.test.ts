// Incident tasks in the follow-up tracker (GET /api/incident-tasks), on both databases: each reader
// sees the tasks of exactly the incidents they may see (an organisation outside an incident's
// audience sees none of its tasks, nor counts them), overdue ones first and counted, "mine" keeps
// those assigned to the reader or their organisation, and a bad filter is a problem+json 400.
import { ApiError, type Client, type IncidentCreateInput } from "@bulwark/contracts";
import { insertAsset, insertOrganisation, insertUser } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
let police = "";
let filer: Client; // the grid operator's administrator (owner of both incidents)
let watch: Client; // the authority's coordinator
let officer: Client; // police analyst: in the first incident's audience only
let teller: Client; // a bank: in no audience
const incident = { shared: "", private: "" };

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  police = await insertOrganisation(
    server.db,
    { name: "Test Police", kind: "law-enforcement", country: "XM", sectors: [] },
    now,
  );
  const bank = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  const user = (email: string, organisationId: string, roles: ("coordinator" | "analyst" | "member")[]) =>
    insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  await user("officer@police.example", police, ["analyst"]);
  await user("watch@authority.example", organisations.authority, ["coordinator"]);
  await user("teller@bank.example", bank, ["member"]);
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
  filer = await server.client("boss@grid.example");
  watch = await server.client("watch@authority.example");
  officer = await server.client("officer@police.example");
  teller = await server.client("teller@bank.example");
  const at = now.toISOString();
  const notice = (title: string, organisationIds: string[]): IncidentCreateInput => ({
    title,
    type: "sabotage",
    startedAt: at,
    awareAt: at,
    regime: "eu-cer-article-15",
    tlp: "amber",
    audience: { organisationIds },
    suspectedCause: "attack",
    threatFamily: "sabotage",
    assets: [{ assetId: substation, status: "down", at }],
  });
  incident.shared = (
    await filer.call("createIncident", { body: notice("Shared incident", [organisations.authority, police]) })
  ).id;
  incident.private = (
    await filer.call("createIncident", { body: notice("Authority-only incident", [organisations.authority]) })
  ).id;
  const past = new Date(now.getTime() - 3_600_000).toISOString();
  const future = new Date(now.getTime() + 86_400_000).toISOString();
  await watch.call("createIncidentTask", {
    params: { id: incident.shared },
    body: { title: "Secure the site", assignee: { organisationId: police }, dueAt: future },
  });
  await watch.call("createIncidentTask", {
    params: { id: incident.shared },
    body: { title: "Send access logs", assignee: { organisationId: organisations.operator }, dueAt: past },
  });
  await watch.call("createIncidentTask", {
    params: { id: incident.private },
    body: { title: "Restore the SCADA link", assignee: { organisationId: organisations.operator } },
  });
});
afterAll(async () => {
  await server?.close();
});

const titles = (page: { items: { title: string }[] }) => page.items.map((task) => task.title);

describe("incident tasks in the follow-up tracker", () => {
  it("lists the tasks of every incident the reader sees, overdue first, with the incident named", async () => {
    const page = await watch.call("listTrackedIncidentTasks", { query: {} });
    expect(page.total).toBe(3);
    expect(page.overdue).toBe(1);
    expect(page.items[0]).toMatchObject({
      title: "Send access logs",
      overdue: true,
      status: "open",
      incident: { id: incident.shared, title: "Shared incident" },
      assignee: { kind: "organisation", id: server.cast.organisations.operator, name: "Test Grid Operator" },
    });
    expect(page.items[0]).not.toHaveProperty("assignee.organisationId");
    expect(titles(await filer.call("listTrackedIncidentTasks", { query: {} })).sort()).toEqual([
      "Restore the SCADA link",
      "Secure the site",
      "Send access logs",
    ]);
  });

  it("shows nothing of an incident the reader may not see: not listed, not counted", async () => {
    const seenByPolice = await officer.call("listTrackedIncidentTasks", { query: {} });
    expect(titles(seenByPolice).sort()).toEqual(["Secure the site", "Send access logs"]);
    expect(seenByPolice.items.every((task) => task.incident.id === incident.shared)).toBe(true);
    expect(seenByPolice.total).toBe(2);
    const seenByBank = await teller.call("listTrackedIncidentTasks", { query: {} });
    expect(seenByBank).toEqual({ items: [], total: 0, overdue: 0 });
    expect(await teller.call("listTrackedIncidentTasks", { query: { overdue: "true" } })).toMatchObject({
      total: 0,
      overdue: 0,
    });
  });

  it("filters: mine (the reader or their organisation), overdue and status", async () => {
    expect(titles(await officer.call("listTrackedIncidentTasks", { query: { mine: "true" } }))).toEqual([
      "Secure the site",
    ]);
    expect(titles(await filer.call("listTrackedIncidentTasks", { query: { mine: "true" } })).sort()).toEqual([
      "Restore the SCADA link",
      "Send access logs",
    ]);
    expect(titles(await watch.call("listTrackedIncidentTasks", { query: { mine: "true" } }))).toEqual([]);
    expect(titles(await watch.call("listTrackedIncidentTasks", { query: { overdue: "true" } }))).toEqual([
      "Send access logs",
    ]);
    expect(await watch.call("listTrackedIncidentTasks", { query: { status: "done" } })).toMatchObject({
      items: [],
      total: 0,
      overdue: 1,
    });
  });

  it("answers a bad filter with problem+json 400, and a stranger with 401", async () => {
    const response = await server.inject({
      method: "GET",
      url: "/api/incident-tasks?status=finished&limit=0",
      headers: { cookie: "" },
    });
    expect(response.statusCode).toBe(401);
    try {
      await watch.call("listTrackedIncidentTasks", { query: { status: "finished" as never } });
      throw new Error("The call succeeded.");
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      if (error instanceof ApiError) {
        expect(error.status).toBe(400);
        expect(error.problem.errors?.map((item) => item.path)).toContain("querystring.status");
      }
    }
  });
});
