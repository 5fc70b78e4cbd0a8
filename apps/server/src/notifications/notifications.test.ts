// Notifications of everything that asks something of someone: a new item reaches the people it is
// addressed to and nobody else, is hidden again when the audience changes, approval requests reach
// the approvers, reminders are written once a day by whichever process holds the lock, and e-mail
// goes to a local SMTP server (started here) at once or as a daily digest, never naming anything
// above TLP:GREEN; each person's settings are respected.
import type { AddressInfo } from "node:net";
import type { Client, SharedItemComposeInput } from "@bulwark/contracts";
import {
  insertCommunity,
  insertEvent,
  insertEventAction,
  insertUser,
  setCommunityOrganisations,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { loadScenarioPack } from "../risk/content.service.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { runNotificationSweep } from "./sweep.ts";

let server: TestServer;
let smtp: SMTPServer;
let received: { to: string[]; data: string }[] = [];
let coordinator: Client; // the authority's coordinator: publishes up to AMBER
let gridMember: Client;
let gridAnalyst: Client;
let gridAdmin: Client;
let outsider: Client;
let energy: string; // authority + grid operator
let coordinatorId: string;

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

const alert = (over: Partial<SharedItemComposeInput> = {}): SharedItemComposeInput => ({
  type: "alert",
  title: "Drone sightings near substations",
  body: "Unidentified drones were reported over two substations at night.",
  sectors: ["energy-electricity"],
  tlp: "amber",
  audience: { communityIds: [energy] },
  ...over,
});

async function publish(client: Client, input: SharedItemComposeInput) {
  const draft = await client.call("createSharedItem", { body: input });
  return client.call("submitSharedItem", { params: { id: draft.id } });
}

async function bell(client: Client) {
  const [list, unread] = await Promise.all([
    client.call("listNotifications", { query: {} }),
    client.call("unreadNotifications"),
  ]);
  return { ...list, unread: unread.count };
}

const about = (page: { items: { subject: { id: string }; kind: string }[] }, id: string) =>
  page.items.filter((item) => item.subject.id === id).map((item) => item.kind);

const mails = () => received.map((mail) => mail.data);

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  server = await startTestServer({ env: { BULWARK_SMTP_URL: `smtp://127.0.0.1:${port}` } });
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  coordinatorId = await insertUser(
    server.db,
    {
      email: "coord@authority.example",
      name: "Coordinator One",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  await insertUser(
    server.db,
    {
      email: "boss@water.example",
      name: "Water Boss",
      organisationId: organisations.other,
      roles: ["organisation-admin"],
      passwordHash,
    },
    now,
  );
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  await signIn();
});

/** Everyone signs in (again: moving the clock by days ends their sessions). */
async function signIn() {
  [coordinator, gridMember, gridAnalyst, gridAdmin, outsider] = await Promise.all([
    server.client("coord@authority.example"),
    server.client("member@grid.example"),
    server.client("analyst@grid.example"),
    server.client("boss@grid.example"),
    server.client("member@water.example"),
  ]);
}

/** Move the clock by days; everyone signs in again. */
async function later(days: number) {
  server.advance(days * DAY);
  await signIn();
}
afterAll(async () => {
  await server.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

describe("a new item", () => {
  it("addressed to organisation A (an AMBER alert) notifies A's people and nobody in B", async () => {
    const item = await publish(
      coordinator,
      alert({
        title: "Amber drones over A",
        audience: { organisationIds: [server.cast.organisations.operator] },
      }),
    );
    for (const client of [gridMember, gridAnalyst, gridAdmin]) {
      const seen = await bell(client);
      expect(about(seen, item.id)).toEqual(["item-new"]);
      const [notification] = seen.items.filter((entry) => entry.subject.id === item.id);
      expect(notification?.subject).toMatchObject({
        kind: "shared-item",
        title: "Amber drones over A",
        tlp: "amber",
      });
    }
    // The other organisation, and the author, learn nothing of it: not in the list, not in the count.
    const other = await bell(outsider);
    expect(about(other, item.id)).toEqual([]);
    expect(JSON.stringify(other)).not.toContain("Amber drones over A");
    expect(about(await bell(coordinator), item.id)).toEqual([]);
    expect(await statusOf(outsider.call("readNotification", { params: { id: item.id } }))).toBe(404);
  });

  it("is counted unread, marked read one by one and all at once", async () => {
    const before = await bell(gridMember);
    expect(before.unread).toBeGreaterThan(0);
    const first = before.items.find((item) => item.readAt === null);
    if (!first) throw new Error("nothing unread");
    await gridMember.call("readNotification", { params: { id: first.id } });
    expect((await bell(gridMember)).unread).toBe(before.unread - 1);
    // Someone else's notification cannot be marked.
    expect(await statusOf(outsider.call("readNotification", { params: { id: first.id } }))).toBe(404);
    await gridMember.call("readAllNotifications");
    expect((await bell(gridMember)).unread).toBe(0);
  });

  it("is hidden once the reader may no longer see the item (a community's members change)", async () => {
    const item = await publish(coordinator, alert({ title: "Community amber" }));
    expect(about(await bell(gridAnalyst), item.id)).toEqual(["item-new"]);
    const { organisations } = server.cast;
    await setCommunityOrganisations(server.db, energy, [organisations.authority]);
    const after = await bell(gridAnalyst);
    expect(about(after, item.id)).toEqual([]);
    expect(JSON.stringify(after)).not.toContain("Community amber");
    await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
    expect(about(await bell(gridAnalyst), item.id)).toEqual(["item-new"]);
  });

  it("RED: only the named people are told, and the notification goes when the audience changes", async () => {
    const { users } = server.cast;
    const item = await publish(
      coordinator,
      alert({ title: "Red insider name", tlp: "red", audience: { userIds: [users.member] } }),
    );
    expect(about(await bell(gridMember), item.id)).toEqual(["item-new"]);
    expect(about(await bell(gridAnalyst), item.id)).toEqual([]);
    const unread = (await bell(gridMember)).unread;
    await server.db.execute(sql`delete from shared_item_audience where item_id = ${item.id}`);
    const after = await bell(gridMember);
    expect(about(after, item.id)).toEqual([]);
    expect(after.unread).toBe(unread - 1);
    expect(JSON.stringify(after)).not.toContain("Red insider name");
  });

  it("a reshare tells only those it reaches for the first time", async () => {
    const item = await publish(coordinator, alert({ title: "Green reshared", tlp: "green" }));
    await coordinator.call("reshareSharedItem", {
      params: { id: item.id },
      body: { organisationIds: [server.cast.organisations.operator], communityIds: [] },
    });
    expect(about(await bell(gridMember), item.id)).toEqual(["item-new"]);
  });
});

describe("approval requests", () => {
  it("reach the approvers of the author's organisation, not the author nor anyone else", async () => {
    await gridAdmin.call("updateSharingSettings", { body: { requiresFourEyes: true } });
    const pending = await publish(
      gridMember,
      alert({
        title: "Pending breach",
        audience: { organisationIds: [server.cast.organisations.authority] },
      }),
    );
    expect(pending.status).toBe("awaiting-approval");
    expect(about(await bell(gridAdmin), pending.id)).toEqual(["approval-request"]);
    expect(about(await bell(gridMember), pending.id)).toEqual([]);
    expect(about(await bell(gridAnalyst), pending.id)).toEqual([]);
    expect(about(await bell(coordinator), pending.id)).toEqual([]);
    // Approved: now the recipients hear of it.
    await gridAdmin.call("approveSharedItem", { params: { id: pending.id } });
    expect(about(await bell(coordinator), pending.id)).toEqual(["item-new"]);
    await gridAdmin.call("updateSharingSettings", { body: { requiresFourEyes: false } });
  });

  it("are reminded once a day while waiting; a second sweep the same day adds nothing", async () => {
    await gridAdmin.call("updateSharingSettings", { body: { requiresFourEyes: true } });
    const pending = await publish(
      gridMember,
      alert({ title: "Waiting long", audience: { organisationIds: [server.cast.organisations.authority] } }),
    );
    await gridAdmin.call("updateSharingSettings", { body: { requiresFourEyes: false } });
    await runNotificationSweep(server.context, { mailer: null });
    expect(about(await bell(gridAdmin), pending.id)).toEqual(["approval-request"]);
    await later(3);
    const [first, second] = await Promise.all([
      runNotificationSweep(server.context, { mailer: null }),
      runNotificationSweep(server.context, { mailer: null }),
    ]);
    // On PostgreSQL one of two processes finds the lock taken; either way nothing is written twice.
    expect([first, second].some((run) => run !== null)).toBe(true);
    await runNotificationSweep(server.context, { mailer: null });
    expect(about(await bell(gridAdmin), pending.id).sort()).toEqual([
      "approval-reminder",
      "approval-request",
    ]);
    await later(1);
    await runNotificationSweep(server.context, { mailer: null });
    expect(
      about(await bell(gridAdmin), pending.id).filter((kind) => kind === "approval-reminder"),
    ).toHaveLength(2);
  });
});

describe("settings", () => {
  it("are each person's own, validated, and 'off' writes nothing", async () => {
    const initial = await gridAnalyst.call("notificationSettings");
    expect(initial).toMatchObject({ language: "en", emailAvailable: true });
    expect(initial.deliveries["shared-items"]).toBe("app");
    expect(
      await statusOf(
        gridAnalyst.call("updateNotificationSettings", {
          body: { deliveries: { "shared-items": "pigeon" } } as never,
        }),
      ),
    ).toBe(400);
    const changed = await gridAnalyst.call("updateNotificationSettings", {
      body: { deliveries: { "shared-items": "off" }, language: "fr" },
    });
    expect(changed.deliveries).toMatchObject({ "shared-items": "off", approvals: "app" });
    expect(changed.language).toBe("fr");
    expect((await gridMember.call("notificationSettings")).deliveries["shared-items"]).toBe("app");
    const item = await publish(coordinator, alert({ title: "Not for the analyst's bell" }));
    expect(about(await bell(gridAnalyst), item.id)).toEqual([]);
    expect(about(await bell(gridMember), item.id)).toEqual(["item-new"]);
    await gridAnalyst.call("updateNotificationSettings", { body: { deliveries: { "shared-items": "app" } } });
  });
});

describe("e-mail", () => {
  it("goes at once to those who chose it, in their language, naming nothing above GREEN", async () => {
    await runNotificationSweep(server.context);
    received = [];
    await gridMember.call("updateNotificationSettings", {
      body: { deliveries: { "shared-items": "email" }, language: "fr" },
    });
    const amber = await publish(coordinator, alert({ title: "Amber secret substation" }));
    const green = await publish(coordinator, alert({ title: "Green public notice", tlp: "green" }));
    const swept = await runNotificationSweep(server.context);
    expect(swept?.mailed).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(["member@grid.example"]);
    const text = decode(mails()[0] ?? "");
    expect(text).not.toContain("Amber secret substation");
    expect(text).toContain("Green public notice");
    expect(text).toContain("Un élément vous attend dans Bulwark.");
    expect(text).toContain(`/sharing/${amber.id}`);
    expect(text).toContain(`/sharing/${green.id}`);
    // Mailed once: another sweep sends nothing more.
    expect((await runNotificationSweep(server.context))?.mailed).toBe(0);
    expect(received).toHaveLength(1);
    // Those who did not choose e-mail get none.
    expect(received.flatMap((mail) => mail.to)).not.toContain("analyst@grid.example");
  });

  it("never mails what the reader may no longer see", async () => {
    received = [];
    const { users } = server.cast;
    const item = await publish(
      coordinator,
      alert({ title: "Red gone before mail", tlp: "red", audience: { userIds: [users.member] } }),
    );
    await server.db.execute(sql`delete from shared_item_audience where item_id = ${item.id}`);
    await runNotificationSweep(server.context);
    expect(received).toHaveLength(0);
  });

  it("as a daily digest collects a day's notifications in one message, the next day", async () => {
    received = [];
    await gridMember.call("updateNotificationSettings", {
      body: { deliveries: { "shared-items": "digest" }, language: "en" },
    });
    const first = await publish(coordinator, alert({ title: "Digest one", tlp: "green" }));
    const second = await publish(coordinator, alert({ title: "Digest two", tlp: "clear" }));
    await runNotificationSweep(server.context);
    expect(received).toHaveLength(0);
    await later(1);
    const swept = await runNotificationSweep(server.context);
    expect(swept?.mailed).toBe(1);
    expect(received).toHaveLength(1);
    const text = decode(mails()[0] ?? "");
    expect(text).toContain("Bulwark: your daily summary");
    expect(text).toContain("Digest one");
    expect(text).toContain("Digest two");
    expect(text).toContain(`/sharing/${first.id}`);
    expect(text).toContain(`/sharing/${second.id}`);
    await runNotificationSweep(server.context);
    expect(received).toHaveLength(1);
    await gridMember.call("updateNotificationSettings", { body: { deliveries: { "shared-items": "app" } } });
  });
});

describe("reminders of follow-up actions", () => {
  it("tell the owner once when an action is due soon, then once a day when overdue; others nothing", async () => {
    const { organisations, users } = server.cast;
    const now = server.context.clock();
    const day = (days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
    const eventId = await insertEvent(
      server.db,
      {
        kind: "workshop",
        title: "Amber exercise",
        summary: "",
        hostOrganisationId: organisations.operator,
        region: "europe",
        countries: ["XM"],
        venue: "",
        startsOn: day(-10),
        endsOn: day(-9),
        marking: "amber",
      },
      now,
    );
    const own = { country: "XM", description: "", ownerOrganisationId: organisations.operator };
    const actionId = await insertEventAction(
      server.db,
      eventId,
      { ...own, title: "Fence the substation", ownerUserId: users.member, dueOn: day(1) },
      coordinatorId,
      now,
    );
    // No one person owns this one: the owner organisation's administrators and coordinators hear of it.
    const unowned = await insertEventAction(
      server.db,
      eventId,
      { ...own, title: "Review the plan", ownerUserId: null, dueOn: day(-1) },
      coordinatorId,
      now,
    );
    // Reminders are looked for at most once an hour.
    server.advance(HOUR);
    await runNotificationSweep(server.context, { mailer: null });
    expect(about(await bell(gridMember), actionId)).toEqual(["action-due"]);
    await runNotificationSweep(server.context, { mailer: null });
    const member = await bell(gridMember);
    expect(about(member, actionId)).toEqual(["action-due"]);
    expect(member.items.find((item) => item.subject.id === actionId)?.subject).toMatchObject({
      kind: "event-action",
      title: "Fence the substation",
      eventId,
    });
    expect(about(member, unowned)).toEqual([]);
    expect(about(await bell(gridAdmin), unowned)).toEqual(["action-overdue"]);
    // AMBER event of another organisation: nobody outside it hears of it.
    for (const client of [outsider, coordinator]) {
      const seen = await bell(client);
      expect(about(seen, actionId)).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain("Fence the substation");
    }
    await later(3);
    await runNotificationSweep(server.context, { mailer: null });
    server.advance(HOUR);
    await runNotificationSweep(server.context, { mailer: null });
    expect(about(await bell(gridMember), actionId).sort()).toEqual(["action-due", "action-overdue"]);
    await later(1);
    await runNotificationSweep(server.context, { mailer: null });
    expect(about(await bell(gridMember), actionId).sort()).toEqual([
      "action-due",
      "action-overdue",
      "action-overdue",
    ]);
  });
});

describe("reminders of risk reviews", () => {
  it("tell the organisation's editors once per review date, and nobody who may not see it", async () => {
    await loadScenarioPack(server.context);
    const admin = await server.client("admin@authority.example");
    await admin.call("importRegistry", {
      body: {
        assets:
          "id,name,sector,operator,marking,population_served\nSUB-9,Substation nine,energy-electricity,Test Grid Operator,amber,0\n",
      },
    });
    const asset = (await admin.call("listAssets", { query: { limit: 100 } })).items.find(
      (item) => item.ref === "SUB-9",
    );
    const assetIds = [asset?.id ?? ""];
    const proposal = await gridAnalyst.call("proposeRiskConsequence", { body: { assetIds } });
    const reviewDate = new Date(server.context.clock().getTime() + 7 * DAY).toISOString().slice(0, 10);
    const { id } = await gridAnalyst.call("createRiskAssessment", {
      body: {
        title: "Substation nine against drones",
        assetIds,
        scenario: "uas-attack-on-site",
        ratings: { likelihood: 3, vulnerability: 4, consequence: proposal.level },
        rationale: { likelihood: "A test rating.", vulnerability: "A test rating.", consequence: "" },
        reviewDate,
        marking: "amber",
        communityIds: [],
        measures: [],
      },
    });
    await runNotificationSweep(server.context, { mailer: null });
    await later(1);
    await runNotificationSweep(server.context, { mailer: null });
    for (const client of [gridAnalyst, gridAdmin]) {
      const seen = await bell(client);
      expect(about(seen, id)).toEqual(["review-due"]);
      expect(seen.items.find((item) => item.subject.id === id)?.subject).toMatchObject({
        kind: "risk-assessment",
        title: "Substation nine against drones",
      });
    }
    // Members do not edit assessments; other organisations may not see an AMBER one.
    expect(about(await bell(gridMember), id)).toEqual([]);
    for (const client of [outsider, coordinator]) {
      const seen = await bell(client);
      expect(about(seen, id)).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain("Substation nine against drones");
    }
  });
});

describe("proposals and invitations", () => {
  it("a compendium proposal reaches the compendium's moderators, not its author nor other organisations", async () => {
    const proposal = await gridMember.call("createProposal", {
      body: {
        content: {
          title: "Night patrols around substations",
          type: "good-practice",
          summary: "A summary long enough to be accepted by the schema.",
          body: "",
          phases: [],
          themes: [],
          source: { citation: "A test citation, 2024." },
        },
      },
    });
    const admin = await server.client("admin@authority.example");
    for (const moderator of [coordinator, admin]) {
      const seen = await bell(moderator);
      expect(about(seen, proposal.id)).toEqual(["proposal-review"]);
      expect(seen.items.find((item) => item.subject.id === proposal.id)?.subject).toMatchObject({
        kind: "compendium-proposal",
        title: "Night patrols around substations",
      });
    }
    for (const client of [gridMember, gridAdmin, outsider])
      expect(about(await bell(client), proposal.id)).toEqual([]);
  });

  it("an invitation into a community reaches the invited organisation's administrators only", async () => {
    const admin = await server.client("admin@authority.example");
    const invitation = await admin.call("inviteToCommunity", {
      params: { id: energy },
      body: { organisationId: server.cast.organisations.other },
    });
    const waterAdmin = await server.client("boss@water.example");
    const seen = await bell(waterAdmin);
    expect(about(seen, invitation.id)).toEqual(["invitation"]);
    expect(seen.items.find((item) => item.subject.id === invitation.id)?.subject).toMatchObject({
      kind: "community-invitation",
      title: "Energy",
    });
    for (const client of [outsider, gridAdmin, coordinator])
      expect(about(await bell(client), invitation.id)).toEqual([]);
  });
});

/** The message's text, with quoted-printable soft breaks and escapes undone. */
function decode(raw: string): string {
  const body = raw.replace(/=\r?\n/g, "");
  return Buffer.from(
    body.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}
