// Bulwark's own items in the TAXII collections of the communities they are addressed to: published
// CLEAR, GREEN and AMBER items go in (a reshare to a community too), withdrawn ones follow as a
// revoked version, AMBER+STRICT and RED never do; members read them, others do not.
import type { Client, SharedItemComposeInput } from "@bulwark/contracts";
import { itemStixId, type SharingViewer } from "@bulwark/core";
import { insertCommunity, rowsOf, setCommunityOrganisations, visibleStixObjects } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
let gridAdmin: Client;
let energy = "";
let water = "";

const compose = (over: Partial<SharedItemComposeInput>): SharedItemComposeInput => ({
  type: "report",
  title: "Substation fence cut",
  body: "Fences were cut at two substations overnight.",
  sectors: ["energy-electricity"],
  tlp: "green",
  audience: { communityIds: [energy] },
  ...over,
});

async function publish(input: SharedItemComposeInput) {
  const draft = await gridAdmin.call("createSharedItem", { body: input });
  return gridAdmin.call("submitSharedItem", { params: { id: draft.id } });
}

/** The versions of an item's main object held in a collection: [revoked, ...] oldest first. */
async function held(collectionId: string, stixId: string) {
  return rowsOf<{ revoked: boolean; source: string }>(
    await server.db.execute(sql`select revoked, source from stix_objects
      where collection_id = ${collectionId} and stix_id = ${stixId} order by version`),
  );
}

const seenBy = async (viewer: SharingViewer, stixId: string) =>
  rowsOf(
    await server.db.execute(
      sql`select 1 from stix_objects where stix_id = ${stixId} and ${visibleStixObjects(viewer)}`,
    ),
  ).length > 0;

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  water = await insertCommunity(server.db, { name: "Water", description: "" }, now);
  await setCommunityOrganisations(server.db, water, [organisations.operator, organisations.other]);
  gridAdmin = await server.client("boss@grid.example");
});
afterAll(() => server.close());

describe("shared items in community collections", () => {
  it("puts a published GREEN item in its community's collection, and a withdrawal as a revoked version", async () => {
    const item = await publish(compose({}));
    const stixId = itemStixId({ id: item.id, type: "report" });
    expect(await held(energy, stixId)).toEqual([{ revoked: false, source: "bulwark" }]);
    expect(await held(water, stixId)).toEqual([]);
    server.advance(60_000);
    await gridAdmin.call("withdrawSharedItem", { params: { id: item.id } });
    expect((await held(energy, stixId)).map((row) => row.revoked)).toEqual([false, true]);
  });

  it("adds a community's collection when the item is reshared to it", async () => {
    const item = await publish(compose({ title: "Reshared", tlp: "clear" }));
    const stixId = itemStixId({ id: item.id, type: "report" });
    expect(await held(water, stixId)).toEqual([]);
    await gridAdmin.call("reshareSharedItem", {
      params: { id: item.id },
      body: { communityIds: [water], organisationIds: [] },
    });
    expect(await held(water, stixId)).toHaveLength(1);
    const { organisations, users } = server.cast;
    const waterMember: SharingViewer = {
      userId: users.outsider,
      organisationId: organisations.other,
      roles: ["member"],
      communityIds: [water],
    };
    expect(await seenBy(waterMember, stixId)).toBe(true);
    expect(await seenBy({ ...waterMember, communityIds: [] }, stixId)).toBe(false);
  });

  it("never puts AMBER+STRICT or RED items, nor drafts, in a collection", async () => {
    const strict = await publish(
      compose({
        title: "Strict",
        tlp: "amber+strict",
        audience: { organisationIds: [server.cast.organisations.authority] },
      }),
    );
    const red = await publish(
      compose({ title: "Red", tlp: "red", audience: { userIds: [server.cast.users.member] } }),
    );
    const draft = await gridAdmin.call("createSharedItem", { body: compose({ title: "Draft" }) });
    for (const id of [strict.id, red.id, draft.id])
      expect(
        rowsOf(await server.db.execute(sql`select 1 from stix_objects where shared_item_id = ${id}`)),
      ).toEqual([]);
  });
});
