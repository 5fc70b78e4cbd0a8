// The audience rule in SQL (audienceFilter) agrees with core's inAudience, checked exhaustively on
// a small world: every expert, every visibility, every reader, through search, read and questions.
// And a backup keeps the network, replies included.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Actor, expertsPolicy, inAudience, PROFILE_VISIBILITIES } from "@bulwark/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreBackup, writeBackup } from "../backup.ts";
import { rowsOf } from "../rows.ts";
import { discussionPosts } from "../schema.ts";
import { openTestDatabase, type TestDatabase } from "../testing.ts";
import { insertCommunity, setCommunityOrganisations } from "./communities.ts";
import { findQuestion, insertQuestion, listPosts } from "./discussions.ts";
import { findProfile, insertProfile, type ProfileFields, searchProfiles, updateProfile } from "./experts.ts";
import { insertOrganisation } from "./organisations.ts";
import { insertUser } from "./users.ts";

let database: TestDatabase;
const now = new Date(Date.UTC(2026, 10, 24, 9));
// Communities: {north, south} and {south, east}; west belongs to none.
const COMMUNITIES = [
  ["north", "south"],
  ["south", "east"],
] as const;
const ORGANISATIONS = ["north", "south", "east", "west"] as const;
type Org = (typeof ORGANISATIONS)[number];
const orgIds = new Map<Org, string>();
const people: { actor: Actor; org: Org }[] = [];

const shares = (a: Org, b: Org) =>
  COMMUNITIES.some((members) => members.some((m) => m === a) && members.some((m) => m === b));

const fields = (visibility: string): ProfileFields => ({
  headline: "Expert",
  bio: "",
  expertise: [],
  sectors: [],
  phases: [],
  themes: [],
  threats: [],
  languages: [],
  region: null,
  country: null,
  visibility,
  showEmail: false,
});

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  for (const org of ORGANISATIONS)
    orgIds.set(
      org,
      await insertOrganisation(db, { name: org, kind: "private-operator", country: "XM", sectors: [] }, now),
    );
  for (const [index, members] of COMMUNITIES.entries()) {
    const id = await insertCommunity(db, { name: `community ${index}`, description: "" }, now);
    await setCommunityOrganisations(
      db,
      id,
      members.map((org) => orgIds.get(org) ?? ""),
    );
  }
  // Two people in north (colleagues), one elsewhere.
  for (const [email, org] of [
    ["a@north.example", "north"],
    ["b@north.example", "north"],
    ["c@south.example", "south"],
    ["d@east.example", "east"],
    ["e@west.example", "west"],
  ] as const) {
    const organisationId = orgIds.get(org) ?? "";
    const userId = await insertUser(
      db,
      { email, name: email, organisationId, roles: ["member"], passwordHash: null },
      now,
    );
    people.push({ actor: { userId, organisationId, roles: ["member"] }, org });
    await insertProfile(db, userId, fields("organisation"), now);
  }
});
afterAll(() => database.dispose());

describe("the audience rule in SQL", () => {
  it("matches core's inAudience for every expert, visibility and reader", async () => {
    for (const expert of people)
      for (const visibility of PROFILE_VISIBILITIES) {
        await updateProfile(database.db, expert.actor.userId, fields(visibility), now);
        for (const reader of people) {
          const expected = inAudience(
            reader.actor,
            { ownerId: expert.actor.userId, organisationId: expert.actor.organisationId, visibility },
            { sharesCommunity: shares(reader.org, expert.org) },
          );
          const scope = expertsPolicy.profileScope(reader.actor);
          const found = await findProfile(database.db, scope, expert.actor.userId);
          const listed = await searchProfiles(database.db, scope, { limit: 50, offset: 0 });
          const label = `${expert.org} expert at ${visibility}, ${reader.org} reader`;
          expect(found !== null, label).toBe(expected);
          expect(
            listed.items.some((item) => item.userId === expert.actor.userId),
            label,
          ).toBe(expected);
        }
        await updateProfile(database.db, expert.actor.userId, fields("organisation"), now);
      }
  });

  it("applies the same rule to questions", async () => {
    for (const asker of people)
      for (const visibility of ["communities", "platform"] as const) {
        const id = await insertQuestion(
          database.db,
          {
            askerId: asker.actor.userId,
            organisationId: asker.actor.organisationId,
            title: "A question",
            body: "Its details.",
            sectors: [],
            themes: [],
            visibility,
          },
          now,
        );
        for (const reader of people) {
          const expected = inAudience(
            reader.actor,
            { ownerId: asker.actor.userId, organisationId: asker.actor.organisationId, visibility },
            { sharesCommunity: shares(reader.org, asker.org) },
          );
          const found = await findQuestion(database.db, expertsPolicy.questionScope(reader.actor), id);
          expect(found !== null, `${asker.org} asks ${visibility}, ${reader.org} reads`).toBe(expected);
        }
      }
  });
});

describe("backup of the expert network", () => {
  it("restores profiles, questions, posts and replies whatever the order of their ids", async () => {
    const [asker, answerer] = people;
    if (!asker || !answerer) throw new Error("expected people");
    const question = await insertQuestion(
      database.db,
      {
        ...{ title: "Backed up?", body: "Details.", sectors: [], themes: [] },
        askerId: asker.actor.userId,
        organisationId: asker.actor.organisationId,
        visibility: "platform",
      },
      now,
    );
    const subject = { kind: "question", id: question } as const;
    // The answer's id sorts after its 600 replies, so a restore writes replies (in batches of 500)
    // before the post they reply to.
    const answer = "ffffffff-ffff-4fff-bfff-ffffffffffff";
    await database.db.insert(discussionPosts).values({
      id: answer,
      questionId: question,
      authorId: answerer.actor.userId,
      body: "Yes.",
      createdAt: now,
    });
    await database.db.insert(discussionPosts).values(
      Array.from({ length: 600 }, (_, index) => ({
        id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
        questionId: question,
        parentId: answer,
        authorId: asker.actor.userId,
        body: `Reply ${index}`,
        createdAt: now,
      })),
    );
    const file = join(mkdtempSync(join(tmpdir(), "bulwark-experts-")), "backup.jsonl.gz");
    await writeBackup(database.db, file, now, "b".repeat(64));
    const target = await openTestDatabase();
    try {
      await restoreBackup(target.db, file, "b".repeat(64));
      expect((await listPosts(target.db, subject)).length).toBe(601);
      const [row] = rowsOf<{ n: number }>(
        await target.db.execute(sql`select count(*)::int as n from expert_profiles`),
      );
      expect(row?.n).toBe(people.length);
    } finally {
      await target.dispose();
    }
  });
});
