// Sharing under TLP 2.0 through the API: compose, four eyes, role limits, RED to named people,
// confidential audiences, acknowledgements, reshares and the preview; and that people outside an
// audience see nothing of it through any route.
import { ApiError, type Client, type SharedItemComposeInput } from "@bulwark/contracts";
import {
  insertCommunity,
  insertOrganisation,
  insertUser,
  listAudit,
  setCommunityOrganisations,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { refreshPublicTexts } from "./personal-data.service.ts";

let server: TestServer;
let coordinator: Client; // the authority's coordinator: publishes CLEAR, approves
let secondCoordinator: Client;
let gridMember: Client;
let gridAnalyst: Client;
let gridAdmin: Client;
let outsider: Client;
let energy: string; // authority + grid operator
let water: string; // authority + water utility
let coordinatorId: string;

const alert = (over: Partial<SharedItemComposeInput> = {}): SharedItemComposeInput => ({
  type: "alert",
  title: "Drone sightings near substations",
  body: "Unidentified drones were reported over two substations at night.",
  sectors: ["energy-electricity"],
  tlp: "amber",
  audience: { communityIds: [energy] },
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
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
      email: "coord2@authority.example",
      name: "Coordinator Two",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  water = await insertCommunity(server.db, { name: "Water", description: "" }, now);
  await setCommunityOrganisations(server.db, water, [organisations.authority, organisations.other]);
  [coordinator, secondCoordinator, gridMember, gridAnalyst, gridAdmin, outsider] = await Promise.all([
    server.client("coord@authority.example"),
    server.client("coord2@authority.example"),
    server.client("member@grid.example"),
    server.client("analyst@grid.example"),
    server.client("boss@grid.example"),
    server.client("member@water.example"),
  ]);
});
afterAll(() => server.close());

async function publish(client: Client, input: SharedItemComposeInput) {
  const draft = await client.call("createSharedItem", { body: input });
  return client.call("submitSharedItem", { params: { id: draft.id } });
}

/** Everything `client` may learn of an item, through every route that reads items. */
async function traces(client: Client, id: string, title: string) {
  const feed = await client.call("listSharedItems", { query: {} });
  const searched = await client.call("listSharedItems", { query: { q: title } });
  return {
    inFeed: feed.items.some((item) => item.id === id),
    inSearch: searched.items.some((item) => item.id === id),
    searchCount: searched.total,
    get: await statusOf(client.call("getSharedItem", { params: { id } })),
    acknowledgements: await statusOf(client.call("listAcknowledgements", { params: { id } })),
  };
}

describe("composing and publishing", () => {
  it("publishes an AMBER alert to a community: its organisations see it with the banner, others do not", async () => {
    const draft = await coordinator.call("createSharedItem", { body: alert({ title: "Amber drones" }) });
    expect(draft.status).toBe("draft");
    expect(await statusOf(gridMember.call("getSharedItem", { params: { id: draft.id } }))).toBe(404);
    const published = await coordinator.call("submitSharedItem", { params: { id: draft.id } });
    expect(published.status).toBe("published");

    const seen = await gridMember.call("getSharedItem", { params: { id: draft.id } });
    expect(seen.banner.label).toBe("TLP:AMBER");
    expect(seen.banner.text).toMatch(/need-to-know/);
    expect(seen.abilities).toMatchObject({ acknowledge: true, reshare: false, edit: false });
    expect(seen.isNew).toBe(true);
    expect((await gridMember.call("getSharedItem", { params: { id: draft.id } })).isNew).toBe(false);

    expect(await traces(outsider, draft.id, "Amber drones")).toEqual({
      inFeed: false,
      inSearch: false,
      searchCount: 0,
      get: 404,
      acknowledgements: 404,
    });
    expect(
      await statusOf(
        outsider.call("acknowledgeSharedItem", { params: { id: draft.id }, body: { state: "received" } }),
      ),
    ).toBe(404);
    expect(
      await statusOf(
        outsider.call("reshareSharedItem", { params: { id: draft.id }, body: { communityIds: [water] } }),
      ),
    ).toBe(404);
  });

  it("refuses a marking wider than the author's role allows, and changes nothing", async () => {
    // Refusals are recorded (access.denied); what must not grow is the record of changes.
    const changes = async () =>
      (await listAudit(server.db, { kind: "all" }, { limit: 1000 })).items.filter(
        (entry) => entry.action !== "access.denied",
      ).length;
    const before = await changes();
    expect(
      await statusOf(gridAnalyst.call("createSharedItem", { body: alert({ tlp: "clear", audience: {} }) })),
    ).toBe(403);
    expect(await statusOf(gridMember.call("createSharedItem", { body: alert({ tlp: "green" }) }))).toBe(403);
    expect(await changes()).toBe(before);
    const green = await gridAnalyst.call("createSharedItem", { body: alert({ tlp: "green" }) });
    expect(green.tlp).toBe("green");
  });

  it("rejects an audience that does not fit the marking or does not exist", async () => {
    expect(await statusOf(coordinator.call("createSharedItem", { body: alert({ tlp: "red" }) }))).toBe(403);
    expect(
      await statusOf(
        coordinator.call("createSharedItem", {
          body: alert({ audience: { userIds: [server.cast.users.member] } }),
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        coordinator.call("createSharedItem", {
          body: alert({ audience: { organisationIds: ["00000000-0000-4000-8000-000000000001"] } }),
        }),
      ),
    ).toBe(422);
    // A community the author's organisation does not belong to.
    expect(
      await statusOf(
        gridMember.call("createSharedItem", { body: alert({ audience: { communityIds: [water] } }) }),
      ),
    ).toBe(403);
    const empty = await coordinator.call("createSharedItem", { body: alert({ audience: {} }) });
    expect(await statusOf(coordinator.call("submitSharedItem", { params: { id: empty.id } }))).toBe(403);
  });

  it("lets the author revise a draft, and nobody else", async () => {
    const draft = await coordinator.call("createSharedItem", { body: alert({ title: "First wording" }) });
    expect(
      await statusOf(secondCoordinator.call("updateSharedItem", { params: { id: draft.id }, body: alert() })),
    ).toBe(403);
    expect(
      await statusOf(gridMember.call("updateSharedItem", { params: { id: draft.id }, body: alert() })),
    ).toBe(404);
    expect(
      await statusOf(
        coordinator.call("updateSharedItem", {
          params: { id: draft.id },
          body: alert({ assetIds: ["00000000-0000-4000-8000-000000000002"] }),
        }),
      ),
    ).toBe(422);
    const revised = await coordinator.call("updateSharedItem", {
      params: { id: draft.id },
      body: alert({ title: "Second wording", tlp: "green" }),
    });
    expect(revised).toMatchObject({ title: "Second wording", tlp: "green", status: "draft" });
    await coordinator.call("submitSharedItem", { params: { id: draft.id } });
    // The author could change it as a draft: it is no longer one, a conflict naming its state.
    expect(
      await statusOf(coordinator.call("updateSharedItem", { params: { id: draft.id }, body: alert() })),
    ).toBe(409);
  });

  it("keeps audit details free of titles and names", async () => {
    const { items } = await listAudit(server.db, { kind: "all" }, { limit: 1000 });
    const sharing = items.filter((entry) => entry.action.startsWith("sharing."));
    expect(sharing.length).toBeGreaterThan(0);
    const text = JSON.stringify(sharing.map((entry) => entry.details));
    expect(text).not.toMatch(/drones|Coordinator|@/i);
  });
});

describe("RED and confidential audiences", () => {
  it("shows RED to the named people only, and hides them from each other", async () => {
    const { users } = server.cast;
    const red = await publish(
      coordinator,
      alert({ title: "Red insider", tlp: "red", audience: { userIds: [users.member, users.outsider] } }),
    );
    const seen = await gridMember.call("getSharedItem", { params: { id: red.id } });
    expect(seen.audience.members.map((m) => m.id)).toEqual([users.member]);
    expect(seen.audience.hidden).toBe(1);
    expect(await statusOf(outsider.call("getSharedItem", { params: { id: red.id } }))).toBe(200);
    // Colleagues of the named person, and of the author, do not see it.
    expect((await traces(gridAdmin, red.id, "Red insider")).get).toBe(404);
    expect((await traces(secondCoordinator, red.id, "Red insider")).inFeed).toBe(false);
    // The author sees every name.
    const own = await coordinator.call("getSharedItem", { params: { id: red.id } });
    expect(own.audience.hidden).toBe(0);
    expect(own.audience.members).toHaveLength(2);
    // Recipients see only their own acknowledgement row; the sender sees both.
    await gridMember.call("acknowledgeSharedItem", { params: { id: red.id }, body: { state: "acted" } });
    const mine = await outsider.call("listAcknowledgements", { params: { id: red.id } });
    expect(mine.rows.map((row) => row.person.id)).toEqual([users.outsider]);
    expect(mine).toMatchObject({ recipients: 2, acted: 1, pending: 1, hidden: 1 });
    const sender = await coordinator.call("listAcknowledgements", { params: { id: red.id } });
    expect(sender.rows).toHaveLength(2);
    expect(sender.rows.find((row) => row.person.id === users.member)?.state).toBe("acted");
    expect(
      await statusOf(
        gridMember.call("reshareSharedItem", { params: { id: red.id }, body: { communityIds: [energy] } }),
      ),
    ).toBe(403);
  });

  it("names a confidential audience to its members when the author allows it", async () => {
    const { organisations } = server.cast;
    const strict = await publish(
      coordinator,
      alert({
        tlp: "amber+strict",
        audience: { organisationIds: [organisations.operator, organisations.other] },
        revealAudience: true,
      }),
    );
    const seen = await gridMember.call("getSharedItem", { params: { id: strict.id } });
    expect(seen.audience.hidden).toBe(0);
    expect(seen.audience.members).toHaveLength(2);
  });
});

describe("four eyes", () => {
  it("holds an AMBER item until a second approver of the organisation approves it", async () => {
    expect(
      await statusOf(gridMember.call("updateSharingSettings", { body: { requiresFourEyes: true } })),
    ).toBe(403);
    await gridAdmin.call("updateSharingSettings", { body: { requiresFourEyes: true } });
    const pending = await publish(
      gridMember,
      alert({
        title: "Pending breach",
        audience: { organisationIds: [server.cast.organisations.authority] },
      }),
    );
    expect(pending.status).toBe("awaiting-approval");
    expect(pending.needsFourEyes).toBe(true);
    expect(await statusOf(gridMember.call("approveSharedItem", { params: { id: pending.id } }))).toBe(403);
    expect(await statusOf(gridAnalyst.call("getSharedItem", { params: { id: pending.id } }))).toBe(404);
    expect(await statusOf(coordinator.call("getSharedItem", { params: { id: pending.id } }))).toBe(404);
    const queue = await gridAdmin.call("listSharedItems", { query: { status: "awaiting-approval" } });
    expect(queue.items.find((item) => item.id === pending.id)?.mayApprove).toBe(true);
    // The author sees it in the queue too, and is told he may not approve it.
    const authorQueue = await gridMember.call("listSharedItems", { query: { status: "awaiting-approval" } });
    expect(authorQueue.items.find((item) => item.id === pending.id)?.mayApprove).toBe(false);
    const approved = await gridAdmin.call("approveSharedItem", { params: { id: pending.id } });
    expect(approved.status).toBe("published");
    expect(approved.approver?.id).toBe(server.cast.users.orgAdmin);
    expect(await statusOf(coordinator.call("getSharedItem", { params: { id: pending.id } }))).toBe(200);
    // GREEN needs no second person.
    const green = await publish(gridAnalyst, alert({ tlp: "green" }));
    expect(green.status).toBe("published");
    await gridAdmin.call("updateSharingSettings", { body: { requiresFourEyes: false } });
  });

  it("does not let the author approve even as an approver", async () => {
    await gridAdmin.call("updateSharingSettings", { body: { requiresFourEyes: true } });
    const own = await publish(gridAdmin, alert({ audience: { communityIds: [energy] } }));
    expect(own.status).toBe("awaiting-approval");
    const queue = await gridAdmin.call("listSharedItems", { query: { status: "awaiting-approval" } });
    expect(queue.items.find((item) => item.id === own.id)?.mayApprove).toBe(false);
    expect(await statusOf(gridAdmin.call("approveSharedItem", { params: { id: own.id } }))).toBe(403);
    await gridAdmin.call("updateSharingSettings", { body: { requiresFourEyes: false } });
  });
});

describe("acknowledgements, reshares and the preview", () => {
  it("lists the people a RED item may name: the author's communities' organisations", async () => {
    const people = await gridMember.call("listAddressablePeople", {});
    expect(people.some((p) => p.id === coordinatorId)).toBe(true);
    expect(people.some((p) => p.id === server.cast.users.outsider)).toBe(false);
  });

  it("shows the sender who has acknowledged and who has not", async () => {
    const item = await publish(coordinator, alert({ title: "Ack me" }));
    await gridMember.call("acknowledgeSharedItem", { params: { id: item.id }, body: { state: "received" } });
    const view = await coordinator.call("listAcknowledgements", { params: { id: item.id } });
    const state = Object.fromEntries(view.rows.map((row) => [row.person.id, row.state]));
    expect(state[server.cast.users.member]).toBe("received");
    expect(state[server.cast.users.analyst]).toBeNull();
    expect(state[server.cast.users.outsider]).toBeUndefined();
    expect(view.received).toBe(1);
    expect(
      await statusOf(
        coordinator.call("acknowledgeSharedItem", { params: { id: item.id }, body: { state: "received" } }),
      ),
    ).toBe(403);
  });

  it("reshares GREEN into the resharer's own communities only, and never AMBER", async () => {
    const { organisations } = server.cast;
    const green = await publish(coordinator, alert({ title: "Green phishing", tlp: "green" }));
    expect((await traces(outsider, green.id, "Green phishing")).get).toBe(404);
    // The grid operator is not in the water community.
    expect(
      await statusOf(
        gridMember.call("reshareSharedItem", { params: { id: green.id }, body: { communityIds: [water] } }),
      ),
    ).toBe(403);
    const both = await insertCommunity(
      server.db,
      { name: "Grid and water", description: "" },
      server.context.clock(),
    );
    await setCommunityOrganisations(server.db, both, [organisations.operator, organisations.other]);
    const reshared = await gridMember.call("reshareSharedItem", {
      params: { id: green.id },
      body: { communityIds: [both] },
    });
    expect(reshared.tlp).toBe("green");
    expect(reshared.audience.members.some((m) => m.id === both && m.reshared)).toBe(true);
    expect((await traces(outsider, green.id, "Green phishing")).get).toBe(200);

    const amber = await publish(coordinator, alert());
    expect(
      await statusOf(
        gridMember.call("reshareSharedItem", { params: { id: amber.id }, body: { communityIds: [both] } }),
      ),
    ).toBe(403);
  });

  it("previews who will see an item", async () => {
    const amber = await coordinator.call("previewSharingAudience", {
      body: { tlp: "amber", audience: { communityIds: [energy] } },
    });
    expect(amber.organisations.map((o) => o.id).sort()).toEqual(
      [server.cast.organisations.authority, server.cast.organisations.operator].sort(),
    );
    expect(amber.peopleCount).toBeGreaterThanOrEqual(5);
    const red = await coordinator.call("previewSharingAudience", {
      body: { tlp: "red", audience: { userIds: [server.cast.users.member] } },
    });
    expect(red).toMatchObject({
      peopleCount: 1,
      organisationCount: 1,
      people: [{ id: server.cast.users.member }],
    });
    expect(
      await statusOf(gridAnalyst.call("previewSharingAudience", { body: { tlp: "clear", audience: {} } })),
    ).toBe(403);
  });

  it("names in a RED preview only people of the author's directory; others are unknown (issue 12, finding 16)", async () => {
    // An organisation that shares no community with anyone: its people are in no one else's
    // directory (GET /api/sharing/people).
    const now = server.context.clock();
    const lonely = await insertOrganisation(
      server.db,
      { name: "Lonely Operator", kind: "private-operator", country: "XM", sectors: [] },
      now,
    );
    const stranger = await insertUser(
      server.db,
      {
        email: "stranger@lonely.example",
        name: "Stranger Name",
        organisationId: lonely,
        roles: ["member"],
        passwordHash: "-",
      },
      now,
    );
    const directory = await gridMember.call("listAddressablePeople");
    expect(directory.map((person) => person.id)).not.toContain(stranger);
    const unknown = "7d0c6a55-0f3b-4f5e-9d0e-6d1b8c1f2a3b";
    const previewOf = (userIds: string[]) =>
      gridMember.call("previewSharingAudience", { body: { tlp: "red", audience: { userIds } } });
    const hidden = await previewOf([stranger, server.cast.users.analyst]);
    const none = await previewOf([unknown, server.cast.users.analyst]);
    expect(hidden.people.map((person) => person.id)).toEqual([server.cast.users.analyst]);
    expect(hidden).toEqual(none);
    // Composing answers alike too: a person outside the directory is "no such recipient".
    const composeFor = (userId: string) =>
      gridAnalyst
        .call("createSharedItem", {
          body: alert({ tlp: "red", title: "Named", audience: { userIds: [userId] } }),
        })
        .then(
          () => null,
          (error: unknown) => (error instanceof ApiError ? error.problem : error),
        );
    const strangerProblem = JSON.stringify(await composeFor(stranger)).replaceAll(stranger, "<id>");
    const unknownProblem = JSON.stringify(await composeFor(unknown)).replaceAll(unknown, "<id>");
    expect(strangerProblem).toMatch(/No such recipient/);
    expect(strangerProblem).toEqual(unknownProblem);
  });

  it("filters the feed and counts per filter", async () => {
    const feed = await gridMember.call("listSharedItems", { query: { tlp: "green" } });
    expect(feed.items.every((item) => item.tlp === "green")).toBe(true);
    expect(feed.counts.tlp.green).toBe(feed.total);
    expect(feed.counts.tlp.amber ?? 0).toBeGreaterThan(0);
    const unread = await gridMember.call("listSharedItems", { query: { unread: "true" } });
    expect(unread.items.every((item) => item.isNew)).toBe(true);
    expect(unread.total).toBe(unread.counts.unread);
  });

  it("lets the author withdraw an item, which recipients still see marked withdrawn", async () => {
    const item = await publish(coordinator, alert());
    await coordinator.call("withdrawSharedItem", { params: { id: item.id } });
    const seen = await gridMember.call("getSharedItem", { params: { id: item.id } });
    expect(seen.status).toBe("withdrawn");
    expect(seen.abilities.acknowledge).toBe(false);
    expect(await statusOf(gridMember.call("withdrawSharedItem", { params: { id: item.id } }))).toBe(403);
  });
});

describe("personal data", () => {
  const body = "Report sightings to [[pii:Jane Roe]] at jane.roe@authority.example or +999 21 555 0142.";
  const title = "Contact [[pii:Jane Roe]] (jane.roe@authority.example)";

  it("shows pseudonyms outside the author's organisation, the text as written inside it, and audits that", async () => {
    const item = await publish(
      coordinator,
      alert({ title, body, personalDataRoles: ["organisation-admin"] }),
    );
    const outside = await gridMember.call("getSharedItem", { params: { id: item.id } });
    expect(outside.body).not.toMatch(/Jane|jane\.roe|555/);
    expect(outside.body).toMatch(/person-[0-9a-f]{10}/);
    expect(outside.title).not.toMatch(/Jane|jane\.roe/);
    expect(outside.title).toMatch(/^Contact person-[0-9a-f]{10} \(person-[0-9a-f]{10}\)$/);
    // The same person, the same pseudonym, in the title and in the body.
    const [pseudonym] = outside.title.match(/person-[0-9a-f]{10}/) ?? [];
    expect(outside.body).toContain(`to ${pseudonym} at`);
    expect(outside.personalData).toMatchObject({ found: 5, asWritten: false });
    const allowed = await gridAdmin.call("getSharedItem", { params: { id: item.id } });
    expect(allowed.body).toContain("jane.roe@authority.example");
    expect(allowed.title).toBe("Contact Jane Roe (jane.roe@authority.example)");
    const inside = await secondCoordinator.call("getSharedItem", { params: { id: item.id } });
    expect(inside.body).toBe(
      "Report sightings to Jane Roe at jane.roe@authority.example or +999 21 555 0142.",
    );
    expect(inside.title).toBe("Contact Jane Roe (jane.roe@authority.example)");
    // Lists: as written inside the author's organisation, pseudonyms for everyone else (an allowed
    // role reads the title as written on the item page only, where that view is audited).
    const titleIn = async (client: Client) =>
      (await client.call("listSharedItems", { query: {} })).items.find((row) => row.id === item.id)?.title;
    expect(await titleIn(secondCoordinator)).toBe("Contact Jane Roe (jane.roe@authority.example)");
    expect(await titleIn(gridMember)).toBe(outside.title);
    expect(await titleIn(gridAdmin)).toBe(outside.title);
    const reads = await listAudit(
      server.db,
      { kind: "all" },
      { action: "sharing.read-personal-data", limit: 100 },
    );
    expect(reads.items.filter((entry) => entry.targetId === item.id).length).toBeGreaterThanOrEqual(2);
    // Searching for the name or address (in the title or the body) tells an outsider nothing.
    for (const q of ["jane.roe", "Jane Roe", "Contact Jane"]) {
      expect((await gridMember.call("listSharedItems", { query: { q } })).total).toBe(0);
      expect((await secondCoordinator.call("listSharedItems", { query: { q } })).total).toBe(1);
    }
    expect((await gridMember.call("listSharedItems", { query: { q: `Contact ${pseudonym}` } })).total).toBe(
      1,
    );
  });

  it("gives items saved before titles were pseudonymised their public title at start-up", async () => {
    const item = await publish(
      coordinator,
      alert({ title: "Ask [[pii:R. Roe]] at r.roe@authority.example" }),
    );
    await server.db.execute(
      sql`update shared_items set public_title = '', public_texts_version = 1 where id = ${item.id}`,
    );
    expect(await refreshPublicTexts(server.context)).toBe(1);
    const outside = await gridMember.call("getSharedItem", { params: { id: item.id } });
    expect(outside.title).toMatch(/^Ask person-[0-9a-f]{10} at person-[0-9a-f]{10}$/);
    expect(await refreshPublicTexts(server.context)).toBe(0);
  });

  it("purges personal data when the item type's retention runs out, keeping the rest", async () => {
    const item = await publish(coordinator, alert({ title: "Old contact: [[pii:J. Doe]]", body }));
    expect(await statusOf(coordinator.call("purgeSharedPersonalData", {}))).toBe(403);
    const admin = await server.client("admin@authority.example");
    expect((await admin.call("purgeSharedPersonalData", {})).items).toBe(0);
    server.advance(91 * 86_400_000);
    // Sessions do not last 91 days: sign in again.
    const later = await server.client("admin@authority.example");
    expect((await later.call("purgeSharedPersonalData", {})).items).toBeGreaterThan(0);
    const reader = await server.client("coord2@authority.example");
    const purged = await reader.call("getSharedItem", { params: { id: item.id } });
    expect(purged.body).toBe(
      "Report sightings to [personal data removed] at [personal data removed] or [personal data removed].",
    );
    expect(purged.title).toBe("Old contact: [personal data removed]");
    expect(purged.personalData.purgedAt).not.toBeNull();
    const outside = await server.client("member@grid.example");
    const listed = await outside.call("listSharedItems", { query: { q: "Old contact" } });
    expect(listed.items.map((row) => row.title)).toEqual(["Old contact: [personal data removed]"]);
  });
});
