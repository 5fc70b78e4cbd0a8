// The expert network through the API: profiles at each visibility (found, read and counted only by
// their audience), questions and accepting answers, discussions on CLEAR and AMBER entries, and
// notifications that reach only people who may see what they are about.
import type { Client, ExpertProfileInput } from "@bulwark/contracts";
import { EntryContent } from "@bulwark/contracts";
import { listAudit, publishEntry, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadPack } from "../compendium/pack.service.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let member: Client; // grid operator
let analyst: Client; // grid operator
let gridBoss: Client; // grid operator
let coordinator: Client; // national authority: shares the Energy community with the grid operator; a compendium moderator
let outsider: Client; // water utility: no community with the others
let auditor: Client;

const content = (title: string, marking: "clear" | "amber") =>
  EntryContent.parse({
    title,
    type: "good-practice",
    summary: "A summary long enough to be accepted by the schema.",
    source: { citation: "A test citation, 2024." },
    marking,
  });

const profile = (over: Partial<ExpertProfileInput> = {}): ExpertProfileInput => ({
  headline: "Control-system security for electricity grids",
  bio: "Ten years of **SCADA** hardening.",
  expertise: ["SCADA  Security", "substations", "scada security"],
  sectors: ["energy-electricity"],
  themes: ["cyber"],
  languages: ["en", "fr"],
  region: "europe",
  country: "XM",
  visibility: "organisation",
  ...over,
});

const count = async (table: string) =>
  rowsOf<{ n: number }>(await server.db.execute(sql`select count(*)::int as n from ${sql.raw(table)}`))[0]
    ?.n ?? 0;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await server.client("admin@authority.example");
  const { organisations, users } = server.cast;
  await admin.call("createUser", {
    body: {
      email: "coordinator@authority.example",
      name: "Coordinator",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      password: PASSWORD,
    },
  });
  await admin.call("createCommunity", {
    body: {
      name: "Energy",
      organisationIds: [organisations.authority, organisations.operator],
      moderatorIds: [users.orgAdmin],
    },
  });
  await loadPack(server.context, null, [
    { slug: "open-practice", content: content("An open practice", "clear") },
  ]);
  await publishEntry(server.db, {
    slug: "grid-amber-practice",
    content: content("A restricted grid practice", "amber"),
    organisationId: organisations.operator,
    authorId: null,
    note: null,
    now: server.context.clock(),
  });
  member = await server.client("member@grid.example");
  analyst = await server.client("analyst@grid.example");
  gridBoss = await server.client("boss@grid.example");
  coordinator = await server.client("coordinator@authority.example");
  outsider = await server.client("member@water.example");
  auditor = await server.client("auditor@authority.example");
});
afterAll(() => server.close());
// Each step a second later, so that the order of posts and notifications is the order of writing.
beforeEach(() => server.advance(1000));

describe("expert profiles", () => {
  const memberId = () => server.cast.users.member;

  it("exist only for those who opt in", async () => {
    expect((await member.call("getMyExpertProfile")).profile).toBeNull();
    expect((await analyst.call("searchExperts")).total).toBe(0);
    expect(await statusOf(analyst.call("getExpert", { params: { userId: memberId() } }))).toBe(404);
  });

  it("refuse bad input and change nothing", async () => {
    const before = await count("expert_profiles");
    const bad = { ...profile(), visibility: "everyone" } as unknown as ExpertProfileInput;
    expect(await statusOf(member.call("createMyExpertProfile", { body: bad }))).toBe(400);
    expect(await statusOf(member.call("createMyExpertProfile", { body: profile({ headline: "" }) }))).toBe(
      400,
    );
    expect(await count("expert_profiles")).toBe(before);
  });

  it("at 'organisation' are found, read and counted by colleagues only", async () => {
    const created = await member.call("createMyExpertProfile", { body: profile() });
    expect(created.expertise).toEqual(["scada security", "substations"]);
    expect(created.email).toBeNull();
    expect(await statusOf(member.call("createMyExpertProfile", { body: profile() }))).toBe(409);

    const found = await analyst.call("searchExperts", { query: { q: "scada grids" } });
    expect(found.total).toBe(1);
    expect(found.items[0]?.userId).toBe(memberId());
    expect(found.items[0]?.email).toBeNull();
    expect((await analyst.call("getExpert", { params: { userId: memberId() } })).headline).toContain("grids");

    for (const stranger of [coordinator, outsider]) {
      expect((await stranger.call("searchExperts", { query: { q: "scada" } })).total).toBe(0);
      expect((await stranger.call("searchExperts")).total).toBe(0);
      expect(await statusOf(stranger.call("getExpert", { params: { userId: memberId() } }))).toBe(404);
    }
    // Oversight sees every profile.
    expect((await auditor.call("searchExperts")).total).toBe(1);
  });

  it("at 'communities' reach organisations sharing a community, not others", async () => {
    await member.call("updateMyExpertProfile", { body: profile({ visibility: "communities" }) });
    expect((await coordinator.call("searchExperts", { query: { q: "substations" } })).total).toBe(1);
    expect((await coordinator.call("getExpert", { params: { userId: memberId() } })).visibility).toBe(
      "communities",
    );
    expect((await outsider.call("searchExperts", { query: { q: "substations" } })).total).toBe(0);
    expect(await statusOf(outsider.call("getExpert", { params: { userId: memberId() } }))).toBe(404);
  });

  it("at 'platform' reach everyone signed in, with the e-mail only when the expert shows it", async () => {
    await member.call("updateMyExpertProfile", { body: profile({ visibility: "platform" }) });
    const seen = await outsider.call("getExpert", { params: { userId: memberId() } });
    expect(seen.email).toBeNull();
    await member.call("updateMyExpertProfile", {
      body: profile({ visibility: "platform", showEmail: true }),
    });
    expect((await outsider.call("getExpert", { params: { userId: memberId() } })).email).toBe(
      "member@grid.example",
    );
  });

  it("filter by sector, theme, language and region", async () => {
    expect(
      (await outsider.call("searchExperts", { query: { sector: "energy-electricity", language: "fr" } }))
        .total,
    ).toBe(1);
    expect(
      (await outsider.call("searchExperts", { query: { theme: "cyber", region: "europe" } })).total,
    ).toBe(1);
    expect((await outsider.call("searchExperts", { query: { sector: "health" } })).total).toBe(0);
    expect((await outsider.call("searchExperts", { query: { language: "ar" } })).total).toBe(0);
    expect((await outsider.call("searchExperts", { query: { region: "africa" } })).total).toBe(0);
  });

  it("are withdrawn by deleting them, audited without personal data", async () => {
    await member.call("withdrawMyExpertProfile");
    expect((await member.call("getMyExpertProfile")).profile).toBeNull();
    expect(await statusOf(outsider.call("getExpert", { params: { userId: memberId() } }))).toBe(404);
    expect(await statusOf(member.call("withdrawMyExpertProfile"))).toBe(404);
    const audit = (await listAudit(server.db, { kind: "all" }, { action: "expert.", limit: 20 })).items;
    expect(audit.map((item) => item.action)).toEqual(
      expect.arrayContaining(["expert.opt-in", "expert.update", "expert.withdraw"]),
    );
    expect(JSON.stringify(audit.map((item) => item.details))).not.toMatch(/@|SCADA|grids/i);
  });

  it("are not for auditors", async () => {
    expect(await statusOf(auditor.call("createMyExpertProfile", { body: profile() }))).toBe(403);
  });
});

describe("questions and answers", () => {
  let questionId = "";
  let answerId = "";
  let replyId = "";

  it("asked of one's communities are invisible outside them", async () => {
    const asked = await member.call("askQuestion", {
      body: {
        title: "How do you test substation fences?",
        body: "We look for a method to test fences against cutting.",
        sectors: ["energy-electricity"],
        themes: ["physical"],
        visibility: "communities",
      },
    });
    questionId = asked.id;
    expect(asked.status).toBe("open");
    expect((await coordinator.call("listQuestions")).items.map((q) => q.id)).toContain(questionId);
    expect((await outsider.call("listQuestions")).total).toBe(0);
    expect(await statusOf(outsider.call("getQuestion", { params: { id: questionId } }))).toBe(404);
    expect(
      await statusOf(
        outsider.call("answerQuestion", { params: { id: questionId }, body: { body: "Try this." } }),
      ),
    ).toBe(404);
    expect(await count("discussion_posts")).toBe(0);
  });

  it("notify the asker of an answer, and everyone who took part of a reply", async () => {
    const answer = await analyst.call("answerQuestion", {
      params: { id: questionId },
      body: { body: "We use a *cutting* test kit." },
    });
    answerId = answer.id;
    const forMember = await member.call("listNotifications");
    expect(forMember.items.map((n) => [n.kind, n.postId, n.subject.kind])).toEqual([
      ["answer", answerId, "question"],
    ]);

    server.advance(1000);
    const reply = await gridBoss.call("answerQuestion", {
      params: { id: questionId },
      body: { body: "Which kit?", parentId: answerId },
    });
    replyId = reply.id;
    expect(reply.parentId).toBe(answerId);
    expect((await analyst.call("listNotifications")).items.map((n) => n.kind)).toEqual(["reply"]);
    expect((await member.call("unreadNotifications")).count).toBe(2);
    expect((await gridBoss.call("unreadNotifications")).count).toBe(0);
    // Replies go one level deep.
    expect(
      await statusOf(
        member.call("answerQuestion", {
          params: { id: questionId },
          body: { body: "Deeper", parentId: replyId },
        }),
      ),
    ).toBe(422);
  });

  it("accept an answer by the asker or a moderator only", async () => {
    const accept = (client: Client, postId: string) =>
      client.call("acceptAnswer", { params: { id: questionId }, body: { postId } });
    expect(await statusOf(analyst.call("getQuestion", { params: { id: questionId } }))).toBe(200);
    expect((await analyst.call("getQuestion", { params: { id: questionId } })).abilities.accept).toBe(false);
    expect(await statusOf(accept(analyst, answerId))).toBe(403);
    expect(await statusOf(accept(gridBoss, answerId))).toBe(403);
    expect(await statusOf(accept(member, replyId))).toBe(422);
    // Someone who may not see the question learns nothing from trying.
    expect(await statusOf(accept(outsider, answerId))).toBe(404);
    const accepted = await accept(member, answerId);
    expect(accepted.status).toBe("answered");
    expect(accepted.acceptedPostId).toBe(answerId);
    expect((await accept(coordinator, answerId)).status).toBe("answered");
  });

  it("list unanswered questions first", async () => {
    server.advance(1000);
    const open = await outsider.call("askQuestion", {
      body: { title: "Who trains staff on drones?", body: "Looking for a training on drone sightings." },
    });
    const list = await member.call("listQuestions");
    expect(list.items.map((q) => q.id)).toEqual([open.id, questionId]);
    expect(
      (await member.call("listQuestions", { query: { status: "answered" } })).items.map((q) => q.id),
    ).toEqual([questionId]);
    expect((await outsider.call("listQuestions")).items.map((q) => q.id)).toEqual([open.id]);
  });

  it("show on the expert's profile only to readers of the question", async () => {
    await analyst.call("createMyExpertProfile", {
      body: profile({ visibility: "platform", headline: "Fences" }),
    });
    const mine = await member.call("getExpert", { params: { userId: server.cast.users.analyst } });
    expect(mine.answers).toEqual([expect.objectContaining({ postId: answerId, accepted: true })]);
    expect(mine.answerCount).toBe(1);
    const theirs = await outsider.call("getExpert", { params: { userId: server.cast.users.analyst } });
    expect(theirs.answers).toEqual([]);
  });
});

describe("discussions on compendium entries", () => {
  it("on an AMBER entry are invisible to outsiders", async () => {
    const post = await member.call("postOnEntry", {
      params: { slug: "grid-amber-practice" },
      body: { body: "We applied this at two sites." },
    });
    expect(
      (await analyst.call("getEntryDiscussion", { params: { slug: "grid-amber-practice" } })).posts,
    ).toHaveLength(1);
    expect(
      await statusOf(outsider.call("getEntryDiscussion", { params: { slug: "grid-amber-practice" } })),
    ).toBe(404);
    expect(
      await statusOf(
        outsider.call("postOnEntry", { params: { slug: "grid-amber-practice" }, body: { body: "Hi" } }),
      ),
    ).toBe(404);
    expect(
      await statusOf(outsider.call("editPost", { params: { id: post.id }, body: { body: "Changed" } })),
    ).toBe(404);
    expect(await statusOf(outsider.call("deletePost", { params: { id: post.id } }))).toBe(404);
    expect(await statusOf(outsider.call("hidePost", { params: { id: post.id } }))).toBe(404);
  });

  it("on a CLEAR entry are open to all; edits are marked, deletions leave 'removed', moderators hide", async () => {
    const slug = "open-practice";
    const first = await outsider.call("postOnEntry", {
      params: { slug },
      body: { body: "A question on step 2." },
    });
    server.advance(1000);
    const reply = await member.call("postOnEntry", {
      params: { slug },
      body: { body: "See annex B.", parentId: first.id },
    });
    expect((await outsider.call("listNotifications")).items[0]).toMatchObject({
      kind: "reply",
      postId: reply.id,
      subject: { kind: "entry", slug },
      actor: { id: server.cast.users.member },
    });
    expect(
      await statusOf(outsider.call("editPost", { params: { id: reply.id }, body: { body: "Mine now" } })),
    ).toBe(403);
    const edited = await member.call("editPost", {
      params: { id: reply.id },
      body: { body: "See annex C." },
    });
    expect(edited.editedAt).not.toBeNull();
    await outsider.call("deletePost", { params: { id: first.id } });
    expect(await statusOf(member.call("hidePost", { params: { id: reply.id } }))).toBe(403);
    await coordinator.call("hidePost", { params: { id: reply.id } });
    const thread = await analyst.call("getEntryDiscussion", { params: { slug } });
    expect(thread.posts.map((post) => [post.state, post.body])).toEqual([
      ["removed", ""],
      ["hidden", ""],
    ]);
    const actions = (
      await listAudit(server.db, { kind: "all" }, { action: "discussion.", limit: 20 })
    ).items.map((item) => item.action);
    expect(actions).toEqual(
      expect.arrayContaining(["discussion.post", "discussion.edit", "discussion.delete", "discussion.hide"]),
    );
  });

  it("never notify someone who may no longer see the subject", async () => {
    const slug = "grid-open-then-amber";
    const now = server.context.clock();
    const publish = (marking: "clear" | "amber") =>
      publishEntry(server.db, {
        slug,
        content: content("A grid practice, later restricted", marking),
        organisationId: server.cast.organisations.operator,
        authorId: null,
        note: null,
        now,
      });
    await publish("clear");
    await outsider.call("readAllNotifications");
    await outsider.call("postOnEntry", { params: { slug }, body: { body: "Useful." } });
    server.advance(1000);
    await member.call("postOnEntry", { params: { slug }, body: { body: "Thanks." } });
    expect((await outsider.call("unreadNotifications")).count).toBe(1);

    await publish("amber");
    // The notification they had is not shown any more...
    expect((await outsider.call("unreadNotifications")).count).toBe(0);
    expect((await outsider.call("listNotifications")).items.every((n) => n.subject.slug !== slug)).toBe(true);
    // ...and a new reply raises none for them.
    const before = await count("notifications");
    server.advance(1000);
    await analyst.call("postOnEntry", { params: { slug }, body: { body: "Now restricted." } });
    const last = await analyst.call("getEntryDiscussion", { params: { slug } });
    const lastId = last.posts.at(-1)?.id ?? "";
    const rows = rowsOf<{ user_id: string }>(
      await server.db.execute(sql`select user_id from notifications where post_id = ${lastId}`),
    );
    expect(rows.map((row) => row.user_id)).toEqual([server.cast.users.member]);
    expect(await count("notifications")).toBe(before + 1);
    expect(rows.map((row) => row.user_id)).not.toContain(server.cast.users.outsider);
  });
});

describe("notifications", () => {
  it("are listed unread first, and marked read by their owner only", async () => {
    const list = await member.call("listNotifications");
    expect(list.total).toBeGreaterThan(1);
    const unread = list.items.filter((n) => n.readAt === null);
    expect(list.items.slice(0, unread.length).every((n) => n.readAt === null)).toBe(true);
    const first = unread[0];
    if (!first) throw new Error("expected an unread notification");
    expect(await statusOf(outsider.call("readNotification", { params: { id: first.id } }))).toBe(404);
    await member.call("readNotification", { params: { id: first.id } });
    expect((await member.call("unreadNotifications")).count).toBe(unread.length - 1);
    const listed = await member.call("listNotifications");
    expect(listed.items.at(-1)?.id).toBe(first.id);
    await member.call("readAllNotifications");
    expect((await member.call("unreadNotifications")).count).toBe(0);
  });
});
