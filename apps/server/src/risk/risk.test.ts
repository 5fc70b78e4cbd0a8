// Risk assessments over HTTP: who sees which assessment (list, get, counts, heat map, CSV,
// versions), the consequence proposed from the cascade engine and its override, and versions.
import { ApiError, type AssessmentContentInput, type Client } from "@bulwark/contracts";
import {
  insertCommunity,
  insertOrganisation,
  insertUser,
  listAudit,
  setCommunityOrganisations,
} from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { pdfTextIn, readPdf } from "../pdf/testing.ts";
import { PASSWORD, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { loadScenarioPack } from "./content.service.ts";

let server: TestServer;
let admin: Client;
let gridAnalyst: Client;
let gridMember: Client;
let waterAnalyst: Client;
let outsider: Client;
let regulator: Client;
let auditor: Client;

// GEN-1 feeds SUB-2 alone; SUB-1 has a second supplier, so losing GEN-1 takes down two assets.
const ASSETS = `id,name,sector,operator,marking,population_served
GEN-1,Coastal power station,energy-electricity,Test Grid Operator,amber,0
GEN-2,Hill power station,energy-electricity,Test Grid Operator,amber,0
SUB-1,North substation,energy-electricity,Test Grid Operator,amber,5000
SUB-2,South substation,energy-electricity,Test Grid Operator,amber,20000
PUMP-1,Main pumping station,water-drinking,Test Water Utility,amber,90000
`;
const DEPENDENCIES = `dependent_id,supplier_id,service,k,buffer_hours
SUB-1,GEN-1,electricity,1,0
SUB-1,GEN-2,electricity,1,0
SUB-2,GEN-1,electricity,1,0
PUMP-1,SUB-1,electricity,1,0
PUMP-1,SUB-2,electricity,1,0
`;

const ids = new Map<string, string>();
const idOf = (ref: string) => ids.get(ref) ?? "";
let community = "";

const content = (over: Partial<AssessmentContentInput> = {}): AssessmentContentInput => ({
  title: "Coastal power station against drones",
  assetIds: [idOf("GEN-1")],
  scenario: "uas-attack-on-site",
  ratings: { likelihood: 3, vulnerability: 4, consequence: 2 },
  rationale: { likelihood: "Overflights reported.", vulnerability: "No detection.", consequence: "" },
  reviewDate: "2027-05-01",
  marking: "amber",
  measures: [
    {
      title: "Drone detection",
      kind: "planned",
      status: "planned",
      owner: "Security",
      effect: { likelihood: 0, vulnerability: 2, consequence: 0 },
    },
  ],
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const { organisations } = server.cast;
  const regulatorId = await insertOrganisation(
    server.db,
    { name: "Test Energy Regulator", kind: "regulator", country: "XM", sectors: ["energy-electricity"] },
    now,
  );
  await insertUser(
    server.db,
    {
      email: "analyst@regulator.example",
      name: "reg",
      organisationId: regulatorId,
      roles: ["analyst"],
      passwordHash,
    },
    now,
  );
  await insertUser(
    server.db,
    {
      email: "analyst@water.example",
      name: "wat",
      organisationId: organisations.other,
      roles: ["analyst"],
      passwordHash,
    },
    now,
  );
  community = await insertCommunity(server.db, { name: "Grid and water", description: "" }, now);
  await setCommunityOrganisations(server.db, community, [organisations.operator, organisations.other]);
  await loadScenarioPack(server.context);
  admin = await server.client("admin@authority.example");
  gridAnalyst = await server.client("analyst@grid.example");
  gridMember = await server.client("member@grid.example");
  waterAnalyst = await server.client("analyst@water.example");
  outsider = await server.client("member@water.example");
  regulator = await server.client("analyst@regulator.example");
  auditor = await server.client("auditor@authority.example");
  await admin.call("importRegistry", { body: { assets: ASSETS, dependencies: DEPENDENCIES } });
  for (const asset of (await admin.call("listAssets", { query: { limit: 100 } })).items)
    ids.set(asset.ref, asset.id);
});
afterAll(() => server.close());

describe("the consequence proposed from the cascade engine", () => {
  it("maps the assets lost through the methodology's thresholds", async () => {
    const proposal = await gridAnalyst.call("proposeRiskConsequence", {
      body: { assetIds: [idOf("GEN-1")] },
    });
    const cascade = await gridAnalyst.call("cascade", { body: { assetIds: [idOf("GEN-1")] } });
    expect(proposal.figures.assetsLost).toBe(cascade.totals.assets);
    expect(proposal.figures.assetsLost).toBe(2);
    expect(proposal.figures.population).toBe(20000);
    // 2 assets lost: level 2; 20,000 people: level 3 (thresholds 1,000 / 10,000 / ...).
    expect(proposal.byFigure).toEqual({ assetsLost: 2, population: 3, sectorsHit: 1 });
    expect(proposal.level).toBe(3);
  });

  it("refuses assets the caller may not see", async () => {
    expect(
      await statusOf(outsider.call("proposeRiskConsequence", { body: { assetIds: [idOf("GEN-1")] } })),
    ).toBe(422);
  });
});

describe("writing assessments", () => {
  let gridAmber = "";
  let gridStrict = "";
  let waterGreen = "";

  it("refuses a consequence other than the proposal without a reason, and changes nothing", async () => {
    const status = await statusOf(
      gridAnalyst.call("createRiskAssessment", {
        body: content({ ratings: { likelihood: 3, vulnerability: 4, consequence: 5 } }),
      }),
    );
    expect(status).toBe(422);
    expect((await gridAnalyst.call("riskRegister", {})).total).toBe(0);
  });

  it("refuses ratings without their rationale (problem+json naming the fields), and changes nothing", async () => {
    const refused: unknown = await gridAnalyst
      .call("createRiskAssessment", {
        body: content({ rationale: { likelihood: "  ", vulnerability: "", consequence: "" } }),
      })
      .catch((error: unknown) => error);
    if (!(refused instanceof ApiError)) throw new Error("an assessment without rationale was accepted");
    expect(refused.status).toBe(422);
    expect(refused.problem.errors?.map((error) => error.path)).toEqual([
      "body.rationale.likelihood",
      "body.rationale.vulnerability",
    ]);
    expect(
      await statusOf(
        gridAnalyst.call("createRiskAssessment", {
          body: content({
            rationale: { likelihood: "Overflights reported.", vulnerability: "", consequence: "" },
          }),
        }),
      ),
    ).toBe(422);
    expect((await gridAnalyst.call("riskRegister", {})).total).toBe(0);
  });

  it("accepts an override with a reason, and the proposal as proposed", async () => {
    const overridden = await gridAnalyst.call("createRiskAssessment", {
      body: content({
        ratings: { likelihood: 3, vulnerability: 4, consequence: 5 },
        overrideReason: "Black start depends on this station.",
      }),
    });
    expect(overridden.ratings.consequence).toBe(5);
    expect(overridden.proposal.level).toBe(3);
    expect(overridden.overrideReason).toBe("Black start depends on this station.");
    expect(overridden.score).toBe(60);
    expect(overridden.band.id).toBe("high");
    expect(overridden.aboveAppetite).toBe(true);
    expect(overridden.residual.ratings).toEqual({ likelihood: 3, vulnerability: 2, consequence: 5 });
    gridAmber = overridden.id;
    const strict = await gridAnalyst.call("createRiskAssessment", {
      body: content({
        title: "Strict one",
        ratings: { likelihood: 2, vulnerability: 2, consequence: 3 },
        marking: "amber+strict",
      }),
    });
    expect(strict.overrideReason).toBeNull();
    gridStrict = strict.id;
    const green = await waterAnalyst.call("createRiskAssessment", {
      body: content({
        title: "Pumping station against insiders",
        assetIds: [idOf("PUMP-1")],
        scenario: "insider-sabotage",
        ratings: { likelihood: 2, vulnerability: 3, consequence: 3 },
        marking: "green",
        communityIds: [community],
        reviewDate: "2026-10-01",
      }),
    });
    waterGreen = green.id;
    expect(green.reviewState).toBe("overdue");
  });

  it("refuses members (not editors), and GREEN sharing with a community the organisation is not in", async () => {
    expect(await statusOf(gridMember.call("createRiskAssessment", { body: content() }))).toBe(403);
    const foreign = await statusOf(
      regulator.call("createRiskAssessment", {
        body: content({
          ratings: { likelihood: 3, vulnerability: 4, consequence: 3 },
          marking: "green",
          communityIds: [community],
        }),
      }),
    );
    expect(foreign).toBe(422);
  });

  it("lets each reader see only its own and shared assessments: list, get, counts, heat map, CSV", async () => {
    const sees = async (client: Client) => {
      const register = await client.call("riskRegister", {});
      const csv = await client.call("exportRiskRegister", {});
      const heat = register.heatMap.flat().reduce((sum, count) => sum + count, 0);
      const bands = register.bands.reduce((sum, band) => sum + band.count, 0);
      const csvIds = csv.csv
        .trim()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[0]);
      expect(heat).toBe(register.total);
      expect(bands).toBe(register.total);
      expect(csvIds.sort()).toEqual(register.items.map((item) => item.id).sort());
      return register.items.map((item) => item.id).sort();
    };
    expect(await sees(gridMember)).toEqual([gridAmber, gridStrict, waterGreen].sort());
    expect(await sees(outsider)).toEqual([waterGreen]);
    expect(await sees(regulator)).toEqual([gridAmber]);
    expect(await sees(auditor)).toHaveLength(3);
    expect(await statusOf(outsider.call("getRiskAssessment", { params: { id: gridAmber } }))).toBe(404);
    expect(await statusOf(outsider.call("listRiskAssessmentVersions", { params: { id: gridAmber } }))).toBe(
      404,
    );
    expect(await statusOf(regulator.call("getRiskAssessment", { params: { id: gridStrict } }))).toBe(404);
    expect((await regulator.call("getRiskAssessment", { params: { id: gridAmber } })).canRevise).toBe(false);
    const overdue = await outsider.call("riskRegister", { query: { review: "overdue" } });
    expect(overdue.reviews.overdue).toBe(1);
    expect((await gridMember.call("riskRegister", { query: { aboveAppetite: "true" } })).total).toBe(1);
    expect((await gridMember.call("riskRegister", {})).aboveAppetite).toBe(1);
  });

  it("prints the register as a PDF with the CSV's filters, holding only what the reader may see", async () => {
    const printed = async (client: Client, query: Record<string, string> = {}) => {
      const file = await client.call("exportRiskRegisterPdf", { query });
      expect(file.filename).toMatch(/^bulwark-risk-register-\d{4}-\d{2}-\d{2}\.pdf$/);
      const { flat, pages } = await readPdf(file.bytes);
      return { text: flat, pages };
    };
    const member = await printed(gridMember);
    for (const title of [
      "Coastal power station against drones",
      "Strict one",
      "Pumping station against insiders",
    ])
      expect(member.text).toContain(title);
    expect(member.text).toContain("Every assessment you may see, without filters.");
    expect(member.text.match(/TLP:AMBER\+STRICT/g)?.length ?? 0).toBeGreaterThanOrEqual(member.pages);

    const outside = await printed(outsider);
    expect(outside.text).toContain("Pumping station against insiders");
    expect(outside.text).not.toContain("Strict one");
    expect(outside.text).not.toContain("Coastal power station against drones");
    expect(outside.text).not.toContain("TLP:AMBER");
    expect(outside.text.match(/TLP:GREEN/g)?.length ?? 0).toBeGreaterThanOrEqual(outside.pages);

    const regulated = await printed(regulator);
    expect(regulated.text).toContain("Coastal power station against drones");
    expect(regulated.text).not.toContain("Strict one");

    const water = await printed(gridMember, { sector: "water-drinking" });
    expect(water.text).toContain("filtered by sector: Drinking water");
    expect(water.text).toContain("Pumping station against insiders");
    expect(water.text).not.toContain("Strict one");

    const audit = await listAudit(server.db, { kind: "all" }, { action: "risk.register.report", limit: 10 });
    expect(audit.items).toHaveLength(4);
    expect(JSON.stringify(audit.items.map((item) => item.details))).not.toMatch(/Coastal|Pumping|Strict/);
  });

  it("filters by sector, scenario and band, and keeps formulas out of the CSV", async () => {
    expect((await gridMember.call("riskRegister", { query: { country: "XM" } })).total).toBe(3);
    expect((await gridMember.call("riskRegister", { query: { country: "FR" } })).total).toBe(0);
    const water = await gridMember.call("riskRegister", { query: { sector: "water-drinking" } });
    expect(water.items.map((item) => item.id)).toEqual([waterGreen]);
    const insiders = await gridMember.call("riskRegister", { query: { scenario: "insider-sabotage" } });
    expect(insiders.total).toBe(1);
    const high = await gridMember.call("riskRegister", { query: { band: "high" } });
    expect(high.items.every((item) => item.band.id === "high")).toBe(true);
    expect(high.total).toBe(1);
    const sorted = await gridMember.call("riskRegister", { query: { sort: "score" } });
    const scores = sorted.items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    await waterAnalyst.call("createRiskAssessment", {
      body: content({
        title: '=HYPERLINK("http://example.invalid")',
        assetIds: [idOf("PUMP-1")],
        ratings: { likelihood: 1, vulnerability: 1, consequence: 3 },
        marking: "amber+strict",
      }),
    });
    const csv = await outsider.call("exportRiskRegister", { query: { sort: "score" } });
    expect(csv.csv.split("\r\n")[0]).toBe(csv.columns.join(","));
    expect(csv.csv).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
  });

  it("keeps every version, with its author, and audits each change", async () => {
    expect(
      await statusOf(regulator.call("updateRiskAssessment", { params: { id: gridAmber }, body: content() })),
    ).toBe(403);
    expect(
      await statusOf(regulator.call("updateRiskAssessment", { params: { id: gridStrict }, body: content() })),
    ).toBe(404);
    expect(
      await statusOf(outsider.call("updateRiskAssessment", { params: { id: waterGreen }, body: content() })),
    ).toBe(403);
    const revised = await gridAnalyst.call("updateRiskAssessment", {
      params: { id: gridAmber },
      body: content({
        ratings: { likelihood: 2, vulnerability: 4, consequence: 3 },
        note: "Threat lowered.",
      }),
    });
    expect(revised.version).toBe(2);
    expect(revised.score).toBe(24);
    const versions = await gridMember.call("listRiskAssessmentVersions", { params: { id: gridAmber } });
    expect(versions.items.map((item) => [item.version, item.score, item.note])).toEqual([
      [2, 24, "Threat lowered."],
      [1, 60, null],
    ]);
    expect(versions.items[1]?.overrideReason).toBe("Black start depends on this station.");
    expect(versions.items.every((item) => item.author?.name === "analyst")).toBe(true);
    const audit = await listAudit(server.db, { kind: "all" }, { targetId: gridAmber, limit: 10 });
    expect(
      audit.items
        .map((item) => item.action)
        .filter((action) => action !== "access.denied")
        .sort(),
    ).toEqual(["risk.assessment.create", "risk.assessment.revise"]);
    expect(JSON.stringify(audit.items.map((item) => item.details))).not.toMatch(/Coastal|analyst@/);
  });

  it("prints one assessment as a PDF for those who may read it, and audits it", async () => {
    const file = await regulator.call("getRiskAssessmentReport", { params: { id: gridAmber } });
    expect(file.filename).toMatch(/^bulwark-risk-assessment-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(Buffer.from(file.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { text, flat, pages: total } = await readPdf(file.bytes);
    expect(flat).toContain("Coastal power station against drones");
    expect(flat).toContain("Coastal power station");
    expect(flat).toContain("Overflights reported.");
    expect(flat).toContain("Score 24 = 2 × 4 × 3");
    expect(flat).toContain("Drone detection");
    expect(flat).toContain("Residual risk after planned measures: score 12");
    expect(flat).toContain("Threat lowered.");
    expect(flat).toContain("Override: Black start depends on this station.");
    expect(text.match(/TLP:AMBER\b/g)?.length ?? 0).toBeGreaterThanOrEqual(total);
    const audit = await listAudit(
      server.db,
      { kind: "all" },
      { action: "risk.assessment.report", targetId: gridAmber, limit: 10 },
    );
    expect(audit.items).toHaveLength(1);
    expect(JSON.stringify(audit.items[0]?.details)).not.toMatch(/Coastal|analyst/);

    // Whoever may not read the assessment may not print it.
    expect(await statusOf(outsider.call("getRiskAssessmentReport", { params: { id: gridAmber } }))).toBe(404);
    expect(await statusOf(regulator.call("getRiskAssessmentReport", { params: { id: gridStrict } }))).toBe(
      404,
    );
  });

  it("prints the assessment and the register in the reader's language (issue 15)", async () => {
    const { cookie } = await signedIn(server, "analyst@regulator.example");
    const textIn = (url: string, language: string) => pdfTextIn(server, cookie, url, language);
    const assessment = `/api/risk/assessments/${gridAmber}/report.pdf`;
    const french = await textIn(assessment, "fr");
    for (const part of [
      "Évaluation des risques",
      "Matrice des risques",
      "Historique des versions",
      "Overflights reported.",
    ])
      expect(french).toContain(part);
    const chinese = await textIn(assessment, "zh");
    for (const part of ["风险评估", "风险矩阵", "版本历史"]) expect(chinese).toContain(part);
    const register = "/api/risk/register.pdf?sector=energy-electricity";
    const frenchRegister = await textIn(register, "fr");
    expect(frenchRegister).toContain("Registre des risques");
    expect(frenchRegister).toContain("secteur : Énergie – électricité");
    // pdf.js gives Arabic words back one by one (and splits the lam-alef ligature): words checked.
    const arabic = await textIn(register, "ar");
    for (const word of ["المخاطر", "الخريطة", "الحرارية"]) expect(arabic).toContain(word);
  });
});

describe("scenarios and methodology", () => {
  it("lists the shipped catalogue to everyone and lets authorities add scenarios", async () => {
    const catalogue = await outsider.call("listRiskScenarios");
    expect(catalogue.items.length).toBeGreaterThanOrEqual(9);
    expect(catalogue.canAdd).toBe(false);
    const body = {
      slug: "regional-port-drones",
      content: {
        family: "uas" as const,
        title: "Drones over a port",
        summary: "Drones fly over container terminals.",
        description: "A test scenario.",
      },
    };
    expect(await statusOf(gridAnalyst.call("createRiskScenario", { body }))).toBe(403);
    const unknownEntry = { ...body, content: { ...body.content, compendium: ["no-such-entry"] } };
    expect(await statusOf(regulator.call("createRiskScenario", { body: unknownEntry }))).toBe(422);
    const created = await regulator.call("createRiskScenario", { body });
    expect(created.organisation?.name).toBe("Test Energy Regulator");
    expect(await statusOf(regulator.call("createRiskScenario", { body }))).toBe(409);
  });

  it("gives each organisation its methodology, changed only by its administrators", async () => {
    const view = await gridMember.call("getRiskMethodology");
    expect(view.source).toBe("default");
    expect(view.canChange).toBe(false);
    const own = { ...view.methodology, appetite: { ...view.methodology.appetite, band: "low" } };
    expect(await statusOf(gridMember.call("setRiskMethodology", { body: own }))).toBe(403);
    const boss = await server.client("boss@grid.example");
    const changed = await boss.call("setRiskMethodology", { body: own });
    expect(changed.source).toBe("organisation");
    expect((await outsider.call("getRiskMethodology")).source).toBe("default");
    const broken = { ...own, appetite: { ...own.appetite, band: "nope" } };
    expect(await statusOf(boss.call("setRiskMethodology", { body: broken }))).toBe(400);
  });
});
