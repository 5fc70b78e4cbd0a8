// Workshops and events through the API: TLP on events and everything in them, compendium entries
// shown in materials and outcomes only to who may see them, participant names only for the host
// and the participants, follow-up actions from open to done (and overdue), and bad input.
import { ApiError, type Client, EntryContent, type EventCreate } from "@bulwark/contracts";
import { rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { loadPack } from "../compendium/pack.service.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let admin: Client;
let hostCoordinator: Client;
let gridBoss: Client;
let gridMember: Client;
let outsider: Client;
let auditor: Client;

const entry = (title: string, marking: "clear" | "amber") =>
  EntryContent.parse({
    title,
    type: "good-practice",
    summary: "A summary long enough to be accepted by the schema.",
    source: { citation: "A test citation, 2024." },
    marking,
  });

const workshop: z.input<typeof EventCreate> = {
  kind: "workshop",
  title: "Regional workshop on protecting soft targets",
  summary: "Two days of **exchange**.",
  region: "africa",
  countries: ["XM", "KE"],
  venue: "Port Aster",
  startsOn: "2026-12-01",
  endsOn: "2026-12-02",
};

async function count(table: string): Promise<number> {
  // Refusals are recorded (access.denied); what must not grow is the record of changes.
  const where = table === "audit_log" ? sql`where action <> 'access.denied'` : sql``;
  const [row] = rowsOf<{ count: string | number }>(
    await server.db.execute(sql`select count(*) as count from ${sql.raw(table)} ${where}`),
  );
  return Number(row?.count ?? 0);
}

const problemOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
  }
  throw new Error("The call should have failed.");
};

beforeAll(async () => {
  server = await startTestServer();
  await loadPack(server.context, null, [
    { slug: "open-practice", content: entry("An open good practice", "clear") },
    { slug: "closed-practice", content: entry("A restricted good practice", "amber") },
  ]);
  admin = await server.client("admin@authority.example");
  await admin.call("createUser", {
    body: {
      email: "coordinator@authority.example",
      name: "Coordinator",
      organisationId: server.cast.organisations.authority,
      roles: ["coordinator"],
      password: PASSWORD,
    },
  });
  hostCoordinator = await server.client("coordinator@authority.example");
  gridBoss = await server.client("boss@grid.example");
  gridMember = await server.client("member@grid.example");
  outsider = await server.client("member@water.example");
  auditor = await server.client("auditor@authority.example");
});
afterAll(() => server.close());

describe("who organises events", () => {
  it("lets the host's administrators organise, and refuses members", async () => {
    const event = await gridBoss.call("createEvent", { body: { ...workshop, marking: "green" } });
    expect(event.host.id).toBe(server.cast.organisations.operator);
    expect(event.abilities.edit).toBe(true);
    expect(await statusOf(gridMember.call("createEvent", { body: workshop }))).toBe(403);
    expect(
      await statusOf(gridMember.call("updateEvent", { params: { id: event.id }, body: { title: "Mine" } })),
    ).toBe(403);
    // An operator's administrator cannot host in another organisation's name.
    expect(
      await statusOf(
        gridBoss.call("createEvent", {
          body: { ...workshop, hostOrganisationId: server.cast.organisations.other },
        }),
      ),
    ).toBe(403);
  });
});

describe("an AMBER event", () => {
  let id: string;
  beforeAll(async () => {
    const event = await gridBoss.call("createEvent", {
      body: { ...workshop, title: "Closed drill", marking: "amber" },
    });
    id = event.id;
    await gridBoss.call("addEventMaterial", {
      params: { id },
      body: { kind: "link", title: "Agenda", url: "https://example.org/agenda" },
    });
    await gridBoss.call("addEventParticipant", {
      params: { id },
      body: { kind: "external", name: "Ada Example", organisationName: "Example Port", country: "KE" },
    });
    await gridBoss.call("addEventAction", {
      params: { id },
      body: {
        country: "XM",
        title: "Secret follow-up",
        ownerOrganisationId: server.cast.organisations.operator,
        dueOn: "2027-01-15",
      },
    });
  });

  it("is invisible to an outsider: list, counts, get, its parts and its actions", async () => {
    const list = await outsider.call("listEvents", {});
    expect(list.items.map((item) => item.id)).not.toContain(id);
    const mine = await gridMember.call("listEvents", {});
    expect(mine.items.map((item) => item.id)).toContain(id);
    expect(list.counts.upcoming).toBe(mine.counts.upcoming - 2); // the GREEN one and this one
    expect(await statusOf(outsider.call("getEvent", { params: { id } }))).toBe(404);
    // Search finds it for the host's people only.
    expect(
      (await gridMember.call("listEvents", { query: { q: "closed DRILL" } })).items.map((item) => item.id),
    ).toEqual([id]);
    expect((await outsider.call("listEvents", { query: { q: "closed drill" } })).total).toBe(0);
    const tracker = await outsider.call("listEventActions", {});
    expect(tracker.items.map((action) => action.title)).not.toContain("Secret follow-up");
    expect(tracker.counts.open).toBe(0);
    expect(tracker.countries).toEqual([]);
    expect(await statusOf(outsider.call("listEventActions", { query: { eventId: id } }))).toBe(200);
    expect((await outsider.call("listEventActions", { query: { eventId: id } })).total).toBe(0);
    // Writes to its parts answer as if it did not exist.
    expect(
      await statusOf(
        outsider.call("addEventSession", {
          params: { id },
          body: { startsAt: "2026-12-01T09:00:00Z", endsAt: "2026-12-01T10:00:00Z", title: "x" },
        }),
      ),
    ).toBe(404);
    const action = (await gridMember.call("listEventActions", { query: { eventId: id } })).items[0];
    expect(action?.title).toBe("Secret follow-up");
    expect(
      await statusOf(
        outsider.call("updateEventAction", { params: { id: action?.id ?? "" }, body: { note: "peek" } }),
      ),
    ).toBe(404);
  });

  it("refuses every write to an outsider as if it did not exist, and to the host's members as not allowed", async () => {
    const detail = await gridBoss.call("getEvent", { params: { id } });
    const itemId = detail.materials[0]?.id ?? "";
    const writes = (client: Client) => [
      () => client.call("updateEvent", { params: { id }, body: { title: "Changed" } }),
      () =>
        client.call("addEventMaterial", {
          params: { id },
          body: { kind: "link", title: "x", url: "https://example.org" },
        }),
      () =>
        client.call("addEventParticipant", {
          params: { id },
          body: { kind: "external", name: "X", organisationName: "Y", country: "XM" },
        }),
      () => client.call("addEventOutcome", { params: { id }, body: { text: "x" } }),
      () =>
        client.call("addEventAction", {
          params: { id },
          body: {
            country: "XM",
            title: "x",
            ownerOrganisationId: server.cast.organisations.other,
            dueOn: "2027-01-01",
          },
        }),
      () => client.call("removeEventMaterial", { params: { id, itemId } }),
    ];
    const before = await count("audit_log");
    for (const call of writes(outsider)) expect(await statusOf(call())).toBe(404);
    for (const call of writes(gridMember)) expect(await statusOf(call())).toBe(403);
    expect(await count("audit_log")).toBe(before);
    expect((await gridBoss.call("getEvent", { params: { id } })).materials).toHaveLength(1);
  });

  it("lets a moderator from another organisation edit it but not manage its participants", async () => {
    const seen = await hostCoordinator.call("getEvent", { params: { id } });
    expect(seen.abilities).toEqual({ edit: true, manageParticipants: false });
    expect(seen.participantList.items).toEqual([]);
    expect(
      await statusOf(
        hostCoordinator.call("addEventParticipant", {
          params: { id },
          body: { kind: "external", name: "X", organisationName: "Y", country: "XM" },
        }),
      ),
    ).toBe(403);
  });

  it("is visible to the host and to oversight", async () => {
    const seen = await auditor.call("getEvent", { params: { id } });
    expect(seen.materials).toHaveLength(1);
    expect(seen.participantList.total).toBe(1);
    expect(seen.abilities.edit).toBe(false);
  });
});

describe("materials and outcomes linking compendium entries", () => {
  let id: string;
  beforeAll(async () => {
    const event = await admin.call("createEvent", {
      body: { ...workshop, title: "Open forum", marking: "clear" },
    });
    id = event.id;
    await admin.call("addEventMaterial", {
      params: { id },
      body: { kind: "entry", entrySlug: "closed-practice" },
    });
    await admin.call("addEventMaterial", {
      params: { id },
      body: { kind: "entry", entrySlug: "open-practice" },
    });
    await admin.call("addEventOutcome", {
      params: { id },
      body: { text: "Adopt both practices.", entrySlugs: ["closed-practice", "open-practice"] },
    });
  });

  it("shows an AMBER entry only to who may see that entry", async () => {
    const forMember = await gridMember.call("getEvent", { params: { id } });
    expect(forMember.materials.map((material) => material.entry?.slug)).toEqual(["open-practice"]);
    expect(forMember.outcomes[0]?.entries.map((item) => item.slug)).toEqual(["open-practice"]);
    const forAdmin = await admin.call("getEvent", { params: { id } });
    expect(forAdmin.materials.map((material) => material.entry?.slug).sort()).toEqual([
      "closed-practice",
      "open-practice",
    ]);
    expect(forAdmin.outcomes[0]?.entries.map((item) => item.slug)).toEqual([
      "closed-practice",
      "open-practice",
    ]);
  });

  it("refuses to link an entry the editor may not see, as if it did not exist", async () => {
    const mine = await gridBoss.call("createEvent", { body: { ...workshop, title: "Grid day" } });
    const hidden = await problemOf(
      gridBoss.call("addEventMaterial", {
        params: { id: mine.id },
        body: { kind: "entry", entrySlug: "closed-practice" },
      }),
    );
    const unknown = await problemOf(
      gridBoss.call("addEventMaterial", {
        params: { id: mine.id },
        body: { kind: "entry", entrySlug: "no-such-entry" },
      }),
    );
    expect(hidden.status).toBe(422);
    expect(unknown.status).toBe(422);
    expect(hidden.problem.title).toBe(unknown.problem.title);
  });
});

describe("participants", () => {
  let id: string;
  beforeAll(async () => {
    const event = await hostCoordinator.call("createEvent", {
      body: { ...workshop, title: "Open seminar", marking: "clear" },
    });
    id = event.id;
    await hostCoordinator.call("addEventParticipant", {
      params: { id },
      body: {
        kind: "external",
        name: "Bea Example",
        organisationName: "Example Ministry",
        country: "KE",
        role: "speaker",
      },
    });
    const me = await gridMember.call("me", {});
    await hostCoordinator.call("addEventParticipant", {
      params: { id },
      body: { kind: "user", userId: me.id },
    });
  });

  it("shows names to the host and to participants with an account", async () => {
    for (const client of [hostCoordinator, auditor, gridMember]) {
      const event = await client.call("getEvent", { params: { id } });
      expect(event.participantList.names).toBe(true);
      expect(event.participantList.items.map((person) => person.name).sort()).toEqual([
        "Bea Example",
        "member",
      ]);
    }
  });

  it("shows everyone else only counts per organisation and per country", async () => {
    for (const client of [outsider, gridBoss]) {
      const event = await client.call("getEvent", { params: { id } });
      expect(event.participantList.names).toBe(false);
      expect(event.participantList.items).toEqual([]);
      expect(event.participantList.total).toBe(2);
      expect(event.participantList.byCountry).toEqual([
        { country: "KE", count: 1 },
        { country: "XM", count: 1 },
      ]);
      expect(event.participantList.byOrganisation.map((row) => row.organisation).sort()).toEqual([
        "Example Ministry",
        "Test Grid Operator",
      ]);
      expect(JSON.stringify(event)).not.toContain("Bea Example");
    }
  });

  it("names speakers only for those who see the list", async () => {
    const full = await hostCoordinator.call("getEvent", { params: { id } });
    const speaker = full.participantList.items.find((person) => person.role === "speaker");
    await hostCoordinator.call("addEventSession", {
      params: { id },
      body: {
        startsAt: "2026-12-01T09:00:00Z",
        endsAt: "2026-12-01T10:30:00Z",
        title: "Opening",
        speakerIds: [speaker?.id ?? ""],
      },
    });
    const forOutsider = await outsider.call("getEvent", { params: { id } });
    expect(forOutsider.sessions[0]?.speakers).toEqual([
      { id: speaker?.id, name: null, organisation: "Example Ministry" },
    ]);
    const forHost = await hostCoordinator.call("getEvent", { params: { id } });
    expect(forHost.sessions[0]?.speakers[0]?.name).toBe("Bea Example");
    const session = forHost.sessions[0];
    const edited = await hostCoordinator.call("updateEventSession", {
      params: { id, itemId: session?.id ?? "" },
      body: { startsAt: "2026-12-01T09:30:00Z", endsAt: "2026-12-01T11:00:00Z", title: "Opening, later" },
    });
    expect(edited.sessions.map((item) => [item.title, item.startsAt, item.speakers.length])).toEqual([
      ["Opening, later", "2026-12-01T09:30:00.000Z", 0],
    ]);
    const stranger = await problemOf(
      hostCoordinator.call("updateEventSession", {
        params: { id, itemId: session?.id ?? "" },
        body: {
          startsAt: "2026-12-01T09:30:00Z",
          endsAt: "2026-12-01T11:00:00Z",
          title: "Opening",
          speakerIds: ["00000000-0000-4000-8000-000000000000"],
        },
      }),
    );
    expect(stranger.status).toBe(422);
  });
});

describe("follow-up actions", () => {
  it("refuses an owner person from another organisation", async () => {
    const event = await hostCoordinator.call("createEvent", { body: { ...workshop, title: "Owner check" } });
    const outsiderMe = await outsider.call("me", {});
    const problem = await problemOf(
      hostCoordinator.call("addEventAction", {
        params: { id: event.id },
        body: {
          country: "XM",
          title: "Wrong owner",
          ownerOrganisationId: server.cast.organisations.operator,
          ownerUserId: outsiderMe.id,
          dueOn: "2027-01-01",
        },
      }),
    );
    expect(problem.status).toBe(422);
    expect(problem.problem.type).toBe("urn:bulwark:problem:invalid");
  });
});

describe("outcomes in order", () => {
  it("move where the editors put them, and only the editors", async () => {
    const event = await hostCoordinator.call("createEvent", { body: { ...workshop, title: "Ordering day" } });
    const id = event.id;
    for (const text of ["First", "Second", "Third"])
      await hostCoordinator.call("addEventOutcome", { params: { id }, body: { text } });
    const third = (await hostCoordinator.call("getEvent", { params: { id } })).outcomes[2]?.id ?? "";
    const moved = await hostCoordinator.call("moveEventOutcome", {
      params: { id, itemId: third },
      body: { position: 1 },
    });
    expect(moved.outcomes.map((outcome) => [outcome.position, outcome.text])).toEqual([
      [1, "Third"],
      [2, "First"],
      [3, "Second"],
    ]);
    const last = await hostCoordinator.call("moveEventOutcome", {
      params: { id, itemId: third },
      body: { position: 9 },
    });
    expect(last.outcomes.map((outcome) => outcome.text)).toEqual(["First", "Second", "Third"]);
    // AMBER, so the operator's member does not see it; the auditor sees it but changes nothing.
    const move = (client: Client) =>
      statusOf(client.call("moveEventOutcome", { params: { id, itemId: third }, body: { position: 1 } }));
    expect(await move(gridMember)).toBe(404);
    expect(await move(auditor)).toBe(403);
  });
});

describe("bad input", () => {
  it("gives problem+json and changes nothing", async () => {
    const event = await hostCoordinator.call("createEvent", { body: { ...workshop, title: "Input checks" } });
    const events = await count("events");
    const materials = await count("event_materials");
    const outcomes = await count("event_outcomes");
    const audit = await count("audit_log");

    const backwards = await problemOf(
      hostCoordinator.call("createEvent", {
        body: { ...workshop, startsOn: "2026-12-05", endsOn: "2026-12-01" },
      }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.problem.errors?.map((error) => error.path)).toContain("body.endsOn");

    const patched = await problemOf(
      hostCoordinator.call("updateEvent", { params: { id: event.id }, body: { endsOn: "2026-11-01" } }),
    );
    expect(patched.status).toBe(422);

    const badUrl = await problemOf(
      hostCoordinator.call("addEventMaterial", {
        params: { id: event.id },
        body: { kind: "link", title: "Script", url: "javascript:alert(1)" },
      }),
    );
    expect(badUrl.status).toBe(400);

    const unknownEntry = await problemOf(
      hostCoordinator.call("addEventOutcome", {
        params: { id: event.id },
        body: { text: "Cite it.", entrySlugs: ["no-such-entry"] },
      }),
    );
    expect(unknownEntry.status).toBe(422);

    const backwardsSession = await problemOf(
      hostCoordinator.call("addEventSession", {
        params: { id: event.id },
        body: { startsAt: "2026-12-01T10:00:00Z", endsAt: "2026-12-01T09:00:00Z", title: "Reversed" },
      }),
    );
    expect(backwardsSession.status).toBe(400);

    const response = await server.inject({ method: "GET", url: "/api/events/not-a-uuid", headers: {} });
    expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);

    expect(await count("events")).toBe(events);
    expect(await count("event_materials")).toBe(materials);
    expect(await count("event_outcomes")).toBe(outcomes);
    expect(await count("audit_log")).toBe(audit);
    const unchanged = await hostCoordinator.call("getEvent", { params: { id: event.id } });
    expect(unchanged.endsOn).toBe(workshop.endsOn);
  });
});

describe("a GREEN event", () => {
  it("reaches organisations that share a community with the host, with its actions", async () => {
    const event = await gridBoss.call("createEvent", {
      body: { ...workshop, title: "Peer exchange", marking: "green" },
    });
    await gridBoss.call("addEventAction", {
      params: { id: event.id },
      body: {
        country: "XM",
        title: "Peer follow-up",
        ownerOrganisationId: server.cast.organisations.operator,
        dueOn: "2027-02-01",
      },
    });
    const sees = async () => ({
      get: await statusOf(outsider.call("getEvent", { params: { id: event.id } })),
      actions: (await outsider.call("listEventActions", { query: { eventId: event.id } })).total,
    });
    expect(await sees()).toEqual({ get: 404, actions: 0 });
    await admin.call("createCommunity", {
      body: {
        name: "Grid and water peers",
        organisationIds: [server.cast.organisations.operator, server.cast.organisations.other],
      },
    });
    expect(await sees()).toEqual({ get: 200, actions: 1 });
  });
});

// Last: it moves the clock on.
describe("the action tracker", () => {
  it("go from open to done, become overdue when late, and are audited", async () => {
    const event = await hostCoordinator.call("createEvent", {
      body: { ...workshop, title: "Tracker day", marking: "clear" },
    });
    const created = await hostCoordinator.call("addEventAction", {
      params: { id: event.id },
      body: {
        country: "XM",
        title: "Map soft targets",
        ownerOrganisationId: server.cast.organisations.operator,
        dueOn: "2026-11-24", // today: due, not yet overdue
      },
    });
    expect(created).toMatchObject({ status: "open", overdue: false, doneOn: null, canUpdate: true });
    const before = await gridMember.call("listEventActions", { query: { eventId: event.id } });
    expect(before.counts).toMatchObject({ open: 1, done: 0, overdue: 0 });

    // The owner organisation's member moves it on; strangers and auditors may not.
    const moving = await gridMember.call("updateEventAction", {
      params: { id: created.id },
      body: { status: "in-progress", note: "Survey started." },
    });
    expect(moving.status).toBe("in-progress");
    expect(moving.notes.map((note) => note.note)).toEqual(["Created.", "Survey started."]);
    expect(
      await statusOf(outsider.call("updateEventAction", { params: { id: created.id }, body: { note: "x" } })),
    ).toBe(403);
    expect(
      await statusOf(auditor.call("updateEventAction", { params: { id: created.id }, body: { note: "x" } })),
    ).toBe(403);

    // Two steps of 8 hours (sessions end after 12 idle hours): 2026-11-25 01:00, past due.
    server.advance(8 * 3600 * 1000);
    expect((await gridMember.call("listEventActions", { query: { eventId: event.id } })).counts.overdue).toBe(
      0,
    );
    server.advance(8 * 3600 * 1000);
    const late = await gridMember.call("listEventActions", { query: { eventId: event.id, overdue: "true" } });
    expect(late.items.map((action) => action.id)).toEqual([created.id]);
    expect(late.counts.overdue).toBe(1);
    expect(late.countries).toEqual([{ country: "XM", total: 1, done: 0, overdue: 1 }]);

    const done = await gridMember.call("updateEventAction", {
      params: { id: created.id },
      body: { status: "done", note: "All sites mapped." },
    });
    expect(done).toMatchObject({ status: "done", doneOn: "2026-11-25", overdue: false });
    const after = await gridMember.call("listEventActions", { query: { eventId: event.id } });
    expect(after.counts).toMatchObject({ open: 0, "in-progress": 0, done: 1, overdue: 0 });
    expect(after.countries).toEqual([{ country: "XM", total: 1, done: 1, overdue: 0 }]);
    expect(
      (await gridMember.call("listEventActions", { query: { eventId: event.id, overdue: "true" } })).total,
    ).toBe(0);

    const audit = rowsOf<{ action: string; details: Record<string, unknown> }>(
      await server.db.execute(
        sql`select action, details from audit_log where target_id = ${created.id} and action <> 'access.denied' order by seq`,
      ),
    );
    expect(audit.map((row) => row.action)).toEqual([
      "event.action.create",
      "event.action.update",
      "event.action.update",
    ]);
    expect(audit[2]?.details).toEqual({ from: "in-progress", to: "done" });
  });
});
