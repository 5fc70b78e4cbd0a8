// Self-assessment over HTTP: runs stay with their organisation (others get 404 everywhere), answers
// refuse lost updates, submission makes a run read-only, results recommend only entries the reader
// may see, and the aggregation publishes nothing below three organisations.
import type { Client } from "@bulwark/contracts";
import { insertOrganisation, insertUser, listAudit } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { DEMO_COMPENDIUM, loadPack, readPack } from "../compendium/pack.service.ts";
import { readPdf } from "../pdf/testing.ts";
import { PASSWORD, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { loadFrameworks, readFrameworks } from "./frameworks.service.ts";

let server: TestServer;
let member: Client;
let orgAdmin: Client;
let outsider: Client;
let admin: Client;
let auditor: Client;

beforeAll(async () => {
  server = await startTestServer();
  await loadPack(server.context, null, readPack(DEMO_COMPENDIUM));
  await loadFrameworks(server.context, readFrameworks());
  [member, orgAdmin, outsider, admin, auditor] = await Promise.all([
    server.client("member@grid.example"),
    server.client("boss@grid.example"),
    server.client("member@water.example"),
    server.client("admin@authority.example"),
    server.client("auditor@authority.example"),
  ]);
}, 60_000);
afterAll(() => server.close());

const start = (client: Client, frameworkId = "unsc-2341") =>
  client.call("createRun", { body: { frameworkId, title: "Test run" } });

describe("frameworks", () => {
  it("lists both shipped frameworks and serves one in full", async () => {
    const list = await member.call("listFrameworks", {});
    expect(list.map((framework) => framework.id).sort()).toEqual(["eu-cer", "unsc-2341"]);
    const full = await member.call("getFramework", { params: { id: "unsc-2341", version: 1 } });
    expect(full.sections[0]?.questions[0]?.answer.type).toBe("maturity");
    expect(await statusOf(member.call("getFramework", { params: { id: "unsc-2341", version: 9 } }))).toBe(
      404,
    );
  });
});

describe("runs", () => {
  it("are seen only by their organisation: list, get, results, answers, comments, submit", async () => {
    const run = await start(member);
    expect(run.state).toBe("draft");
    expect(run.organisation.id).toBe(server.cast.organisations.operator);
    expect((await orgAdmin.call("listRuns", {})).map((item) => item.id)).toContain(run.id);
    expect((await outsider.call("listRuns", {})).map((item) => item.id)).not.toContain(run.id);
    // Platform administrators and auditors do not read an organisation's self-assessment either.
    expect((await admin.call("listRuns", {})).map((item) => item.id)).not.toContain(run.id);
    expect(await auditor.call("listRuns", {})).toEqual([]);
    const params = { id: run.id };
    expect(await statusOf(outsider.call("getRun", { params }))).toBe(404);
    expect(await statusOf(admin.call("getRun", { params }))).toBe(404);
    expect(await statusOf(outsider.call("getRunResults", { params }))).toBe(404);
    expect(
      await statusOf(
        outsider.call("updateAnswer", {
          params: { id: run.id, questionId: "strategy-lead" },
          body: { version: 0, value: { type: "choice", choice: "yes" } },
        }),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        outsider.call("addRunComment", {
          params: { id: run.id, questionId: "strategy-lead" },
          body: { body: "Hi" },
        }),
      ),
    ).toBe(404);
    expect(await statusOf(outsider.call("submitRun", { params, body: { consent: true } }))).toBe(404);
    const after = await member.call("getRun", { params });
    expect(after.answers).toEqual([]);
    expect(after.comments).toEqual([]);
  });

  it("save answers as you go and refuse a lost update with 409", async () => {
    const run = await start(member);
    const key = { id: run.id, questionId: "strategy-document" };
    const first = await member.call("updateAnswer", {
      params: key,
      body: { version: 0, value: { type: "maturity", level: 2 } },
    });
    expect(first.version).toBe(1);
    // Someone else, still on version 0, is refused; nothing changes.
    expect(
      await statusOf(
        orgAdmin.call("updateAnswer", {
          params: key,
          body: { version: 0, value: { type: "maturity", level: 5 } },
        }),
      ),
    ).toBe(409);
    const second = await orgAdmin.call("updateAnswer", {
      params: key,
      body: {
        version: 1,
        note: "Draft strategy with the cabinet.",
        evidence: [{ title: "Strategy draft", url: "https://example.org/strategy" }],
        assigneeId: server.cast.users.analyst,
      },
    });
    expect(second).toMatchObject({
      version: 2,
      value: { type: "maturity", level: 2 },
      note: "Draft strategy with the cabinet.",
      assignee: { id: server.cast.users.analyst },
    });
    expect(
      await statusOf(
        member.call("updateAnswer", {
          params: key,
          body: { version: 1, value: { type: "maturity", level: 4 } },
        }),
      ),
    ).toBe(409);
    const stored = await member.call("getRun", { params: { id: run.id } });
    expect(stored.answers.find((answer) => answer.questionId === "strategy-document")?.version).toBe(2);
    const audit = await listAudit(
      server.db,
      { kind: "all" },
      { action: "self-assessment.answer", targetId: run.id, limit: 10 },
    );
    expect(audit.items.length).toBe(2);
    expect(JSON.stringify(audit.items)).not.toContain("cabinet");
  });

  it("refuse bad input and change nothing", async () => {
    const run = await start(member);
    const key = { id: run.id, questionId: "strategy-lead" };
    // A choice question answered with a maturity level.
    expect(
      await statusOf(
        member.call("updateAnswer", {
          params: key,
          body: { version: 0, value: { type: "maturity", level: 3 } },
        }),
      ),
    ).toBe(422);
    // Evidence must be an http(s) link.
    expect(
      await statusOf(
        member.call("updateAnswer", {
          params: key,
          body: { version: 0, evidence: [{ title: "x", url: "javascript:alert(1)" }] },
        }),
      ),
    ).toBe(400);
    // Assignees are colleagues of the same organisation.
    expect(
      await statusOf(
        member.call("updateAnswer", {
          params: key,
          body: { version: 0, assigneeId: server.cast.users.outsider },
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(
        member.call("updateAnswer", {
          params: { id: run.id, questionId: "no-such-question" },
          body: { version: 0, note: "x" },
        }),
      ),
    ).toBe(404);
    expect((await member.call("getRun", { params: { id: run.id } })).answers).toEqual([]);
  });

  it("take comments per question, are submitted by administrators, then read-only", async () => {
    const run = await start(member);
    const comment = await member.call("addRunComment", {
      params: { id: run.id, questionId: "risk-national" },
      body: { body: "Who holds the 2024 assessment?" },
    });
    expect(comment.questionId).toBe("risk-national");
    expect(
      await statusOf(member.call("submitRun", { params: { id: run.id }, body: { consent: true } })),
    ).toBe(403);
    const submitted = await orgAdmin.call("submitRun", { params: { id: run.id }, body: { consent: true } });
    expect(submitted).toMatchObject({
      state: "submitted",
      consent: true,
      abilities: { answer: false, submit: false },
    });
    expect(
      await statusOf(
        member.call("updateAnswer", {
          params: { id: run.id, questionId: "risk-national" },
          body: { version: 0, value: { type: "maturity", level: 1 } },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        member.call("addRunComment", {
          params: { id: run.id, questionId: "risk-national" },
          body: { body: "Late" },
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(orgAdmin.call("submitRun", { params: { id: run.id }, body: { consent: false } })),
    ).toBe(403);
    // The database refuses it too, whatever the application does.
    await expect(
      server.db.execute(sql`update self_assessment_runs set consent = false where id = ${run.id}`),
    ).rejects.toThrow();
  });
});

describe("archiving", () => {
  it("puts a run away and brings it back: administrators and coordinators only, the home leaves it out", async () => {
    const draft = await start(member);
    expect(
      await statusOf(member.call("archiveRun", { params: { id: draft.id }, body: { archived: true } })),
    ).toBe(403);
    // Another organisation cannot learn of it either.
    expect(
      await statusOf(outsider.call("archiveRun", { params: { id: draft.id }, body: { archived: true } })),
    ).toBe(404);
    const drafts = async () =>
      (await member.call("getHome", {})).sections
        .find((section) => section.id === "self-assessment-drafts")
        ?.entries.map((entry) => entry.link) ?? [];
    expect((await drafts()).some((link) => link.includes(draft.id))).toBe(true);
    const archived = await orgAdmin.call("archiveRun", {
      params: { id: draft.id },
      body: { archived: true },
    });
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.abilities).toMatchObject({ answer: false, submit: false, archive: true });
    expect((await member.call("listRuns", {})).find((run) => run.id === draft.id)?.archivedAt).toBe(
      archived.archivedAt,
    );
    expect((await drafts()).some((link) => link.includes(draft.id))).toBe(false);
    // An archived draft is neither answered nor submitted until it is brought back.
    expect(
      await statusOf(
        member.call("updateAnswer", {
          params: { id: draft.id, questionId: "risk-national" },
          body: { version: 0, value: { type: "maturity", level: 2 } },
        }),
      ),
    ).toBe(403);
    const back = await orgAdmin.call("archiveRun", { params: { id: draft.id }, body: { archived: false } });
    expect(back.archivedAt).toBeNull();
    expect(back.abilities.answer).toBe(true);
    const trail = await listAudit(server.db, { kind: "all" }, { limit: 50 });
    expect(trail.items.filter((entry) => entry.targetId === draft.id).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["self-assessment.archive", "self-assessment.unarchive"]),
    );
  });

  it("archives a submitted run, which stays read-only in every other way (the database refuses too)", async () => {
    const run = await start(member);
    await orgAdmin.call("submitRun", { params: { id: run.id }, body: { consent: false } });
    const archived = await orgAdmin.call("archiveRun", { params: { id: run.id }, body: { archived: true } });
    expect(archived).toMatchObject({ state: "submitted", consent: false });
    expect(archived.archivedAt).not.toBeNull();
    await expect(
      server.db.execute(sql`update self_assessment_runs set title = 'changed' where id = ${run.id}`),
    ).rejects.toThrow();
    await expect(
      server.db.execute(
        sql`update self_assessment_runs set archived_at = null, consent = true where id = ${run.id}`,
      ),
    ).rejects.toThrow();
  });

  it("refuses a choice that is neither true nor false, and changes nothing", async () => {
    const run = await start(member);
    expect(
      await statusOf(
        orgAdmin.call("archiveRun", {
          params: { id: run.id },
          body: { archived: "yes" as unknown as boolean },
        }),
      ),
    ).toBe(400);
    expect((await orgAdmin.call("getRun", { params: { id: run.id } })).archivedAt).toBeNull();
  });
});

describe("results", () => {
  it("score sections, rank gaps with the entries the reader may see, and compare with the previous run", async () => {
    const answer = (client: Client, id: string, questionId: string, value: object) =>
      client.call("updateAnswer", {
        params: { id, questionId },
        body: { version: 0, value: value as { type: "choice"; choice: "yes" } },
      });
    server.advance(60_000);
    const earlier = await start(member);
    await answer(member, earlier.id, "strategy-document", { type: "maturity", level: 1 });
    await orgAdmin.call("submitRun", { params: { id: earlier.id }, body: { consent: false } });
    server.advance(60_000);

    const run = await start(member);
    await answer(member, run.id, "strategy-document", { type: "maturity", level: 4 });
    await answer(member, run.id, "strategy-lead", { type: "choice", choice: "partial" });
    await answer(member, run.id, "strategy-review", { type: "text", text: "Reviewed last year." });
    await answer(member, run.id, "crisis-exercises", { type: "number", value: 2 });

    // One recommended entry becomes AMBER and owned by another organisation: the reader must not see it.
    await server.db.execute(
      sql`update compendium_entries set marking = 'amber', organisation_id = ${server.cast.organisations.other} where slug = 'us-ppd-21-2013'`,
    );
    await orgAdmin.call("submitRun", { params: { id: run.id }, body: { consent: false } });
    const results = await member.call("getRunResults", { params: { id: run.id } });
    const strategy = results.sections.find((section) => section.sectionId === "strategy");
    // (0.8 x 5 + 0.5 x 3) / 8
    expect(strategy?.score).toBeCloseTo(0.6875);
    expect(strategy?.answered).toBe(3);
    expect(results.sections.find((section) => section.sectionId === "crisis")?.score).toBeCloseTo(0.5);
    expect(results.sections.find((section) => section.sectionId === "legal")?.score).toBeNull();
    expect(results.overall).not.toBeNull();

    const gaps = results.gaps.map((gap) => gap.questionId);
    expect(gaps[0]).toBe("risk-national");
    expect(gaps).not.toContain("strategy-review");
    const lead = results.gaps.find((gap) => gap.questionId === "strategy-lead");
    expect(lead?.entries.map((entry) => entry.slug)).toEqual(
      expect.arrayContaining(["us-nsm-22-2024", "za-critical-infrastructure-protection-act-2019"]),
    );
    expect(lead?.entries.map((entry) => entry.slug)).not.toContain("us-ppd-21-2013");
    expect(results.previous?.run.id).toBe(earlier.id);
    const change = results.previous?.sections.find((section) => section.sectionId === "strategy");
    expect(change?.before).toBeCloseTo(0.2);
    expect(change?.delta).toBeCloseTo(0.4875);
  });
});

describe("PDF report", () => {
  const textOf = async (bytes: Uint8Array) => (await readPdf(bytes)).text;

  it("prints the scores, the gaps with the entries the reader may see, and the answers; 404 for others", async () => {
    const run = await start(member);
    const save = (questionId: string, value: object) =>
      member.call("updateAnswer", {
        params: { id: run.id, questionId },
        body: { version: 0, value: value as { type: "choice"; choice: "yes" } },
      });
    await save("strategy-document", { type: "maturity", level: 3 });
    await save("strategy-lead", { type: "choice", choice: "yes" });
    await save("crisis-exercises", { type: "number", value: 2 });
    await member.call("updateAnswer", {
      params: { id: run.id, questionId: "risk-national" },
      body: {
        version: 0,
        value: { type: "maturity", level: 1 },
        note: "Only the energy sector so far.",
        evidence: [{ title: "Energy risk study", url: "https://example.org/energy-risk" }],
      },
    });
    const results = await member.call("getRunResults", { params: { id: run.id } });
    const file = await member.call("getRunReport", { params: { id: run.id } });
    expect(file.filename).toMatch(/^bulwark-self-assessment-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(Buffer.from(file.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = await textOf(file.bytes);
    expect(text).toContain("Self-assessment report");
    expect(text).toContain(results.run.framework.title);
    expect(text).toContain(`Overall score: ${Math.round((results.overall ?? 0) * 100)} %`);
    // strategy: (0.6 x 5 + 1 x 3) / 8
    expect(text).toContain("75 %");
    for (const section of results.sections) expect(text.replace(/\s+/g, " ")).toContain(section.title);
    const recommended = results.gaps.flatMap((gap) => gap.entries.map((entry) => entry.title));
    expect(recommended.length).toBeGreaterThan(0);
    const flat = text.replace(/\s+/g, " ");
    // Long titles wrap in table cells; compared without white space.
    const squeezed = text.replace(/\s+/g, "");
    for (const title of new Set(recommended)) expect(squeezed).toContain(title.replace(/\s+/g, ""));
    expect(flat).toContain("Only the energy sector so far.");
    expect(squeezed).toContain("Energyriskstudy(https://example.org/energy-risk)");
    expect(text).toContain("Annex: answers");
    // The organisation's runs submitted earlier in this file: the change since the last one.
    expect(results.previous).not.toBeNull();
    expect(flat).toContain("Compared with “Test run”, submitted");
    expect(text.match(/TLP:AMBER\+STRICT/g)?.length ?? 0).toBeGreaterThanOrEqual(3);

    const audit = await listAudit(
      server.db,
      { kind: "all" },
      { action: "self-assessment.report", targetId: run.id, limit: 10 },
    );
    expect(audit.items.length).toBe(1);

    // Whoever may not see the run may not print it.
    for (const stranger of [outsider, admin, auditor])
      expect(await statusOf(stranger.call("getRunReport", { params: { id: run.id } }))).toBe(404);
  });

  it("prints only recommended entries the reader may see", async () => {
    const run = await start(member);
    await member.call("updateAnswer", {
      params: { id: run.id, questionId: "strategy-lead" },
      body: { version: 0, value: { type: "choice", choice: "no" } },
    });
    await server.db.execute(
      sql`update compendium_entries set marking = 'amber', organisation_id = ${server.cast.organisations.other} where slug = 'us-nsm-22-2024'`,
    );
    const text = (
      await textOf((await member.call("getRunReport", { params: { id: run.id } })).bytes)
    ).replace(/\s+/g, " ");
    expect(text).toContain("South Africa");
    expect(text).not.toContain("US National Security Memorandum on Critical Infrastructure");
  });

  it("prints the report in the reader's language (issue 15)", async () => {
    const run = await start(member);
    await member.call("updateAnswer", {
      params: { id: run.id, questionId: "strategy-lead" },
      body: { version: 0, value: { type: "choice", choice: "partial" } },
    });
    const { cookie } = await signedIn(server, "member@grid.example");
    const textIn = async (language: string) => {
      const response = await server.inject({
        method: "GET",
        url: `/api/self-assessment/runs/${run.id}/report.pdf`,
        headers: { cookie, "accept-language": language },
      });
      expect(response.statusCode).toBe(200);
      return (await textOf(response.rawPayload)).replace(/\s+/g, " ");
    };
    const french = await textIn("fr");
    for (const part of ["Rapport d'auto-évaluation", "Annexe : réponses", "En partie", "Note par section"])
      expect(french).toContain(part);
    // pdf.js gives Arabic words back one by one (and splits the lam-alef ligature): words checked.
    const arabic = await textIn("ar");
    for (const word of ["تقرير", "التقييم", "الذاتي", "المرفق"]) expect(arabic).toContain(word);
  });
});

describe("aggregation", () => {
  it("is for supporting bodies only", async () => {
    expect(
      await statusOf(member.call("getAggregation", { query: { framework: "unsc-2341", version: 1 } })),
    ).toBe(403);
    expect(
      await statusOf(orgAdmin.call("getAggregation", { query: { framework: "unsc-2341", version: 1 } })),
    ).toBe(403);
  });

  const contribute = async (
    name: string,
    country: string,
    level: number,
    consent: boolean,
    verified = true,
  ) => {
    const passwordHash = await hashPassword(PASSWORD);
    const now = server.context.clock();
    {
      const organisationId = await insertOrganisation(
        server.db,
        { name, kind: "national-authority", country, sectors: [], verified },
        now,
      );
      const email = `${name.toLowerCase().replaceAll(" ", "-")}@states.example`;
      await insertUser(
        server.db,
        { email, name, organisationId, roles: ["organisation-admin"], passwordHash },
        now,
      );
      const client = await server.client(email);
      const run = await start(client);
      await client.call("updateAnswer", {
        params: { id: run.id, questionId: "strategy-document" },
        body: { version: 0, value: { type: "maturity", level } },
      });
      await client.call("updateAnswer", {
        params: { id: run.id, questionId: "legal-offences" },
        body: { version: 0, value: { type: "choice", choice: "yes" } },
      });
      await client.call("submitRun", { params: { id: run.id }, body: { consent } });
      return organisationId;
    }
  };

  it("publishes regional means of consenting verified organisations only from four up, and no organisation", async () => {
    const ids = [
      await contribute("Authority of France", "FR", 1, true),
      await contribute("Authority of Germany", "DE", 2, true),
      await contribute("Authority of Italy", "IT", 3, true),
      await contribute("Authority of Spain", "ES", 5, false),
      await contribute("Authority of Portugal", "PT", 2, true),
      await contribute("Authority of Kenya", "KE", 4, true),
      await contribute("Authority of Ghana", "GH", 0, true),
    ];
    const result = await admin.call("getAggregation", { query: { framework: "unsc-2341", version: 1 } });
    expect(result.threshold).toBe(3);
    const europe = result.rows.find((row) => row.region === "europe");
    expect(europe?.organisations).toBe(4);
    const strategy = europe?.cells.find((cell) => cell.sectionId === "strategy");
    // Spain did not consent: the mean is that of France, Germany, Italy and Portugal, 1.6 / 4.
    expect(strategy).toMatchObject({ suppressed: false, organisations: 4 });
    if (strategy && !strategy.suppressed) expect(strategy.mean).toBeCloseTo(0.4);
    const africa = result.rows.find((row) => row.region === "africa");
    expect(africa?.organisations).toBeNull();
    expect(africa?.cells.every((cell) => cell.suppressed)).toBe(true);
    for (const row of result.rows)
      for (const cell of row.cells)
        if (!cell.suppressed) expect(cell.organisations).toBeGreaterThanOrEqual(4);
    // Never a single organisation: no id, no name, no answer.
    const text = JSON.stringify(result);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Authority of|Test Grid|level|choice/);
  });

  it("does not let organisations made for the purpose reveal a real one's score (finding 10)", async () => {
    // A real organisation of a region, and two made for the purpose in two more countries scoring
    // 0: under the old rule the region's mean was a third of the real score.
    await contribute("Authority of Brazil", "BR", 5, true);
    await contribute("Sybil of Argentina", "AR", 0, true, false);
    await contribute("Sybil of Chile", "CL", 0, true, false);
    const result = await admin.call("getAggregation", { query: { framework: "unsc-2341", version: 1 } });
    const americas = result.rows.find((row) => row.region === "americas");
    expect(americas?.organisations).toBeNull();
    expect(americas?.cells.every((cell) => cell.suppressed)).toBe(true);
  });
});
