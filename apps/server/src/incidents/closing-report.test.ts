// The incident's report as a PDF on the demo country (issue 17, recovery): the closed incident's
// closing report holds its timeline, its three-day recovery, its obligations and the lessons of its
// review; the open one's is an interim report; a bank outside the audience gets 404, in any language;
// the report comes in the reader's language.
import { createClient } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed-demo.ts";
import { readPdf } from "../pdf/testing.ts";
import { injectFetch, signedIn, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
const PASSWORD = "demo password for the incident report test";

beforeAll(async () => {
  server = await startTestServer();
  const context = { ...server.context, config: { ...server.context.config, demoPassword: PASSWORD } };
  await seedDemo(context);
}, 120_000);
afterAll(() => server.close());

async function as(email: string) {
  const client = createClient({
    fetch: injectFetch(server.app),
    cookieJar: true,
    baseUrl: "http://localhost",
  });
  await client.call("login", { body: { email, password: PASSWORD } });
  return client;
}

const textOf = async (bytes: Uint8Array) => (await readPdf(bytes)).flat;

const WATCH = "tomas.varga@ncipa.meridia.example";

describe("the incident report PDF", () => {
  it("prints the closed incident's closing report: timeline, recovery, obligations and lessons", async () => {
    const watch = await as(WATCH);
    const { items } = await watch.call("listIncidents");
    const closed = items.find((incident) => incident.state === "closed");
    if (!closed) throw new Error("The closed demo incident is missing.");
    const detail = await watch.call("getIncident", { params: { id: closed.id } });
    const before = await textOf(
      (await watch.call("exportIncidentReport", { params: { id: closed.id } })).bytes,
    );
    expect(before).toContain("Closing report");
    expect(before).toContain(closed.title);
    expect(before).toContain("State: Closed");
    // Three days to full service, as the demo's recovery curve says.
    expect(before).toContain("72 h from the beginning");
    for (const asset of detail.assets) expect(before).toContain(asset.name);
    const obligations = await watch.call("incidentObligations", { params: { id: closed.id } });
    expect(obligations.length).toBeGreaterThan(0);
    for (const obligation of obligations) expect(before).toContain(obligation.title);
    expect(before).toContain("No after-action review has been written yet.");

    const [first] = detail.assets;
    await watch.call("createIncidentReview", {
      params: { id: closed.id },
      body: {
        wentWell: "The watch desk called every operator within the hour.",
        toImprove: "Spare transformers were three days away.",
        actions: [
          {
            title: "Keep a spare transformer in the region",
            ownerOrganisationId: detail.organisation.id,
            dueOn: "2027-06-30",
          },
        ],
      },
    });
    const after = await textOf(
      (await watch.call("exportIncidentReport", { params: { id: closed.id } })).bytes,
    );
    expect(after).toContain("The watch desk called every operator within the hour.");
    expect(after).toContain("Spare transformers were three days away.");
    expect(after).toContain("Keep a spare transformer in the region");
    expect(after).not.toContain("No after-action review");
    expect(first).toBeDefined();
  });

  it("calls the open incident's report interim", async () => {
    const watch = await as(WATCH);
    const open = (await watch.call("listIncidents")).items.find((incident) => incident.state !== "closed");
    if (!open) throw new Error("The open demo incident is missing.");
    const text = await textOf((await watch.call("exportIncidentReport", { params: { id: open.id } })).bytes);
    expect(text).toContain("Interim incident report");
    expect(text).not.toContain("Closing report");
  });

  it("is 404 to a reader outside the incident's audience, and prints nothing of it", async () => {
    const watch = await as(WATCH);
    const ids = (await watch.call("listIncidents")).items.map((incident) => incident.id);
    const bank = await as("hugo.lambert@coastalbank.example");
    for (const id of ids) {
      const error = await bank
        .call("exportIncidentReport", { params: { id } })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ status: 404 });
    }
    // The water operator sees only its own incident: the grid's is 404 to it too.
    const water = await as("grace.mwangi@meridiawater.example");
    const own = (await water.call("listIncidents")).items.map((incident) => incident.id);
    for (const id of ids.filter((id) => !own.includes(id))) {
      const error = await water
        .call("exportIncidentReport", { params: { id } })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ status: 404 });
    }
  });

  it("comes in the reader's language", async () => {
    const watch = await as(WATCH);
    const closed = (await watch.call("listIncidents")).items.find((incident) => incident.state === "closed");
    if (!closed) throw new Error("The closed demo incident is missing.");
    const { cookie } = await signedIn(server, WATCH, PASSWORD);
    const pdfIn = async (language: string) => {
      const response = await server.inject({
        method: "GET",
        url: `/api/incidents/${closed.id}/report.pdf`,
        headers: { cookie, "accept-language": language },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toContain("application/pdf");
      return textOf(response.rawPayload);
    };
    const french = await pdfIn("fr");
    expect(french).toContain("Rapport de clôture");
    expect(french).toContain("Obligations de notification");
    const chinese = await pdfIn("zh-CN");
    expect(chinese).toContain("结案报告");
    const russian = await pdfIn("ru");
    expect(russian).toContain("Итоговый отчёт");
  });
});
