import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const status = statusOf;

describe("people", () => {
  it("are visible within one's own organisation only (all of them for oversight roles)", async () => {
    const member = await server.client("member@grid.example");
    const mine = await member.call("listUsers");
    expect(mine.items.map((user) => user.email).sort()).toEqual([
      "analyst@grid.example",
      "boss@grid.example",
      "member@grid.example",
    ]);
    expect(await status(member.call("getUser", { params: { id: server.cast.users.outsider } }))).toBe(404);
    expect(
      (await member.call("listUsers", { query: { organisationId: server.cast.organisations.other } })).total,
    ).toBe(0);
    const auditor = await server.client("auditor@authority.example");
    expect((await auditor.call("listUsers")).total).toBe(6);
    expect(
      (await auditor.call("listUsers", { query: { q: "water" } })).items.map((user) => user.email),
    ).toEqual(["member@water.example"]);
  });

  it("are added by an organisation admin in their own organisation, with a password shown once", async () => {
    const boss = await server.client("boss@grid.example");
    const created = await boss.call("createUser", {
      body: {
        email: "New.Engineer@Grid.example",
        name: "New Engineer",
        organisationId: server.cast.organisations.operator,
        roles: ["analyst"],
      },
    });
    expect(created.email).toBe("new.engineer@grid.example");
    expect(created.initialPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const fresh = await server.client();
    expect(
      (await fresh.call("login", { body: { email: created.email, password: created.initialPassword ?? "" } }))
        .name,
    ).toBe("New Engineer");
    expect(
      await status(
        boss.call("createUser", {
          body: {
            email: "new.engineer@grid.example",
            name: "Twin",
            organisationId: server.cast.organisations.operator,
            roles: ["member"],
          },
        }),
      ),
    ).toBe(409);
  });

  it("cannot be added elsewhere or given oversight roles by an organisation admin", async () => {
    const boss = await server.client("boss@grid.example");
    const base = {
      email: "x@grid.example",
      name: "X",
      organisationId: server.cast.organisations.operator,
      roles: ["member" as const],
    };
    expect(
      await status(
        boss.call("createUser", { body: { ...base, organisationId: server.cast.organisations.other } }),
      ),
    ).toBe(403);
    expect(await status(boss.call("createUser", { body: { ...base, roles: ["auditor"] } }))).toBe(403);
    expect(await status(boss.call("createUser", { body: { ...base, roles: ["platform-admin"] } }))).toBe(403);
    expect(
      await status((await server.client("member@grid.example")).call("createUser", { body: base })),
    ).toBe(403);
    expect(
      (await (await server.client("admin@authority.example")).call("listUsers", { query: { q: "x@grid" } }))
        .total,
    ).toBe(0);
  });

  it("are deactivated by their admin, which ends their sessions and stops sign-in", async () => {
    const analyst = await server.client("analyst@grid.example");
    const boss = await server.client("boss@grid.example");
    expect(
      await status(
        boss.call("updateUser", { params: { id: server.cast.users.outsider }, body: { active: false } }),
      ),
    ).toBe(404);
    const updated = await boss.call("updateUser", {
      params: { id: server.cast.users.analyst },
      body: { active: false },
    });
    expect(updated.active).toBe(false);
    expect(await status(analyst.call("me"))).toBe(401);
    expect(
      await status(
        (await server.client()).call("login", {
          body: { email: "analyst@grid.example", password: PASSWORD },
        }),
      ),
    ).toBe(401);
    await boss.call("updateUser", {
      params: { id: server.cast.users.analyst },
      body: { active: true, roles: ["analyst", "coordinator"] },
    });
    expect((await (await server.client("analyst@grid.example")).call("me")).roles).toEqual([
      "analyst",
      "coordinator",
    ]);
  });

  it("cannot lock themselves out of administration", async () => {
    const admin = await server.client("admin@authority.example");
    expect(
      await status(
        admin.call("updateUser", { params: { id: server.cast.users.admin }, body: { active: false } }),
      ),
    ).toBe(403);
    expect(
      await status(
        admin.call("updateUser", { params: { id: server.cast.users.admin }, body: { roles: ["member"] } }),
      ),
    ).toBe(403);
    // Keeping platform-admin, they change their other roles as they like.
    for (const roles of [
      ["platform-admin", "auditor"],
      ["platform-admin", "analyst"],
      ["platform-admin"],
    ] as const)
      expect(
        await status(
          admin.call("updateUser", { params: { id: server.cast.users.admin }, body: { roles: [...roles] } }),
        ),
      ).toBe(200);
  });

  it("cannot change their own roles below a platform admin; role changes are audited before and after", async () => {
    const boss = await server.client("boss@grid.example");
    const self = { id: server.cast.users.orgAdmin };
    for (const roles of [["organisation-admin", "coordinator"], ["coordinator"]] as const)
      expect(await status(boss.call("updateUser", { params: self, body: { roles: [...roles] } }))).toBe(403);
    expect((await boss.call("getUser", { params: self })).roles).toEqual(["organisation-admin"]);
    // Their name is theirs to change; sending their roles unchanged is no change.
    await boss.call("updateUser", { params: self, body: { name: "Boss", roles: ["organisation-admin"] } });
    const admin = await server.client("admin@authority.example");
    await admin.call("updateUser", {
      params: { id: server.cast.users.member },
      body: { roles: ["member", "analyst"] },
    });
    const [entry] = (
      await admin.call("listAudit", { query: { action: "user.update", targetId: server.cast.users.member } })
    ).items;
    expect(entry?.details).toMatchObject({ roles: { before: ["member"], after: ["member", "analyst"] } });
    await admin.call("updateUser", { params: { id: server.cast.users.member }, body: { roles: ["member"] } });
  });

  it("get a new password from their admin, which ends their sessions", async () => {
    const member = await server.client("member@grid.example");
    const boss = await server.client("boss@grid.example");
    expect(
      await status(
        (await server.client("member@water.example")).call("resetPassword", {
          params: { id: server.cast.users.member },
          body: {},
        }),
      ),
    ).toBe(404);
    const reset = await boss.call("resetPassword", { params: { id: server.cast.users.member }, body: {} });
    expect(reset.password).toHaveLength(20);
    expect(await status(member.call("me"))).toBe(401);
    await boss.call("resetPassword", {
      params: { id: server.cast.users.member },
      body: { password: PASSWORD },
    });
  });
});
