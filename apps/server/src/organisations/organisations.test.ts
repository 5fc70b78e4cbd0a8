import { ApiError, type OrganisationCreate } from "@bulwark/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const status = statusOf;

describe("organisations", () => {
  it("form a directory every signed-in user can search and filter", async () => {
    const member = await server.client("member@water.example");
    const all = await member.call("listOrganisations");
    expect(all.total).toBe(3);
    expect(all.items.map((org) => org.name)).toEqual([
      "Test Authority",
      "Test Grid Operator",
      "Test Water Utility",
    ]);
    expect(
      (await member.call("listOrganisations", { query: { q: "grid" } })).items.map((org) => org.name),
    ).toEqual(["Test Grid Operator"]);
    expect((await member.call("listOrganisations", { query: { kind: "national-authority" } })).total).toBe(1);
    expect((await member.call("listOrganisations", { query: { sector: "energy-electricity" } })).total).toBe(
      2,
    );
    expect(
      (await member.call("listOrganisations", { query: { limit: 1, offset: 1 } })).items[0]?.userCount,
    ).toBe(3);
  });

  it("are registered by platform admins only; others get 403 and nothing is created", async () => {
    const body: OrganisationCreate = {
      name: "Meridian Rail",
      kind: "public-operator",
      country: "XM",
      sectors: ["transport-rail"],
    };
    for (const email of ["member@grid.example", "boss@grid.example", "auditor@authority.example"])
      expect(await status((await server.client(email)).call("createOrganisation", { body }))).toBe(403);
    const admin = await server.client("admin@authority.example");
    expect((await admin.call("listOrganisations", { query: { q: "Meridian" } })).total).toBe(0);
    const created = await admin.call("createOrganisation", { body });
    expect(created).toMatchObject({ name: "Meridian Rail", sectors: ["transport-rail"], userCount: 0 });
    expect(await status(admin.call("createOrganisation", { body: { ...body, name: "meridian rail" } }))).toBe(
      409,
    );
  });

  it("reject invalid input with the fields named", async () => {
    const admin = await server.client("admin@authority.example");
    const error = await admin
      .call("createOrganisation", {
        body: { name: " ", kind: "pirates" as "academia", country: "xm", sectors: ["bakery" as "health"] },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const paths = error instanceof ApiError ? (error.problem.errors ?? []).map((item) => item.path) : [];
    expect(paths).toEqual(
      expect.arrayContaining(["body.name", "body.kind", "body.country", "body.sectors.0"]),
    );
  });

  it("are edited by their own organisation admin, not by another organisation's", async () => {
    const boss = await server.client("boss@grid.example");
    const updated = await boss.call("updateOrganisation", {
      params: { id: server.cast.organisations.operator },
      body: { shortName: "TGO" },
    });
    expect(updated.shortName).toBe("TGO");
    expect(
      await status(
        boss.call("updateOrganisation", {
          params: { id: server.cast.organisations.other },
          body: { shortName: "X" },
        }),
      ),
    ).toBe(403);
    const member = await server.client("member@grid.example");
    expect(
      await status(
        member.call("updateOrganisation", {
          params: { id: server.cast.organisations.operator },
          body: { shortName: "Y" },
        }),
      ),
    ).toBe(403);
    expect(
      (await member.call("getOrganisation", { params: { id: server.cast.organisations.other } })).shortName,
    ).toBeNull();
  });

  it("keep kind, sectors, country and verified out of their own admins' reach (finding 1)", async () => {
    const { organisations } = server.cast;
    const boss = await server.client("boss@grid.example");
    const own = { id: organisations.operator };
    const before = await boss.call("getOrganisation", { params: own });
    const attempts = [
      { kind: "national-authority" as const },
      { country: "FR" },
      { sectors: ["energy-electricity" as const, "nuclear" as const] },
      { verified: true },
      { shortName: "TGO2", kind: "national-authority" as const },
    ];
    for (const body of attempts) {
      const error = await boss
        .call("updateOrganisation", { params: own, body })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      if (error instanceof ApiError) {
        expect(error.status).toBe(403);
        const named = Object.keys(body).filter((field) => field !== "shortName");
        for (const field of named) expect(error.problem.detail).toContain(field);
      }
    }
    // Nothing changed, the profile field sent with a forbidden one included.
    expect(await boss.call("getOrganisation", { params: own })).toEqual(before);
    // Sending the policy fields unchanged (as a form does) is not a change.
    const same = await boss.call("updateOrganisation", {
      params: own,
      body: { kind: before.kind, country: before.country, sectors: before.sectors, website: null },
    });
    expect(same.kind).toBe("private-operator");
  });

  it("have their policy fields changed by platform admins, with before and after in the trail", async () => {
    const admin = await server.client("admin@authority.example");
    const id = server.cast.organisations.other;
    const changed = await admin.call("updateOrganisation", {
      params: { id },
      body: { kind: "regulator", verified: true, sectors: ["water-drinking"], shortName: "TWU" },
    });
    expect(changed).toMatchObject({ kind: "regulator", verified: true, sectors: ["water-drinking"] });
    const trail = await admin.call("listAudit", {
      query: { action: "organisation.update", targetId: id },
    });
    expect(trail.items[0]?.details).toEqual({
      fields: ["kind", "sectors", "shortName", "verified"],
      changes: {
        kind: { before: "public-operator", after: "regulator" },
        sectors: { before: ["energy-electricity"], after: ["water-drinking"] },
        verified: { before: false, after: true },
      },
    });
  });

  it("are removed only when empty, by platform admins", async () => {
    const admin = await server.client("admin@authority.example");
    expect(
      await status(admin.call("deleteOrganisation", { params: { id: server.cast.organisations.other } })),
    ).toBe(409);
    const empty = await admin.call("createOrganisation", {
      body: { name: "Short-lived", kind: "academia", country: "XM" },
    });
    expect(
      await status(
        (await server.client("boss@grid.example")).call("deleteOrganisation", { params: { id: empty.id } }),
      ),
    ).toBe(403);
    await admin.call("deleteOrganisation", { params: { id: empty.id } });
    expect(await status(admin.call("getOrganisation", { params: { id: empty.id } }))).toBe(404);
  });
});
