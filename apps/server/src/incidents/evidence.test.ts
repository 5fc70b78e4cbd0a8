// The investigation log of an incident through the API (issue 18): law enforcement records
// evidence (the SHA-256 of each file) and its chain of custody; nobody else reads it, on any route
// (list, item, PDF, verification, counts, live events, search, the incident and its STIX export),
// unless law enforcement shares the log with them by name; every reading is audited; a custody
// record altered, inserted or deleted in SQL is found by the verification; bad input is refused
// with problem+json and changes nothing.
import type { Client, EvidenceCreateInput, IncidentCreateInput } from "@bulwark/contracts";
import { INCIDENTS_CHANNEL, insertAsset, insertOrganisation, insertUser, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { pdfTextIn } from "../pdf/testing.ts";
import { PASSWORD, problemOf, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let police: Client; // law enforcement, coordinator: records
let constable: Client; // law enforcement, member: reads only
let border: Client; // another law-enforcement organisation, in the incident's audience
let customs: Client; // law enforcement outside the incident's audience
let watch: Client; // the national authority (in the audience)
let grid: Client; // the filing operator
let water: Client; // another operator in the audience
let admin: Client; // platform administrator: no exception
let incidentId: string;
let assetS: string;
let policeOrg: string;

const T0 = "2026-11-22T03:00:00.000Z";
const hoursAfter = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
const HASH = "a".repeat(64);

const item = (over: Partial<EvidenceCreateInput> = {}): EvidenceCreateInput => ({
  description: "CCTV footage of the substation's north gate",
  sha256: HASH,
  fileName: "north-gate.mp4",
  fileSize: 1_048_576,
  collectedAt: hoursAfter(2),
  collectedFrom: "Grid operator's security office",
  reason: "Shows the intruders",
  ...over,
});

async function counts() {
  const [row] = rowsOf<Record<string, number>>(
    await server.db.execute(sql`select
      (select count(*)::int from incident_evidence) as evidence,
      (select count(*)::int from incident_evidence_custody) as custody,
      (select count(*)::int from incident_evidence_shares) as shares,
      (select count(*)::int from audit_log where action in ('evidence.create', 'evidence.custody', 'evidence.share')) as changes`),
  );
  return row;
}

const auditCount = async (action: string, targetId: string) =>
  rowsOf<{ n: number }>(
    await server.db.execute(
      sql`select count(*)::int as n from audit_log where action = ${action} and target_id = ${targetId}`,
    ),
  )[0]?.n ?? 0;

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const lawOrg = (name: string) =>
    insertOrganisation(server.db, { name, kind: "law-enforcement", country: "XM", sectors: [] }, now);
  policeOrg = await lawOrg("Test Police");
  const borderOrg = await lawOrg("Test Border Police");
  const customsOrg = await lawOrg("Test Customs");
  const person = (email: string, organisationId: string, roles: ("coordinator" | "member")[]) =>
    insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  await person("inspector@police.example", policeOrg, ["coordinator"]);
  await person("constable@police.example", policeOrg, ["member"]);
  await person("sergeant@border.example", borderOrg, ["coordinator"]);
  await person("officer@customs.example", customsOrg, ["coordinator"]);
  await person("watch@authority.example", organisations.authority, ["coordinator"]);
  assetS = await insertAsset(
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
  [police, constable, border, customs, watch, grid, water, admin] = await Promise.all([
    server.client("inspector@police.example"),
    server.client("constable@police.example"),
    server.client("sergeant@border.example"),
    server.client("officer@customs.example"),
    server.client("watch@authority.example"),
    server.client("analyst@grid.example"),
    server.client("member@water.example"),
    server.client("admin@authority.example"),
  ]);
  const notice: IncidentCreateInput = {
    title: "Substation S attacked",
    type: "sabotage",
    startedAt: T0,
    awareAt: hoursAfter(0.5),
    regime: "eu-cer-article-15",
    tlp: "amber",
    audience: { organisationIds: [organisations.authority, organisations.other, policeOrg, borderOrg] },
    suspectedCause: "attack",
    threatFamily: "sabotage",
    assets: [{ assetId: assetS, status: "down", at: T0 }],
  };
  incidentId = (await grid.call("createIncident", { body: notice })).id;
});

afterAll(async () => {
  await server?.close();
});

describe("the investigation log", () => {
  it("law enforcement records an item, the first record of its chain of custody", async () => {
    const created = await police.call("addIncidentEvidence", { params: { id: incidentId }, body: item() });
    expect(created.number).toBe(1);
    expect(created.sha256).toBe(HASH);
    expect(created.holder).toBe("inspector (Test Police)");
    expect(created.custody).toHaveLength(1);
    expect(created.custody[0]).toMatchObject({
      seq: 1,
      kind: "collected",
      from: "Grid operator's security office",
      to: "inspector (Test Police)",
      prevHash: "0".repeat(64),
    });
    // Upper-case hex is taken as the same hash.
    const second = await police.call("addIncidentEvidence", {
      params: { id: incidentId },
      body: item({ description: "Bolt cutters", sha256: "B".repeat(64), holder: "Evidence store, Central" }),
    });
    expect(second).toMatchObject({ number: 2, sha256: "b".repeat(64), holder: "Evidence store, Central" });
    const log = await constable.call("listIncidentEvidence", { params: { id: incidentId } });
    expect(log.total).toBe(2);
    expect(log.abilities).toEqual({ record: false, share: false });
    expect((await border.call("listIncidentEvidence", { params: { id: incidentId } })).total).toBe(2);
  });

  it("records hand-overs from the holder, hash-chained, in order", async () => {
    const [first] = (await police.call("listIncidentEvidence", { params: { id: incidentId } })).items;
    if (!first) throw new Error("No item.");
    const moved = await police.call("transferIncidentEvidence", {
      params: { id: incidentId, evidenceId: first.id },
      body: { to: "Forensic laboratory, Central", at: hoursAfter(5), reason: "Image enhancement" },
    });
    expect(moved.holder).toBe("Forensic laboratory, Central");
    const [collected, transfer] = moved.custody;
    expect(transfer).toMatchObject({ seq: 2, kind: "transfer", from: "inspector (Test Police)" });
    expect(transfer?.prevHash).toBe(collected?.hash);
    const before = await counts();
    const refused = await problemOf(
      police.call("transferIncidentEvidence", {
        params: { id: incidentId, evidenceId: first.id },
        body: { to: "Court", at: hoursAfter(4), reason: "Trial" },
      }),
    );
    expect(refused).toMatchObject({ status: 422, type: "urn:bulwark:problem:invalid" });
    expect(refused.errors?.[0]?.path).toBe("body.at");
    expect(await counts()).toEqual(before);
  });

  it("every reading is audited: the list, each item and each PDF", async () => {
    const [first] = (await constable.call("listIncidentEvidence", { params: { id: incidentId } })).items;
    if (!first) throw new Error("No item.");
    const lists = await auditCount("evidence.list", incidentId);
    const views = await auditCount("evidence.view", first.id);
    await constable.call("getIncidentEvidence", { params: { id: incidentId, evidenceId: first.id } });
    const pdf = await constable.call("incidentEvidenceCustodyReport", {
      params: { id: incidentId, evidenceId: first.id },
    });
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-");
    expect(pdf.filename).toBe("custody-exhibit-1.pdf");
    await constable.call("listIncidentEvidence", { params: { id: incidentId } });
    expect(await auditCount("evidence.view", first.id)).toBe(views + 2);
    expect(await auditCount("evidence.list", incidentId)).toBe(lists + 1);
  });

  it("prints the chain of custody in the reader's language (issue 15)", async () => {
    const [first] = (await constable.call("listIncidentEvidence", { params: { id: incidentId } })).items;
    if (!first) throw new Error("No item.");
    const { cookie } = await signedIn(server, "constable@police.example");
    const textIn = (language: string) =>
      pdfTextIn(server, cookie, `/api/incidents/${incidentId}/evidence/${first.id}/custody.pdf`, language);
    expect(await textIn("ru")).toContain("Цепочка хранения");
    const chinese = await textIn("zh");
    expect(chinese).toContain("证据保管链");
    expect(chinese).toContain(first.sha256);
    // pdf.js gives each Arabic word back in logical order, the line in visual order.
    const arabic = await textIn("ar");
    for (const word of ["سلسلة", "العهدة", "البصمة"]) expect(arabic).toContain(word);
  });

  it("is not found by anyone outside law enforcement, on every route, the platform administrator included", async () => {
    const [first] = (await police.call("listIncidentEvidence", { params: { id: incidentId } })).items;
    if (!first) throw new Error("No item.");
    const before = await counts();
    const params = { id: incidentId, evidenceId: first.id };
    // The authority, the filing operator and another operator see the incident, not its log; customs
    // (law enforcement) does not even see the incident.
    for (const stranger of [watch, grid, water, admin, customs]) {
      expect(await statusOf(stranger.call("listIncidentEvidence", { params: { id: incidentId } }))).toBe(404);
      expect(await statusOf(stranger.call("getIncidentEvidence", { params }))).toBe(404);
      expect(await statusOf(stranger.call("incidentEvidenceCustodyReport", { params }))).toBe(404);
      expect(await statusOf(stranger.call("verifyIncidentEvidence", { params: { id: incidentId } }))).toBe(
        404,
      );
      expect(
        await statusOf(stranger.call("addIncidentEvidence", { params: { id: incidentId }, body: item() })),
      ).toBe(404);
      expect(
        await statusOf(
          stranger.call("transferIncidentEvidence", {
            params,
            body: { to: "Someone", at: hoursAfter(6), reason: "Curiosity" },
          }),
        ),
      ).toBe(404);
      expect(
        await statusOf(
          stranger.call("shareIncidentEvidence", {
            params: { id: incidentId },
            body: { organisationIds: [] },
          }),
        ),
      ).toBe(404);
    }
    // The incident, its STIX export and search say nothing of the log.
    for (const reader of [watch, grid, water]) {
      const text = JSON.stringify(await reader.call("getIncident", { params: { id: incidentId } }));
      expect(text).not.toContain("CCTV");
      expect(text).not.toContain(HASH);
      const stix = await reader.call("exportIncidentStix", { params: { id: incidentId } });
      const bundle = new TextDecoder().decode(stix.bytes);
      expect(bundle).not.toContain("CCTV");
      expect(bundle).not.toContain(HASH);
      const found = await reader.call("search", { query: { q: "CCTV footage" } });
      expect(JSON.stringify(found.groups)).not.toContain("CCTV");
    }
    expect(await counts()).toEqual(before);
  });

  it("a member of law enforcement reads but does not record; a stranger's item id is not found", async () => {
    const before = await counts();
    const refused = await problemOf(
      constable.call("addIncidentEvidence", { params: { id: incidentId }, body: item() }),
    );
    expect(refused).toMatchObject({
      status: 403,
      detail: "Only law enforcement records evidence and its custody.",
    });
    expect(
      await statusOf(
        police.call("getIncidentEvidence", {
          params: { id: incidentId, evidenceId: "00000000-0000-4000-8000-000000000000" },
        }),
      ),
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("refuses bad input with problem+json and changes nothing", async () => {
    const before = await counts();
    const bad: [Record<string, unknown>, string][] = [
      [{ ...item(), sha256: "xyz" }, "body.sha256"],
      [{ ...item(), sha256: "a".repeat(63) }, "body.sha256"],
      [{ ...item(), description: "   " }, "body.description"],
      [{ ...item(), collectedFrom: "" }, "body.collectedFrom"],
      [{ ...item(), collectedAt: "yesterday" }, "body.collectedAt"],
      [{ ...item(), fileSize: -1 }, "body.fileSize"],
    ];
    for (const [body, path] of bad) {
      const problem = await problemOf(
        police.call("addIncidentEvidence", { params: { id: incidentId }, body: body as EvidenceCreateInput }),
      );
      expect(problem.status, path).toBe(400);
      expect(problem.errors?.map((error) => error.path)).toContain(path);
    }
    const future = await problemOf(
      police.call("addIncidentEvidence", {
        params: { id: incidentId },
        body: item({ collectedAt: new Date(server.context.clock().getTime() + 3_600_000).toISOString() }),
      }),
    );
    expect(future).toMatchObject({ status: 422, errors: [{ path: "body.collectedAt" }] });
    const unknown = await problemOf(
      police.call("shareIncidentEvidence", {
        params: { id: incidentId },
        body: { organisationIds: ["00000000-0000-4000-8000-000000000000"] },
      }),
    );
    expect(unknown).toMatchObject({ status: 422, errors: [{ path: "body.organisationIds.0" }] });
    const twice = await problemOf(
      police.call("shareIncidentEvidence", {
        params: { id: incidentId },
        body: { organisationIds: [policeOrg, policeOrg] },
      }),
    );
    expect(twice.status).toBe(400);
    expect(
      await statusOf(
        police.call("getIncidentEvidence", { params: { id: incidentId, evidenceId: "not-a-uuid" } }),
      ),
    ).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("says the refusal in the caller's language", async () => {
    const problem = await problemOf(
      (await server.client("constable@police.example")).call("addIncidentEvidence", {
        params: { id: incidentId },
        body: item(),
      }),
    );
    expect(problem.detail).toBe("Only law enforcement records evidence and its custody.");
    await constable.call("setLanguage", { body: { language: "fr" } });
    const french = await problemOf(
      constable.call("addIncidentEvidence", { params: { id: incidentId }, body: item() }),
    );
    expect(french.detail).toBe("Seules les forces de l'ordre enregistrent les preuves et leur garde.");
    await constable.call("setLanguage", { body: { language: "en" } });
  });

  it("announces nothing on the incidents channel and leaves the incident untouched", async () => {
    const heard: string[] = [];
    const stop = server.database.changes.subscribe(INCIDENTS_CHANNEL, {
      notify: (payload) => heard.push(payload),
    });
    await server.database.changes.listening();
    const before = await grid.call("getIncident", { params: { id: incidentId } });
    server.advance(60_000); // a touch of the incident would show in updatedAt
    const created = await police.call("addIncidentEvidence", {
      params: { id: incidentId },
      body: item({ description: "Fingerprints on the gate" }),
    });
    await police.call("transferIncidentEvidence", {
      params: { id: incidentId, evidenceId: created.id },
      body: { to: "Fingerprint bureau", at: hoursAfter(8), reason: "Comparison" },
    });
    expect((await grid.call("getIncident", { params: { id: incidentId } })).updatedAt).toBe(before.updatedAt);
    // A change of the incident itself is heard: the stream works, and the log's changes were not in it.
    await watch.call("changeIncidentState", { params: { id: incidentId }, body: { state: "acknowledged" } });
    await expect.poll(() => heard.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    expect(heard.map((payload) => JSON.parse(payload).id)).toEqual([incidentId]);
    const after = await grid.call("getIncident", { params: { id: incidentId } });
    expect(after.states.map((state) => state.state)).toEqual(["reported", "acknowledged"]);
  });
});

describe("sharing the log by name", () => {
  it("lets the named organisations read it (and change nothing), until law enforcement takes it back", async () => {
    const [first] = (await police.call("listIncidentEvidence", { params: { id: incidentId } })).items;
    if (!first) throw new Error("No item.");
    const params = { id: incidentId, evidenceId: first.id };
    const { organisations } = server.cast;
    const refused = await problemOf(
      constable.call("shareIncidentEvidence", {
        params: { id: incidentId },
        body: { organisationIds: [organisations.authority] },
      }),
    );
    expect(refused.status).toBe(403);
    const shared = await police.call("shareIncidentEvidence", {
      params: { id: incidentId },
      body: { organisationIds: [organisations.authority] },
    });
    expect(shared.sharedWith).toEqual([{ id: organisations.authority, name: "Test Authority" }]);
    const log = await watch.call("listIncidentEvidence", { params: { id: incidentId } });
    expect(log.total).toBe(3);
    expect(log.abilities).toEqual({ record: false, share: false });
    expect((await watch.call("getIncidentEvidence", { params })).custody.length).toBe(2);
    expect((await watch.call("verifyIncidentEvidence", { params: { id: incidentId } })).ok).toBe(true);
    expect(
      await statusOf(watch.call("addIncidentEvidence", { params: { id: incidentId }, body: item() })),
    ).toBe(403);
    expect(
      await statusOf(
        watch.call("transferIncidentEvidence", {
          params,
          body: { to: "Me", at: hoursAfter(9), reason: "Mine" },
        }),
      ),
    ).toBe(403);
    // Shared with the authority only (its platform administrator included): the operators still see nothing.
    for (const stranger of [grid, water])
      expect(await statusOf(stranger.call("getIncidentEvidence", { params }))).toBe(404);
    await police.call("shareIncidentEvidence", { params: { id: incidentId }, body: { organisationIds: [] } });
    expect(await statusOf(watch.call("listIncidentEvidence", { params: { id: incidentId } }))).toBe(404);
    expect(await statusOf(watch.call("getIncidentEvidence", { params }))).toBe(404);
  });
});

describe("tampering with the chain of custody", () => {
  const verify = () => police.call("verifyIncidentEvidence", { params: { id: incidentId } });
  const fresh = async (description: string) => {
    const created = await police.call("addIncidentEvidence", {
      params: { id: incidentId },
      body: item({ description }),
    });
    await police.call("transferIncidentEvidence", {
      params: { id: incidentId, evidenceId: created.id },
      body: { to: "Laboratory", at: hoursAfter(10), reason: "Analysis" },
    });
    await police.call("transferIncidentEvidence", {
      params: { id: incidentId, evidenceId: created.id },
      body: { to: "Court registry", at: hoursAfter(12), reason: "Trial" },
    });
    return created.id;
  };
  const resultOf = async (id: string) => (await verify()).items.find((entry) => entry.id === id);

  it("finds the chains whole when nobody touched them", async () => {
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.items.every((entry) => entry.ok && entry.checked >= 1)).toBe(true);
  });

  it("finds a record whose content was altered", async () => {
    const id = await fresh("Altered");
    await server.db.execute(
      sql`update incident_evidence_custody set to_holder = 'Someone else' where evidence_id = ${id} and seq = 2`,
    );
    const result = await resultOf(id);
    expect(result).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
    expect(result?.firstBroken?.reason).toContain("altered");
    expect((await verify()).ok).toBe(false);
    const pdf = await police.call("incidentEvidenceCustodyReport", {
      params: { id: incidentId, evidenceId: id },
    });
    expect(pdf.bytes.length).toBeGreaterThan(1000);
  });

  it("finds a record deleted from the middle, and the newest one deleted", async () => {
    const middle = await fresh("Middle");
    await server.db.execute(
      sql`delete from incident_evidence_custody where evidence_id = ${middle} and seq = 2`,
    );
    expect(await resultOf(middle)).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
    const newest = await fresh("Newest");
    await server.db.execute(
      sql`delete from incident_evidence_custody where evidence_id = ${newest} and seq = 3`,
    );
    const result = await resultOf(newest);
    expect(result?.ok).toBe(false);
    expect(result?.firstBroken?.reason).toContain("audit trail");
  });

  it("finds the item's file hash changed, a hand-over's time moved, and an item deleted", async () => {
    const hashed = await fresh("Rehashed");
    await server.db.execute(
      sql`update incident_evidence set sha256 = ${"c".repeat(64)} where id = ${hashed}`,
    );
    expect((await resultOf(hashed))?.firstBroken?.reason).toContain("file hash");
    const moved = await fresh("Moved");
    await server.db.execute(
      sql`update incident_evidence_custody set at = at - interval '1 hour' where evidence_id = ${moved} and seq = 3`,
    );
    expect(await resultOf(moved)).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
    const gone = await fresh("Gone");
    await server.db.execute(sql`delete from incident_evidence where id = ${gone}`);
    const result = await resultOf(gone);
    expect(result).toMatchObject({ ok: false, number: null });
  });
});
