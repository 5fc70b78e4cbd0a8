// The incident board on both databases: the activity log (AMBER+STRICT entries of the police stay
// with the police: not listed, not counted, not found for an operator; RED with the people named),
// tasks (assigned by the owner's and the authority's coordinators, moved on by their assignee,
// overdue by the server's clock) and points of contact (for organisations involved together in an
// open incident; written by the organisation's administrators; never in the audit trail). Someone
// who may not see the incident gets 404 on every route; bad input changes nothing.
import type { Client, IncidentCreateInput } from "@bulwark/contracts";
import { insertAsset, insertOrganisation, insertUser, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, problemOf, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
const T0 = "2026-11-24T08:00:00.000Z";
let substation = "";
const org = { police: "", bank: "" };
const person = { officer: "", detective: "", watch: "" };
let filer: Client; // the grid operator's duty officer (member)
let gridBoss: Client; // the grid operator's administrator
let officer: Client; // police analyst
let detective: Client; // police member
let watch: Client; // the authority's watch desk (coordinator)
let water: Client; // a water utility in the audience
let bank: Client; // a bank outside the audience
let auditor: Client; // the authority's auditor
let incidentId = "";

async function counts() {
  const [row] = rowsOf<Record<string, number | string>>(
    await server.db.execute(sql`select
      (select count(*)::int from incident_log_entries) as entries,
      (select count(*)::int from incident_log_recipients) as recipients,
      (select count(*)::int from incident_tasks) as tasks,
      (select coalesce(max(updated_at)::text, '') from incident_tasks) as tasks_changed,
      (select count(*)::int from organisation_contacts) as contacts,
      (select count(*)::int from audit_log where action <> 'access.denied') as audit`),
  );
  return row;
}

const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput => ({
  title: "Substation attacked",
  type: "sabotage",
  startedAt: T0,
  awareAt: T0,
  regime: "eu-cer-article-15",
  tlp: "amber",
  audience: {
    organisationIds: [server.cast.organisations.authority, org.police, server.cast.organisations.other],
  },
  suspectedCause: "attack",
  threatFamily: "sabotage",
  assets: [{ assetId: substation, status: "down", at: T0 }],
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  org.police = await insertOrganisation(
    server.db,
    { name: "Test Police", kind: "law-enforcement", country: "XM", sectors: [] },
    now,
  );
  org.bank = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  const user = (email: string, organisationId: string, roles: ("coordinator" | "analyst" | "member")[]) =>
    insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  person.officer = await user("officer@police.example", org.police, ["analyst"]);
  person.detective = await user("detective@police.example", org.police, ["member"]);
  person.watch = await user("watch@authority.example", organisations.authority, ["coordinator"]);
  await user("teller@bank.example", org.bank, ["member"]);
  substation = await insertAsset(
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
  filer = await server.client("member@grid.example");
  gridBoss = await server.client("boss@grid.example");
  officer = await server.client("officer@police.example");
  detective = await server.client("detective@police.example");
  watch = await server.client("watch@authority.example");
  water = await server.client("member@water.example");
  bank = await server.client("teller@bank.example");
  auditor = await server.client("auditor@authority.example");
  incidentId = (await filer.call("createIncident", { body: notice() })).id;
});

afterAll(() => server?.close());

describe("the activity log", () => {
  let strictId = "";

  it("keeps an AMBER+STRICT entry of the police to the police: not listed, counted or found for others", async () => {
    const entry = await officer.call("addIncidentLogEntry", {
      params: { id: incidentId },
      body: { text: "Suspect vehicle seen near the substation", significant: true, tlp: "amber+strict" },
    });
    strictId = entry.id;
    expect(entry).toMatchObject({
      incidentId,
      author: { id: person.officer },
      organisation: { id: org.police, name: "Test Police" },
      significant: true,
      tlp: "amber+strict",
      at: server.context.clock().toISOString(),
    });
    const police = await detective.call("listIncidentLog", { params: { id: incidentId }, query: {} });
    expect(police.items.map((item) => item.id)).toEqual([strictId]);
    expect(police.total).toBe(1);
    for (const other of [water, watch, filer, auditor]) {
      const page = await other.call("listIncidentLog", { params: { id: incidentId }, query: {} });
      expect(page).toEqual({ items: [], total: 0 });
      const significant = await other.call("listIncidentLog", {
        params: { id: incidentId },
        query: { significant: "true" },
      });
      expect(significant.total).toBe(0);
    }
    // Nor does anything about the incident itself move for them.
    const seen = await water.call("getIncident", { params: { id: incidentId } });
    expect(JSON.stringify(seen)).not.toContain("Suspect");
  });

  it("shows an AMBER entry to everyone who sees the incident, newest first", async () => {
    const entry = await water.call("addIncidentLogEntry", {
      params: { id: incidentId },
      body: { text: "Pumping station on generators", tlp: "amber" },
    });
    expect(entry.significant).toBe(false);
    const police = await officer.call("listIncidentLog", { params: { id: incidentId }, query: {} });
    // The test clock stands still: both were written at the same instant.
    expect(police.items.map((item) => item.id).sort()).toEqual([entry.id, strictId].sort());
    expect(police.total).toBe(2);
    const operator = await filer.call("listIncidentLog", { params: { id: incidentId }, query: {} });
    expect(operator.items.map((item) => item.id)).toEqual([entry.id]);
    const significant = await officer.call("listIncidentLog", {
      params: { id: incidentId },
      query: { significant: "true" },
    });
    expect(significant.items.map((item) => item.id)).toEqual([strictId]);
  });

  it("shows a RED entry to the people named and its author only, names shown to the author", async () => {
    const entry = await watch.call("addIncidentLogEntry", {
      params: { id: incidentId },
      body: { text: "Minister briefed", tlp: "red", recipientIds: [person.officer] },
    });
    expect(entry.recipients).toEqual([{ id: person.officer, name: "officer" }]);
    const named = await officer.call("listIncidentLog", { params: { id: incidentId }, query: {} });
    const seenByOfficer = named.items.find((item) => item.id === entry.id);
    expect(seenByOfficer?.recipients).toEqual([]);
    for (const other of [detective, water, filer]) {
      const page = await other.call("listIncidentLog", { params: { id: incidentId }, query: {} });
      expect(page.items.map((item) => item.id)).not.toContain(entry.id);
    }
  });

  it("answers 404 to someone who may not see the incident, reading or writing, and records nothing", async () => {
    const before = await counts();
    expect(
      (await problemOf(bank.call("listIncidentLog", { params: { id: incidentId }, query: {} }))).status,
    ).toBe(404);
    expect(
      (
        await problemOf(
          bank.call("addIncidentLogEntry", {
            params: { id: incidentId },
            body: { text: "Hello", tlp: "amber" },
          }),
        )
      ).status,
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("refuses bad input and markings beyond the writer's roles, changing nothing", async () => {
    const before = await counts();
    const bad = [
      { text: "   ", tlp: "amber" },
      { text: "x", tlp: "purple" },
      { text: "x", tlp: "red" },
      { text: "x", tlp: "amber", recipientIds: [person.officer] },
      { text: "x".repeat(20_001), tlp: "amber" },
    ];
    for (const body of bad) {
      const problem = await problemOf(
        officer.call("addIncidentLogEntry", { params: { id: incidentId }, body: body as never }),
      );
      expect(problem.status).toBe(400);
    }
    // A RED recipient who does not see the incident is as unknown as a made-up id.
    const teller = rowsOf<{ id: string }>(
      await server.db.execute(sql`select id from users where email = 'teller@bank.example'`),
    )[0]?.id;
    const stranger = await problemOf(
      watch.call("addIncidentLogEntry", {
        params: { id: incidentId },
        body: { text: "x", tlp: "red", recipientIds: [teller ?? ""] },
      }),
    );
    expect(stranger.status).toBe(422);
    expect(stranger.errors?.[0]?.path).toBe("body.recipientIds.0");
    // A member may mark up to AMBER (as for sharing); an auditor writes nothing.
    expect(
      (
        await problemOf(
          detective.call("addIncidentLogEntry", {
            params: { id: incidentId },
            body: { text: "x", tlp: "clear" },
          }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await problemOf(
          auditor.call("addIncidentLogEntry", {
            params: { id: incidentId },
            body: { text: "x", tlp: "amber" },
          }),
        )
      ).status,
    ).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("is append-only: the database refuses to change or remove an entry, and every entry is audited", async () => {
    await expect(server.db.execute(sql`update incident_log_entries set text = 'changed'`)).rejects.toThrow();
    await expect(server.db.execute(sql`delete from incident_log_entries`)).rejects.toThrow();
    const audit = rowsOf<{ details: unknown }>(
      await server.db.execute(sql`select details from audit_log where action = 'incidents.log' order by seq`),
    );
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain("Suspect");
  });
});

describe("tasks", () => {
  let taskId = "";

  it("are assigned by the owner's coordinators to an organisation that sees the incident", async () => {
    const task = await gridBoss.call("createIncidentTask", {
      params: { id: incidentId },
      body: {
        title: "Confirm reservoir levels",
        assignee: { organisationId: server.cast.organisations.other },
        dueAt: "2026-11-24T11:00:00.000Z",
      },
    });
    taskId = task.id;
    expect(task).toMatchObject({
      status: "open",
      overdue: false,
      assignee: { kind: "organisation", id: server.cast.organisations.other, name: "Test Water Utility" },
      createdBy: { name: "boss" },
      abilities: { edit: true },
    });
    const seenByWater = await water.call("listIncidentTasks", { params: { id: incidentId }, query: {} });
    expect(seenByWater.items[0]?.abilities).toEqual({
      statuses: ["acknowledged", "in_progress", "done"],
      edit: false,
    });
    const seenByPolice = await detective.call("listIncidentTasks", { params: { id: incidentId }, query: {} });
    expect(seenByPolice.items[0]?.abilities).toEqual({ statuses: [], edit: false });
  });

  it("are not assigned by others, nor to someone who does not see the incident", async () => {
    const before = await counts();
    const body = { title: "Patrol", assignee: { organisationId: org.police } };
    for (const caller of [filer, officer, water])
      expect(
        (await problemOf(caller.call("createIncidentTask", { params: { id: incidentId }, body }))).status,
      ).toBe(403);
    const outside = await problemOf(
      watch.call("createIncidentTask", {
        params: { id: incidentId },
        body: { title: "Check branches", assignee: { organisationId: org.bank } },
      }),
    );
    expect(outside.status).toBe(422);
    for (const bad of [
      { title: "x", assignee: {} },
      { title: "x", assignee: { organisationId: org.police, userId: person.officer } },
      { title: "", assignee: { organisationId: org.police } },
      { title: "x", assignee: { organisationId: org.police }, dueAt: "tomorrow" },
    ])
      expect(
        (
          await problemOf(
            watch.call("createIncidentTask", { params: { id: incidentId }, body: bad as never }),
          )
        ).status,
      ).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("are acknowledged by their assignee, who may not cancel or edit them", async () => {
    const acknowledged = await water.call("updateIncidentTask", {
      params: { id: incidentId, taskId },
      body: { status: "acknowledged" },
    });
    expect(acknowledged.status).toBe("acknowledged");
    expect(acknowledged.acknowledgedAt).toBe(server.context.clock().toISOString());
    const before = await counts();
    const params = { id: incidentId, taskId };
    expect(
      (await problemOf(water.call("updateIncidentTask", { params, body: { status: "cancelled" } }))).status,
    ).toBe(403);
    expect(
      (await problemOf(water.call("updateIncidentTask", { params, body: { title: "Mine now" } }))).status,
    ).toBe(403);
    expect(
      (await problemOf(detective.call("updateIncidentTask", { params, body: { status: "done" } }))).status,
    ).toBe(403);
    expect(
      (await problemOf(water.call("updateIncidentTask", { params, body: { status: "open" } }))).status,
    ).toBe(403);
    expect((await problemOf(water.call("updateIncidentTask", { params, body: {} }))).status).toBe(400);
    expect(
      (await problemOf(water.call("updateIncidentTask", { params, body: { status: "paused" } as never })))
        .status,
    ).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("are overdue by the server's clock until done", async () => {
    server.advance(4 * 3_600_000);
    const list = await watch.call("listIncidentTasks", { params: { id: incidentId }, query: {} });
    expect(list.overdue).toBe(1);
    expect(list.items[0]?.overdue).toBe(true);
    const late = await watch.call("listIncidentTasks", {
      params: { id: incidentId },
      query: { overdue: "true" },
    });
    expect(late.items.map((task) => task.id)).toEqual([taskId]);
    const done = await water.call("updateIncidentTask", {
      params: { id: incidentId, taskId },
      body: { status: "done" },
    });
    expect(done.overdue).toBe(false);
    expect((await watch.call("listIncidentTasks", { params: { id: incidentId }, query: {} })).overdue).toBe(
      0,
    );
  });

  it("go to a person too, who moves them on; the authority's coordinators may cancel", async () => {
    const task = await watch.call("createIncidentTask", {
      params: { id: incidentId },
      body: { title: "Secure the perimeter", assignee: { userId: person.officer } },
    });
    expect(task.assignee).toEqual({ kind: "user", id: person.officer, name: "officer" });
    const params = { id: incidentId, taskId: task.id };
    const moving = await officer.call("updateIncidentTask", { params, body: { status: "in_progress" } });
    expect(moving.acknowledgedAt).not.toBeNull();
    // A colleague of the person named is not the assignee.
    expect(
      (await problemOf(detective.call("updateIncidentTask", { params, body: { status: "done" } }))).status,
    ).toBe(403);
    const cancelled = await watch.call("updateIncidentTask", { params, body: { status: "cancelled" } });
    expect(cancelled.status).toBe("cancelled");
  });

  it("answer 404 to someone who may not see the incident, and change nothing", async () => {
    const before = await counts();
    expect(
      (await problemOf(bank.call("listIncidentTasks", { params: { id: incidentId }, query: {} }))).status,
    ).toBe(404);
    expect(
      (
        await problemOf(
          bank.call("updateIncidentTask", { params: { id: incidentId, taskId }, body: { status: "done" } }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await problemOf(
          bank.call("createIncidentTask", {
            params: { id: incidentId },
            body: { title: "x", assignee: { organisationId: org.bank } },
          }),
        )
      ).status,
    ).toBe(404);
    // A task of another incident is not found under this one.
    const other = await filer.call("createIncident", { body: notice({ title: "Second" }) });
    expect(
      (
        await problemOf(
          watch.call("updateIncidentTask", { params: { id: other.id, taskId }, body: { status: "done" } }),
        )
      ).status,
    ).toBe(404);
    const after = await counts();
    expect({ ...after, audit: before?.audit }).toEqual(before);
  });
});

describe("points of contact", () => {
  const duty = {
    name: "Grid duty officer",
    role: "Duty officer",
    phone: "+99 555 0100",
    email: "duty@grid.example",
    hours: "24/7",
  };

  it("are written by the organisation's administrators only, and audited as counts", async () => {
    const saved = await gridBoss.call("replaceOrganisationContacts", {
      params: { id: server.cast.organisations.operator },
      body: { contacts: [duty] },
    });
    expect(saved.contacts).toEqual([duty]);
    const before = await counts();
    for (const [caller, id] of [
      [filer, server.cast.organisations.operator],
      [gridBoss, server.cast.organisations.other],
    ] as const)
      expect(
        (
          await problemOf(
            caller.call("replaceOrganisationContacts", { params: { id }, body: { contacts: [] } }),
          )
        ).status,
      ).toBe(403);
    expect(
      (
        await problemOf(
          gridBoss.call("replaceOrganisationContacts", {
            params: { id: server.cast.organisations.operator },
            body: { contacts: [{ ...duty, phone: "call me" }] },
          }),
        )
      ).status,
    ).toBe(400);
    expect(await counts()).toEqual(before);
    const audit = rowsOf(
      await server.db.execute(sql`select details from audit_log where action = 'organisations.contacts'`),
    );
    expect(audit).toEqual([{ details: { before: 0, after: 1 } }]);
    expect(JSON.stringify(rowsOf(await server.db.execute(sql`select details from audit_log`)))).not.toContain(
      "0100",
    );
  });

  it("are read by organisations involved in an open incident with it, and by nobody else", async () => {
    const id = server.cast.organisations.operator;
    for (const caller of [water, detective, watch, filer])
      expect((await caller.call("organisationContacts", { params: { id } })).contacts).toEqual([duty]);
    expect((await problemOf(bank.call("organisationContacts", { params: { id } }))).status).toBe(404);
    const listed = await water.call("incidentContacts", { params: { id: incidentId } });
    expect(listed.organisations.find((o) => o.organisation.id === id)?.contacts).toEqual([duty]);
    expect(listed.organisations.map((o) => o.organisation.name)).toContain("Test Police");
    expect((await problemOf(bank.call("incidentContacts", { params: { id: incidentId } }))).status).toBe(404);
  });

  it("leave a confidential audience's organisations out until they are tasked", async () => {
    // An AMBER+STRICT incident of the grid to the police alone: the police's own list is the grid.
    const strict = await gridBoss.call("createIncident", {
      body: notice({ title: "Strict", tlp: "amber+strict", audience: { organisationIds: [org.police] } }),
    });
    const listed = await detective.call("incidentContacts", { params: { id: strict.id } });
    expect(listed.organisations.map((o) => o.organisation.id)).toEqual([server.cast.organisations.operator]);
    await gridBoss.call("createIncidentTask", {
      params: { id: strict.id },
      body: { title: "Review the footage", assignee: { organisationId: org.police } },
    });
    const tasked = await detective.call("incidentContacts", { params: { id: strict.id } });
    expect(tasked.organisations.map((o) => o.organisation.id).sort()).toEqual(
      [server.cast.organisations.operator, org.police].sort(),
    );
  });

  it("are out of reach once the incidents they shared are closed", async () => {
    const id = server.cast.organisations.operator;
    for (const incident of (await watch.call("listIncidents", { query: {} })).items) {
      if (incident.organisation.id !== id) continue;
      for (const state of ["acknowledged", "responding", "recovering", "closed"] as const)
        await watch.call("changeIncidentState", { params: { id: incident.id }, body: { state } });
    }
    expect((await problemOf(water.call("organisationContacts", { params: { id } }))).status).toBe(404);
    expect((await filer.call("organisationContacts", { params: { id } })).contacts).toEqual([duty]);
    // And the closed incident's log takes no more entries.
    expect(
      (
        await problemOf(
          officer.call("addIncidentLogEntry", {
            params: { id: incidentId },
            body: { text: "x", tlp: "amber" },
          }),
        )
      ).status,
    ).toBe(403);
  });
});
