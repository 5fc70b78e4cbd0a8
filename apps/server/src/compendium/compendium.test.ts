import type { Client, EntryContentInput } from "@bulwark/contracts";
import { EntryContent } from "@bulwark/contracts";
import { HIT_END, HIT_START, listAudit, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPdf } from "../pdf/testing.ts";
import { PASSWORD, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { loadPack } from "./pack.service.ts";

let server: TestServer;
let moderator: Client;
let gridMember: Client;
let gridAnalyst: Client;
let outsider: Client;
let auditor: Client;

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
      body: "## Detection\nDrones are found by radar and radio-frequency sensors.\n\nResponse plans name who decides.",
      phases: ["prevention", "response"],
      sectors: ["transport-air"],
      threats: ["uas"],
      themes: ["uas", "detection"],
      regions: ["europe"],
    }),
  },
  {
    slug: "substation-hardening",
    content: entry({
      title: "Hardening electrical substations",
      summary: "Physical protection of transformers against ballistic attack and sabotage.",
      body: "Barriers, lighting and detection. Some operators also watch for drones overflying sites.",
      phases: ["protection"],
      sectors: ["energy-electricity"],
      threats: ["sabotage", "uas"],
      themes: ["physical"],
      regions: ["americas"],
    }),
  },
  {
    slug: "water-insider-programme",
    content: entry({
      title: "Insider threat programme for water utilities",
      type: "tool",
      toolKind: "guideline",
      summary: "Vetting, access reviews and reporting channels for staff of water utilities.",
      phases: ["prevention"],
      sectors: ["water-drinking"],
      threats: ["insider"],
      themes: ["insider"],
      regions: ["europe"],
    }),
  },
  {
    slug: "protection-des-sites",
    content: entry({
      title: "Protection des sites d'importance vitale",
      language: "fr",
      summary: "La protection physique des installations et la détection des drones en France.",
      body: "Les opérateurs protègent leurs installations contre les drones.",
      phases: ["protection"],
      threats: ["uas"],
      themes: ["physical"],
      regions: ["europe"],
      countries: ["FR"],
    }),
  },
].map(({ slug, content }) => ({ slug, content: EntryContent.parse(content) }));

const as = async (email: string, organisationId: string, roles: ("coordinator" | "analyst")[]) => {
  const admin = await server.client("admin@authority.example");
  await admin.call("createUser", { body: { email, name: email, organisationId, roles, password: PASSWORD } });
  return server.client(email);
};

beforeAll(async () => {
  server = await startTestServer();
  await loadPack(server.context, null, PACK);
  moderator = await as("coordinator@authority.example", server.cast.organisations.authority, ["coordinator"]);
  gridMember = await server.client("member@grid.example");
  gridAnalyst = await server.client("analyst@grid.example");
  outsider = await server.client("member@water.example");
  auditor = await server.client("auditor@authority.example");
});
afterAll(() => server.close());

describe("compendium search", () => {
  it("ranks title matches first, stems words, and marks the hits in snippets", async () => {
    const results = await gridMember.call("searchCompendium", { query: { q: "drone" } });
    expect(results.items.map((item) => item.slug)).toEqual([
      "counter-drone-airports",
      "protection-des-sites",
      "substation-hardening",
    ]);
    const first = results.items[0];
    expect(first?.snippet.some((part) => part.hit && /drone/i.test(part.text))).toBe(true);
    // A heading ends with a full stop instead of running into the line after it.
    expect(first?.snippet.map((part) => part.text).join("")).toContain("Detection. Drones are found");
    expect(first?.snippet.map((part) => part.text).join("")).not.toMatch(
      new RegExp(`[${HIT_START}${HIT_END}#*]`),
    );
  });

  it("finds French entries with French stemming", async () => {
    const results = await gridMember.call("searchCompendium", { query: { q: "installation" } });
    expect(results.items.map((item) => item.slug)).toEqual(["protection-des-sites"]);
  });

  it("counts every tag's values, each tag ignoring its own filter but applying the others", async () => {
    const all = await gridMember.call("searchCompendium", { query: { q: "drones" } });
    expect(all.total).toBe(3);
    expect(all.facets.region).toEqual([
      { value: "europe", count: 2 },
      { value: "americas", count: 1 },
    ]);
    const europe = await gridMember.call("searchCompendium", {
      query: { q: "drones", region: "europe", phase: "protection" },
    });
    expect(europe.items.map((item) => item.slug)).toEqual(["protection-des-sites"]);
    // Regions keep counting what the phase filter allows; phases what the region filter allows.
    expect(europe.facets.region).toEqual([
      { value: "americas", count: 1 },
      { value: "europe", count: 1 },
    ]);
    expect(europe.facets.phase).toEqual([
      { value: "prevention", count: 1 },
      { value: "protection", count: 1 },
      { value: "response", count: 1 },
    ]);
  });

  it("treats values of one tag as alternatives and different tags as all required", async () => {
    const either = await gridMember.call("searchCompendium", {
      query: { sector: "transport-air,water-drinking" },
    });
    expect(either.items.map((item) => item.slug).sort()).toEqual([
      "counter-drone-airports",
      "water-insider-programme",
    ]);
    const both = await gridMember.call("searchCompendium", {
      query: { sector: "transport-air,water-drinking", type: "tool" },
    });
    expect(both.items.map((item) => item.slug)).toEqual(["water-insider-programme"]);
    expect(both.facets.type).toEqual([
      { value: "good-practice", count: 1 },
      { value: "tool", count: 1 },
    ]);
  });

  it("refuses unknown tag values with a problem naming the field", async () => {
    const response = await server.inject({
      method: "GET",
      url: "/api/compendium/entries?phase=prevention,teleportation",
      headers: { authorization: "Bearer nothing" },
    });
    expect(response.statusCode).toBe(401);
    const signedIn = await gridMember.call("searchCompendium", { query: { phase: "prevention" } });
    expect(signedIn.total).toBe(2);
    expect(
      await statusOf(gridMember.call("searchCompendium", { query: { phase: "prevention,teleportation" } })),
    ).toBe(400);
  });

  it("shows an entry with its related entries", async () => {
    const detail = await gridMember.call("getEntry", { params: { slug: "counter-drone-airports" } });
    expect(detail).toMatchObject({
      version: 1,
      organisation: null,
      abilities: { propose: true, moderate: false },
    });
    expect(detail.related[0]?.slug).toBe("substation-hardening");
    expect(await statusOf(gridMember.call("getEntry", { params: { slug: "no-such-entry" } }))).toBe(404);
  });
});

describe("contribution and review", () => {
  let editId = "";
  it("takes an edit from any member, as a proposal with its diff", async () => {
    const current = await gridMember.call("getEntry", { params: { slug: "substation-hardening" } });
    const proposal = await gridMember.call("createProposal", {
      body: {
        entrySlug: "substation-hardening",
        content: { ...current, body: `${current.body}\n\nPatrols after dark deter surveillance.` },
        note: "Add patrols.",
      },
    });
    editId = proposal.id;
    expect(proposal).toMatchObject({
      state: "open",
      baseVersion: 1,
      abilities: { review: false, edit: true },
    });
    expect(proposal.diff.body.filter((line) => line.op === "add").map((line) => line.text)).toEqual([
      "",
      "Patrols after dark deter surveillance.",
    ]);
    expect(
      await statusOf(auditor.call("createProposal", { body: { content: entry({ title: "Nope" }) } })),
    ).toBe(403);
  });

  it("keeps proposals within the proposing organisation and the moderators", async () => {
    expect(await statusOf(outsider.call("getProposal", { params: { id: editId } }))).toBe(404);
    expect((await outsider.call("listProposals")).total).toBe(0);
    expect((await gridAnalyst.call("listProposals")).items.map((item) => item.id)).toContain(editId);
    expect((await moderator.call("listProposals", { query: { state: "open" } })).total).toBe(1);
  });

  it("lets only moderators decide, and the author revise when changes are requested", async () => {
    expect(
      await statusOf(
        gridAnalyst.call("reviewProposal", { params: { id: editId }, body: { action: "approve" } }),
      ),
    ).toBe(403);
    const requested = await moderator.call("reviewProposal", {
      params: { id: editId },
      body: { action: "request-changes", comment: "Cite a source for patrols." },
    });
    expect(requested.state).toBe("changes-requested");
    expect(
      await statusOf(
        gridAnalyst.call("updateProposal", { params: { id: editId }, body: { content: requested.content } }),
      ),
    ).toBe(403);
    const revised = await gridMember.call("updateProposal", {
      params: { id: editId },
      body: { content: { ...requested.content, title: "Hardening electrical substations against attack" } },
    });
    expect(revised.state).toBe("open");
    const approved = await moderator.call("reviewProposal", {
      params: { id: editId },
      body: { action: "approve", comment: "Thanks." },
    });
    expect(approved).toMatchObject({ state: "approved", publishedVersion: 2 });
    expect(approved.reviews.map((review) => review.action)).toEqual(["request-changes", "approve"]);
    expect(
      await statusOf(
        gridMember.call("updateProposal", { params: { id: editId }, body: { content: revised.content } }),
      ),
    ).toBe(403);
  });

  it("publishes the approved edit as a new version, keeping the old one and the diff", async () => {
    const detail = await outsider.call("getEntry", { params: { slug: "substation-hardening" } });
    expect(detail).toMatchObject({ version: 2, title: "Hardening electrical substations against attack" });
    const versions = await outsider.call("listEntryVersions", { params: { slug: "substation-hardening" } });
    expect(versions.map((version) => version.version)).toEqual([2, 1]);
    expect(versions[0]?.author?.name).toBe("member");
    const second = await outsider.call("getEntryVersion", {
      params: { slug: "substation-hardening", version: 2 },
    });
    expect(second.diff.fields).toContainEqual({
      field: "title",
      before: "Hardening electrical substations",
      after: "Hardening electrical substations against attack",
    });
    const first = await outsider.call("getEntryVersion", {
      params: { slug: "substation-hardening", version: 1 },
    });
    expect(first.content.title).toBe("Hardening electrical substations");
    const search = await outsider.call("searchCompendium", { query: { q: "patrols" } });
    expect(search.items.map((item) => item.slug)).toEqual(["substation-hardening"]);
    const actions = (await listAudit(server.db, { kind: "all" }, { limit: 10 })).items.map(
      (item) => item.action,
    );
    expect(actions).toContain("compendium.approve");
  });

  it("refuses to publish an edit made against an older version", async () => {
    const stale = await gridMember.call("createProposal", {
      body: {
        entrySlug: "substation-hardening",
        baseVersion: 1,
        content: {
          ...(await gridMember.call("getEntry", { params: { slug: "substation-hardening" } })),
          summary: "Stale edit of the entry.",
        },
      },
    });
    expect(
      await statusOf(
        moderator.call("reviewProposal", { params: { id: stale.id }, body: { action: "approve" } }),
      ),
    ).toBe(409);
    const rejected = await moderator.call("reviewProposal", {
      params: { id: stale.id },
      body: { action: "reject", comment: "Superseded." },
    });
    expect(rejected.state).toBe("rejected");
  });
});

describe("TLP on entries", () => {
  it("keeps a new AMBER case study within the proposing organisation and the moderators", async () => {
    const proposal = await gridAnalyst.call("createProposal", {
      body: {
        content: entry({
          title: "Lessons from our 2025 substation intrusion",
          type: "case-study",
          marking: "amber",
          summary: "What an intrusion at one of our substations taught us about sabotage detection.",
          threats: ["sabotage"],
        }),
      },
    });
    expect(proposal.slug).toBe("lessons-from-our-2025-substation-intrusion");
    await moderator.call("reviewProposal", { params: { id: proposal.id }, body: { action: "approve" } });
    const slug = proposal.slug;
    expect((await gridMember.call("getEntry", { params: { slug } })).organisation?.name).toBe(
      "Test Grid Operator",
    );
    expect(await statusOf(outsider.call("getEntry", { params: { slug } }))).toBe(404);
    expect(await statusOf(outsider.call("listEntryVersions", { params: { slug } }))).toBe(404);
    expect(await statusOf(outsider.call("getEntryVersion", { params: { slug, version: 1 } }))).toBe(404);
    const theirs = await outsider.call("searchCompendium", { query: { q: "intrusion" } });
    expect(theirs.total).toBe(0);
    expect(theirs.facets.type.find((facet) => facet.value === "case-study")).toBeUndefined();
    const hidden = await outsider.call("searchCompendium", { query: { threat: "sabotage" } });
    expect(hidden.items.map((item) => item.slug)).toEqual(["substation-hardening"]);
    const related = await outsider.call("getEntry", { params: { slug: "substation-hardening" } });
    expect(related.related.map((item) => item.slug)).not.toContain(slug);
    expect(
      await statusOf(
        outsider.call("createProposal", { body: { entrySlug: slug, content: entry({ title: "x y z" }) } }),
      ),
    ).toBe(404);
    expect((await moderator.call("searchCompendium", { query: { q: "intrusion" } })).total).toBe(1);
  });

  it("refuses RED entries and a slug that is taken", async () => {
    expect(
      await statusOf(
        gridMember.call("createProposal", {
          // @ts-expect-error RED is not a marking the compendium takes
          body: { content: entry({ title: "Secret", marking: "red" }) },
        }),
      ),
    ).toBe(400);
    expect(
      await statusOf(
        gridMember.call("createProposal", {
          body: { slug: "counter-drone-airports", content: entry({ title: "Another drone entry" }) },
        }),
      ),
    ).toBe(409);
  });
});

describe("a slug taken by an entry the proposer cannot see (issue 12, finding 16)", () => {
  it("answers the proposer as for a free slug; the moderator, who sees every entry, stops it at approval", async () => {
    const hidden = await gridAnalyst.call("createProposal", {
      body: {
        slug: "our-hidden-lessons",
        content: entry({ title: "Our hidden lessons", type: "case-study", marking: "amber" }),
      },
    });
    await moderator.call("reviewProposal", { params: { id: hidden.id }, body: { action: "approve" } });
    expect(await statusOf(outsider.call("getEntry", { params: { slug: "our-hidden-lessons" } }))).toBe(404);

    const taken = await outsider.call("createProposal", {
      body: { slug: "our-hidden-lessons", content: entry({ title: "Same slug, other entry" }) },
    });
    const free = await outsider.call("createProposal", {
      body: { slug: "a-slug-nobody-uses", content: entry({ title: "Same slug, other entry" }) },
    });
    expect([taken.state, taken.slug]).toEqual([free.state, "our-hidden-lessons"]);
    expect(
      await statusOf(
        moderator.call("reviewProposal", { params: { id: taken.id }, body: { action: "approve" } }),
      ),
    ).toBe(409);
  });
});

describe("search index", () => {
  it("counts every tag as a fresh count in SQL of the rows the caller may see", async () => {
    const [water] = rowsOf<{ id: string }>(
      await server.db.execute(
        sql`select organisation_id as id from users where email = 'member@water.example'`,
      ),
    );
    const fresh = rowsOf<{ tag: string; count: number }>(
      await server.db.execute(sql`select tag, count(*)::int as count
        from compendium_search as s, unnest(s.tags) as tag
        where s.marking = 'clear' or s.organisation_id = ${water?.id ?? ""}
        group by tag order by tag`),
    );
    const browse = await outsider.call("searchCompendium", { query: {} });
    const counted = Object.entries(browse.facets)
      .flatMap(([facet, values]) => values.map(({ value, count }) => ({ tag: `${facet}:${value}`, count })))
      .sort((a, b) => (a.tag < b.tag ? -1 : 1));
    expect(counted).toEqual(fresh);
  });

  it("matches phrases, exclusions and alternatives as PostgreSQL reads them", async () => {
    const slugs = async (q: string) =>
      (await gridMember.call("searchCompendium", { query: { q } })).items.map((item) => item.slug).sort();
    const drones = await slugs("drones");
    expect(drones.length).toBeGreaterThan(1);
    expect(await slugs("drones -airport")).toEqual(
      drones.filter((slug) => slug !== "counter-drone-airports"),
    );
    // Both words are in two entries, side by side in one: the phrase needs their positions.
    expect(await slugs("detection drones")).toEqual(["counter-drone-airports", "substation-hardening"]);
    expect(await slugs('"detection drones"')).toEqual(["counter-drone-airports"]);
    expect(await slugs('"drones detection"')).toEqual([]);
    expect(await slugs("the")).toEqual([]);
    expect(await slugs("drones or insider")).toEqual(
      [...new Set([...drones, ...(await slugs("insider"))])].sort(),
    );
  });

  it("browses without words with the counts a search with words gives", async () => {
    const browse = await outsider.call("searchCompendium", { query: { region: "europe" } });
    const words = await outsider.call("searchCompendium", {
      query: { q: "drones or insider or patrols", region: "europe" },
    });
    expect(browse.total).toBe(3);
    expect(browse.facets.region).toEqual([
      { value: "europe", count: 3 },
      { value: "americas", count: 1 },
    ]);
    expect(words.facets.region).toEqual(browse.facets.region);
  });
});

describe("printable booklet", () => {
  const textOf = readPdf;

  it("prints what a search finds: cover, contents, each entry with its source, page numbers", async () => {
    const file = await gridMember.call("compendiumBooklet", {
      query: { q: "drones", title: "Drones at sites" },
    });
    expect(file.filename).toMatch(/^bulwark-compendium-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(Buffer.from(file.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { text, pages } = await textOf(file.bytes);
    expect(text).toContain("Drones at sites");
    expect(text.replace(/\s+/g, " ")).toContain("Entries found for words “drones”: 3.");
    for (const title of [
      "Counter-drone protection at airports",
      "Hardening electrical substations",
      "Protection des sites d'importance vitale",
    ])
      expect(text).toContain(title);
    expect(text).toContain("Drones are found by radar and radio-frequency sensors.");
    expect(text).toContain("A test citation, 2024.");
    expect(text).toContain("TLP:CLEAR: may be shared without limit");
    expect(text).not.toContain("TLP:AMBER");
    expect(pages).toBe(5);
    expect(text).toContain(`5 / 5`);
  });

  it("marks every page with the widest TLP inside, and prints nothing the reader may not see", async () => {
    const slugs = "lessons-from-our-2025-substation-intrusion,substation-hardening";
    const file = await gridMember.call("compendiumBooklet", { query: { slugs } });
    const { text, pages } = await textOf(file.bytes);
    expect(text).toContain("Lessons from our 2025 substation intrusion");
    expect(text.match(/TLP:AMBER\b/g)?.length ?? 0).toBeGreaterThanOrEqual(pages);
    expect(await statusOf(outsider.call("compendiumBooklet", { query: { slugs } }))).toBe(404);
    const searched = await textOf(
      (await outsider.call("compendiumBooklet", { query: { threat: "sabotage" } })).bytes,
    );
    expect(searched.text).not.toContain("intrusion");
    expect(searched.text).toContain("Hardening electrical substations");
  });

  it("refuses bad selections with a problem and records each booklet in the audit trail", async () => {
    expect(await statusOf(gridMember.call("compendiumBooklet", { query: { slugs: "Not A Slug" } }))).toBe(
      400,
    );
    // Nothing found: nothing to print (422: the request itself was well formed).
    expect(await statusOf(gridMember.call("compendiumBooklet", { query: { q: "zzzunknownword" } }))).toBe(
      422,
    );
    const response = await server.inject({ method: "GET", url: "/api/compendium/booklet?q=drones" });
    expect(response.statusCode).toBe(401);
    const trail = await listAudit(server.db, { kind: "all" }, { action: "compendium.booklet", limit: 10 });
    expect(trail.items.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(trail.items.map((item) => item.details))).not.toMatch(/@|Test Grid/);
  });

  it("prints the booklet's own words in the reader's language, the entries as written (issue 15)", async () => {
    const { cookie } = await signedIn(server, "member@grid.example");
    const textIn = async (language: string) => {
      const response = await server.inject({
        method: "GET",
        url: "/api/compendium/booklet?q=drones&threat=uas",
        headers: { cookie, "accept-language": language },
      });
      expect(response.statusCode).toBe(200);
      return (await textOf(response.rawPayload)).text.replace(/\s+/g, " ");
    };
    const french = await textIn("fr");
    expect(french).toContain("Recueil de bonnes pratiques");
    expect(french).toContain("Sommaire");
    expect(french).toContain("Menace : Drones (UAS)");
    expect(french).toContain("Counter-drone protection at airports");
    const chinese = await textIn("zh");
    expect(chinese).toContain("良好做法汇编");
    expect(chinese).toContain("目录");
    expect(chinese).toContain("Counter-drone protection at airports");
  });
});

describe("withdrawing a proposal", () => {
  it("lets the author alone withdraw an open proposal, which then closes", async () => {
    const proposal = await gridAnalyst.call("createProposal", {
      body: { content: entry({ title: "Night patrols at pumping stations", sectors: ["water-drinking"] }) },
    });
    const withdraw = { action: "withdraw", comment: "" } as const;
    expect(
      await statusOf(moderator.call("reviewProposal", { params: { id: proposal.id }, body: withdraw })),
    ).toBe(403);
    expect(
      await statusOf(gridMember.call("reviewProposal", { params: { id: proposal.id }, body: withdraw })),
    ).toBe(403);
    const closed = await gridAnalyst.call("reviewProposal", { params: { id: proposal.id }, body: withdraw });
    expect(closed.state).toBe("withdrawn");
    expect(closed.abilities).toEqual({ review: false, edit: false });
    expect(
      await statusOf(
        moderator.call("reviewProposal", {
          params: { id: proposal.id },
          body: { action: "approve", comment: "" },
        }),
      ),
    ).toBe(403);
    expect((await gridMember.call("searchCompendium", { query: { q: "pumping" } })).total).toBe(0);
  });
});
