// Resource requests through the API (issue 18, ICS 213RR): who sees them (the two organisations, and
// the authority coordinating an incident it sees; nobody else, in lists and totals too), who moves
// them on (provider approves, assigns, declines; requester confirms delivery or cancels), deliveries
// shown on the incident, and bad input answered with problem+json, nothing changed.
import type { Client, ResourceRequestCreateInput } from "@bulwark/contracts";
import { insertAsset, insertUser } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, problemOf, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let watch: Client; // the authority's watch desk (coordinator)
let auditor: Client; // the authority's auditor: no working role
let gridAdmin: Client; // the requester
let gridMember: Client; // the requester's colleague without a working role
let water: Client; // the provider (organisation administrator)
let incidentId: string;
let assetS: string;

const T0 = "2026-11-22T03:00:00.000Z";
const NEEDED = "2026-11-25T12:00:00.000Z";

async function counts() {
  const result = await server.db.execute(sql`select
    (select count(*)::int from resource_requests) as requests,
    (select string_agg(state, ',' order by id) from resource_requests) as states,
    (select count(*)::int from resource_request_changes) as changes,
    (select count(*)::int from audit_log where action like 'resource-requests.%') as audit`);
  return (result as unknown as { rows: unknown[] }).rows[0];
}

const ask = (over: Partial<ResourceRequestCreateInput> = {}): ResourceRequestCreateInput => ({
  what: "500 kVA generator",
  quantity: 2,
  unit: "generator",
  deliverTo: "Substation S, north gate",
  neededBy: NEEDED,
  priority: "urgent",
  toOrganisationId: server.cast.organisations.other,
  incidentId,
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  await insertUser(
    server.db,
    {
      email: "watch@authority.example",
      name: "Watch",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  await server.db.execute(
    sql`update users set roles = '{organisation-admin}' where email = 'member@water.example'`,
  );
  assetS = await insertAsset(
    server.db,
    {
      ref: "S",
      name: "Asset S",
      sector: "energy-electricity",
      operatorId: organisations.operator,
      status: "operational",
      populationServed: 1000,
      marking: "amber",
      tags: [],
      attributes: {},
      lat: 10,
      lon: 20,
    },
    now,
  );
  [watch, auditor, gridAdmin, gridMember, water] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("auditor@authority.example"),
    server.client("boss@grid.example"),
    server.client("member@grid.example"),
    server.client("member@water.example"),
  ]);
  const incident = await gridAdmin.call("createIncident", {
    body: {
      title: "Substation S attacked",
      type: "sabotage",
      startedAt: T0,
      awareAt: T0,
      regime: "eu-cer-article-15",
      tlp: "amber",
      audience: { organisationIds: [organisations.authority] },
      suspectedCause: "attack",
      threatFamily: "sabotage",
      assets: [{ assetId: assetS, status: "down", at: T0 }],
    },
  });
  incidentId = incident.id;
});
afterAll(() => server.close());

describe("asking and seeing", () => {
  it("shows a request to both organisations and to the authority of its incident, to nobody else", async () => {
    const request = await gridAdmin.call("createResourceRequest", { body: ask() });
    expect(request.state).toBe("requested");
    expect(request.from.id).toBe(server.cast.organisations.operator);
    expect(request.to.id).toBe(server.cast.organisations.other);
    expect(request.history.map((h) => h.state)).toEqual(["requested"]);
    expect(request.abilities.moves).toEqual(["cancelled"]);
    for (const reader of [gridAdmin, gridMember, water, watch]) {
      expect((await reader.call("getResourceRequest", { params: { id: request.id } })).id).toBe(request.id);
      const list = await reader.call("listResourceRequests", { query: { incidentId } });
      expect(list.items.map((item) => item.id)).toContain(request.id);
    }
    expect((await water.call("getResourceRequest", { params: { id: request.id } })).abilities.moves).toEqual([
      "approved",
      "declined",
    ]);
    expect((await watch.call("getResourceRequest", { params: { id: request.id } })).abilities.moves).toEqual(
      [],
    );
    // The authority's auditor has no working role: not a coordinator of the response.
    expect(await statusOf(auditor.call("getResourceRequest", { params: { id: request.id } }))).toBe(404);
    const seenByAuditor = await auditor.call("listResourceRequests", { query: {} });
    expect(seenByAuditor.items.map((item) => item.id)).not.toContain(request.id);
    expect(seenByAuditor.total).toBe(0);
  });

  it("keeps a request without an incident to its two organisations", async () => {
    const request = await gridAdmin.call("createResourceRequest", { body: ask({ incidentId: undefined }) });
    expect(request.incidentId).toBeNull();
    expect((await water.call("getResourceRequest", { params: { id: request.id } })).id).toBe(request.id);
    expect(await statusOf(watch.call("getResourceRequest", { params: { id: request.id } }))).toBe(404);
    expect(
      await statusOf(
        watch.call("updateResourceRequest", { params: { id: request.id }, body: { state: "cancelled" } }),
      ),
    ).toBe(404);
    const list = await watch.call("listResourceRequests", { query: {} });
    expect(list.items.map((item) => item.id)).not.toContain(request.id);
  });
});

describe("moving a request on", () => {
  it("goes requested, approved, assigned, delivered, each step by its side, and shows on the incident", async () => {
    const request = await gridAdmin.call("createResourceRequest", {
      body: ask({ what: "Line repair crew" }),
    });
    const id = request.id;
    const before = await counts();
    const wrongSide = await problemOf(
      gridAdmin.call("updateResourceRequest", { params: { id }, body: { state: "approved" } }),
    );
    expect(wrongSide.status).toBe(403);
    expect(wrongSide.detail).toBe(
      "Only a working role of the providing organisation moves a request to this state.",
    );
    expect(
      await statusOf(
        gridMember.call("updateResourceRequest", { params: { id }, body: { state: "cancelled" } }),
      ),
    ).toBe(403);
    expect(
      (await problemOf(water.call("updateResourceRequest", { params: { id }, body: { state: "assigned" } })))
        .status,
    ).toBe(409);
    expect(await counts()).toEqual(before);
    await water.call("updateResourceRequest", { params: { id }, body: { state: "approved" } });
    await water.call("updateResourceRequest", {
      params: { id },
      body: { state: "assigned", note: "Crew 4, two trucks." },
    });
    const delivered = await gridAdmin.call("updateResourceRequest", {
      params: { id },
      body: { state: "delivered" },
    });
    expect(delivered.state).toBe("delivered");
    expect(delivered.history.map((h) => h.state)).toEqual(["requested", "approved", "assigned", "delivered"]);
    expect(delivered.history[2]?.note).toBe("Crew 4, two trucks.");
    expect(delivered.abilities.moves).toEqual([]);
    expect(
      (
        await problemOf(
          gridAdmin.call("updateResourceRequest", { params: { id }, body: { state: "cancelled" } }),
        )
      ).status,
    ).toBe(409);
    // Deliveries of the incident, as the authority sees them.
    const onIncident = await watch.call("listResourceRequests", {
      query: { incidentId, state: "delivered" },
    });
    expect(onIncident.items.map((item) => item.what)).toEqual(["Line repair crew"]);
    // And in the incident's situation report, for those who see the request.
    const report = await gridAdmin.call("createSitrep", { params: { id: incidentId }, body: {} });
    expect(report.requests.map((r) => r.what)).toContain("Line repair crew");
  });

  it("lets the provider decline and the requester cancel", async () => {
    const declined = await gridAdmin.call("createResourceRequest", { body: ask() });
    const done = await water.call("updateResourceRequest", {
      params: { id: declined.id },
      body: { state: "declined", note: "None left." },
    });
    expect(done.state).toBe("declined");
    const cancelled = await gridAdmin.call("createResourceRequest", { body: ask() });
    expect(
      (
        await gridAdmin.call("updateResourceRequest", {
          params: { id: cancelled.id },
          body: { state: "cancelled" },
        })
      ).state,
    ).toBe("cancelled");
  });
});

describe("a request that moved on", () => {
  it("answers 409 in the caller's language, its states named in it (six languages)", async () => {
    const asked = await gridAdmin.call("createResourceRequest", { body: ask() });
    await water.call("updateResourceRequest", { params: { id: asked.id }, body: { state: "declined" } });
    const session = await signedIn(server, "member@water.example");
    const expected: Record<string, [string, string]> = {
      en: ["Conflict", "A resource request declined cannot become approved."],
      fr: [
        "Conflit",
        "Une demande de ressources à l'état « refusée » ne peut pas passer à l'état « approuvée ».",
      ],
      es: ["Conflicto", "Una solicitud de recursos en estado «rechazada» no puede pasar a «aprobada»."],
      ru: ["Конфликт", "Запрос ресурсов в состоянии «отклонён» не может перейти в состояние «одобрен»."],
      zh: ["冲突", "处于“已拒绝”状态的资源请求不能转为“已批准”。"],
      ar: ["تعارض", "لا يمكن لطلب موارد في حالة «مرفوض» أن ينتقل إلى حالة «معتمد»."],
    };
    const before = await counts();
    for (const [language, [title, detail]] of Object.entries(expected)) {
      const response = await server.inject({
        method: "PATCH",
        url: `/api/resource-requests/${asked.id}`,
        headers: session.headers({ "accept-language": language }),
        payload: { state: "approved" },
      });
      expect(response.statusCode).toBe(409);
      expect(response.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(JSON.parse(response.body)).toMatchObject({ title, detail });
    }
    expect(await counts()).toEqual(before);
  });
});

describe("bad input", () => {
  it("answers with problem+json and changes nothing", async () => {
    const before = await counts();
    const own = await problemOf(
      gridAdmin.call("createResourceRequest", {
        body: ask({ toOrganisationId: server.cast.organisations.operator }),
      }),
    );
    expect(own.status).toBe(403);
    const unknown = await problemOf(
      gridAdmin.call("createResourceRequest", {
        body: ask({ toOrganisationId: "00000000-0000-4000-8000-000000000001" }),
      }),
    );
    expect(unknown.status).toBe(422);
    // An incident the requester may not see is "not found".
    expect(
      await statusOf(
        water.call("createResourceRequest", {
          body: ask({ toOrganisationId: server.cast.organisations.operator }),
        }),
      ),
    ).toBe(404);
    expect(await statusOf(gridMember.call("createResourceRequest", { body: ask() }))).toBe(403);
    for (const body of [{ quantity: 0 }, { what: " " }, { neededBy: "tomorrow" }, { priority: "now" }]) {
      const response = await server.inject({
        method: "POST",
        url: "/api/resource-requests",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ ...ask(), ...body }),
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.headers["content-type"]).toMatch(/problem\+json/);
    }
    const viaClient = await problemOf(
      gridAdmin.call("createResourceRequest", { body: { ...ask(), quantity: 0 } }),
    );
    expect([400, 422]).toContain(viaClient.status);
    expect(await counts()).toEqual(before);
  });
});
