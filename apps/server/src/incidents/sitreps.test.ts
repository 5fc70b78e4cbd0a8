// Situation reports through the API (issue 18): drafted from the incident's data, numbered per
// incident, seen by the author's organisation until sent and then by the shared item's recipients,
// figures computed for each reader over what they may see (JSON and PDF), a second person's
// approval, sending as a shared item under TLP, and bad input answered with problem+json, nothing changed.
import type { Client, IncidentCreateInput } from "@bulwark/contracts";
import { insertAsset, insertDependency, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { readPdf } from "../pdf/testing.ts";
import { PASSWORD, problemOf, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let watch: Client; // the national authority's watch desk (coordinator)
let gridAdmin: Client; // the grid operator's organisation administrator: writes the reports
let gridAnalyst: Client; // a colleague with a working role: approves
let gridMember: Client; // a colleague without a working role
let water: Client; // the water utility
let bank: Client; // outside everything
const asset: Record<"S" | "F" | "T" | "W", string> = { S: "", F: "", T: "", W: "" };

// The test clock is 2026-11-24 09:00 UTC.
const T0 = "2026-11-22T03:00:00.000Z";

const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput => ({
  title: "Substation S attacked",
  type: "sabotage",
  startedAt: T0,
  awareAt: T0,
  regime: "eu-cer-article-15",
  tlp: "amber",
  audience: { organisationIds: [server.cast.organisations.authority] },
  suspectedCause: "attack",
  threatFamily: "sabotage",
  assets: [{ assetId: asset.S, status: "down", at: T0 }],
  ...over,
});

const textOf = async (bytes: Uint8Array) => (await readPdf(bytes)).flat;

async function counts() {
  const result = await server.db.execute(sql`select
    (select count(*)::int from sitreps) as sitreps,
    (select string_agg(status || updated_at::text, ',' order by id) from sitreps) as states,
    (select count(*)::int from shared_items) as items,
    (select count(*)::int from audit_log where action like 'incidents.sitrep.%') as audit`);
  return (result as unknown as { rows: unknown[] }).rows[0];
}

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const bankId = (
    (await server.db.execute(
      sql`insert into organisations (name, kind, country, sectors, created_at, updated_at)
          values ('Test Bank', 'private-operator', 'XM', '{banking}', now(), now()) returning id`,
    )) as unknown as { rows: { id: string }[] }
  ).rows[0]?.id;
  if (!bankId) throw new Error("no bank");
  await insertUser(
    server.db,
    {
      email: "watch@authority.example",
      name: "Watch",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  await insertUser(
    server.db,
    {
      email: "teller@bank.example",
      name: "Teller",
      organisationId: bankId,
      roles: ["organisation-admin"],
      passwordHash,
    },
    now,
  );
  const add = (
    ref: string,
    operatorId: string,
    populationServed: number,
    sector: "energy-electricity" | "water-drinking",
  ) =>
    insertAsset(
      server.db,
      {
        ref,
        name: `Asset ${ref}`,
        sector,
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
  asset.S = await add("S", organisations.operator, 1000, "energy-electricity");
  asset.F = await add("F", organisations.operator, 2000, "energy-electricity");
  asset.T = await add("T", organisations.operator, 300, "energy-electricity");
  asset.W = await add("W", organisations.other, 5000, "water-drinking");
  const depend = (dependentId: string, supplierId: string, bufferHours: number) =>
    insertDependency(
      server.db,
      { dependentId, supplierId, service: "electricity", kind: "physical", k: 1, bufferHours },
      now,
    );
  await depend(asset.F, asset.S, 0);
  await depend(asset.W, asset.S, 6);
  await depend(asset.T, asset.F, 12);
  [watch, gridAdmin, gridAnalyst, gridMember, water, bank] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("boss@grid.example"),
    server.client("analyst@grid.example"),
    server.client("member@grid.example"),
    server.client("member@water.example"),
    server.client("teller@bank.example"),
  ]);
});
afterAll(() => server.close());

const params = (id: string, n: number) => ({ params: { id, n } });

describe("drafting and numbering", () => {
  it("drafts from the incident's own data, numbers per incident, and computes the cascade's figures", async () => {
    const incident = await gridAdmin.call("createIncident", {
      body: notice({ description: "Fence cut, transformer burnt." }),
    });
    const first = await gridAdmin.call("createSitrep", { params: { id: incident.id }, body: {} });
    expect(first.number).toBe(1);
    expect(first.status).toBe("draft");
    expect(first.tlp).toBe("amber");
    expect(first.situation).toContain("Substation S attacked");
    expect(first.situation).toContain("Fence cut, transformer burnt.");
    expect(first.actions).toContain("reported");
    expect(first.audience?.organisationIds).toEqual([server.cast.organisations.authority]);
    // Down since T0, 54 hours before the report: F at once, W after 6 h and T after 12 h are down too.
    expect(first.figures.assetsDown.map((a) => [a.ref, a.status, a.since])).toEqual([["S", "down", T0]]);
    // The operator does not see the water utility's pump W: neither named nor counted for it.
    expect(first.figures.failed.map((a) => a.ref).sort()).toEqual(["F", "T"]);
    expect(first.figures.projected).toEqual([]);
    expect(first.figures.peopleWithoutService).toBe(3300);
    // The authority sees the whole registry: its own report counts W too.
    const authority = await watch.call("createSitrep", { params: { id: incident.id }, body: {} });
    expect(authority.number).toBe(2);
    expect(authority.figures.failed.map((a) => a.ref).sort()).toEqual(["F", "T", "W"]);
    expect(authority.figures.peopleWithoutService).toBe(8300);
    const second = await gridAdmin.call("createSitrep", {
      params: { id: incident.id },
      body: { situation: "Written by hand." },
    });
    expect(second.number).toBe(3);
    expect(second.situation).toBe("Written by hand.");
    // The authority's draft is its own organisation's: the operator lists its two.
    const list = await gridAnalyst.call("listSitreps", { params: { id: incident.id } });
    expect(list.items.map((item) => item.number)).toEqual([1, 3]);
  });

  it("projects what fails next from the report's moment", async () => {
    const recent = new Date(Date.parse(server.context.clock().toISOString()) - 3_600_000).toISOString();
    const incident = await gridAdmin.call("createIncident", {
      body: notice({
        startedAt: recent,
        awareAt: recent,
        assets: [{ assetId: asset.S, status: "down", at: recent }],
      }),
    });
    const report = await gridAdmin.call("createSitrep", { params: { id: incident.id }, body: {} });
    expect(report.figures.failed.map((a) => a.ref)).toEqual(["F"]);
    expect(report.figures.projected.map((a) => a.ref)).toEqual(["T"]);
    expect(report.figures.peopleWithoutService).toBe(3000);
    expect(report.figures.projectedPeopleWithoutService).toBe(3300);
  });

  it("lets only the authority or the filing operator draft", async () => {
    const incident = await gridAdmin.call("createIncident", { body: notice({ tlp: "clear", audience: {} }) });
    const before = await counts();
    const refused = await problemOf(water.call("createSitrep", { params: { id: incident.id }, body: {} }));
    expect(refused.status).toBe(403);
    expect(refused.detail).toMatch(/authority or the filing operator/);
    expect(await statusOf(bank.call("createSitrep", { params: { id: incident.id }, body: {} }))).toBe(403);
    expect(await counts()).toEqual(before);
    // The list says who may draft, so the page offers it only to them.
    expect((await water.call("listSitreps", { params: { id: incident.id } })).abilities.draft).toBe(false);
    expect((await watch.call("listSitreps", { params: { id: incident.id } })).abilities.draft).toBe(true);
    expect((await gridAdmin.call("listSitreps", { params: { id: incident.id } })).abilities.draft).toBe(true);
    expect((await watch.call("createSitrep", { params: { id: incident.id }, body: {} })).number).toBe(1);
  });
});

describe("who sees a report", () => {
  it("keeps a draft to the author's organisation, on every route, PDF and list included", async () => {
    const incident = await gridAdmin.call("createIncident", { body: notice() });
    const draft = await gridAdmin.call("createSitrep", { params: { id: incident.id }, body: {} });
    for (const reader of [gridAdmin, gridAnalyst, gridMember]) {
      expect((await reader.call("getSitrep", params(incident.id, draft.number))).number).toBe(1);
      expect(
        (await reader.call("exportSitrepPdf", params(incident.id, draft.number))).bytes.length,
      ).toBeGreaterThan(500);
    }
    // The authority sees the incident but not the operator's unsent draft: not in the list either.
    expect(await statusOf(watch.call("getSitrep", params(incident.id, 1)))).toBe(404);
    expect(await statusOf(watch.call("exportSitrepPdf", params(incident.id, 1)))).toBe(404);
    expect((await watch.call("listSitreps", { params: { id: incident.id } })).items).toEqual([]);
    for (const stranger of [water, bank]) {
      expect(await statusOf(stranger.call("getSitrep", params(incident.id, 1)))).toBe(404);
      expect(await statusOf(stranger.call("exportSitrepPdf", params(incident.id, 1)))).toBe(404);
      expect(await statusOf(stranger.call("listSitreps", { params: { id: incident.id } }))).toBe(404);
      expect(await statusOf(stranger.call("approveSitrep", params(incident.id, 1)))).toBe(404);
      expect(await statusOf(stranger.call("sendSitrep", params(incident.id, 1)))).toBe(404);
      expect(
        await statusOf(
          stranger.call("updateSitrep", { ...params(incident.id, 1), body: { situation: "x" } }),
        ),
      ).toBe(404);
    }
  });

  it("counts and names, in JSON and PDF, only the assets each reader may see", async () => {
    const incident = await gridAdmin.call("createIncident", { body: notice({ tlp: "clear", audience: {} }) });
    const draft = await gridAdmin.call("createSitrep", { params: { id: incident.id }, body: {} });
    await gridAnalyst.call("approveSitrep", params(incident.id, draft.number));
    const sent = await gridAdmin.call("sendSitrep", params(incident.id, draft.number));
    expect(sent.status).toBe("sent");
    const asGrid = await gridAdmin.call("getSitrep", params(incident.id, 1));
    expect(asGrid.figures.peopleWithoutService).toBe(3300);
    expect(await textOf((await gridAdmin.call("exportSitrepPdf", params(incident.id, 1))).bytes)).toContain(
      "Asset S",
    );
    // The water utility reads the CLEAR report, but sees neither S nor what S brings down.
    for (const reader of [water, bank]) {
      const seen = await reader.call("getSitrep", params(incident.id, 1));
      expect(seen.figures.assetsDown).toEqual([]);
      expect(seen.figures.failed).toEqual([]);
      expect(seen.figures.peopleWithoutService).toBe(0);
      expect(seen.figures.projectedPeopleWithoutService).toBe(0);
      expect(seen.audience).toBeNull();
      const pdf = await textOf((await reader.call("exportSitrepPdf", params(incident.id, 1))).bytes);
      expect(pdf).toContain("Situation report 1");
      expect(pdf).not.toMatch(/Asset [SFT]|3,300|1,000/);
    }
  });

  it("shows a sent report to the shared item's recipients, and marks every page of its PDF", async () => {
    const incident = await gridAdmin.call("createIncident", { body: notice() });
    await gridAdmin.call("createSitrep", { params: { id: incident.id }, body: {} });
    await gridAnalyst.call("approveSitrep", params(incident.id, 1));
    const sent = await gridAnalyst.call("sendSitrep", params(incident.id, 1));
    expect(sent.sharedItemId).toMatch(/^[0-9a-f-]{36}$/);
    const item = await watch.call("getSharedItem", { params: { id: sent.sharedItemId ?? "" } });
    expect(item.type).toBe("report");
    expect(item.tlp).toBe("amber");
    expect(item.status).toBe("published");
    expect(item.title).toContain("Situation report 1");
    expect((await watch.call("getSitrep", params(incident.id, 1))).status).toBe("sent");
    expect((await watch.call("listSitreps", { params: { id: incident.id } })).items).toHaveLength(1);
    const pdf = await textOf((await watch.call("exportSitrepPdf", params(incident.id, 1))).bytes);
    expect(pdf).toContain("TLP:AMBER");
    for (const stranger of [water, bank]) {
      expect(await statusOf(stranger.call("getSitrep", params(incident.id, 1)))).toBe(404);
      expect(
        await statusOf(stranger.call("getSharedItem", { params: { id: sent.sharedItemId ?? "" } })),
      ).toBe(404);
    }
  });
});

describe("editing, a second person's approval, sending", () => {
  it("lets the author edit a draft, a colleague approve it, never the author", async () => {
    const incident = await gridAdmin.call("createIncident", { body: notice() });
    await gridAdmin.call("createSitrep", { params: { id: incident.id }, body: {} });
    const edited = await gridAdmin.call("updateSitrep", {
      ...params(incident.id, 1),
      body: {
        nextSteps: "Replace the transformer.",
        tlp: "amber+strict",
        audience: { organisationIds: [server.cast.organisations.other] },
      },
    });
    expect(edited.nextSteps).toBe("Replace the transformer.");
    expect(edited.tlp).toBe("amber+strict");
    expect(
      await statusOf(gridAnalyst.call("updateSitrep", { ...params(incident.id, 1), body: { actions: "x" } })),
    ).toBe(403);
    const before = await counts();
    const own = await problemOf(gridAdmin.call("approveSitrep", params(incident.id, 1)));
    expect(own.status).toBe(403);
    expect(own.detail).toBe("A second person approves a situation report, never its author.");
    expect(own.type).toBe("urn:bulwark:problem:forbidden");
    expect(await statusOf(gridMember.call("approveSitrep", params(incident.id, 1)))).toBe(403);
    const early = await problemOf(gridAdmin.call("sendSitrep", params(incident.id, 1)));
    expect(early.status).toBe(409);
    expect(early.detail).toBe("This situation report is not approved yet, so it cannot be sent.");
    expect(await counts()).toEqual(before);
    const approved = await gridAnalyst.call("approveSitrep", params(incident.id, 1));
    expect(approved.status).toBe("approved");
    expect(approved.approver?.name).toBe("analyst");
    const again = await problemOf(gridAnalyst.call("approveSitrep", params(incident.id, 1)));
    expect(again.status).toBe(409);
    expect(
      (await problemOf(gridAdmin.call("updateSitrep", { ...params(incident.id, 1), body: { actions: "x" } })))
        .status,
    ).toBe(409);
    expect(await statusOf(gridMember.call("sendSitrep", params(incident.id, 1)))).toBe(403);
    const sent = await gridAdmin.call("sendSitrep", params(incident.id, 1));
    expect(sent.status).toBe("sent");
    expect((await problemOf(gridAdmin.call("sendSitrep", params(incident.id, 1)))).status).toBe(409);
    // Sent AMBER+STRICT to the water utility alone: it reads the report (not the incident); the
    // authority, outside that audience, does not.
    expect((await water.call("getSitrep", params(incident.id, 1))).nextSteps).toBe(
      "Replace the transformer.",
    );
    expect(await statusOf(water.call("getIncident", { params: { id: incident.id } }))).toBe(404);
    expect(await statusOf(watch.call("getSitrep", params(incident.id, 1)))).toBe(404);
  });

  it("answers bad input with problem+json and changes nothing", async () => {
    const incident = await gridAdmin.call("createIncident", { body: notice() });
    await gridAdmin.call("createSitrep", { params: { id: incident.id }, body: {} });
    const before = await counts();
    const wider = await problemOf(
      gridAdmin.call("createSitrep", { params: { id: incident.id }, body: { tlp: "clear", audience: {} } }),
    );
    expect(wider.status).toBe(403);
    expect(wider.detail).toMatch(/TLP:AMBER incident cannot be TLP:CLEAR/);
    const unknown = await problemOf(
      gridAdmin.call("createSitrep", {
        params: { id: incident.id },
        body: { audience: { organisationIds: ["00000000-0000-4000-8000-000000000001"] } },
      }),
    );
    expect(unknown.status).toBe(422);
    const long = await problemOf(
      gridAdmin.call("updateSitrep", { ...params(incident.id, 1), body: { situation: "x".repeat(20_001) } }),
    );
    expect([400, 422]).toContain(long.status);
    const empty = await problemOf(gridAdmin.call("updateSitrep", { ...params(incident.id, 1), body: {} }));
    expect([400, 422]).toContain(empty.status);
    const response = await server.inject({
      method: "GET",
      url: `/api/incidents/${incident.id}/sitreps/zero`,
    });
    expect(response.headers["content-type"]).toMatch(/problem\+json/);
    expect(await statusOf(gridAdmin.call("getSitrep", params(incident.id, 9)))).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("says refusals in the caller's language", async () => {
    const incident = await gridAdmin.call("createIncident", { body: notice() });
    await gridAdmin.call("createSitrep", { params: { id: incident.id }, body: {} });
    const session = await signedIn(server, "boss@grid.example");
    const response = await server.inject({
      method: "POST",
      url: `/api/incidents/${incident.id}/sitreps/1/approve`,
      headers: session.headers({ "accept-language": "fr" }),
    });
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body).detail).toBe(
      "Une deuxième personne approuve un rapport de situation, jamais son auteur.",
    );
    // A report that has moved on (409): the conflict is said in French too.
    const early = await server.inject({
      method: "POST",
      url: `/api/incidents/${incident.id}/sitreps/1/send`,
      headers: session.headers({ "accept-language": "fr" }),
    });
    expect(early.statusCode).toBe(409);
    expect(JSON.parse(early.body)).toMatchObject({
      title: "Conflit",
      detail: "Ce rapport de situation n'est pas encore approuvé : il ne peut donc pas être envoyé.",
    });
  });

  it("prints the PDF in the reader's language: Arabic right to left, Chinese drawn (issue 15)", async () => {
    const incident = await gridAdmin.call("createIncident", { body: notice() });
    await gridAdmin.call("createSitrep", {
      params: { id: incident.id },
      body: { situation: "Substation S is down." },
    });
    const { cookie } = await signedIn(server, "boss@grid.example");
    const pdfIn = async (language: string) => {
      const response = await server.inject({
        method: "GET",
        url: `/api/incidents/${incident.id}/sitreps/1.pdf`,
        headers: { cookie, "accept-language": language },
      });
      expect(response.statusCode).toBe(200);
      return textOf(response.rawPayload);
    };
    const french = await pdfIn("fr-FR,fr;q=0.9");
    expect(french).toContain("Rapport de situation 1");
    expect(french).toContain("Prochaines étapes");
    expect(french).toContain("Substation S is down.");
    const chinese = await pdfIn("zh-CN");
    expect(chinese).toContain("态势报告第 1 号");
    expect(chinese).toContain("后续步骤");
    // pdf.js reads Arabic lines back in visual order (words right to left, the English
    // sentence's full stop on its left, as a right-to-left paragraph shows it) and each Arabic
    // word in logical order: the words are checked one by one.
    const arabic = await pdfIn("ar");
    for (const word of ["تقرير", "الحالة", "الخطوات", "التالية"]) expect(arabic).toContain(word);
    expect(arabic).toContain(".Substation S is down");
  });
});
