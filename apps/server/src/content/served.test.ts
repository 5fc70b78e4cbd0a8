// The shipped content served in the reader's language (issue 15, item 4): framework questions,
// threat scenarios and the default methodology come in the language of Accept-Language, else of the
// account, with the same ids and structure as the English; what an organisation wrote itself stays
// as written; the PDFs that print these texts print the translation.
import { type Client, createClient, type Methodology } from "@bulwark/contracts";
import { insertUser, setUserLanguage } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { DEMO_COMPENDIUM, loadPack, readPack } from "../compendium/pack.service.ts";
import { readPdf } from "../pdf/testing.ts";
import { loadScenarioPack, readDefaultMethodology } from "../risk/content.service.ts";
import { loadFrameworks, readFrameworks } from "../self-assessment/frameworks.service.ts";
import { injectFetch, PASSWORD, signedIn, startTestServer, type TestServer } from "../testing.ts";
import { readTranslation } from "./translations.ts";

let server: TestServer;
let language: string | null = null;
let analyst: Client;

/** A client of `email` that names `language` (the variable above) in Accept-Language on each call. */
async function reader(email: string): Promise<Client> {
  const client = createClient({
    fetch: injectFetch(server.app),
    cookieJar: true,
    baseUrl: "http://localhost",
    language: () => language,
  });
  await client.call("login", { body: { email, password: PASSWORD } });
  return client;
}

/** The text of a translation file at a path, e.g. ("frameworks", "unsc-2341-v1.yaml", "ar", "title"). */
function translationAt(folder: string, file: string, lang: "fr" | "ar" | "ru" | "zh", path: string): string {
  const text = readTranslation(folder, file, lang)?.texts.get(path);
  if (!text) throw new Error(`no ${lang} text at ${folder}/${file} ${path}`);
  return text.trim();
}

const pdfText = async (bytes: Uint8Array) => (await readPdf(bytes)).flat;

// Ids, weights, answer types and entries: everything but the words.
const shapeOf = (framework: {
  sections: readonly { id: string; weight: number; questions: readonly unknown[] }[];
}) =>
  framework.sections.map((section) => ({
    id: section.id,
    weight: section.weight,
    questions: (
      section.questions as { id: string; weight: number; answer: { type: string }; entries: string[] }[]
    ).map((question) => [question.id, question.weight, question.answer.type, question.entries]),
  }));

beforeAll(async () => {
  server = await startTestServer();
  await loadPack(server.context, null, readPack(DEMO_COMPENDIUM));
  await loadFrameworks(server.context, readFrameworks());
  await loadScenarioPack(server.context);
  analyst = await reader("analyst@grid.example");
}, 60_000);
afterAll(() => server.close());

describe("a framework in the reader's language", () => {
  it("serves resolution 2341's questions in Arabic with the English ids and structure", async () => {
    language = null;
    const english = await analyst.call("getFramework", { params: { id: "unsc-2341", version: 1 } });
    language = "ar";
    const arabic = await analyst.call("getFramework", { params: { id: "unsc-2341", version: 1 } });
    const question = arabic.sections
      .find((s) => s.id === "strategy")
      ?.questions.find((q) => q.id === "strategy-document");
    const arabicText = translationAt(
      "frameworks",
      "unsc-2341-v1.yaml",
      "ar",
      "sections.strategy.questions.strategy-document.text",
    );
    expect(question?.text).toBe(arabicText);
    expect(question?.text).toMatch(/\p{Script=Arabic}/u);
    expect(question?.answer.type === "maturity" ? question.answer.levels : []).toHaveLength(6);
    expect(arabic.title).toBe(translationAt("frameworks", "unsc-2341-v1.yaml", "ar", "title"));
    expect(shapeOf(arabic)).toEqual(shapeOf(english));
    // The cited source stays the original.
    expect(arabic.source).toEqual(english.source);
    expect(english.sections[0]?.questions[0]?.text).toBe(
      "Does the state have a strategy to reduce risks to critical infrastructure from terrorist attacks?",
    );
  });

  it("names the framework in French in the list and in a run, and prints the report in French", async () => {
    language = "fr";
    const list = await analyst.call("listFrameworks", {});
    expect(list.find((item) => item.id === "eu-cer")?.title).toBe(
      translationAt("frameworks", "eu-cer-v1.yaml", "fr", "title"),
    );
    const run = await analyst.call("createRun", { body: { frameworkId: "unsc-2341", title: "Essai" } });
    const title = translationAt("frameworks", "unsc-2341-v1.yaml", "fr", "title");
    expect(run.framework.title).toBe(title);
    expect(run.frameworkContent.sections[0]?.title).toBe("Stratégie nationale et gouvernance");
    await analyst.call("updateAnswer", {
      params: { id: run.id, questionId: "strategy-lead" },
      body: { version: 0, value: { type: "choice", choice: "partial" } },
    });
    const results = await analyst.call("getRunResults", { params: { id: run.id } });
    expect(results.sections.find((s) => s.sectionId === "legal")?.title).toBe(
      "Cadre juridique et incrimination",
    );
    const text = await pdfText((await analyst.call("getRunReport", { params: { id: run.id } })).bytes);
    expect(text).toContain("Stratégie nationale et gouvernance");
    expect(text).toContain("Une autorité unique est-elle chargée de coordonner");
    expect(text).not.toContain("National strategy and governance");
    // The same run read without a language is in English again.
    language = null;
    const english = await analyst.call("getRun", { params: { id: run.id } });
    expect(english.frameworkContent.sections[0]?.title).toBe("National strategy and governance");
  });

  it("follows the account's language when the request names none", async () => {
    const now = server.context.clock();
    const id = await insertUser(
      server.db,
      {
        email: "lecteur@grid.example",
        name: "Lecteur",
        organisationId: server.cast.organisations.operator,
        roles: ["member"],
        passwordHash: await hashPassword(PASSWORD),
      },
      now,
    );
    await setUserLanguage(server.db, id, "fr", now);
    language = null;
    const french = await reader("lecteur@grid.example");
    const framework = await french.call("getFramework", { params: { id: "eu-cer", version: 1 } });
    expect(framework.sections[0]?.title).toBe("Stratégie pour la résilience des entités critiques");
  });
});

describe("threat scenarios in the reader's language", () => {
  it("serves a scenario's name in Chinese and in Arabic, its slug, sectors and techniques unchanged", async () => {
    language = null;
    const english = await analyst.call("getRiskScenario", { params: { slug: "uas-attack-on-site" } });
    language = "zh";
    const chinese = await analyst.call("getRiskScenario", { params: { slug: "uas-attack-on-site" } });
    expect(chinese.title).toBe(translationAt("scenarios", "uas-attack-on-site.yaml", "zh", "title"));
    expect(chinese.title).toMatch(/\p{Script=Han}/u);
    expect(chinese.attackPaths).toHaveLength(english.attackPaths.length);
    expect({ ...chinese, title: "", summary: "", description: "", targets: [], attackPaths: [] }).toEqual({
      ...english,
      title: "",
      summary: "",
      description: "",
      targets: [],
      attackPaths: [],
    });
    language = "ar";
    const catalogue = await analyst.call("listRiskScenarios", {});
    const cyber = catalogue.items.find((item) => item.slug === "cyber-attack-on-control-systems");
    expect(cyber?.title).toBe(
      translationAt("scenarios", "cyber-attack-on-control-systems.yaml", "ar", "title"),
    );
    // MITRE's technique names stay as MITRE publishes them.
    expect(cyber?.attackIcs[0]).toEqual({ id: "T0865", name: "Spearphishing Attachment" });
  });

  it("leaves an organisation's own scenario as it was written", async () => {
    language = "fr";
    const admin = await reader("admin@authority.example");
    await admin.call("createRiskScenario", {
      body: {
        slug: "own-flooding-of-a-tunnel",
        content: {
          family: "sabotage",
          title: "Flooding of a cable tunnel",
          summary: "Ours.",
          description: "Ours.",
        },
      },
    });
    const own = await admin.call("getRiskScenario", { params: { slug: "own-flooding-of-a-tunnel" } });
    expect(own.title).toBe("Flooding of a cable tunnel");
  });
});

describe("the risk methodology in the reader's language", () => {
  it("serves the default methodology's labels in Russian and French, thresholds unchanged", async () => {
    language = "ru";
    const russian = await analyst.call("getRiskMethodology", {});
    expect(russian.source).toBe("default");
    const likely = russian.methodology.scales.likelihood.levels.find((level) => level.level === 5);
    expect(likely?.label).toBe(
      translationAt("risk", "methodology.yaml", "ru", "scales.likelihood.levels.5.label"),
    );
    expect(likely?.label).toMatch(/\p{Script=Cyrillic}/u);
    const english = readDefaultMethodology();
    const numbers = (m: Methodology) => [
      m.exposure,
      m.matrix,
      m.bands.map((b) => [b.id, b.colour]),
      m.consequence.population,
    ];
    expect(numbers(russian.methodology)).toEqual(numbers(english));
    language = "fr";
    const french = await analyst.call("getRiskMethodology", {});
    expect(french.methodology.bands.map((band) => band.label)).toEqual([
      "Faible",
      "Moyen",
      "Élevé",
      "Très élevé",
    ]);
  });

  it("shows an assessment's band and scenario in French, and prints them so", async () => {
    language = "fr";
    const admin = await reader("admin@authority.example");
    await admin.call("importRegistry", {
      body: {
        assets:
          "id,name,sector,operator,marking,population_served\nGEN-9,Coastal power station,energy-electricity,Test Grid Operator,amber,0\n",
        dependencies: "dependent_id,supplier_id,service,k,buffer_hours\n",
      },
    });
    const asset = (await admin.call("listAssets", { query: { limit: 100 } })).items.find(
      (item) => item.ref === "GEN-9",
    );
    const proposal = await analyst.call("proposeRiskConsequence", { body: { assetIds: [asset?.id ?? ""] } });
    const created = await analyst.call("createRiskAssessment", {
      body: {
        title: "Centrale côtière face aux drones",
        assetIds: [asset?.id ?? ""],
        scenario: "uas-attack-on-site",
        ratings: { likelihood: 5, vulnerability: 5, consequence: proposal.level },
        rationale: { likelihood: "Survols.", vulnerability: "Aucune détection.", consequence: "" },
        reviewDate: "2027-05-01",
        marking: "amber",
        measures: [],
      },
    });
    const title = translationAt("scenarios", "uas-attack-on-site.yaml", "fr", "title");
    expect(created.scenario.title).toBe(title);
    expect(created.methodology.scales.vulnerability.label).toBe("Vulnérabilité");
    const register = await analyst.call("riskRegister", {});
    expect(register.items.find((item) => item.id === created.id)?.scenario.title).toBe(title);
    expect(register.bands.map((band) => band.label)).toContain("Très élevé");
    const text = await pdfText(
      (await analyst.call("getRiskAssessmentReport", { params: { id: created.id } })).bytes,
    );
    expect(text).toContain(title);
    expect(text).toContain("Presque certaine");
    language = null;
    const english = await analyst.call("getRiskAssessment", { params: { id: created.id } });
    expect(english.scenario.title).toBe("Drone attack on an infrastructure site");
  });

  it("leaves an organisation's own methodology as it was written", async () => {
    language = null;
    const boss = await reader("boss@grid.example");
    const own = readDefaultMethodology();
    await boss.call("setRiskMethodology", { body: { ...own, name: "Grid operator's own method" } });
    language = "fr";
    const read = await boss.call("getRiskMethodology", {});
    expect(read.source).toBe("organisation");
    expect(read.methodology.name).toBe("Grid operator's own method");
    expect(read.methodology.bands[0]?.label).toBe("Low");
  });
});

describe("the answer", () => {
  it("says it varies with Accept-Language", async () => {
    language = "ar";
    const response = await server.inject({
      method: "GET",
      url: "/api/self-assessment/frameworks",
      headers: { "accept-language": "ar" },
    });
    expect(response.statusCode).toBe(401);
    const { cookie } = await signedIn(server, "member@grid.example");
    const answer = await server.inject({
      method: "GET",
      url: "/api/risk/scenarios/ied-placed-or-person-borne",
      headers: { cookie, "accept-language": "zh-CN,zh;q=0.9" },
    });
    expect(answer.statusCode).toBe(200);
    expect(String(answer.headers.vary)).toMatch(/Accept-Language/i);
    expect(answer.json().title).toBe(
      translationAt("scenarios", "ied-placed-or-person-borne.yaml", "zh", "title"),
    );
  });
});

describe("refusals of the risk and self-assessment rules", () => {
  it("say their detail in the caller's language", async () => {
    const session = await signedIn(server, "analyst@grid.example");
    const refused = (language: string) =>
      server.inject({
        method: "POST",
        url: "/api/risk/scenarios",
        headers: session.headers({ "accept-language": language }),
        payload: {
          slug: "refused-one",
          content: { family: "ied", title: "Refused", summary: "No.", description: "No." },
        },
      });
    const french = await refused("fr");
    expect(french.statusCode).toBe(403);
    expect(french.json().detail).toBe(
      "Seuls les autorités nationales, les régulateurs et les administrateurs de la plateforme ajoutent des scénarios de menace.",
    );
    const arabic = await refused("ar");
    expect(arabic.json().detail).toMatch(/\p{Script=Arabic}/u);
    expect(arabic.json().type).toBe(french.json().type);
    expect((await refused("en")).json().detail).toBe(
      "Only national authorities, regulators and platform administrators add threat scenarios.",
    );
  });
});
