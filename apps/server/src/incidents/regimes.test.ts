// The notification regimes over HTTP: any signed-in user reads the list an incident's regime is
// chosen from; a stranger gets 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(() => server.close());

describe("GET /api/notification-regimes", () => {
  it("lists the shipped regimes with their reports and deadlines", async () => {
    const member = await server.client("member@grid.example");
    const regimes = await member.call("listNotificationRegimes", {});
    expect(regimes.map((regime) => regime.id)).toEqual([
      "eu-cer-article-15",
      "eu-nis2-article-23",
      "national-default",
    ]);
    const nis2 = regimes.find((regime) => regime.id === "eu-nis2-article-23");
    expect(nis2?.reports.map((report) => [report.id, report.due])).toEqual([
      ["early-warning", { within: { hours: 24 }, after: "awareness" }],
      ["incident-notification", { within: { hours: 72 }, after: "awareness" }],
      ["final-report", { within: { months: 1 }, after: "incident-notification" }],
    ]);
  });

  it("answers 401 to a stranger", async () => {
    expect(await statusOf((await server.client()).call("listNotificationRegimes", {}))).toBe(401);
  });
});
