// A small world for tests of caches of read scopes: the grid operator and the water utility share a
// community; the grid publishes a GREEN compendium entry and operates a GREEN substation that the
// water utility's pump needs, and an AMBER one only it (and the national authority) may see. The
// reads are the cached paths: compendium search, cascade and criticality.

import { type Client, EntryContent } from "@bulwark/contracts";
import {
  connect,
  insertCommunity,
  publishEntry,
  setCommunityModerators,
  setCommunityOrganisations,
} from "@bulwark/db";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import type { ServerContext } from "../context.ts";
import { injectClient, injectFetch, type TestServer } from "../testing.ts";

export const GREEN_ENTRY = "grid-black-start-drill";
export const GREEN_ASSET = "Harbour substation";
export const AMBER_ASSET = "Hill substation";
export const WATER_ASSET = "Harbour pumping station";

export interface ScopeWorld {
  community: string;
}

/** Builds the world on `server`; the water utility is in the community. */
export async function buildScopeWorld(server: TestServer): Promise<ScopeWorld> {
  const { organisations } = server.cast;
  const now = server.context.clock();
  const community = await insertCommunity(server.db, { name: "Harbour lifelines", description: "" }, now);
  await setCommunityOrganisations(server.db, community, [organisations.operator, organisations.other]);
  await setCommunityModerators(server.db, community, [server.cast.users.orgAdmin]);
  await server.db.transaction((tx) =>
    publishEntry(tx, {
      slug: GREEN_ENTRY,
      organisationId: organisations.operator,
      authorId: null,
      note: null,
      now,
      content: EntryContent.parse({
        title: "Our black-start drill",
        type: "good-practice",
        summary: "How the grid restarts the harbour after a blackout.",
        body: "Black start from the harbour plant.",
        phases: [],
        themes: [],
        marking: "green",
        source: { citation: "Grid operator, 2026." },
      }),
    }),
  );
  const admin = await server.client("admin@authority.example");
  const asset = (ref: string, name: string, operatorId: string, marking: "green" | "amber", lat: number) =>
    admin.call("createAsset", {
      body: {
        ref,
        name,
        sector: operatorId === organisations.other ? "water-drinking" : "energy-electricity",
        operatorId,
        lat,
        lon: 20,
        populationServed: 10_000,
        marking,
      },
    });
  const green = await asset("SUB-H", GREEN_ASSET, organisations.operator, "green", 10);
  const amber = await asset("SUB-K", AMBER_ASSET, organisations.operator, "amber", 10.01);
  const pump = await asset("PUMP-H", WATER_ASSET, organisations.other, "green", 10.02);
  for (const supplier of [green, amber])
    await admin.call("createDependency", {
      body: { dependentId: pump.id, supplierId: supplier.id, service: "electricity", k: 2 },
    });
  return { community };
}

export interface ScopeView {
  entries: string[];
  cascade: string[];
  criticality: string[];
}

/** What `client` reads through the cached paths, sorted. */
export async function scopeView(client: Client): Promise<ScopeView> {
  const search = await client.call("searchCompendium", { query: { limit: 100 } });
  const cascade = await client.call("cascade", { body: { circle: { lat: 10, lon: 20, radiusKm: 50 } } });
  const criticality = await client.call("criticality", { query: { top: 1000 } });
  return {
    entries: search.items.map((item) => item.slug).sort(),
    cascade: cascade.failed.map((item) => item.name).sort(),
    criticality: criticality.ranking.map((item) => item.name).sort(),
  };
}

export interface Instance {
  client(email?: string): Promise<Client>;
  inject: FastifyInstance["inject"];
  close(): Promise<void>;
}

/**
 * A second server process on the same database: on PostgreSQL a connection pool (and listening
 * connection) of its own, as another process would have; on PGlite, which one process holds, a
 * second app over the same database.
 */
export async function secondInstance(server: TestServer): Promise<Instance> {
  const connection = server.database.url ? await connect({ url: server.database.url }) : null;
  const context: ServerContext = {
    ...server.context,
    ...(connection ? { connection, db: connection.db } : {}),
  };
  const app = await buildApp(context, { logLevel: false, web: false });
  await app.ready();
  const fetch = injectFetch(app);
  return {
    client: (email) => injectClient(fetch, email),
    inject: app.inject.bind(app),
    async close() {
      await app.close();
      await connection?.close();
    },
  };
}
