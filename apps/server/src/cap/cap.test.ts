// Alerts as CAP 1.2 over HTTP: every message served validates against the OASIS CAP 1.2 schema
// (packages/core/src/cap/schema); TLP:CLEAR alerts are public, any other alert is "not found" to
// whoever may not see it; the Atom feed lists current public alerts only; bad warnings change nothing.
import type { AlertWarningInput, Client, SharedItemComposeInput } from "@bulwark/contracts";
import { insertAsset, insertCommunity, insertUser, setCommunityOrganisations } from "@bulwark/db";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, type Session, signedIn, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { capSchemaErrors as schemaErrors } from "./cap-schema.test-support.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ["circle", "polygon", "entry", "category"].includes(name),
});

const UNKNOWN = "7d0c6a55-0f3b-4f5e-9d0e-6d1b8c1f2a3b";
let server: TestServer;
let coordinator: Client; // the authority's coordinator: publishes CLEAR
let gridMember: Client; // in the energy community
let outsider: Client; // water utility: not in the energy community
let energy: string;
let clearAsset: string;
let amberAsset: string;
let secondClearAsset: string;
const sessions = new Map<string, Session>();

const warning = (over: Partial<AlertWarningInput> = {}): AlertWarningInput => ({
  categories: ["Security", "Infra"],
  event: "Drone overflight",
  urgency: "Expected",
  severity: "Moderate",
  certainty: "Observed",
  instruction: "Review camera footage and report sightings.",
  expires: "2026-12-01T12:00:00Z",
  area: { description: "North-west substations", fromAssets: true, assetRadiusKm: 2 },
  ...over,
});

const alert = (over: Partial<SharedItemComposeInput> = {}): SharedItemComposeInput => ({
  type: "alert",
  title: "Drones over substations",
  body: "Drones seen at night. Questions to duty.officer@authority.example.",
  sectors: ["energy-electricity"],
  tlp: "clear",
  audience: {},
  warning: warning(),
  ...over,
});

async function publish(client: Client, input: SharedItemComposeInput) {
  const draft = await client.call("createSharedItem", { body: input });
  return client.call("submitSharedItem", { params: { id: draft.id } });
}

/** A person's session (its cookie for raw GETs, as a browser sends them). */
async function sessionOf(email: string): Promise<Session> {
  const session = sessions.get(email) ?? (await signedIn(server, email));
  sessions.set(email, session);
  return session;
}

async function getCap(id: string, email?: string) {
  const response = await server.inject({
    method: "GET",
    url: `/api/cap/alerts/${id}.xml`,
    headers: email ? { cookie: (await sessionOf(email)).cookie } : {},
  });
  return { status: response.statusCode, type: String(response.headers["content-type"]), body: response.body };
}

async function feed() {
  const response = await server.inject({ method: "GET", url: "/api/cap/alerts.atom" });
  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toMatch(/^application\/atom\+xml/);
  return parser.parse(response.body).feed;
}

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  await insertUser(
    server.db,
    {
      email: "coord@authority.example",
      name: "Coordinator One",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash: await hashPassword(PASSWORD),
    },
    now,
  );
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  const asset = (ref: string, lat: number, lon: number, marking: "clear" | "amber") =>
    insertAsset(
      server.db,
      {
        ref,
        name: ref,
        sector: "energy-electricity",
        operatorId: organisations.operator,
        lat,
        lon,
        status: "operational",
        populationServed: 0,
        marking,
        tags: [],
        attributes: {},
      },
      now,
    );
  clearAsset = await asset("SUB-1", -24.2225, -21.2258, "clear");
  secondClearAsset = await asset("SUB-2", -24.1564, -21.3903, "clear");
  amberAsset = await asset("SUB-3", -23.0559, -18.3904, "amber");
  [coordinator, gridMember, outsider] = await Promise.all([
    server.client("coord@authority.example"),
    server.client("member@grid.example"),
    server.client("member@water.example"),
  ]);
});
afterAll(() => server.close());

describe("an alert's CAP 1.2 message", () => {
  it("serves a TLP:CLEAR alert to anyone as a public Alert, valid against the CAP 1.2 schema", async () => {
    const item = await publish(coordinator, alert({ assetIds: [clearAsset, secondClearAsset, amberAsset] }));
    expect(item.cap).toEqual({ url: `/api/cap/alerts/${item.id}.xml`, messages: 1, withheldAssets: 1 });

    const answer = await getCap(item.id);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/cap\+xml/);
    expect(await schemaErrors(answer.body)).toEqual([]);
    const { alert: cap } = parser.parse(answer.body);
    expect([cap.status, cap.msgType, cap.scope]).toEqual(["Actual", "Alert", "Public"]);
    expect(cap.identifier).toBe(`bulwark-alert-${item.id}-1`);
    expect(cap.sender).toBe("localhost");
    expect(cap.sent).toBe("2026-11-24T09:00:00+00:00");
    expect(cap.info.category).toEqual(["Security", "Infra"]);
    expect(cap.info.expires).toBe("2026-12-01T12:00:00+00:00");
    expect(cap.info.instruction).toBe("Review camera footage and report sightings.");
    // A circle per CLEAR asset; the AMBER one stays off a public message.
    expect(cap.info.area.circle).toEqual(["-24.2225,-21.2258 2", "-24.1564,-21.3903 2"]);
    // The public (pseudonymised) body, never the one as written.
    expect(answer.body).not.toContain("duty.officer@authority.example");
    expect(cap.info.description).toMatch(/^Drones seen at night\. Questions to /);
  });

  it("serves drawn polygons and circles, and an alert without instruction or expiry", async () => {
    const item = await publish(
      coordinator,
      alert({
        warning: warning({
          instruction: null,
          expires: null,
          area: {
            description: "Port district",
            fromAssets: false,
            polygons: [
              [
                { lat: -22.95, lon: -18.52 },
                { lat: -22.95, lon: -18.34 },
                { lat: -23.07, lon: -18.34 },
              ],
            ],
            circles: [{ lat: -23, lon: -18.4, radiusKm: 0.5 }],
          },
        }),
        assetIds: [clearAsset],
      }),
    );
    const answer = await getCap(item.id);
    expect(await schemaErrors(answer.body)).toEqual([]);
    const { info } = parser.parse(answer.body).alert;
    expect(info.area.polygon).toEqual(["-22.95,-18.52 -22.95,-18.34 -23.07,-18.34 -22.95,-18.52"]);
    expect(info.area.circle).toEqual(["-23,-18.4 0.5"]);
    expect(info.instruction).toBeUndefined();
    expect(info.expires).toBeUndefined();
  });

  it("gives an alert composed without a warning the 'Unknown' codes, still valid", async () => {
    const item = await publish(coordinator, alert({ warning: undefined, assetIds: [clearAsset] }));
    expect(item.warning).toMatchObject({ urgency: "Unknown", severity: "Unknown", certainty: "Unknown" });
    const answer = await getCap(item.id);
    expect(await schemaErrors(answer.body)).toEqual([]);
  });

  it("restricts an AMBER alert to those who may see it, and is 'not found' to everyone else", async () => {
    const item = await publish(
      coordinator,
      alert({ tlp: "amber", audience: { communityIds: [energy] }, assetIds: [amberAsset] }),
    );
    const recipient = await getCap(item.id, "member@grid.example");
    expect(recipient.status).toBe(200);
    expect(await schemaErrors(recipient.body)).toEqual([]);
    const { alert: cap } = parser.parse(recipient.body);
    expect(cap.scope).toBe("Restricted");
    expect(cap.restriction).toMatch(/^TLP:AMBER: Limited disclosure/);
    expect(cap.info.area.circle).toEqual(["-23.0559,-18.3904 2"]);
    expect(recipient.body).not.toContain("duty.officer@authority.example");

    const unknown = await getCap(UNKNOWN);
    for (const answer of [await getCap(item.id), await getCap(item.id, "member@water.example")]) {
      expect(answer.status).toBe(404);
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect(answer.body.replace(item.id, "ID")).toBe(unknown.body.replace(UNKNOWN, "ID"));
    }
    // A broken credential reads as the public: still nothing.
    const forged = await server.inject({
      method: "GET",
      url: `/api/cap/alerts/${item.id}.xml`,
      headers: { authorization: "Bearer bwk_not-a-token" },
    });
    expect(forged.statusCode).toBe(404);
    expect(await statusOf(outsider.call("getSharedItem", { params: { id: item.id } }))).toBe(404);
  });

  it("has no CAP message for drafts, other item types, or malformed addresses", async () => {
    const draft = await coordinator.call("createSharedItem", { body: alert() });
    expect((await getCap(draft.id, "coord@authority.example")).status).toBe(404);
    expect(draft.cap).toBeNull();
    const report = await publish(coordinator, { ...alert({ type: "report" }), warning: undefined });
    expect(report.warning).toBeNull();
    expect((await getCap(report.id)).status).toBe(404);
    const odd = await server.inject({ method: "GET", url: "/api/cap/alerts/not-an-id.xml" });
    expect(odd.statusCode).toBe(404);
  });

  it("sends an Update after a revision and a Cancel after withdrawal, each referencing the earlier ones", async () => {
    const item = await publish(coordinator, alert({ assetIds: [clearAsset] }));
    server.advance(60_000);
    const revised = await coordinator.call("reviseAlertWarning", {
      params: { id: item.id },
      body: { warning: warning({ severity: "Severe", urgency: "Immediate" }) },
    });
    expect(revised.cap?.messages).toBe(2);
    const update = await getCap(item.id);
    expect(await schemaErrors(update.body)).toEqual([]);
    const updated = parser.parse(update.body).alert;
    expect([updated.msgType, updated.identifier, updated.info.severity]).toEqual([
      "Update",
      `bulwark-alert-${item.id}-2`,
      "Severe",
    ]);
    expect(updated.references).toBe(`localhost,bulwark-alert-${item.id}-1,2026-11-24T09:00:00+00:00`);

    server.advance(60_000);
    await coordinator.call("withdrawSharedItem", { params: { id: item.id } });
    const cancel = await getCap(item.id);
    expect(await schemaErrors(cancel.body)).toEqual([]);
    const cancelled = parser.parse(cancel.body).alert;
    expect(cancelled.msgType).toBe("Cancel");
    expect(cancelled.references.split(" ")).toHaveLength(2);
    // Withdrawn: nothing more to revise (its author could while it was published: a conflict naming its state).
    expect(
      await statusOf(
        coordinator.call("reviseAlertWarning", { params: { id: item.id }, body: { warning: warning() } }),
      ),
    ).toBe(409);
  });
});

describe("bad warnings", () => {
  it("answer problem+json and change nothing", async () => {
    const drafts = async () =>
      (await coordinator.call("listSharedItems", { query: { status: "draft", limit: 200 } })).total;
    const before = await drafts();
    // Through the typed client (session and CSRF): every bad shape is refused.
    const bad: SharedItemComposeInput[] = [
      alert({ warning: { ...warning(), categories: [] } }),
      alert({ warning: { ...warning(), event: "  " } }),
      alert({ warning: { ...warning(), expires: "next week" } }),
      alert({
        warning: warning({
          area: {
            description: "x",
            fromAssets: false,
            polygons: [
              [
                { lat: 1, lon: 1 },
                { lat: 2, lon: 2 },
              ],
            ],
          },
        }),
      }),
      alert({ warning: warning({ area: { description: "x", fromAssets: false } }) }),
      alert({
        warning: warning({ area: { description: "x", circles: [{ lat: 91, lon: 0, radiusKm: 1 }] } }),
      }),
      { ...alert({ type: "report" }) },
    ];
    for (const body of bad) expect(await statusOf(coordinator.call("createSharedItem", { body }))).toBe(400);
    // An unknown code, as a raw request would send it.
    const raw = await statusOf(
      coordinator.call("createSharedItem", {
        body: alert({ warning: { ...warning(), urgency: "Soon" as "Expected" } }),
      }),
    );
    expect(raw).toBe(400);
    // Already past: the server's clock decides.
    expect(
      await statusOf(
        coordinator.call("createSharedItem", {
          body: alert({ warning: warning({ expires: "2026-11-24T08:00:00Z" }) }),
        }),
      ),
    ).toBe(422);
    expect(await drafts()).toBe(before);

    // As a raw client sees it: RFC 9457 problem+json naming the field.
    const coord = await sessionOf("coord@authority.example");
    const answer = await server.inject({
      method: "POST",
      url: "/api/sharing/items",
      headers: coord.headers({ "content-type": "application/json" }),
      payload: JSON.stringify({ ...alert(), warning: { ...warning(), severity: "Huge" } }),
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body).errors).toEqual([
      expect.objectContaining({ path: expect.stringContaining("warning.severity") }),
    ]);
    expect(await drafts()).toBe(before);
  });

  it("leave a published alert's CAP as it was, and only its sender side may revise it", async () => {
    const item = await publish(coordinator, alert());
    const before = await getCap(item.id);
    expect(
      await statusOf(
        coordinator.call("reviseAlertWarning", {
          params: { id: item.id },
          body: { warning: { ...warning(), severity: "Huge" as "Severe" } },
        }),
      ),
    ).toBe(400);
    expect(
      await statusOf(
        coordinator.call("reviseAlertWarning", { params: { id: item.id }, body: { warning: warning() } }),
      ),
    ).toBe(200);
    const after = await getCap(item.id);
    expect(parser.parse(after.body).alert.msgType).toBe("Update");
    expect(before.body).not.toBe(after.body);
    // A recipient may not revise it, nor may anyone outside see that it exists.
    expect(
      await statusOf(
        gridMember.call("reviseAlertWarning", { params: { id: item.id }, body: { warning: warning() } }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        outsider.call("reviseAlertWarning", { params: { id: item.id }, body: { warning: warning() } }),
      ),
    ).toBe(403);
    expect((await getCap(item.id)).body).toBe(after.body);
  });
});

describe("the Atom feed of current alerts", () => {
  it("lists current TLP:CLEAR alerts only, each linking to its CAP message", async () => {
    const current = await publish(coordinator, alert({ title: "Current public alert" }));
    const amber = await publish(
      coordinator,
      alert({ title: "Amber alert", tlp: "amber", audience: { communityIds: [energy] } }),
    );
    const withdrawn = await publish(coordinator, alert({ title: "Withdrawn public alert" }));
    await coordinator.call("withdrawSharedItem", { params: { id: withdrawn.id } });
    const report = await publish(coordinator, {
      ...alert({ type: "report", title: "Public report" }),
      warning: undefined,
    });
    const soon = await publish(
      coordinator,
      alert({ title: "Expiring public alert", warning: warning({ expires: "2026-11-24T10:00:00Z" }) }),
    );
    const draft = await coordinator.call("createSharedItem", {
      body: alert({ title: "Draft public alert" }),
    });

    const listed = (await feed()).entry.map((entry: { id: string }) => entry.id);
    expect(listed).toContain(`urn:uuid:${current.id}`);
    expect(listed).toContain(`urn:uuid:${soon.id}`);
    for (const hidden of [amber, withdrawn, report, draft])
      expect(listed).not.toContain(`urn:uuid:${hidden.id}`);

    const atom = await feed();
    expect(atom["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(atom.id).toBe("http://localhost:8080/api/cap/alerts.atom");
    expect(typeof atom.title).toBe("string");
    expect(atom.updated).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(atom.author.name).toBeTruthy();
    const entry = atom.entry.find((e: { id: string }) => e.id === `urn:uuid:${current.id}`);
    expect(entry.title).toBe("Current public alert");
    expect(entry.updated).toBe(current.publishedAt);
    expect(entry.link).toMatchObject({
      "@_rel": "alternate",
      "@_type": "application/cap+xml",
      "@_href": `http://localhost:8080/api/cap/alerts/${current.id}.xml`,
    });

    server.advance(2 * 3_600_000); // past the expiring alert's expiry
    const later = (await feed()).entry.map((e: { id: string }) => e.id);
    expect(later).toContain(`urn:uuid:${current.id}`);
    expect(later).not.toContain(`urn:uuid:${soon.id}`);
  });
});
