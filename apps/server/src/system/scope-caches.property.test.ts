// Property: whatever sequence of membership, role and organisation-kind changes happens, every
// read through the cached paths (compendium search, cascade, criticality), in either of two server
// processes on the database, equals the same read with every cache cold (ADR 0019).

import { type Client, CompendiumQuery } from "@bulwark/contracts";
import { type Actor, ROLES, type Role } from "@bulwark/core";
import { insertCommunity, rowsOf, setCommunityOrganisations, updateOrganisation } from "@bulwark/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisCache, runCascade, runCriticality } from "../analysis/analysis.service.ts";
import { searchCompendium } from "../compendium/entries.service.ts";
import { at, pick, subset } from "../sharing/random-world.test-support.ts";
import { startTestServer, type TestServer } from "../testing.ts";
import { buildScopeWorld, type Instance, secondInstance } from "./scope-world.test-support.ts";

const KINDS = ["private-operator", "public-operator", "national-authority"] as const;
const CIRCLE = { lat: 10, lon: 20, radiusKm: 50 };

let server: TestServer;
let other: Instance;
/** The readers (one per organisation of the cast), and their clients in each process. */
let readers: { id: string; email: string; clients: [Client, Client] }[] = [];
let organisations: string[] = [];
let communities: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const world = await buildScopeWorld(server);
  const { cast } = server;
  organisations = [cast.organisations.authority, cast.organisations.operator, cast.organisations.other];
  const second = await insertCommunity(
    server.db,
    { name: "Second circle", description: "" },
    server.context.clock(),
  );
  communities = [world.community, second];
  other = await secondInstance(server);
  const people = [
    { id: cast.users.auditor, email: "auditor@authority.example" },
    { id: cast.users.member, email: "member@grid.example" },
    { id: cast.users.outsider, email: "member@water.example" },
  ];
  readers = [];
  for (const person of people)
    readers.push({
      ...person,
      clients: [await server.client(person.email), await other.client(person.email)],
    });
});
afterAll(async () => {
  await other.close();
  await server.close();
});

/** The reader as policy sees them now, read from the database. */
async function actorOf(userId: string): Promise<Actor> {
  const [row] = rowsOf<{ organisation_id: string; kind: Actor["organisationKind"]; roles: Role[] }>(
    await server.db.execute(sql`select u.organisation_id, o.kind, u.roles from users as u
      join organisations as o on o.id = u.organisation_id where u.id = ${userId}`),
  );
  if (!row) throw new Error(`No user ${userId}.`);
  return { userId, organisationId: row.organisation_id, organisationKind: row.kind, roles: row.roles };
}

interface View {
  search: { total: number; slugs: string[] };
  cascade: { failed: { id: string; hours: number; causeId: string | null }[]; scope: unknown };
  criticality: { ranking: { id: string; assets: number }[]; scope: unknown };
}

const present = (
  search: { total: number; items: { slug: string }[] },
  cascade: { failed: { id: string; hours: number; causeId: string | null }[]; scope: unknown },
  criticality: { ranking: { id: string; assets: number }[]; scope: unknown },
): View => ({
  search: { total: search.total, slugs: search.items.map((item) => item.slug) },
  cascade: {
    failed: cascade.failed.map(({ id, hours, causeId }) => ({ id, hours, causeId })),
    scope: cascade.scope,
  },
  criticality: {
    ranking: criticality.ranking.map(({ id, assets }) => ({ id, assets })),
    scope: criticality.scope,
  },
});

async function cachedView(client: Client): Promise<View> {
  return present(
    await client.call("searchCompendium", { query: { limit: 100 } }),
    await client.call("cascade", { body: { circle: CIRCLE } }),
    await client.call("criticality", { query: { top: 1000 } }),
  );
}

/** The same reads with cold caches: a new analysis cache, and the search index loaded afresh in a transaction. */
async function coldView(userId: string): Promise<View> {
  const actor = await actorOf(userId);
  const search = await server.db.transaction((tx) =>
    searchCompendium({ ...server.context, db: tx }, actor, CompendiumQuery.parse({ limit: 100 })),
  );
  const cache = new AnalysisCache();
  return present(
    search,
    await runCascade(server.context, cache, actor, { circle: CIRCLE }),
    await runCriticality(server.context, cache, actor, 1000),
  );
}

/** Back to the world as built, so that each run starts alike (the caches stay as they were). */
async function reset(): Promise<void> {
  const now = server.context.clock();
  await setCommunityOrganisations(server.db, at(communities, 0), [
    at(organisations, 1),
    at(organisations, 2),
  ]);
  await setCommunityOrganisations(server.db, at(communities, 1), []);
  for (const [i, kind] of (["national-authority", "private-operator", "public-operator"] as const).entries())
    await updateOrganisation(server.db, at(organisations, i), { kind }, now);
  for (const [i, role] of ["auditor", "member", "member"].entries())
    await server.db.execute(
      sql`update users set roles = ${`{${role}}`}::text[] where id = ${at(readers, i).id}`,
    );
}

type Step =
  | { do: "members"; community: number; organisations: number[] }
  | { do: "roles"; reader: number; roles: Role[] }
  | { do: "kind"; organisation: number; kind: (typeof KINDS)[number] }
  | { do: "read"; reader: number; process: 0 | 1 };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ do: fc.constant("members" as const), community: pick(2), organisations: subset(3) }),
  fc.record({
    do: fc.constant("roles" as const),
    reader: pick(3),
    roles: fc.subarray([...ROLES], { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ do: fc.constant("kind" as const), organisation: pick(3), kind: fc.constantFrom(...KINDS) }),
  fc.record({
    do: fc.constant("read" as const),
    reader: pick(3),
    process: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.record({
    do: fc.constant("read" as const),
    reader: pick(3),
    process: fc.constantFrom(0 as const, 1 as const),
  }),
);

describe("caches of read scopes", () => {
  it("answer every read as a cold read would, across changes and processes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const now = server.context.clock();
        await reset();
        for (const next of steps) {
          if (next.do === "members")
            await setCommunityOrganisations(
              server.db,
              at(communities, next.community),
              next.organisations.map((o) => at(organisations, o)),
            );
          else if (next.do === "roles")
            await server.db.execute(
              sql`update users set roles = ${`{${next.roles.join(",")}}`}::text[]
                where id = ${at(readers, next.reader).id}`,
            );
          else if (next.do === "kind")
            await updateOrganisation(
              server.db,
              at(organisations, next.organisation),
              { kind: next.kind },
              now,
            );
          else {
            const reader = at(readers, next.reader);
            expect(await cachedView(reader.clients[next.process])).toEqual(await coldView(reader.id));
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
