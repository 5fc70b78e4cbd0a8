// The offline copy of the compendium: every CLEAR entry in full for a browser to keep, never GREEN
// or AMBER whoever asks, and a 304 for a device whose copy is current.
import type { Client, EntryContentInput } from "@bulwark/contracts";
import { EntryContent } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { namesEtag } from "./offline.service.ts";
import { loadPack } from "./pack.service.ts";

let server: TestServer;
let moderator: Client;
let gridMember: Client;
let gridAnalyst: Client;
let outsider: Client;
/** An API token of the outsider, for raw requests with conditional headers. */
let bearer = "";
const AMBER = "our-substation-intrusion";
const GREEN = "our-grid-exercise";

const entry = (over: Partial<EntryContentInput> & { title: string }): EntryContentInput => ({
  type: "good-practice",
  summary: "A summary long enough to be accepted by the schema.",
  body: "",
  phases: [],
  themes: [],
  source: { citation: "A test citation, 2024." },
  ...over,
});

const PACK = [
  {
    slug: "counter-drone-airports",
    content: entry({
      title: "Counter-drone protection at airports",
      summary: "How airports detect and respond to unmanned aircraft near runways.",
      body: "Detection of drones needs radar and radio-frequency sensors.",
      phases: ["prevention", "response"],
      sectors: ["transport-air"],
      threats: ["uas"],
      source: { citation: "Airport guidance, 2023.", publisher: "An aviation authority", year: 2023 },
    }),
  },
  {
    slug: "substation-hardening",
    content: entry({ title: "Hardening electrical substations", sectors: ["energy-electricity"] }),
  },
].map(({ slug, content }) => ({ slug, content: EntryContent.parse(content) }));

const as = async (email: string, organisationId: string, roles: ("coordinator" | "analyst")[]) => {
  const admin = await server.client("admin@authority.example");
  await admin.call("createUser", { body: { email, name: email, organisationId, roles, password: PASSWORD } });
  return server.client(email);
};

/** Proposes a new entry through `author` and has the moderator approve (publish) it. */
async function publish(author: Client, slug: string, content: EntryContentInput): Promise<void> {
  const proposal = await author.call("createProposal", { body: { slug, content } });
  const approved = await moderator.call("reviewProposal", {
    params: { id: proposal.id },
    body: { action: "approve" },
  });
  expect(approved.publishedVersion).toBe(1);
}

const offline = (headers: Record<string, string> = {}) =>
  server.inject({
    method: "GET",
    url: "/api/compendium/offline",
    headers: { authorization: `Bearer ${bearer}`, ...headers },
  });

const slugsOf = async (client: Client) =>
  (await client.call("compendiumOffline")).entries.map((item) => item.slug);

beforeAll(async () => {
  server = await startTestServer();
  await loadPack(server.context, null, PACK);
  moderator = await as("coordinator@authority.example", server.cast.organisations.authority, ["coordinator"]);
  gridMember = await server.client("member@grid.example");
  gridAnalyst = await server.client("analyst@grid.example");
  outsider = await server.client("member@water.example");
  bearer = (await outsider.call("createToken", { body: { name: "field laptop" } })).token;
  await publish(
    gridAnalyst,
    AMBER,
    entry({ title: "Lessons from our substation intrusion", type: "case-study", marking: "amber" }),
  );
  await publish(gridMember, GREEN, entry({ title: "Our grid exercise", marking: "green" }));
});
afterAll(() => server.close());

describe("the offline copy", () => {
  it("holds every CLEAR entry in full", async () => {
    const copy = await outsider.call("compendiumOffline");
    expect(copy.entries.map((item) => item.slug)).toEqual(["counter-drone-airports", "substation-hardening"]);
    expect(copy.entries[0]).toMatchObject({
      title: "Counter-drone protection at airports",
      type: "good-practice",
      summary: "How airports detect and respond to unmanned aircraft near runways.",
      body: "Detection of drones needs radar and radio-frequency sensors.",
      phases: ["prevention", "response"],
      sectors: ["transport-air"],
      threats: ["uas"],
      marking: "clear",
      version: 1,
      organisation: null,
      source: { citation: "Airport guidance, 2023.", publisher: "An aviation authority", year: 2023 },
    });
    expect(copy.version).toMatch(/^2-[0-9a-f]{32}$/);
  });

  it("leaves GREEN and AMBER entries out, even for the moderators and the entry's own organisation", async () => {
    // They can read both online...
    expect((await moderator.call("getEntry", { params: { slug: AMBER } })).marking).toBe("amber");
    expect((await gridAnalyst.call("getEntry", { params: { slug: AMBER } })).marking).toBe("amber");
    expect((await gridMember.call("getEntry", { params: { slug: GREEN } })).marking).toBe("green");
    // ...but a copy kept on a disk holds CLEAR only, the same for everyone.
    const everyone = [moderator, gridAnalyst, gridMember, outsider];
    for (const client of everyone)
      expect(await slugsOf(client)).toEqual(["counter-drone-airports", "substation-hardening"]);
    const versions = await Promise.all(
      everyone.map(async (client) => (await client.call("compendiumOffline")).version),
    );
    expect(new Set(versions).size).toBe(1);
  });

  it("answers 304 without a body when If-None-Match names the current version", async () => {
    const first = await offline();
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag;
    expect(etag).toBe(`"${first.json().version}"`);
    expect(first.headers["cache-control"]).toBe("private, no-cache");

    const again = await offline({ "if-none-match": String(etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    expect((await offline({ "if-none-match": `"stale", W/${etag}` })).statusCode).toBe(304);
    expect((await offline({ "if-none-match": '"1-0123456789abcdef0123456789abcdef"' })).statusCode).toBe(200);
  });

  it("moves its version when a CLEAR entry is published, edited or restricted", async () => {
    const before = String((await offline()).headers.etag);
    await publish(gridMember, "grid-patrols", entry({ title: "Patrols around grid sites" }));
    const added = await offline({ "if-none-match": before });
    expect(added.statusCode).toBe(200);
    expect(added.json().entries.map((item: { slug: string }) => item.slug)).toContain("grid-patrols");

    // An edit that restricts a CLEAR entry takes it out of the copy, and the copy's version moves.
    const current = await gridMember.call("getEntry", { params: { slug: "grid-patrols" } });
    const edit = await gridMember.call("createProposal", {
      body: { entrySlug: "grid-patrols", content: { ...current, marking: "amber" } },
    });
    await moderator.call("reviewProposal", { params: { id: edit.id }, body: { action: "approve" } });
    const restricted = await offline({ "if-none-match": String(added.headers.etag) });
    expect(restricted.statusCode).toBe(200);
    expect(restricted.json().entries.map((item: { slug: string }) => item.slug)).toEqual([
      "counter-drone-airports",
      "substation-hardening",
    ]);
    // The version names the set of CLEAR entries: back to the same two, back to the same version.
    expect(restricted.headers.etag).not.toBe(added.headers.etag);
    expect(restricted.headers.etag).toBe(before);
  });

  it("is for signed-in callers only", async () => {
    const anonymous = await server.inject({ method: "GET", url: "/api/compendium/offline" });
    expect(anonymous.statusCode).toBe(401);
    expect(await statusOf((await server.client()).call("compendiumOffline"))).toBe(401);
  });
});

describe("If-None-Match", () => {
  it.each([
    [undefined, false],
    ['"a"', true],
    ['W/"a"', true],
    ['"b", "a"', true],
    ["*", true],
    ['"b"', false],
    ["a", false],
  ])('%s names "a": %s', (header, expected) => {
    expect(namesEtag(header, '"a"')).toBe(expected);
  });
});
