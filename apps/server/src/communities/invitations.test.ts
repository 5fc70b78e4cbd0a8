// Finding 2 of issue 12: a coordinator made a community of organisations that never agreed and
// read their GREEN data and staff. Now other organisations are invited and join only when one of
// their administrators accepts; they may leave again.
import { insertUser } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const passwordHash = await hashPassword(PASSWORD);
  const now = server.context.clock();
  const { organisations } = server.cast;
  await insertUser(
    server.db,
    {
      email: "coordinator@grid.example",
      name: "coordinator",
      organisationId: organisations.operator,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  await insertUser(
    server.db,
    {
      email: "boss@water.example",
      name: "water boss",
      organisationId: organisations.other,
      roles: ["organisation-admin"],
      passwordHash,
    },
    now,
  );
});
afterAll(() => server.close());

const status = statusOf;

describe("community invitations", () => {
  let community = "";
  let invitation = "";

  it("make a coordinator's community one of its own organisation; others are only invited (finding 2)", async () => {
    const { organisations } = server.cast;
    const coordinator = await server.client("coordinator@grid.example");
    const created = await coordinator.call("createCommunity", {
      body: { name: "Grid and water", organisationIds: [organisations.operator, organisations.other] },
    });
    community = created.id;
    expect(created.organisations.map((org) => org.id)).toEqual([organisations.operator]);
    expect(created.invited.map((org) => org.id)).toEqual([organisations.other]);
    invitation = created.invited[0]?.invitationId ?? "";
    // The invited organisation's people and data stay out of reach until it accepts.
    const outsider = await server.client("member@water.example");
    expect((await outsider.call("listCommunities")).total).toBe(0);
    expect(await status(outsider.call("getCommunity", { params: { id: community } }))).toBe(404);
    // A moderator cannot force it in by PATCH either.
    const again = await coordinator.call("updateCommunity", {
      params: { id: community },
      body: { organisationIds: [organisations.operator, organisations.other, organisations.authority] },
    });
    expect(again.organisations.map((org) => org.id)).toEqual([organisations.operator]);
    expect(again.invited.map((org) => org.id).sort()).toEqual(
      [organisations.authority, organisations.other].sort(),
    );
  });

  it("are seen by the invited organisation and decided only by its administrators", async () => {
    const member = await server.client("member@water.example");
    const pending = await member.call("listCommunityInvitations");
    expect(pending.map((item) => [item.id, item.community.name, item.state])).toEqual([
      [invitation, "Grid and water", "pending"],
    ]);
    const decision = { params: { id: invitation }, body: { decision: "accept" as const } };
    expect(await status(member.call("decideCommunityInvitation", decision))).toBe(403);
    // The inviting side cannot accept on the invited organisation's behalf.
    expect(
      await status((await server.client("boss@grid.example")).call("decideCommunityInvitation", decision)),
    ).toBe(403);
    expect(
      await status(
        (await server.client("admin@authority.example")).call("decideCommunityInvitation", decision),
      ),
    ).toBe(403);
    const accepted = await (await server.client("boss@water.example")).call(
      "decideCommunityInvitation",
      decision,
    );
    expect(accepted.state).toBe("accepted");
    expect((await member.call("listCommunities")).items.map((item) => item.id)).toEqual([community]);
    expect(
      await status((await server.client("boss@water.example")).call("decideCommunityInvitation", decision)),
    ).toBe(409);
  });

  it("are withdrawn by moderators and declined by the invited; both audited with before and after", async () => {
    const coordinator = await server.client("coordinator@grid.example");
    const [toAuthority] = (await coordinator.call("getCommunity", { params: { id: community } })).invited;
    expect(
      await status(
        (await server.client("member@grid.example")).call("withdrawCommunityInvitation", {
          params: { id: toAuthority?.invitationId ?? "" },
        }),
      ),
    ).toBe(403);
    await coordinator.call("withdrawCommunityInvitation", {
      params: { id: toAuthority?.invitationId ?? "" },
    });
    expect((await coordinator.call("getCommunity", { params: { id: community } })).invited).toEqual([]);
    const admin = await server.client("admin@authority.example");
    const trail = await admin.call("listAudit", { query: { action: "community.", targetId: community } });
    expect(trail.items.map((entry) => entry.action)).toEqual([
      "community.invitation-withdraw",
      "community.invitation-accept",
      "community.invite",
      "community.update",
      "community.invite",
      "community.create",
    ]);
    expect(trail.items[1]?.details).toMatchObject({
      state: { before: "pending", after: "accepted" },
      organisationIds: {
        before: [server.cast.organisations.operator],
        after: [server.cast.organisations.operator, server.cast.organisations.other],
      },
    });
    expect(JSON.stringify(trail.items.map((entry) => entry.details))).not.toMatch(/@|Grid and water/);
  });

  it("let an organisation's administrator take it out of a community, not its members or others", async () => {
    const { organisations } = server.cast;
    const leave = { params: { id: community, organisationId: organisations.other } };
    expect(await status((await server.client("member@water.example")).call("leaveCommunity", leave))).toBe(
      403,
    );
    expect(await status((await server.client("member@grid.example")).call("leaveCommunity", leave))).toBe(
      403,
    );
    await (await server.client("boss@water.example")).call("leaveCommunity", leave);
    expect((await (await server.client("member@water.example")).call("listCommunities")).total).toBe(0);
    expect(await status((await server.client("boss@water.example")).call("leaveCommunity", leave))).toBe(404);
  });

  it("are not needed by a platform admin, who adds organisations directly", async () => {
    const admin = await server.client("admin@authority.example");
    const { organisations } = server.cast;
    const updated = await admin.call("updateCommunity", {
      params: { id: community },
      body: { organisationIds: [organisations.operator, organisations.other] },
    });
    expect(updated.organisations.map((org) => org.id).sort()).toEqual(
      [organisations.operator, organisations.other].sort(),
    );
  });

  it("are refused for members and strangers, and for unknown organisations", async () => {
    const body = { organisationId: server.cast.organisations.authority };
    expect(
      await status(
        (await server.client("analyst@grid.example")).call("inviteToCommunity", {
          params: { id: community },
          body,
        }),
      ),
    ).toBe(403);
    expect(
      await status(
        (await server.client("coordinator@grid.example")).call("inviteToCommunity", {
          params: { id: community },
          body: { organisationId: "00000000-0000-4000-8000-000000000000" },
        }),
      ),
    ).toBe(422);
    expect(
      await status(
        (await server.client("coordinator@grid.example")).call("inviteToCommunity", {
          params: { id: community },
          body: { organisationId: server.cast.organisations.other },
        }),
      ),
    ).toBe(409);
    const created = await (await server.client("coordinator@grid.example")).call("inviteToCommunity", {
      params: { id: community },
      body,
    });
    expect(created).toMatchObject({ state: "pending", organisation: { id: body.organisationId } });
  });
});
