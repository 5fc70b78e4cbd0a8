// Caches of read scopes follow every change of what scopes are made of, in every server process
// (issue 12, finding 11): community memberships, roles, an organisation's kind, accounts. The
// changes are made through the database or another process; the reads go through the caches.
import { randomUUID } from "node:crypto";
import type { Client } from "@bulwark/contracts";
import { setCommunityOrganisations, updateOrganisation, updateUser } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";
import {
  AMBER_ASSET,
  buildScopeWorld,
  GREEN_ASSET,
  GREEN_ENTRY,
  type Instance,
  type ScopeWorld,
  scopeView,
  secondInstance,
  WATER_ASSET,
} from "./scope-world.test-support.ts";

let server: TestServer;
let world: ScopeWorld;
let other: Instance;
let water: Client;
let waterThere: Client;

beforeAll(async () => {
  server = await startTestServer();
  world = await buildScopeWorld(server);
  other = await secondInstance(server);
  water = await server.client("member@water.example");
  waterThere = await other.client("member@water.example");
});
afterAll(async () => {
  await other.close();
  await server.close();
});

const leave = () =>
  setCommunityOrganisations(server.db, world.community, [server.cast.organisations.operator]);
const join = () =>
  setCommunityOrganisations(server.db, world.community, [
    server.cast.organisations.operator,
    server.cast.organisations.other,
  ]);

describe("after an organisation leaves a community (finding 11)", () => {
  it("compendium search, cascade and criticality stop naming that community's GREEN things at once", async () => {
    const before = await scopeView(water);
    expect(before.entries).toContain(GREEN_ENTRY);
    expect(before.cascade).toEqual([GREEN_ASSET, WATER_ASSET].sort());
    expect(before.criticality).toEqual([GREEN_ASSET, WATER_ASSET].sort());
    await leave();
    const after = await scopeView(water);
    expect(after.entries).not.toContain(GREEN_ENTRY);
    expect(after.cascade).toEqual([WATER_ASSET]);
    expect(after.criticality).toEqual([WATER_ASSET]);
    await join();
    expect(await scopeView(water)).toEqual(before);
  });

  it("a second server process sees a membership change made through the first at once, both ways", async () => {
    const admin = await server.client("admin@authority.example");
    const adminThere = await other.client("admin@authority.example");
    const { operator, other: waterOrg } = server.cast.organisations;
    const before = await scopeView(waterThere);
    expect(before.entries).toContain(GREEN_ENTRY);
    await admin.call("updateCommunity", {
      params: { id: world.community },
      body: { organisationIds: [operator] },
    });
    const there = await scopeView(waterThere);
    expect(there.entries).not.toContain(GREEN_ENTRY);
    expect([...there.cascade, ...there.criticality]).not.toContain(GREEN_ASSET);
    await adminThere.call("updateCommunity", {
      params: { id: world.community },
      body: { organisationIds: [operator, waterOrg] },
    });
    expect(await scopeView(water)).toEqual(before);
  });
});

describe("other policy inputs drop the caches too", () => {
  it("a role change, in any process", async () => {
    const member = server.cast.users.outsider;
    const plain = await scopeView(waterThere);
    expect(plain.criticality).not.toContain(AMBER_ASSET);
    await updateUser(server.db, member, { roles: ["auditor"] }, server.context.clock());
    const auditing = await scopeView(waterThere);
    expect(auditing.criticality).toContain(AMBER_ASSET);
    expect(auditing.cascade).toContain(AMBER_ASSET);
    await updateUser(server.db, member, { roles: ["member"] }, server.context.clock());
    expect(await scopeView(waterThere)).toEqual(plain);
  });

  it("an organisation's kind change, in any process", async () => {
    const waterOrg = server.cast.organisations.other;
    const plain = await scopeView(waterThere);
    await updateOrganisation(server.db, waterOrg, { kind: "national-authority" }, server.context.clock());
    expect((await scopeView(waterThere)).criticality).toContain(AMBER_ASSET);
    await updateOrganisation(server.db, waterOrg, { kind: "public-operator" }, server.context.clock());
    expect(await scopeView(waterThere)).toEqual(plain);
  });

  it("a disabled account stops at once on the endpoints that remember recent callers, in every process", async () => {
    const analyst = await server.client("analyst@grid.example");
    const analystThere = await other.client("analyst@grid.example");
    const job = { params: { id: randomUUID() } };
    // Known callers asking for an import that is not theirs: 404, and now remembered.
    expect(await statusOf(analyst.call("getImportJob", job))).toBe(404);
    expect(await statusOf(analystThere.call("getImportJob", job))).toBe(404);
    await updateUser(server.db, server.cast.users.analyst, { active: false }, server.context.clock());
    // The server's clock stands still: without the drop, both would answer 404 for 30 s.
    await expect.poll(() => statusOf(analyst.call("getImportJob", job)), { timeout: 5_000 }).toBe(401);
    await expect.poll(() => statusOf(analystThere.call("getImportJob", job)), { timeout: 5_000 }).toBe(401);
  });

  it("a sign-out through one process ends the remembered session in the other at once", async () => {
    const { cookie, csrfToken } = await signedIn(server, "boss@grid.example");
    const url = `/api/registry/imports/${randomUUID()}`;
    // The same session, presented to either process (as a load balancer would): now remembered in both.
    expect((await server.inject({ method: "GET", url, headers: { cookie } })).statusCode).toBe(404);
    expect((await other.inject({ method: "GET", url, headers: { cookie } })).statusCode).toBe(404);
    const out = await server.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie, "x-csrf-token": csrfToken },
    });
    expect(out.statusCode).toBeLessThan(300);
    await expect
      .poll(async () => (await other.inject({ method: "GET", url, headers: { cookie } })).statusCode, {
        timeout: 5_000,
      })
      .toBe(401);
  });
});
