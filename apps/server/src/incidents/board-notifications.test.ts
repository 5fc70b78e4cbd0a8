// An incident's sitrep schedule and the board's notifications through the API, on both databases
// (issue 18): the incident's coordinators set the schedule, everyone who sees the incident reads the
// next due time with its reports; the responsible organisation's coordinators who see the incident
// (and nobody else) are reminded shortly before a report is due and once it is overdue, once each;
// a task assigned to a person or an organisation tells them, among those who see the incident.
import type { Client, IncidentCreateInput } from "@bulwark/contracts";
import { insertOrganisation, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { runNotificationSweep } from "../notifications/sweep.ts";
import { PASSWORD, problemOf, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { incidentNotice, insertSubstation, SABOTAGE } from "./incident-world.test-support.ts";

let server: TestServer;
let boss: Client; // the grid operator's organisation administrator: files, coordinates
let member: Client; // a grid member (no coordinating role)
let dutyA: Client; // a grid coordinator named on the RED incident
let dutyB: Client; // a grid coordinator not named on it
let watch: Client; // the authority's coordinator
let water: Client; // outside the audience
let substation = "";
let bankId = "";
const people: Record<string, string> = {};
const H = 3_600_000;

const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput =>
  incidentNotice(substation, [server.cast.organisations.authority], {
    title: "Substation attacked",
    ...SABOTAGE,
    ...over,
  });

const inbox = async (client: Client) => (await client.call("listNotifications", { query: {} })).items;
const kindsFor = async (client: Client, subjectId: string) =>
  (await inbox(client))
    .filter((n) => n.subject.id === subjectId || n.subject.incidentId === subjectId)
    .map((n) => n.kind);

async function schedules() {
  const result = await server.db.execute(sql`select
    (select count(*)::int from sitrep_schedules) as schedules,
    (select count(*)::int from audit_log where action = 'incidents.sitrep-schedule') as audit`);
  return (result as unknown as { rows: unknown[] }).rows[0];
}

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  bankId = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  for (const [email, organisationId, roles] of [
    ["duty-a@grid.example", organisations.operator, ["coordinator"]],
    ["duty-b@grid.example", organisations.operator, ["coordinator"]],
    ["watch@authority.example", organisations.authority, ["coordinator"]],
    ["duty@bank.example", bankId, ["coordinator"]],
  ] as const)
    people[email] = await insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles: [...roles], passwordHash },
      now,
    );
  substation = await insertSubstation(server, { name: "Substation S", lat: 10, lon: 20 });
  boss = await server.client("boss@grid.example");
  member = await server.client("member@grid.example");
  dutyA = await server.client("duty-a@grid.example");
  dutyB = await server.client("duty-b@grid.example");
  watch = await server.client("watch@authority.example");
  water = await server.client("member@water.example");
});

afterAll(async () => {
  await server?.close();
});

describe("PUT /api/incidents/{id}/sitrep-schedule", () => {
  it("is set by the incident's coordinators only; bad input changes nothing; others get 404", async () => {
    const incident = await boss.call("createIncident", { body: notice() });
    const params = { id: incident.id };
    const before = await schedules();
    expect(await statusOf(member.call("setSitrepSchedule", { params, body: { everyHours: 6 } }))).toBe(403);
    expect(await statusOf(water.call("setSitrepSchedule", { params, body: { everyHours: 6 } }))).toBe(404);
    expect(
      await statusOf(
        boss.call("setSitrepSchedule", {
          params: { id: "00000000-0000-4000-8000-000000000000" },
          body: { everyHours: 6 },
        }),
      ),
    ).toBe(404);
    for (const body of [
      { everyHours: 0 },
      { everyHours: 169 },
      { everyHours: 2.5 },
      { everyHours: 6, extra: 1 },
    ]) {
      const problem = await problemOf(
        // biome-ignore lint/suspicious/noExplicitAny: bad input on purpose.
        boss.call("setSitrepSchedule", { params, body: body as any }),
      );
      expect(problem.status).toBe(400);
    }
    // An organisation that does not see the incident cannot be made responsible for its reports.
    const stranger = await problemOf(
      boss.call("setSitrepSchedule", { params, body: { everyHours: 6, organisationId: bankId } }),
    );
    expect(stranger.status).toBe(422);
    expect(stranger.errors?.[0]?.path).toBe("body.organisationId");
    expect(await schedules()).toEqual(before);
    // Nobody saw a schedule yet.
    expect((await watch.call("listSitreps", { params })).schedule).toBeNull();

    const now = server.context.clock().getTime();
    const set = await boss.call("setSitrepSchedule", { params, body: { everyHours: 6 } });
    expect(set.schedule).toMatchObject({
      everyHours: 6,
      organisation: { id: server.cast.organisations.operator },
      nextDueAt: new Date(now + 6 * H).toISOString(),
      overdue: false,
      lastSentAt: null,
    });
    // The authority's coordinator sees it (and may change it); a member sees it but may not.
    const seenByWatch = await watch.call("listSitreps", { params });
    expect(seenByWatch.schedule?.nextDueAt).toBe(set.schedule?.nextDueAt);
    expect(seenByWatch.abilities.schedule).toBe(true);
    const seenByMember = await member.call("listSitreps", { params });
    expect(seenByMember.schedule?.everyHours).toBe(6);
    expect(seenByMember.abilities.schedule).toBe(false);
    expect(await statusOf(water.call("listSitreps", { params }))).toBe(404);
    // The authority makes the authority responsible, every 12 hours; then ends it.
    const moved = await watch.call("setSitrepSchedule", {
      params,
      body: { everyHours: 12, organisationId: server.cast.organisations.authority },
    });
    expect(moved.schedule?.organisation.id).toBe(server.cast.organisations.authority);
    expect(
      (await boss.call("setSitrepSchedule", { params, body: { everyHours: null } })).schedule,
    ).toBeNull();
    expect((await member.call("listSitreps", { params })).schedule).toBeNull();
    expect(await schedules()).toMatchObject({ audit: (before as { audit: number }).audit + 3 });
  });
});

describe("sitrep reminders", () => {
  it("reach the responsible organisation's coordinators who see the incident, before due and once overdue", async () => {
    // RED to duty A (and the authority's coordinator): duty B, of the same organisation, does not see it.
    const red = await boss.call("createIncident", {
      body: notice({ tlp: "red", audience: { userIds: [people["duty-a@grid.example"] ?? ""] } }),
    });
    const amber = await boss.call("createIncident", { body: notice({ title: "Line cut" }) });
    await boss.call("setSitrepSchedule", { params: { id: red.id }, body: { everyHours: 6 } });
    await boss.call("setSitrepSchedule", { params: { id: amber.id }, body: { everyHours: 6 } });

    await runNotificationSweep(server.context, { mailer: null });
    expect(await kindsFor(dutyA, red.id)).toEqual([]);
    server.advance(5 * H + 35 * 60_000);
    await runNotificationSweep(server.context, { mailer: null });
    expect(await kindsFor(dutyA, red.id)).toEqual(["sitrep-due"]);
    expect(await kindsFor(dutyA, amber.id)).toEqual(["sitrep-due"]);
    expect(await kindsFor(dutyB, amber.id)).toEqual(["sitrep-due"]);
    // Duty B does not see the RED incident: nothing about it, not even stored for later.
    expect(await kindsFor(dutyB, red.id)).toEqual([]);
    const stored = await server.db.execute(
      sql`select count(*)::int as n from notifications where subject_id = ${red.id} and user_id = ${people["duty-b@grid.example"] ?? ""}`,
    );
    expect((stored as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    // A member (no coordinating role) and other organisations are not reminded.
    expect(await kindsFor(member, amber.id)).toEqual([]);
    expect(await kindsFor(watch, amber.id)).toEqual([]);

    const [reminder] = (await inbox(dutyA)).filter((n) => n.subject.id === red.id);
    expect(reminder?.subject).toMatchObject({
      kind: "incident",
      title: "Substation attacked",
      incidentId: red.id,
    });

    server.advance(30 * 60_000);
    await runNotificationSweep(server.context, { mailer: null });
    await runNotificationSweep(server.context, { mailer: null });
    expect((await kindsFor(dutyA, red.id)).sort()).toEqual(["sitrep-due", "sitrep-overdue"]);
    const listed = await dutyA.call("listSitreps", { params: { id: red.id } });
    expect(listed.schedule?.overdue).toBe(true);
  });
});

describe("task notifications", () => {
  it("tell the person or the organisation's people a task is assigned to, among those who see the incident", async () => {
    const amber = await boss.call("createIncident", { body: notice({ title: "Tower down" }) });
    const toPerson = await watch.call("createIncidentTask", {
      params: { id: amber.id },
      body: { title: "Patrol the line", assignee: { userId: people["duty-b@grid.example"] ?? "" } },
    });
    const [told] = (await inbox(dutyB)).filter((n) => n.subject.id === toPerson.id);
    expect(told).toMatchObject({
      kind: "task-assigned",
      subject: { kind: "incident-task", title: "Patrol the line", incidentId: amber.id },
      actor: { id: people["watch@authority.example"] },
    });
    expect(await kindsFor(dutyA, toPerson.id)).toEqual([]);

    const toGrid = await watch.call("createIncidentTask", {
      params: { id: amber.id },
      body: { title: "Send a crew", assignee: { organisationId: server.cast.organisations.operator } },
    });
    for (const client of [boss, member, dutyA, dutyB])
      expect(await kindsFor(client, toGrid.id)).toEqual(["task-assigned"]);
    expect(await kindsFor(watch, toGrid.id)).toEqual([]);
    expect(await kindsFor(water, toGrid.id)).toEqual([]);

    // On a RED incident, told to the person named on it; once they no longer see the incident, the
    // notification is gone from their list too (read again under their scope of now).
    const red = await boss.call("createIncident", {
      body: notice({ tlp: "red", audience: { userIds: [people["duty-a@grid.example"] ?? ""] } }),
    });
    const secret = await boss.call("createIncidentTask", {
      params: { id: red.id },
      body: { title: "Check the cameras", assignee: { userId: people["duty-a@grid.example"] ?? "" } },
    });
    expect(await kindsFor(dutyA, secret.id)).toEqual(["task-assigned"]);
    expect(await kindsFor(dutyB, secret.id)).toEqual([]);
    expect(await kindsFor(member, secret.id)).toEqual([]);
    await server.db.execute(
      sql`delete from incident_audience where incident_id = ${red.id} and user_id = ${people["duty-a@grid.example"] ?? ""}`,
    );
    expect(await kindsFor(dutyA, secret.id)).toEqual([]);

    // Reassigned to duty A: duty A is told; reassigning is not told twice to the same assignee.
    await watch.call("updateIncidentTask", {
      params: { id: amber.id, taskId: toPerson.id },
      body: { assignee: { userId: people["duty-a@grid.example"] ?? "" } },
    });
    expect(await kindsFor(dutyA, toPerson.id)).toEqual(["task-assigned"]);
    await watch.call("updateIncidentTask", {
      params: { id: amber.id, taskId: toPerson.id },
      body: { title: "Patrol" },
    });
    expect(await kindsFor(dutyA, toPerson.id)).toEqual(["task-assigned"]);
  });
});
