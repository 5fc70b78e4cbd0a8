// Personal data in shared items, through everything that leaves the author's organisation: every
// free-text field of an alert's CAP warning in the CAP XML, the Atom feed and the item page; the
// retention purge of the same fields; pseudonyms that say nothing across organisations, so a
// writer's own STIX export is no oracle for another organisation's items (issue 12, findings 7
// and 9); and the start-up job that brings older items to the current pseudonyms.
import type { AlertWarningInput, Client, SharedItemComposeInput } from "@bulwark/contracts";
import { insertCommunity, insertUser, schema, setCommunityOrganisations } from "@bulwark/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";
import { purgeExpiredPersonalData, refreshPublicTexts } from "./personal-data.service.ts";

let server: TestServer;
let coordinator: Client; // the authority's coordinator: publishes CLEAR
let gridAdmin: Client; // the grid operator: another organisation, in the same community
let energy: string;

// Whole pieces only: a random id in a CAP identifier may hold "555" or "0142" by chance.
const PERSONAL = /jane|roe|555 0142|\+999|victim/i;
const PSEUDONYM = /person-[0-9a-f]{10}/g;

const warning = (over: Partial<AlertWarningInput> = {}): AlertWarningInput => ({
  categories: ["Security"],
  event: "Sighting reported by jane.roe@authority.example",
  urgency: "Expected",
  severity: "Moderate",
  certainty: "Observed",
  instruction: "Call [[pii:Jane Roe]] on +999 21 555 0142 before acting.",
  area: {
    description: "Around the home of [[pii:J. Roe\nflat 3]], north-west",
    fromAssets: false,
    circles: [{ lat: 1, lon: 1, radiusKm: 1 }],
  },
  ...over,
});

const alert = (over: Partial<SharedItemComposeInput> = {}): SharedItemComposeInput => ({
  type: "alert",
  title: "Drones over substations",
  body: "Drones seen at night.",
  sectors: ["energy-electricity"],
  tlp: "clear",
  audience: {},
  warning: warning(),
  ...over,
});

async function publish(client: Client, input: SharedItemComposeInput) {
  const draft = await client.call("createSharedItem", { body: input });
  return client.call("submitSharedItem", { params: { id: draft.id } });
}

async function get(url: string) {
  const response = await server.inject({ method: "GET", url });
  expect(response.statusCode).toBe(200);
  return response.body;
}

const stixText = async (client: Client, id: string) =>
  new TextDecoder().decode((await client.call("exportSharedItemStix", { params: { id } })).bytes);

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  await insertUser(
    server.db,
    {
      email: "coord@authority.example",
      name: "Coordinator One",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash: await hashPassword(PASSWORD),
    },
    now,
  );
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  [coordinator, gridAdmin] = await Promise.all([
    server.client("coord@authority.example"),
    server.client("boss@grid.example"),
  ]);
});
afterAll(() => server.close());

describe("an alert's CAP warning (finding 7)", () => {
  it("goes out pseudonymised in CAP XML, the Atom feed and to other organisations; as written inside", async () => {
    const item = await publish(coordinator, alert());
    const cap = await get(`/api/cap/alerts/${item.id}.xml`);
    expect(cap).not.toMatch(PERSONAL);
    expect(cap.match(PSEUDONYM)?.length).toBe(4);
    const atom = await get("/api/cap/alerts.atom");
    expect(atom).toContain(item.id);
    expect(atom).not.toMatch(PERSONAL);
    const outside = await gridAdmin.call("getSharedItem", { params: { id: item.id } });
    expect(JSON.stringify(outside.warning)).not.toMatch(PERSONAL);
    expect(outside.warning?.instruction).toMatch(/^Call person-[0-9a-f]{10} on person-[0-9a-f]{10} before/);
    expect(outside.personalData.found).toBe(4);
    const inside = await coordinator.call("getSharedItem", { params: { id: item.id } });
    expect(inside.warning?.instruction).toBe("Call Jane Roe on +999 21 555 0142 before acting.");
    expect(inside.warning?.area.description).toBe("Around the home of J. Roe\nflat 3, north-west");
  });

  it("stays pseudonymised when the published warning is revised", async () => {
    const item = await publish(coordinator, alert({ warning: warning({ event: "Drone overflight" }) }));
    await coordinator.call("reviseAlertWarning", {
      params: { id: item.id },
      body: { warning: warning({ event: "Now also seen by victim@home.example" }) },
    });
    const cap = await get(`/api/cap/alerts/${item.id}.xml`);
    expect(cap).toContain("<msgType>Update</msgType>");
    expect(cap).not.toMatch(PERSONAL);
    expect(cap).toMatch(/<event>Now also seen by person-[0-9a-f]{10}<\/event>/);
  });
});

describe("pseudonyms across organisations (finding 9)", () => {
  it("a writer's own STIX export no longer confirms a value in another organisation's item", async () => {
    // The authority names a person in an item the grid operator reads.
    const theirs = await publish(
      coordinator,
      alert({ tlp: "green", audience: { communityIds: [energy] }, body: "Witness: victim@home.example." }),
    );
    const seen = (await gridAdmin.call("getSharedItem", { params: { id: theirs.id } })).body;
    const [target] = seen.match(PSEUDONYM) ?? [];
    expect(target).toBeDefined();
    // The grid operator guesses the address, writes it in an item of its own and exports that.
    const mine = await publish(
      gridAdmin,
      alert({ tlp: "green", audience: { communityIds: [energy] }, body: "Guess: victim@home.example." }),
    );
    const [guessed] = (await stixText(gridAdmin, mine.id)).match(PSEUDONYM) ?? [];
    expect(guessed).toBeDefined();
    expect(guessed).not.toBe(target);
    // The export still shows what the feed shows, and one organisation's mentions still link.
    expect(await stixText(gridAdmin, theirs.id)).toContain(target);
    const again = await publish(
      gridAdmin,
      alert({ tlp: "green", audience: { communityIds: [energy] }, body: "Again: VICTIM@home.example" }),
    );
    expect((await coordinator.call("getSharedItem", { params: { id: again.id } })).body).toBe(
      `Again: ${guessed}`,
    );
  });
});

describe("older items and the purge", () => {
  it("gives items made under older rules the current pseudonyms at start-up, once", async () => {
    const item = await publish(coordinator, alert({ body: "Ask jane.roe@authority.example." }));
    const fresh = await gridAdmin.call("getSharedItem", { params: { id: item.id } });
    // As an item stored before: unkeyed pseudonyms, no public warning.
    await server.db.execute(sql`update shared_items set public_body = 'Ask person-0123456789.',
      public_warning = null, public_texts_version = 1 where id = ${item.id}`);
    expect(await refreshPublicTexts(server.context)).toBe(1);
    const refreshed = await gridAdmin.call("getSharedItem", { params: { id: item.id } });
    expect(refreshed.body).toBe(fresh.body);
    expect(refreshed.warning).toEqual(fresh.warning);
    expect(refreshed.updatedAt).toBe(fresh.updatedAt);
    expect(await refreshPublicTexts(server.context)).toBe(0);
  });

  it("purges every outbound field when retention runs out, and again for spans the old rules missed", async () => {
    const item = await publish(coordinator, alert({ title: "Seen by [[pii:Jane\nRoe]]" }));
    server.advance(91 * 86_400_000);
    expect((await purgeExpiredPersonalData(server.context, null)).items).toBeGreaterThan(0);
    const cap = await get(`/api/cap/alerts/${item.id}.xml`);
    expect(cap).not.toMatch(PERSONAL);
    expect(cap).not.toMatch(PSEUDONYM);
    expect(cap).toContain("[personal data removed]");
    const [row] = await server.db
      .select({ title: schema.sharedItems.title, warning: schema.sharedItems.warning })
      .from(schema.sharedItems)
      .where(eq(schema.sharedItems.id, item.id));
    expect(JSON.stringify(row)).not.toMatch(PERSONAL);
    // An item purged under the old rules kept a two-line span: the start-up job removes it.
    await server.db.execute(sql`update shared_items set title = 'Seen by [[pii:Jane' || chr(10) || 'Roe]]',
      public_texts_version = 1 where id = ${item.id}`);
    await refreshPublicTexts(server.context);
    const [after] = await server.db
      .select({ title: schema.sharedItems.title, publicTitle: schema.sharedItems.publicTitle })
      .from(schema.sharedItems)
      .where(eq(schema.sharedItems.id, item.id));
    expect(after).toEqual({
      title: "Seen by [personal data removed]",
      publicTitle: "Seen by [personal data removed]",
    });
  });
});
