// Issue 12, finding 4: an assessment shared with someone shows them only the assessed assets the
// registry lets them see, and how many others there are, in every view (detail, register, CSV,
// PDFs); it never names, refers to or identifies the others.
import type { AssessmentContentInput, Client } from "@bulwark/contracts";
import { insertCommunity, setCommunityOrganisations } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPdf } from "../pdf/testing.ts";
import { startTestServer, type TestServer } from "../testing.ts";
import { loadScenarioPack } from "./content.service.ts";

let server: TestServer;
let gridAnalyst: Client;
let waterMember: Client;
let assessment = "";
const ids = new Map<string, string>();

const ASSETS = `id,name,sector,operator,marking,population_served
SECRET-7,Hidden coastal station,energy-electricity,Test Grid Operator,amber,0
LINE-1,Public line,energy-electricity,Test Grid Operator,clear,0
`;

const textOf = async (bytes: Uint8Array) => (await readPdf(bytes)).flat;

beforeAll(async () => {
  server = await startTestServer();
  const now = server.context.clock();
  const { organisations } = server.cast;
  const community = await insertCommunity(server.db, { name: "Grid and water", description: "" }, now);
  await setCommunityOrganisations(server.db, community, [organisations.operator, organisations.other]);
  await loadScenarioPack(server.context);
  const admin = await server.client("admin@authority.example");
  await admin.call("importRegistry", { body: { assets: ASSETS } });
  for (const asset of (await admin.call("listAssets", { query: { limit: 100 } })).items)
    ids.set(asset.ref, asset.id);
  gridAnalyst = await server.client("analyst@grid.example");
  waterMember = await server.client("member@water.example");
  const assetIds = [ids.get("SECRET-7") ?? "", ids.get("LINE-1") ?? ""];
  const proposal = await gridAnalyst.call("proposeRiskConsequence", { body: { assetIds } });
  const content: AssessmentContentInput = {
    title: "Grid against drones",
    assetIds,
    scenario: "uas-attack-on-site",
    ratings: { likelihood: 3, vulnerability: 4, consequence: proposal.level },
    rationale: { likelihood: "Overflights reported.", vulnerability: "No detection.", consequence: "" },
    reviewDate: "2027-05-01",
    marking: "green",
    communityIds: [community],
    measures: [],
  };
  assessment = (await gridAnalyst.call("createRiskAssessment", { body: content })).id;
});
afterAll(() => server.close());

describe("assets of a shared assessment (issue 12, finding 4)", () => {
  it("names to the owner every asset it assessed", async () => {
    const own = await gridAnalyst.call("getRiskAssessment", { params: { id: assessment } });
    expect(own.assets.map((asset) => asset.ref).sort()).toEqual(["LINE-1", "SECRET-7"]);
    expect(own.hiddenAssets).toBe(0);
  });

  it("shows a community reader only the assets the registry shows them, and counts the others", async () => {
    const hiddenId = ids.get("SECRET-7") ?? "";
    const detail = await waterMember.call("getRiskAssessment", { params: { id: assessment } });
    expect(detail.assets).toEqual([{ id: ids.get("LINE-1"), name: "Public line", ref: "LINE-1" }]);
    expect(detail.hiddenAssets).toBe(1);
    expect(JSON.stringify(detail)).not.toMatch(new RegExp(`SECRET-7|Hidden coastal|${hiddenId}`));

    const register = await waterMember.call("riskRegister", {});
    const row = register.items.find((item) => item.id === assessment);
    expect(row?.assets.map((asset) => asset.ref)).toEqual(["LINE-1"]);
    expect(row?.hiddenAssets).toBe(1);
    expect(JSON.stringify(register)).not.toMatch(new RegExp(`SECRET-7|Hidden coastal|${hiddenId}`));

    const csv = await waterMember.call("exportRiskRegister", {});
    expect(csv.csv).toContain("Public line and 1 asset you cannot see");
    expect(csv.csv).not.toMatch(/SECRET-7|Hidden coastal/);

    const report = await textOf(
      (await waterMember.call("getRiskAssessmentReport", { params: { id: assessment } })).bytes,
    );
    expect(report).toContain("Public line and assets you cannot see: 1");
    expect(report).not.toMatch(/SECRET-7|Hidden coastal/);
    const registerPdf = await textOf((await waterMember.call("exportRiskRegisterPdf", { query: {} })).bytes);
    expect(registerPdf).toContain("Grid against drones");
    expect(registerPdf).not.toMatch(/SECRET-7|Hidden coastal/);
  });
});
