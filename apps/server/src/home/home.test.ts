// The home over HTTP, per role: what it lists is what the person must do (items to acknowledge,
// approvals, invitations, actions, risk reviews, drafts, questions, admin chores), each entry
// with the page that opens it; and a person of another organisation never sees another's item,
// approval or count.
import type { Client, Home, HomeSection } from "@bulwark/contracts";
import { insertCommunity, insertUser, setCommunityOrganisations } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { loadScenarioPack } from "../risk/content.service.ts";
import { loadFrameworks, readFrameworks } from "../self-assessment/frameworks.service.ts";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
let admin: Client; // platform administrator (national authority)
let auditor: Client; // auditor (national authority)
let coordinator: Client; // coordinator of the national authority
let gridAdmin: Client;
let gridMember: Client;
let gridAnalyst: Client;
let waterMember: Client;
let waterAdmin: Client;
let water = ""; // the water community: authority + water utility
const ids: Record<string, string> = {};

const ASSETS = `id,name,sector,operator,marking,population_served
GEN-1,Coastal power station,energy-electricity,Test Grid Operator,amber,0
PUMP-1,Main pumping station,water-drinking,Test Water Utility,amber,90000
`;

const homeOf = (client: Client) => client.call("getHome", {});
const section = (home: Home, id: HomeSection["id"]) => home.sections.find((item) => item.id === id);
const titles = (home: Home, id: HomeSection["id"]) => section(home, id)?.entries.map((entry) => entry.title);

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const person = (email: string, organisationId: string, roles: ("coordinator" | "organisation-admin")[]) =>
    insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  await person("coord@authority.example", organisations.authority, ["coordinator"]);
  await person("boss@water.example", organisations.other, ["organisation-admin"]);
  const energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  water = await insertCommunity(server.db, { name: "Water", description: "" }, now);
  await setCommunityOrganisations(server.db, water, [organisations.authority, organisations.other]);
  await loadScenarioPack(server.context);
  await loadFrameworks(server.context, readFrameworks());
  [admin, auditor, coordinator, gridAdmin, gridMember, gridAnalyst, waterMember, waterAdmin] =
    await Promise.all([
      server.client("admin@authority.example"),
      server.client("auditor@authority.example"),
      server.client("coord@authority.example"),
      server.client("boss@grid.example"),
      server.client("member@grid.example"),
      server.client("analyst@grid.example"),
      server.client("member@water.example"),
      server.client("boss@water.example"),
    ]);
  await admin.call("importRegistry", {
    body: { assets: ASSETS, dependencies: "dependent_id,supplier_id,service\n" },
  });
  for (const asset of (await admin.call("listAssets", { query: { limit: 10 } })).items)
    ids[asset.ref] = asset.id;

  // Sharing: the grid operator asks for four eyes; its member's AMBER alert waits for approval.
  // The authority's coordinator sends an AMBER alert to the energy community, and one to water.
  await gridAdmin.call("updateSharingSettings", { body: { requiresFourEyes: true } });
  const alert = (title: string, communityIds: string[]) => ({
    type: "alert" as const,
    title,
    body: "Drones were reported over a substation at night.",
    sectors: ["energy-electricity" as const],
    tlp: "amber" as const,
    audience: { communityIds },
  });
  const draft = await gridMember.call("createSharedItem", { body: alert("Grid drone report", [energy]) });
  await gridMember.call("submitSharedItem", { params: { id: draft.id } });
  ids.pending = draft.id;
  for (const [title, community] of [
    ["Energy sector warning", energy],
    ["Water sector warning", water],
  ] as const) {
    const item = await coordinator.call("createSharedItem", { body: alert(title, [community]) });
    await coordinator.call("submitSharedItem", { params: { id: item.id } });
    ids[title] = item.id;
  }

  // Communities: the platform administrator invites the grid operator into the water community.
  await admin.call("inviteToCommunity", {
    params: { id: water },
    body: { organisationId: organisations.operator },
  });

  // Follow-up actions (the test clock reads 2026-11-24): overdue and coming ones of each operator.
  const event = await admin.call("createEvent", {
    body: {
      kind: "workshop",
      title: "Protection workshop",
      region: "global",
      venue: "online",
      startsOn: "2026-11-02",
      endsOn: "2026-11-02",
      marking: "clear",
    },
  });
  ids.event = event.id;
  const action = (title: string, ownerOrganisationId: string, dueOn: string) =>
    admin.call("addEventAction", {
      params: { id: event.id },
      body: { country: "XM", title, ownerOrganisationId, dueOn },
    });
  await action("Grid fence survey", organisations.operator, "2026-11-20");
  await action("Grid drill", organisations.operator, "2026-11-30");
  await action("Grid plan for next year", organisations.operator, "2027-03-01");
  await action("Water intake survey", organisations.other, "2026-11-21");

  // Risk: each operator's analyst-level people assess their own asset, due for review soon.
  const assessment = (client: Client, ref: string, title: string) =>
    client.call("createRiskAssessment", {
      body: {
        title,
        assetIds: [ids[ref] ?? ""],
        scenario: "uas-attack-on-site",
        ratings: { likelihood: 5, vulnerability: 5, consequence: 5 },
        rationale: { likelihood: "Seen.", vulnerability: "Open.", consequence: "Large." },
        overrideReason: "A test rating.",
        reviewDate: "2026-12-10",
        marking: "amber",
        measures: [],
      },
    });
  ids.gridRisk = (await assessment(gridAnalyst, "GEN-1", "Coastal power station against drones")).id;
  await assessment(waterAdmin, "PUMP-1", "Pumping station against drones");

  // Self-assessment: the grid operator has a draft run; the water utility one too.
  ids.gridRun = (
    await gridAdmin.call("createRun", { body: { frameworkId: "unsc-2341", title: "Grid 2026" } })
  ).id;
  await waterAdmin.call("createRun", { body: { frameworkId: "unsc-2341", title: "Water 2026" } });

  // Expert network: the grid member is an electricity expert; the water member asks two questions,
  // one open to the platform, one to their own communities only (the grid operator is in none of them).
  await gridMember.call("createMyExpertProfile", {
    body: {
      headline: "Substation security",
      bio: "",
      expertise: ["substations"],
      sectors: ["energy-electricity"],
      themes: [],
      languages: ["en"],
      region: "europe",
      country: "XM",
      visibility: "platform",
    },
  });
  const ask = (title: string, visibility: "platform" | "communities") =>
    waterMember.call("askQuestion", {
      body: { title, body: "How do you do it?", sectors: ["energy-electricity"], themes: [], visibility },
    });
  ids.question = (await ask("Fences around substations?", "platform")).id;
  await ask("Our own substation question", "communities");
});
afterAll(() => server.close());

describe("the sections a person's roles give them", () => {
  it.each([
    [
      "member",
      () => gridMember,
      [
        "incidents",
        "incident-tasks",
        "acknowledge",
        "actions-overdue",
        "actions-coming",
        "self-assessment-drafts",
        "questions",
      ],
    ],
    [
      "analyst",
      () => gridAnalyst,
      [
        "incidents",
        "incident-tasks",
        "acknowledge",
        "actions-overdue",
        "actions-coming",
        "risk-reviews",
        "self-assessment-drafts",
        "questions",
      ],
    ],
    [
      "organisation admin",
      () => gridAdmin,
      [
        "incidents",
        "incident-tasks",
        "acknowledge",
        "approve-sharing",
        "invitations",
        "actions-overdue",
        "actions-coming",
        "risk-reviews",
        "self-assessment-drafts",
        "questions",
      ],
    ],
    [
      "national coordinator",
      () => coordinator,
      [
        "incidents",
        "incident-tasks",
        "acknowledge",
        "approve-sharing",
        "review-proposals",
        "actions-overdue",
        "actions-coming",
        "risk-reviews",
        "self-assessment-drafts",
        "questions",
      ],
    ],
    [
      "platform admin",
      () => admin,
      [
        "incidents",
        "incident-tasks",
        "acknowledge",
        "review-proposals",
        "actions-overdue",
        "actions-coming",
        "self-assessment-drafts",
        "questions",
        "verify-organisations",
      ],
    ],
    ["auditor", () => auditor, []],
  ])("%s", async (_role, client, expected) => {
    expect((await homeOf(client())).sections.map((item) => item.id)).toEqual(expected);
  });
});

describe("what the home lists is what the person must do", () => {
  it("items to acknowledge: those addressed to me, until I acknowledge them", async () => {
    const before = await homeOf(gridMember);
    expect(titles(before, "acknowledge")).toEqual(["Energy sector warning"]);
    expect(section(before, "acknowledge")?.entries[0]?.link).toBe(`/sharing/${ids["Energy sector warning"]}`);
    expect(titles(await homeOf(waterMember), "acknowledge")).toEqual(["Water sector warning"]);
    // The author is not asked to acknowledge their own item.
    expect(section(await homeOf(coordinator), "acknowledge")?.total).toBe(0);
    await gridMember.call("acknowledgeSharedItem", {
      params: { id: ids["Energy sector warning"] ?? "" },
      body: { state: "received" },
    });
    expect(section(await homeOf(gridMember), "acknowledge")).toMatchObject({ total: 0, entries: [] });
    expect(titles(await homeOf(gridAnalyst), "acknowledge")).toEqual(["Energy sector warning"]);
  });

  it("approvals: a second person of the author's organisation, never another organisation's", async () => {
    const boss = await homeOf(gridAdmin);
    expect(section(boss, "approve-sharing")).toMatchObject({
      total: 1,
      link: "/sharing/approvals",
      entries: [{ title: "Grid drone report", link: `/sharing/${ids.pending}`, tag: "amber" }],
    });
    for (const other of [waterAdmin, coordinator])
      expect(section(await homeOf(other), "approve-sharing")).toMatchObject({ total: 0, entries: [] });
  });

  it("community invitations: the invited organisation's administrators", async () => {
    expect(section(await homeOf(gridAdmin), "invitations")).toMatchObject({
      total: 1,
      entries: [{ title: "Water", link: "/communities" }],
    });
    expect(section(await homeOf(waterAdmin), "invitations")).toMatchObject({ total: 0, entries: [] });
  });

  it("follow-up actions: my organisation's, overdue and coming; the whole country for the authority", async () => {
    const grid = await homeOf(gridMember);
    expect(titles(grid, "actions-overdue")).toEqual(["Grid fence survey"]);
    expect(section(grid, "actions-overdue")?.entries[0]).toMatchObject({
      link: `/events/${ids.event}?tab=actions`,
      dueOn: "2026-11-20",
      overdue: true,
    });
    expect(titles(grid, "actions-coming")).toEqual(["Grid drill"]);
    const waterHome = await homeOf(waterMember);
    expect(titles(waterHome, "actions-overdue")).toEqual(["Water intake survey"]);
    expect(section(waterHome, "actions-coming")?.total).toBe(0);
    expect(titles(await homeOf(coordinator), "actions-overdue")).toEqual([
      "Grid fence survey",
      "Water intake survey",
    ]);
  });

  it("risk reviews due and the figures: my organisation's assessments only", async () => {
    const grid = await homeOf(gridAnalyst);
    expect(section(grid, "risk-reviews")).toMatchObject({
      total: 1,
      entries: [
        { title: "Coastal power station against drones", link: `/risk/${ids.gridRisk}`, dueOn: "2026-12-10" },
      ],
    });
    const register = await gridAnalyst.call("riskRegister", {
      query: { organisationId: server.cast.organisations.operator },
    });
    expect(grid.figures.risksAboveAppetite).toBe(register.aboveAppetite);
    expect(grid.figures.risksAboveAppetite).toBe(1);
    expect(grid.figures.assets).toBe(1);
    expect(titles(await homeOf(waterAdmin), "risk-reviews")).toEqual(["Pumping station against drones"]);
    // The national authority keeps the country's register: both operators' assets are its own.
    expect((await homeOf(coordinator)).figures.assets).toBe(2);
  });

  it("draft self-assessment runs of my organisation", async () => {
    expect(section(await homeOf(gridMember), "self-assessment-drafts")).toMatchObject({
      total: 1,
      entries: [{ title: "Grid 2026", link: `/self-assessment/runs/${ids.gridRun}` }],
    });
    expect(titles(await homeOf(waterMember), "self-assessment-drafts")).toEqual(["Water 2026"]);
    expect((await homeOf(gridMember)).figures.selfAssessment).toBeNull();
  });

  it("open questions in my expertise that I may read, until I answer them", async () => {
    expect(section(await homeOf(gridMember), "questions")).toMatchObject({
      total: 1,
      entries: [{ title: "Fences around substations?", link: `/experts/questions/${ids.question}` }],
    });
    // No expert profile: nothing matches.
    expect(section(await homeOf(gridAnalyst), "questions")?.total).toBe(0);
    await gridMember.call("answerQuestion", {
      params: { id: ids.question ?? "" },
      body: { body: "We walk them every week." },
    });
    expect(section(await homeOf(gridMember), "questions")?.total).toBe(0);
  });

  it("a platform administrator's chores: organisations to verify", async () => {
    const home = await homeOf(admin);
    expect(section(home, "verify-organisations")?.total).toBe(3);
    expect(section(home, "verify-organisations")?.entries.map((entry) => entry.link)).toEqual([
      "/organisations",
      "/organisations",
      "/organisations",
    ]);
  });

  it("getting started ticks itself from the data, for those who take the steps", async () => {
    const boss = await homeOf(gridAdmin);
    expect(boss.gettingStarted).toEqual([
      { id: "assets", done: true, link: "/assets" },
      { id: "colleagues", done: true, link: "/people" },
      { id: "communities", done: true, link: "/communities" },
      { id: "self-assessment", done: false, link: "/self-assessment" },
    ]);
    expect((await homeOf(gridMember)).gettingStarted).toBeNull();
  });
});

describe("incidents and their tasks", () => {
  it("lists the open incidents I see with their next report's deadline, and the tasks given to me or my organisation", async () => {
    const at = server.context.clock().toISOString();
    const { organisations } = server.cast;
    const incident = await gridAdmin.call("createIncident", {
      body: {
        title: "Coastal station fire",
        type: "sabotage",
        startedAt: at,
        awareAt: at,
        regime: "eu-cer-article-15",
        tlp: "amber",
        audience: { organisationIds: [organisations.authority] },
        suspectedCause: "attack",
        threatFamily: "sabotage",
        assets: [{ assetId: ids["GEN-1"] ?? "", status: "down", at }],
      },
    });
    const due = new Date(Date.parse(at) + 86_400_000).toISOString();
    await coordinator.call("createIncidentTask", {
      params: { id: incident.id },
      body: {
        title: "Send the generator inventory",
        assignee: { organisationId: organisations.operator },
        dueAt: due,
      },
    });
    const obligations = await gridAdmin.call("incidentObligations", { params: { id: incident.id } });
    const next = obligations
      .filter((obligation) => obligation.submittedAt === null)
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
    expect(next).toBeDefined();

    for (const client of [gridMember, coordinator]) {
      const home = await homeOf(client);
      expect(section(home, "incidents")).toMatchObject({
        total: 1,
        link: "/incidents",
        entries: [
          {
            id: incident.id,
            title: "Coastal station fire",
            link: `/incidents/${incident.id}`,
            tag: "amber",
            dueAt: next?.dueAt,
            overdue: false,
          },
        ],
      });
    }
    // The task is the grid's: its people see it, the authority that assigned it does not have it to do.
    expect(section(await homeOf(gridMember), "incident-tasks")?.entries).toMatchObject([
      { title: "Send the generator inventory", link: `/incidents/${incident.id}`, dueAt: due },
    ]);
    expect(section(await homeOf(coordinator), "incident-tasks")?.total).toBe(0);
    // The water utility is outside the incident's audience: nothing of it, not even a count.
    const waterHome = await homeOf(waterMember);
    expect(section(waterHome, "incidents")?.total).toBe(0);
    expect(section(waterHome, "incident-tasks")?.total).toBe(0);
    expect(JSON.stringify(waterHome)).not.toContain("Coastal station fire");
    expect(JSON.stringify(waterHome)).not.toContain("generator inventory");

    // Once closed, the incident no longer waits for anyone.
    for (const to of ["acknowledged", "responding", "recovering", "closed"] as const)
      await coordinator.call("changeIncidentState", { params: { id: incident.id }, body: { state: to } });
    expect(section(await homeOf(gridMember), "incidents")?.total).toBe(0);
  });
});

describe("another organisation's things stay out of my home", () => {
  it("no entry, approval or count of another organisation", async () => {
    const [grid, waterHome] = await Promise.all([homeOf(gridAdmin), homeOf(waterAdmin)]);
    const text = (home: Home) => JSON.stringify(home);
    for (const foreign of ["Water sector warning", "Water intake survey", "Pumping station", "Water 2026"])
      expect(text(grid)).not.toContain(foreign);
    for (const foreign of [
      "Grid drone report",
      "Energy sector warning",
      "Grid fence survey",
      "Coastal power",
      "Grid 2026",
    ])
      expect(text(waterHome)).not.toContain(foreign);
    expect(waterHome.figures.assets).toBe(1);
    expect(waterHome.figures.risksAboveAppetite).toBe(1);
    expect(section(waterHome, "approve-sharing")?.total).toBe(0);
    expect(section(waterHome, "invitations")?.total).toBe(0);
    expect(waterHome.organisation.id).toBe(server.cast.organisations.other);
  });

  it("a question kept to the asker's communities is not offered to experts outside them", async () => {
    const home = await homeOf(gridMember);
    expect(JSON.stringify(home)).not.toContain("Our own substation question");
  });
});
