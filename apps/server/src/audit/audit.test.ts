import { ApiError } from "@bulwark/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("audit trail API", () => {
  it("is closed to everyone but auditors and platform admins", async () => {
    for (const email of ["member@grid.example", "boss@grid.example"]) {
      const client = await server.client(email);
      for (const call of [() => client.call("listAudit"), () => client.call("verifyAudit")]) {
        const error = await call().catch((caught: unknown) => caught);
        expect(error instanceof ApiError && error.status).toBe(403);
      }
    }
  });

  it("records every change with who did it, and filters", async () => {
    const admin = await server.client("admin@authority.example");
    const org = await admin.call("createOrganisation", {
      body: { name: "Audited Org", kind: "academia", country: "XM" },
    });
    await admin.call("updateOrganisation", { params: { id: org.id }, body: { shortName: "AO" } });
    const auditor = await server.client("auditor@authority.example");
    const page = await auditor.call("listAudit", { query: { targetId: org.id } });
    expect(page.items.map((entry) => [entry.action, entry.actorName])).toEqual([
      ["organisation.update", "admin"],
      ["organisation.create", "admin"],
    ]);
    const signIns = await auditor.call("listAudit", {
      query: { action: "auth.", actorId: server.cast.users.admin },
    });
    expect(signIns.items.every((entry) => entry.action === "auth.sign-in")).toBe(true);
    expect(signIns.items.length).toBeGreaterThanOrEqual(1);
  });

  it("records a request the policy refused as access.denied, with no personal data (finding 21)", async () => {
    const boss = await server.client("boss@grid.example");
    const target = server.cast.organisations.other;
    const error = await boss
      .call("updateOrganisation", { params: { id: target }, body: { shortName: "Mine now" } })
      .catch((caught: unknown) => caught);
    expect(error instanceof ApiError && error.status).toBe(403);
    const member = await server.client("member@grid.example");
    expect(
      await member.call("listAudit").then(
        () => 200,
        (caught: unknown) => (caught instanceof ApiError ? caught.status : 0),
      ),
    ).toBe(403);
    const auditor = await server.client("auditor@authority.example");
    const denied = await auditor.call("listAudit", { query: { action: "access.denied" } });
    const [audit, update] = denied.items;
    expect(update).toMatchObject({
      actorId: server.cast.users.orgAdmin,
      targetType: "organisations",
      targetId: target,
      details: { endpoint: "PATCH /api/organisations/:id", roles: ["organisation-admin"] },
    });
    expect(audit).toMatchObject({
      actorId: server.cast.users.member,
      details: { endpoint: "GET /api/audit" },
    });
    // Ids, roles and the endpoint's pattern only: no e-mail, name, body or reason text.
    expect(JSON.stringify(denied.items)).not.toMatch(/Mine now|@grid\.example|Only a platform/);
  });

  it("reports an intact chain, then names the entry someone edited in the database", async () => {
    const auditor = await server.client("auditor@authority.example");
    const intact = await auditor.call("verifyAudit");
    expect(intact).toMatchObject({ ok: true, firstBroken: null });
    const victim = (await auditor.call("listAudit", { query: { action: "organisation.create" } })).items[0];
    await server.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await server.db.execute(sql`update audit_log set actor_id = null where seq = ${victim?.seq}`);
    await server.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const broken = await auditor.call("verifyAudit");
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken?.seq).toBe(victim?.seq);
  });
});
