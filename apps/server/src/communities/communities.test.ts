import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const status = statusOf;

describe("communities", () => {
  let energy = "";
  it("are created by platform admins and coordinators, not members", async () => {
    const { organisations, users } = server.cast;
    const body = {
      name: "Energy sector - national",
      description: "Operators of the grid and the authority.",
      organisationIds: [organisations.authority, organisations.operator],
      moderatorIds: [users.orgAdmin],
    };
    expect(await status((await server.client("member@grid.example")).call("createCommunity", { body }))).toBe(
      403,
    );
    const created = await (await server.client("admin@authority.example")).call("createCommunity", { body });
    energy = created.id;
    expect(created.organisations.map((org) => org.name)).toEqual(["Test Authority", "Test Grid Operator"]);
    expect(created.moderators.map((user) => user.id)).toEqual([users.orgAdmin]);
  });

  it("reject moderators from outside the community and unknown organisations", async () => {
    const admin = await server.client("admin@authority.example");
    const { organisations, users } = server.cast;
    expect(
      await status(
        admin.call("createCommunity", {
          body: { name: "Water", organisationIds: [organisations.other], moderatorIds: [users.member] },
        }),
      ),
    ).toBe(422);
    expect(
      await status(
        admin.call("createCommunity", {
          body: { name: "Ghosts", organisationIds: ["00000000-0000-4000-8000-000000000000"] },
        }),
      ),
    ).toBe(422);
  });

  it("are visible to their member organisations and oversight only", async () => {
    expect(
      (await (await server.client("member@grid.example")).call("listCommunities")).items.map((c) => c.name),
    ).toEqual(["Energy sector - national"]);
    const outsider = await server.client("member@water.example");
    expect((await outsider.call("listCommunities")).total).toBe(0);
    expect(await status(outsider.call("getCommunity", { params: { id: energy } }))).toBe(404);
    expect((await (await server.client("auditor@authority.example")).call("listCommunities")).total).toBe(1);
  });

  it("are changed by their moderators, not by other members", async () => {
    expect(
      await status(
        (await server.client("member@grid.example")).call("updateCommunity", {
          params: { id: energy },
          body: { description: "x" },
        }),
      ),
    ).toBe(403);
    expect(
      await status(
        (await server.client("member@water.example")).call("updateCommunity", {
          params: { id: energy },
          body: { description: "x" },
        }),
      ),
    ).toBe(404);
    const moderator = await server.client("boss@grid.example");
    const updated = await moderator.call("updateCommunity", {
      params: { id: energy },
      body: {
        organisationIds: [
          server.cast.organisations.authority,
          server.cast.organisations.operator,
          server.cast.organisations.other,
        ],
      },
    });
    // A moderator's addition is an invitation: the water utility is not a member until it accepts.
    expect(updated.organisations).toHaveLength(2);
    expect(updated.invited.map((org) => org.id)).toEqual([server.cast.organisations.other]);
    expect((await (await server.client("member@water.example")).call("listCommunities")).total).toBe(0);
    expect(
      await status(moderator.call("updateCommunity", { params: { id: energy }, body: { moderatorIds: [] } })),
    ).toBe(422);
  });

  it("give their creator moderation when none is named", async () => {
    const coordinatorless = await (await server.client("admin@authority.example")).call("createCommunity", {
      body: { name: "Crisis cell" },
    });
    expect(coordinatorless.moderators.map((user) => user.id)).toEqual([server.cast.users.admin]);
    expect(coordinatorless.organisations.map((org) => org.id)).toEqual([server.cast.organisations.authority]);
  });

  it("are removed by their moderators", async () => {
    expect(
      await status(
        (await server.client("member@grid.example")).call("deleteCommunity", { params: { id: energy } }),
      ),
    ).toBe(403);
    await (await server.client("boss@grid.example")).call("deleteCommunity", { params: { id: energy } });
    expect(
      await status(
        (await server.client("admin@authority.example")).call("getCommunity", { params: { id: energy } }),
      ),
    ).toBe(404);
  });
});
