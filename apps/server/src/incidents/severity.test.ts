// An incident's severity (issue 17, item 3) and the incident list's asset counts, through the API:
// the filer proposes a severity when filing, only the authority sets it (anyone else refused, and
// nothing changes), bad values are problem+json 400; the list counts each incident's assets under
// the reader's asset scope exactly as the incident's page does (assets + hiddenAssets).
import type { Client, IncidentCreateInput } from "@bulwark/contracts";
import { insertAsset, insertOrganisation, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, problemOf, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let watch: Client; // the national authority's watch desk (coordinator)
let gridAdmin: Client; // the grid operator, the filer here
let water: Client; // the water utility (another operator)
let bank: Client; // a bank: outside every audience here
const asset = { S: "", W: "" };

const T0 = "2026-11-22T03:00:00.000Z";

const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput => ({
  title: "Substation S down",
  type: "technical-failure",
  startedAt: T0,
  awareAt: T0,
  regime: "eu-cer-article-15",
  tlp: "amber",
  audience: { organisationIds: [server.cast.organisations.authority] },
  suspectedCause: "technical-failure",
  assets: [{ assetId: asset.S, status: "down", at: T0 }],
  ...over,
});

async function stateOf(id: string) {
  const result = await server.db.execute(sql`select severity, severity_assessed,
      (select count(*)::int from audit_log where action = 'incidents.severity' and target_id = ${id}) as audit
    from incidents where id = ${id}`);
  return (result as unknown as { rows: unknown[] }).rows[0];
}

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const bankId = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  const person = (email: string, organisationId: string, roles: ("coordinator" | "organisation-admin")[]) =>
    insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  await person("watch@authority.example", organisations.authority, ["coordinator"]);
  await person("teller@bank.example", bankId, ["organisation-admin"]);
  await server.db.execute(
    sql`update users set roles = '{organisation-admin}' where email = 'member@water.example'`,
  );
  const add = (ref: string, operatorId: string, sector: "energy-electricity" | "water-drinking") =>
    insertAsset(
      server.db,
      {
        ref,
        name: `Asset ${ref}`,
        sector,
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
  asset.S = await add("S", organisations.operator, "energy-electricity");
  asset.W = await add("W", organisations.other, "water-drinking");
  [watch, gridAdmin, water, bank] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("boss@grid.example"),
    server.client("member@water.example"),
    server.client("teller@bank.example"),
  ]);
});
afterAll(() => server.close());

describe("severity", () => {
  it("keeps the filer's proposal, unassessed, and none when left out", async () => {
    const proposed = await gridAdmin.call("createIncident", { body: notice({ severity: "major" }) });
    expect([proposed.severity, proposed.severityAssessed]).toEqual(["major", false]);
    expect(proposed.abilities.setSeverity).toBe(false);
    const none = await gridAdmin.call("createIncident", { body: notice() });
    expect([none.severity, none.severityAssessed]).toEqual([null, false]);
    const listed = (await watch.call("listIncidents")).items.find((item) => item.id === proposed.id);
    expect(listed?.severity).toBe("major");
    expect((await watch.call("getIncident", { params: { id: proposed.id } })).abilities.setSeverity).toBe(
      true,
    );
  });

  it("lets the authority set it, and refuses the filer and strangers without changing anything", async () => {
    const created = await gridAdmin.call("createIncident", { body: notice({ severity: "minor" }) });
    const id = created.id;
    const before = await stateOf(id);
    const refused = await problemOf(
      gridAdmin.call("setIncidentSeverity", { params: { id }, body: { severity: "critical" } }),
    );
    expect(refused.status).toBe(403);
    expect(refused.detail).toBe("Only the authority sets an incident's severity.");
    for (const stranger of [water, bank])
      expect(
        await statusOf(
          stranger.call("setIncidentSeverity", { params: { id }, body: { severity: "critical" } }),
        ),
      ).toBe(404);
    expect(await stateOf(id)).toEqual(before);
    // The refusal in the caller's language, as problem+json.
    const { token } = await gridAdmin.call("createToken", {
      body: { name: "fr", scopes: ["read", "write"] },
    });
    const french = await server.inject({
      method: "POST",
      url: `/api/incidents/${id}/severity`,
      headers: {
        authorization: `Bearer ${token}`,
        "accept-language": "fr",
        "content-type": "application/json",
      },
      payload: JSON.stringify({ severity: "critical" }),
    });
    expect(french.statusCode).toBe(403);
    expect(french.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.parse(french.body).detail).toBe("Seule l'autorité fixe la gravité d'un incident.");
    expect(await stateOf(id)).toEqual(before);

    const set = await watch.call("setIncidentSeverity", {
      params: { id },
      body: { severity: "significant" },
    });
    expect([set.severity, set.severityAssessed]).toEqual(["significant", true]);
    expect(await stateOf(id)).toEqual({ severity: "significant", severity_assessed: true, audit: 1 });
    const seenByFiler = await gridAdmin.call("getIncident", { params: { id } });
    expect([seenByFiler.severity, seenByFiler.severityAssessed]).toEqual(["significant", true]);
  });

  it("answers a bad value with problem+json 400 and changes nothing", async () => {
    const created = await gridAdmin.call("createIncident", { body: notice({ severity: "minor" }) });
    const before = await stateOf(created.id);
    const problem = await problemOf(
      watch.call("setIncidentSeverity", {
        params: { id: created.id },
        body: { severity: "catastrophic" as "minor" },
      }),
    );
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.path)).toContain("body.severity");
    expect(await stateOf(created.id)).toEqual(before);
    const filed = await problemOf(
      gridAdmin.call("createIncident", { body: notice({ severity: "grave" as "minor" }) }),
    );
    expect(filed.status).toBe(400);
    expect(filed.errors?.map((e) => e.path)).toContain("body.severity");
  });

  it("is no longer set once the incident is closed", async () => {
    const created = await gridAdmin.call("createIncident", { body: notice() });
    const id = created.id;
    for (const state of ["acknowledged", "responding", "recovering", "closed"] as const)
      await watch.call("changeIncidentState", { params: { id }, body: { state } });
    const closed = await watch.call("getIncident", { params: { id } });
    expect(closed.abilities.setSeverity).toBe(false);
    const before = await stateOf(id);
    expect(
      (await problemOf(watch.call("setIncidentSeverity", { params: { id }, body: { severity: "major" } })))
        .status,
    ).toBe(403);
    expect(await stateOf(id)).toEqual(before);
  });
});

describe("the list's asset counts", () => {
  it("count what each reader may see as the incident's page does, never more", async () => {
    // A CLEAR incident naming the grid's substation and the water pump (both TLP:AMBER assets).
    const both = await watch.call("createIncident", {
      body: notice({
        tlp: "clear",
        audience: {},
        assets: [
          { assetId: asset.S, status: "down", at: T0 },
          { assetId: asset.W, status: "degraded", at: T0 },
        ],
      }),
    });
    // Several rows of one asset count once.
    await watch.call("recordIncidentAssetStatus", {
      params: { id: both.id },
      body: { assetId: asset.S, status: "restored", at: "2026-11-22T09:00:00.000Z" },
    });
    const expected: [Client, { visible: number; hidden: number }][] = [
      [watch, { visible: 2, hidden: 0 }],
      [gridAdmin, { visible: 1, hidden: 1 }],
      [water, { visible: 1, hidden: 1 }],
      [bank, { visible: 0, hidden: 2 }],
    ];
    for (const [reader, counts] of expected) {
      const listed = (await reader.call("listIncidents")).items.find((item) => item.id === both.id);
      expect(listed?.assetCounts).toEqual(counts);
      const detail = await reader.call("getIncident", { params: { id: both.id } });
      expect({ visible: detail.assets.length, hidden: detail.hiddenAssets }).toEqual(counts);
      expect(detail.assetCounts).toEqual(counts);
    }
  });
});
