// Events and compendium entries linked to an engagement (issue 20, item 4): a party links only
// what it may see itself; each party is shown only the links it may see (an event under its own
// marking, an entry under its marking), filtered in SQL; outsiders see no engagement at all; bad
// input changes nothing.
import type { Client } from "@bulwark/contracts";
import { insertEvent, insertOrganisation, insertUser, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let state: Client; // an analyst of the national authority (no compendium moderator: reads under TLP)
let regional: Client; // an analyst of a university, the provider
let operator: Client; // a private operator's administrator: no party
let engagement = "";
const events = { open: "", statesOwn: "", providersOwn: "" };

async function entry(slug: string, marking: string, organisationId: string | null) {
  const now = server.context.clock().toISOString();
  await server.db.execute(sql`insert into compendium_entries
    (slug, organisation_id, version, title, type, summary, body, marking, source, created_at, updated_at)
    values (${slug}, ${organisationId}, 1, ${`Entry ${slug}`}, 'good-practice', 'Summary.', 'Body.', ${marking},
      '{}'::jsonb, ${now}::timestamptz, ${now}::timestamptz)`);
}

const stored = async () =>
  rowsOf<{ events: number; entries: number }>(
    await server.db.execute(sql`select cardinality(linked_event_ids)::int as events,
      cardinality(linked_entry_slugs)::int as entries from assistance_engagements where id = ${engagement}`),
  )[0];

beforeAll(async () => {
  server = await startTestServer();
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const provider = await insertOrganisation(
    server.db,
    { name: "University of Meridia", kind: "academia", country: "XM", sectors: [] },
    now,
  );
  const authority = server.cast.organisations.authority;
  for (const [email, organisationId] of [
    ["watch@authority.example", authority],
    ["desk@regional.example", provider],
  ] as const)
    await insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles: ["analyst"], passwordHash },
      now,
    );
  [state, regional, operator] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("desk@regional.example"),
    server.client("boss@grid.example"),
  ]);
  const event = (title: string, host: string, marking: string) =>
    insertEvent(
      server.db,
      {
        kind: "workshop",
        title,
        summary: "",
        hostOrganisationId: host,
        region: "europe",
        countries: ["XM"],
        venue: "Meridia City",
        startsOn: "2027-03-01",
        endsOn: "2027-03-02",
        marking,
      },
      now,
    );
  events.open = await event("Open workshop on ICS security", provider, "clear");
  events.statesOwn = await event("The authority's internal drill", authority, "amber");
  events.providersOwn = await event("The office's closed training", provider, "amber");
  await entry("open-practice", "clear", null);
  await entry("authority-notes", "amber", authority);
  const need = await state.call("createAssistanceNeed", {
    body: {
      title: "Train operators' staff on ICS security",
      theme: "cyber",
      modality: "training",
      tlp: "amber",
      audience: { organisationIds: [provider] },
    },
  });
  engagement = (await regional.call("createAssistanceEngagement", { body: { needId: need.id } })).id;
}, 60_000);
afterAll(() => server.close());

describe("links of an engagement", () => {
  it("are added by a party from what it may see, and shown to each party only where it may see them", async () => {
    const params = { id: engagement };
    const byState = await state.call("updateAssistanceEngagement", {
      params,
      body: {
        linkedEvents: { add: [events.open, events.statesOwn] },
        linkedEntries: { add: ["open-practice", "authority-notes"] },
      },
    });
    expect(byState.linkedEvents.map((event) => event.id).sort()).toEqual(
      [events.open, events.statesOwn].sort(),
    );
    expect(byState.linkedEntries.map((entry) => entry.slug)).toEqual(["authority-notes", "open-practice"]);
    expect(byState.linkedEvents.find((event) => event.id === events.open)).toMatchObject({
      title: "Open workshop on ICS security",
      kind: "workshop",
      startsOn: "2027-03-01",
      endsOn: "2027-03-02",
      marking: "clear",
    });

    // The provider may not see the authority's AMBER event or entry: they are left out for it,
    // on the engagement and in the list alike, and their titles never reach it.
    const byProvider = await regional.call("getAssistanceEngagement", { params });
    expect(byProvider.linkedEvents.map((event) => event.id)).toEqual([events.open]);
    expect(byProvider.linkedEntries.map((entry) => entry.slug)).toEqual(["open-practice"]);
    const listed = await regional.call("listAssistanceEngagements", { query: {} });
    expect(JSON.stringify(listed)).not.toContain("internal drill");
    expect(JSON.stringify(listed)).not.toContain("authority-notes");

    // The provider links its own AMBER training: the state may not see it, the provider may.
    const withTraining = await regional.call("updateAssistanceEngagement", {
      params,
      body: { linkedEvents: { add: [events.providersOwn] } },
    });
    expect(withTraining.linkedEvents.map((event) => event.id).sort()).toEqual(
      [events.open, events.providersOwn].sort(),
    );
    const stateView = await state.call("getAssistanceEngagement", { params });
    expect(stateView.linkedEvents.map((event) => event.id).sort()).toEqual(
      [events.open, events.statesOwn].sort(),
    );
    expect(await stored()).toEqual({ events: 3, entries: 2 });

    // Removing: what the party unlinks goes; what the other linked stays.
    const removed = await regional.call("updateAssistanceEngagement", {
      params,
      body: { linkedEvents: { remove: [events.open] }, linkedEntries: { remove: ["open-practice"] } },
    });
    expect(removed.linkedEvents.map((event) => event.id)).toEqual([events.providersOwn]);
    expect(removed.linkedEntries).toEqual([]);
    expect(await stored()).toEqual({ events: 2, entries: 1 });
  });

  it("refuses to link what the party may not see (as if it did not exist), and outsiders entirely", async () => {
    const params = { id: engagement };
    const before = await stored();
    for (const body of [
      { linkedEvents: { add: [events.statesOwn] } }, // the state's AMBER event: the provider may not see it
      { linkedEvents: { add: ["00000000-0000-4000-8000-000000000000"] } },
      { linkedEntries: { add: ["authority-notes"] } },
      { linkedEntries: { add: ["no-such-entry"] } },
    ])
      expect(await statusOf(regional.call("updateAssistanceEngagement", { params, body }))).toBe(422);
    // Not a party: the engagement is not there at all.
    expect(await statusOf(operator.call("getAssistanceEngagement", { params }))).toBe(404);
    expect(
      await statusOf(
        operator.call("updateAssistanceEngagement", {
          params,
          body: { linkedEvents: { add: [events.open] } },
        }),
      ),
    ).toBe(404);
    // Bad input: adding and removing one link at once, an unknown key, a bad slug.
    for (const body of [
      { linkedEvents: { add: [events.open], remove: [events.open] } },
      { linkedEvents: { add: [events.open], drop: [] } },
      { linkedEntries: { add: ["Not A Slug"] } },
    ])
      expect(await statusOf(state.call("updateAssistanceEngagement", { params, body: body as never }))).toBe(
        400,
      );
    expect(await stored()).toEqual(before);
  });
});
