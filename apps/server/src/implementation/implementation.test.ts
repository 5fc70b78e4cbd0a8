// A state's implementation profile through the API (issue 20, item 5): its national authorities read
// it section by section (score and trend over the submitted runs, measures in place, open and
// overdue actions, engagements, exercises) and share it by TLP and audience; everybody else gets 404
// on the page and the PDF; a reader it is shared with counts only the actions, engagements and
// exercises it may see anyway. Bad input changes nothing.

import type { Client } from "@bulwark/contracts";
import type { AnswerValue } from "@bulwark/core";
import { insertOrganisation, insertRun, insertUser, rowsOf, saveAnswer, submitRun } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { readPdf } from "../pdf/testing.ts";
import { loadFrameworks, readFrameworks } from "../self-assessment/frameworks.service.ts";
import { PASSWORD, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let state: Client; // the national authority's coordinator (country XM)
let stateAuditor: Client; // the national authority's auditor: reads, does not share
let cted: Client; // an international organisation's analyst, the profile shared with it later
// (an analyst, not a coordinator: an international organisation's coordinators moderate the
// compendium and so read every event, and every action, by the events' rule)
let neighbour: Client; // another state's national authority (YY)
let operator: Client; // an operator of the same state
let root: Client; // a platform administrator of the operator: no exception
const org = { cted: "", neighbour: "" };
const AMBER_ACTION = "Review the grid operator's access badges";
const CLEAR_ACTION = "Publish the national strategy's summary";

const counts = async () =>
  rowsOf<{ shares: number; audience: number }>(
    await server.db.execute(sql`select
      (select count(*)::int from implementation_profile_shares) as shares,
      (select count(*)::int from implementation_profile_share_audience) as audience`),
  )[0];

async function submittedRun(
  organisationId: string,
  title: string,
  answers: [string, AnswerValue][],
  submit = true,
) {
  const now = server.context.clock();
  const id = await insertRun(server.db, {
    organisationId,
    frameworkId: "unsc-2341",
    frameworkVersion: 1,
    title,
    createdBy: server.cast.users.admin,
    now,
  });
  for (const [questionId, value] of answers)
    await saveAnswer(server.db, { runId: id, questionId }, 0, { value }, server.cast.users.admin, now);
  if (submit) await submitRun(server.db, id, false, now);
  server.advance(60_000);
  return id;
}

const pdfText = async (bytes: Uint8Array) => (await readPdf(bytes)).text;

beforeAll(async () => {
  server = await startTestServer();
  await loadFrameworks(server.context, readFrameworks());
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  org.cted = await insertOrganisation(
    server.db,
    { name: "Counter-Terrorism Office", kind: "international-organisation", country: "AT", sectors: [] },
    now,
  );
  org.neighbour = await insertOrganisation(
    server.db,
    { name: "Neighbour Authority", kind: "national-authority", country: "YY", sectors: [] },
    now,
  );
  const person = (
    email: string,
    organisationId: string,
    roles: ("coordinator" | "analyst" | "platform-admin")[],
  ) =>
    insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  await person("watch@authority.example", server.cast.organisations.authority, ["coordinator"]);
  await person("desk@cted.example", org.cted, ["analyst"]);
  await person("desk@neighbour.example", org.neighbour, ["coordinator"]);
  await person("root@grid.example", server.cast.organisations.operator, ["platform-admin"]);
  [state, stateAuditor, cted, neighbour, operator, root] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("auditor@authority.example"),
    server.client("desk@cted.example"),
    server.client("desk@neighbour.example"),
    server.client("boss@grid.example"),
    server.client("root@grid.example"),
  ]);

  // Two submitted runs of the authority (the strategy improves), a draft, and an operator's run: only
  // the first two count.
  const authority = server.cast.organisations.authority;
  await submittedRun(authority, "2025", [
    ["strategy-document", { type: "maturity", level: 2 }],
    ["strategy-lead", { type: "choice", choice: "partial" }],
  ]);
  await submittedRun(authority, "2026", [
    ["strategy-document", { type: "maturity", level: 4 }],
    ["strategy-lead", { type: "choice", choice: "yes" }],
    ["crisis-plans", { type: "maturity", level: 1 }],
  ]);
  await submittedRun(authority, "Draft", [["strategy-document", { type: "maturity", level: 0 }]], false);
  await submittedRun(server.cast.organisations.operator, "Operator's", [
    ["strategy-document", { type: "maturity", level: 0 }],
  ]);

  // Actions of the country: two in an AMBER event (its host only), one in a CLEAR one.
  const event = (marking: "amber" | "clear") =>
    state.call("createEvent", {
      body: {
        kind: "workshop",
        title: `Workshop (${marking})`,
        region: "europe",
        countries: ["XM"],
        venue: "online",
        startsOn: "2026-01-10",
        endsOn: "2026-01-10",
        marking,
      },
    });
  const [amber, clear] = await Promise.all([event("amber"), event("clear")]);
  const action = (eventId: string, title: string, dueOn: string) =>
    state.call("addEventAction", {
      params: { id: eventId },
      body: { country: "XM", title, ownerOrganisationId: authority, dueOn },
    });
  await action(amber.id, AMBER_ACTION, "2000-01-01");
  await action(amber.id, "Second amber action", "2999-12-31");
  await action(clear.id, CLEAR_ACTION, "2999-12-31");

  // An exercise on crisis management with a corrective action, and an engagement on the legal section.
  const exercise = await state.call("createExercise", {
    body: {
      title: "Blackout tabletop",
      type: "tabletop",
      objectives: [{ title: "Activate plans", section: "crisis" }],
    },
  });
  await state.call("createExerciseCorrectiveAction", {
    params: { id: exercise.id },
    body: {
      objectiveId: exercise.objectives[0]?.id ?? null,
      title: "Rewrite the crisis plan",
      ownerOrganisationId: authority,
      dueOn: "2999-06-30",
    },
  });
  const need = await state.call("createAssistanceNeed", {
    body: {
      title: "Draft the offences of attacks on infrastructure",
      description: "Legislative drafting support.",
      theme: "legal",
      sectors: [],
      section: "legal",
      urgency: "medium",
      languages: ["en"],
      modality: "legislative-drafting",
      tlp: "amber",
      audience: { organisationIds: [org.cted] },
    },
  });
  await cted.call("createAssistanceEngagement", { body: { needId: need.id } });
}, 90_000);
afterAll(() => server.close());

const params = { country: "XM" };

describe("the state's own profile", () => {
  it("shows each section's score and trend over the submitted runs, measures in place, actions, exercises and engagements", async () => {
    const profile = await state.call("getImplementationProfile", { params });
    expect(profile.runs.map((run) => run.title)).toEqual(["2025", "2026"]);
    const section = (id: string) => profile.sections.find((entry) => entry.id === id);
    const strategy = section("strategy");
    expect(strategy?.trend).toBe("up");
    expect(strategy?.history.map((entry) => entry.score)).toHaveLength(2);
    expect(strategy?.measures.map((measure) => measure.questionId)).toEqual([
      "strategy-document",
      "strategy-lead",
    ]);
    expect(section("crisis")).toMatchObject({ trend: "new", measures: [] });
    expect(section("crisis")?.exercises.map((exercise) => exercise.title)).toEqual(["Blackout tabletop"]);
    expect(section("crisis")?.actions.items.map((action) => action.title)).toEqual([
      "Rewrite the crisis plan",
    ]);
    expect(section("legal")?.engagements).toHaveLength(1);
    expect(profile.actions).toMatchObject({ open: 4, overdue: 1, unattributed: 3 });
    expect(profile.abilities).toEqual({ asOwner: true, mayShare: true });
    expect(profile.share).toBeNull();
    expect(profile.overall.trend).toBe("up");
    expect(await state.call("listImplementationProfiles", {})).toEqual([{ country: "XM", own: true }]);
  });

  it("is read by the authority's auditor, who may not share it", async () => {
    const profile = await stateAuditor.call("getImplementationProfile", { params });
    expect(profile.abilities).toEqual({ asOwner: true, mayShare: false });
    expect(
      await statusOf(
        stateAuditor.call("shareImplementationProfile", {
          params,
          body: { tlp: "amber", audience: { organisationIds: [org.cted] } },
        }),
      ),
    ).toBe(403);
  });
});

describe("before it is shared", () => {
  it("answers 404 to everybody else, on the page, the PDF and the share", async () => {
    expect(await cted.call("listImplementationProfiles", {})).toEqual([]);
    expect(await neighbour.call("listImplementationProfiles", {})).toEqual([{ country: "YY", own: true }]);
    for (const client of [cted, neighbour, operator, root]) {
      expect(await statusOf(client.call("getImplementationProfile", { params }))).toBe(404);
      expect(await statusOf(client.call("implementationProfilePdf", { params }))).toBe(404);
      expect(
        await statusOf(
          client.call("shareImplementationProfile", {
            params,
            body: { tlp: "clear", audience: {} },
          }),
        ),
      ).toBe(404);
    }
    // A country with no national authority here has no profile at all.
    expect(await statusOf(state.call("getImplementationProfile", { params: { country: "ZZ" } }))).toBe(404);
  });
});

describe("shared with an organisation", () => {
  it("refuses bad input and changes nothing", async () => {
    const before = await counts();
    const bad = [
      { tlp: "purple", audience: { organisationIds: [org.cted] } },
      { tlp: "amber", audience: { organisationIds: ["00000000-0000-4000-8000-000000000000"] } },
      { tlp: "amber", audience: {} },
      { tlp: "red", audience: { organisationIds: [org.cted] } },
    ];
    for (const body of bad)
      expect(
        await statusOf(
          // @ts-expect-error: deliberately wrong input
          state.call("shareImplementationProfile", { params, body }),
        ),
      ).toBeGreaterThanOrEqual(400);
    expect(await statusOf(state.call("getImplementationProfile", { params: { country: "xm" } }))).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("is read by that organisation, counting only what it may see; not by others", async () => {
    const shared = await state.call("shareImplementationProfile", {
      params,
      body: { tlp: "amber", audience: { organisationIds: [org.cted] } },
    });
    expect(shared.audience).toEqual([
      { kind: "organisation", id: org.cted, name: "Counter-Terrorism Office" },
    ]);
    const own = await state.call("getImplementationProfile", { params });
    const seen = await cted.call("getImplementationProfile", { params });
    expect(seen.abilities).toEqual({ asOwner: false, mayShare: false });
    expect(await cted.call("listImplementationProfiles", {})).toEqual([{ country: "XM", own: false }]);
    expect(await operator.call("listImplementationProfiles", {})).toEqual([]);
    expect(seen.share).toMatchObject({ tlp: "amber", audience: null });
    // The state's own figures, as the state reads them.
    expect(seen.sections.map((section) => section.score)).toEqual(
      own.sections.map((section) => section.score),
    );
    // Actions: only the CLEAR event's; the exercise is not its own; the engagement is (a party).
    expect(seen.actions).toMatchObject({ open: 1, overdue: 0 });
    expect(seen.actions.items.map((action) => action.title)).toEqual([CLEAR_ACTION]);
    expect(seen.exercises).toEqual([]);
    expect(seen.sections.find((section) => section.id === "crisis")?.actions.open).toBe(0);
    expect(seen.engagements).toHaveLength(1);
    for (const client of [neighbour, operator, root])
      expect(await statusOf(client.call("getImplementationProfile", { params }))).toBe(404);
    expect(
      await statusOf(
        cted.call("shareImplementationProfile", { params, body: { tlp: "clear", audience: {} } }),
      ),
    ).toBe(403);
  });

  it("prints as a PDF holding only what the reader sees, under its marking", async () => {
    const theirs = await pdfText((await cted.call("implementationProfilePdf", { params })).bytes);
    expect(theirs).toContain("Section by section");
    expect(theirs).toContain("TLP:AMBER+STRICT");
    expect(theirs).toContain(CLEAR_ACTION);
    expect(theirs).not.toContain(AMBER_ACTION);
    const ours = await pdfText((await state.call("implementationProfilePdf", { params })).bytes);
    expect(ours).toContain(AMBER_ACTION);
  });

  it("stops being read once the state stops sharing it", async () => {
    await state.call("unshareImplementationProfile", { params });
    expect(await counts()).toEqual({ shares: 0, audience: 0 });
    expect(await statusOf(cted.call("getImplementationProfile", { params }))).toBe(404);
    const audit = rowsOf<{ action: string }>(
      await server.db.execute(
        sql`select action from audit_log where action like 'implementation.%' order by seq`,
      ),
    );
    expect(audit.map((row) => row.action)).toEqual([
      "implementation.share",
      "implementation.pdf",
      "implementation.pdf",
      "implementation.unshare",
    ]);
  });

  it("prints the PDF in the reader's language (issue 15)", async () => {
    const { cookie } = await signedIn(server, "watch@authority.example");
    const textIn = async (language: string) => {
      const response = await server.inject({
        method: "GET",
        url: "/api/implementation/XM.pdf",
        headers: { cookie, "accept-language": language },
      });
      expect(response.statusCode).toBe(200);
      return (await pdfText(response.rawPayload)).replace(/\s+/g, " ");
    };
    const french = await textIn("fr");
    expect(french).toContain("Mise en œuvre de la résolution 2341");
    expect(french).toContain("Section par section");
    expect(french).toContain(AMBER_ACTION);
    const chinese = await textIn("zh");
    expect(chinese).toContain("第 2341 号决议的执行情况");
    expect(chinese).toContain("逐节");
  });
});
