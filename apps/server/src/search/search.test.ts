// Search everything through the API: each kind is found only by those who may see it, and what
// they may not see is neither listed nor counted; bad input is refused with problem+json.
import type { Client, SearchResults } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFrameworks, readFrameworks } from "../self-assessment/frameworks.service.ts";
import { signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let gridAnalyst: Client; // grid operator
let gridMember: Client; // grid operator
let outsider: Client; // water utility: shares no community with the grid operator
const hidden: Record<string, string> = {};

const kindsOf = (results: SearchResults) => results.groups.map((group) => group.kind);
const idsOf = (results: SearchResults) =>
  results.groups.flatMap((group) => group.items.map((item) => item.id));
const search = (client: Client, q: string, kinds?: string) =>
  client.call("search", { query: kinds ? { q, kinds } : { q } });

beforeAll(async () => {
  server = await startTestServer();
  await loadFrameworks(server.context, readFrameworks());
  const { organisations } = server.cast;
  [gridAnalyst, gridMember, outsider] = await Promise.all([
    server.client("analyst@grid.example"),
    server.client("member@grid.example"),
    server.client("member@water.example"),
  ]);
  const asset = (ref: string, name: string, marking: "clear" | "amber") =>
    gridAnalyst.call("createAsset", {
      body: {
        ref,
        name,
        sector: "energy-electricity",
        operatorId: organisations.operator,
        populationServed: 1000,
        marking,
      },
    });
  hidden.asset = (await asset("ZEP-1", "Zephyr substation", "amber")).id;
  await asset("ZEP-2", "Zephyr public depot", "clear");
  await asset("ZEP-3", "Substation of Zephyr", "amber");
  const draft = await gridAnalyst.call("createSharedItem", {
    body: {
      type: "alert",
      title: "Zephyr drones over the substation",
      body: "Drones were seen at night.",
      sectors: ["energy-electricity"],
      tlp: "amber+strict",
      audience: { organisationIds: [organisations.operator] },
    },
  });
  hidden.item = (await gridAnalyst.call("submitSharedItem", { params: { id: draft.id } })).id;
  hidden.expert = (
    await gridMember.call("createMyExpertProfile", {
      body: {
        headline: "Zephyr grid protection",
        bio: "Substation security.",
        expertise: ["substations"],
        sectors: ["energy-electricity"],
        themes: [],
        languages: ["en"],
        visibility: "organisation",
      },
    })
  ).userId;
  hidden.run = (
    await gridMember.call("createRun", { body: { frameworkId: "unsc-2341", title: "Zephyr baseline" } })
  ).id;
  await outsider.call("createRun", { body: { frameworkId: "unsc-2341", title: "Zephyr water review" } });
}, 60_000);
afterAll(() => server.close());

describe("search everything", () => {
  it("finds the organisation's own AMBER+STRICT item, AMBER asset, organisation-only profile and run", async () => {
    const results = await search(gridAnalyst, "zephyr");
    expect(idsOf(results)).toEqual(expect.arrayContaining(Object.values(hidden)));
    const assets = results.groups.find((group) => group.kind === "asset");
    expect(assets?.total).toBe(3);
    expect(assets?.items).toContainEqual(
      expect.objectContaining({ title: "Zephyr substation", href: `/assets/${hidden.asset}` }),
    );
    const item = results.groups.find((group) => group.kind === "shared-item")?.items[0];
    expect(item).toMatchObject({ id: hidden.item, href: `/sharing/${hidden.item}` });
    expect(item?.context).toContain("TLP:AMBER+STRICT");
  });

  it("shows another organisation none of them, not even as a count", async () => {
    const results = await search(outsider, "zephyr");
    const ids = idsOf(results);
    for (const id of Object.values(hidden)) expect(ids).not.toContain(id);
    expect(kindsOf(results)).toEqual(["asset", "self-assessment-run"]);
    expect(results.groups.find((group) => group.kind === "asset")).toMatchObject({
      total: 1,
      items: [{ title: "Zephyr public depot" }],
    });
    expect(results.groups.find((group) => group.kind === "self-assessment-run")).toMatchObject({
      total: 1,
      items: [{ title: "Zephyr water review" }],
    });
    // Each hidden kind on its own: no group at all, so no count.
    expect((await search(outsider, "Zephyr grid protection", "expert")).groups).toEqual([]);
    expect((await search(outsider, "Zephyr drones", "shared-item")).groups).toEqual([]);
    expect((await search(outsider, "Zephyr baseline", "self-assessment-run")).groups).toEqual([]);
  });

  it("ranks the best title match first and keeps to the kinds asked for", async () => {
    const results = await search(gridAnalyst, "substation", "shared-item,asset");
    expect(kindsOf(results)).toEqual(["asset", "shared-item"]);
    expect(results.groups[0]?.items.map((item) => item.title)).toEqual([
      "Substation of Zephyr",
      "Zephyr substation",
    ]);
  });

  it("refuses bad input with problem+json", async () => {
    const { cookie } = await signedIn(server, "analyst@grid.example");
    for (const query of [
      "q=a",
      `q=${"x".repeat(101)}`,
      "q=ab%00cd",
      "q=ab%E2%80%AEcd",
      "q=zephyr&kinds=assets",
      "q=zephyr&limit=50",
      "",
    ]) {
      const response = await server.inject({
        method: "GET",
        url: `/api/search?${query}`,
        headers: { cookie },
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await statusOf(server.client().then((anonymous) => search(anonymous, "zephyr")))).toBe(401);
  });
});
