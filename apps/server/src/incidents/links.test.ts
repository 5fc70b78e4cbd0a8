// Shared items linked to an incident (issue 17), through the API: the filing operator and the
// authority link published alerts and reports they may see; a link is shown only to someone who
// may see both the incident and the item (a reader who sees the incident but not the item learns
// neither the item's id nor its title); strangers to the incident get 404 on every route; bad input
// and refusals change nothing.
import type { Client, IncidentCreateInput, SharedItemComposeInput } from "@bulwark/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemOf, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { addWatchAndBank, incidentNotice, insertSubstation } from "./incident-world.test-support.ts";

let server: TestServer;
let watch: Client; // the national authority's watch desk (coordinator)
let gridAdmin: Client; // the grid operator, the filer
let water: Client; // the water utility: in the incident's audience
let bank: Client; // a bank: outside every audience
let incidentId: string;
const item = { forGrid: "", forBoth: "", forAuthority: "", draft: "" };
let assetS = "";

const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput =>
  incidentNotice(assetS, [server.cast.organisations.authority, server.cast.organisations.other], over);

const alert = (title: string, organisationIds: string[]): SharedItemComposeInput => ({
  type: "alert",
  title,
  body: "Unidentified drones were reported over two substations at night.",
  sectors: ["energy-electricity"],
  tlp: "amber",
  audience: { organisationIds },
});

async function publish(client: Client, input: SharedItemComposeInput) {
  const draft = await client.call("createSharedItem", { body: input });
  return (await client.call("submitSharedItem", { params: { id: draft.id } })).id;
}

async function linkRows() {
  const result = await server.db.execute(
    sql`select item_id from incident_links where incident_id = ${incidentId} order by item_id`,
  );
  return (result as unknown as { rows: { item_id: string }[] }).rows.map((row) => row.item_id);
}

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  await addWatchAndBank(server, ["organisation-admin"]);
  assetS = await insertSubstation(server);
  [watch, gridAdmin, water, bank] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("boss@grid.example"),
    server.client("member@water.example"),
    server.client("teller@bank.example"),
  ]);
  incidentId = (await gridAdmin.call("createIncident", { body: notice() })).id;
  item.forGrid = await publish(watch, alert("Drones over the grid: secret lead", [organisations.operator]));
  item.forBoth = await publish(
    watch,
    alert("Drones over substations and pumps", [organisations.operator, organisations.other]),
  );
  item.forAuthority = await publish(watch, alert("Authority-only note", [organisations.authority]));
  item.draft = (
    await watch.call("createSharedItem", { body: alert("Unsent draft", [organisations.operator]) })
  ).id;
});
afterAll(() => server.close());

describe("links of an incident to shared items", () => {
  it("lets the authority and the filer link items they see, and shows each link to those who see both", async () => {
    const afterWatch = await watch.call("linkIncidentItem", {
      params: { id: incidentId },
      body: { itemId: item.forGrid },
    });
    expect(afterWatch.items.map((link) => link.item.id)).toEqual([item.forGrid]);
    const afterGrid = await gridAdmin.call("linkIncidentItem", {
      params: { id: incidentId },
      body: { itemId: item.forBoth },
    });
    expect(afterGrid.items.map((link) => link.item.id).sort()).toEqual([item.forGrid, item.forBoth].sort());
    expect(afterGrid.mayLink).toBe(true);
    const seenByGrid = await gridAdmin.call("listIncidentLinks", { params: { id: incidentId } });
    expect(seenByGrid.items.find((link) => link.item.id === item.forBoth)?.item).toMatchObject({
      type: "alert",
      title: "Drones over substations and pumps",
      tlp: "amber",
      status: "published",
    });
    // Linking again changes nothing.
    await watch.call("linkIncidentItem", { params: { id: incidentId }, body: { itemId: item.forGrid } });
    expect(await linkRows()).toEqual([item.forGrid, item.forBoth].sort());
  });

  it("hides from a reader of the incident the link to an item they may not see: neither its id nor its title", async () => {
    const seen = await water.call("listIncidentLinks", { params: { id: incidentId } });
    expect(seen.items.map((link) => link.item.id)).toEqual([item.forBoth]);
    expect(seen.mayLink).toBe(false);
    const text = JSON.stringify(seen);
    expect(text).not.toContain(item.forGrid);
    expect(text).not.toContain("secret lead");
    // And the incident itself reads the same for them.
    expect(await statusOf(water.call("getIncident", { params: { id: incidentId } }))).toBe(200);
  });

  it("answers 404 to someone who may not see the incident, on every route, and changes nothing", async () => {
    const before = await linkRows();
    expect(await statusOf(bank.call("listIncidentLinks", { params: { id: incidentId } }))).toBe(404);
    expect(
      await statusOf(
        bank.call("linkIncidentItem", { params: { id: incidentId }, body: { itemId: item.forBoth } }),
      ),
    ).toBe(404);
    expect(
      await statusOf(bank.call("unlinkIncidentItem", { params: { id: incidentId, itemId: item.forBoth } })),
    ).toBe(404);
    expect(await linkRows()).toEqual(before);
  });

  it("refuses readers who are neither filer nor authority, items the linker may not see, drafts and bad ids", async () => {
    const before = await linkRows();
    expect(
      await statusOf(
        water.call("linkIncidentItem", { params: { id: incidentId }, body: { itemId: item.forBoth } }),
      ),
    ).toBe(403);
    expect(
      await statusOf(water.call("unlinkIncidentItem", { params: { id: incidentId, itemId: item.forBoth } })),
    ).toBe(403);
    // The grid operator may not see the authority-only alert: the same answer as no such item.
    const hidden = await problemOf(
      gridAdmin.call("linkIncidentItem", { params: { id: incidentId }, body: { itemId: item.forAuthority } }),
    );
    const absent = await problemOf(
      gridAdmin.call("linkIncidentItem", {
        params: { id: incidentId },
        body: { itemId: "00000000-0000-4000-8000-000000000000" },
      }),
    );
    expect([hidden.status, hidden.detail]).toEqual([absent.status, absent.detail]);
    expect(hidden.status).toBe(422);
    expect(
      await statusOf(
        watch.call("linkIncidentItem", { params: { id: incidentId }, body: { itemId: item.draft } }),
      ),
    ).toBe(422);
    const bad = await problemOf(
      watch.call("linkIncidentItem", {
        params: { id: incidentId },
        body: { itemId: "not-an-id" } as unknown as { itemId: string },
      }),
    );
    expect(bad.status).toBe(400);
    expect(await linkRows()).toEqual(before);
  });

  it("lets the filer unlink an item (audited); a link to an item the caller may not see is not found", async () => {
    // The water utility's view aside, the authority-only item linked by the authority itself:
    await watch.call("linkIncidentItem", { params: { id: incidentId }, body: { itemId: item.forAuthority } });
    expect(
      await statusOf(
        gridAdmin.call("unlinkIncidentItem", { params: { id: incidentId, itemId: item.forAuthority } }),
      ),
    ).toBe(404);
    expect(await linkRows()).toContain(item.forAuthority);
    await gridAdmin.call("unlinkIncidentItem", { params: { id: incidentId, itemId: item.forBoth } });
    expect(await linkRows()).not.toContain(item.forBoth);
    expect(
      await statusOf(
        gridAdmin.call("unlinkIncidentItem", { params: { id: incidentId, itemId: item.forBoth } }),
      ),
    ).toBe(404);
    const audit = await server.db.execute(
      sql`select action, details from audit_log where target_id = ${incidentId} and action like 'incidents.%link'`,
    );
    const rows = (audit as unknown as { rows: { action: string; details: { item: string } }[] }).rows;
    expect(rows.map((row) => row.action)).toContain("incidents.unlink");
    expect(rows.filter((row) => row.action === "incidents.link").length).toBeGreaterThanOrEqual(3);
  });
});
