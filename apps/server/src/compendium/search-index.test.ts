// A running server keeps its compendium search index current as entries change in any process
// (issue 13, item 6; ADR 0023): the change feed's notification updates just the changed entry,
// before any search asks, and a lost listening connection makes it reload in full.
import { EntryContent } from "@bulwark/contracts";
import { compendiumIndexCounts } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";
import { loadPack } from "./pack.service.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await loadPack(server.context, null, [
    {
      slug: "substation-hardening",
      content: EntryContent.parse({
        type: "good-practice",
        title: "Hardening electrical substations",
        summary: "Physical protection of transformers against ballistic attack.",
        body: "Barriers and lighting.",
        phases: ["protection"],
        themes: ["physical"],
        source: { citation: "A test citation, 2024." },
      }),
    },
  ]);
});
afterAll(() => server.close());

describe("the server's search index", () => {
  it("applies a change written by another process as soon as it is notified, then reloads in full after a lost connection", async () => {
    const member = await server.client("member@grid.example");
    const search = async (q: string) =>
      (await member.call("searchCompendium", { query: { q } })).items.map((item) => item.slug);
    expect(await search("ballistic")).toEqual(["substation-hardening"]);
    const before = compendiumIndexCounts(server.db);
    // As another process would: straight into the database, no request to this server.
    await server.db.execute(
      sql`update compendium_entries set summary = 'Berms shield transformers.' where slug = 'substation-hardening'`,
    );
    await vi.waitFor(() => expect(compendiumIndexCounts(server.db).updates).toBeGreaterThan(before.updates), {
      timeout: 5_000,
      interval: 5,
    });
    expect(await search("berms")).toEqual(["substation-hardening"]);
    expect(await search("ballistic")).toEqual([]);
    expect(compendiumIndexCounts(server.db).fullLoads).toBe(before.fullLoads);
    server.context.connection.changes.lost();
    await vi.waitFor(() => expect(compendiumIndexCounts(server.db).fullLoads).toBe(before.fullLoads + 1), {
      timeout: 10_000,
      interval: 5,
    });
    expect(await search("berms")).toEqual(["substation-hardening"]);
  });
});
