// Federation of aggregates between two installations in one test (issue 20, item 6; ADR 0028): a
// national installation (k = 3) whose national authority consents to a hub and sends its signed
// aggregates over HTTP through the outbound guard; the hub (k = 5) knows it by its token and public
// key, drops every cell below its own rule, refuses a wrong signature, an unknown sender, a replayed,
// stale, misaddressed or misattributed payload, and shows the rest as the regional picture to the
// bodies that support states only. Every route is refused to whom the policy refuses it.
import { generateKeyPairSync, type KeyObject, randomUUID, sign } from "node:crypto";
import { createServer } from "node:net";
import type { Client } from "@bulwark/contracts";
import { canonicalJson, FEDERATION_FORMAT, type Json } from "@bulwark/core";
import { insertOrganisation, insertUser, listAudit, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { loadFrameworks, readFrameworks } from "../self-assessment/frameworks.service.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";

let national: TestServer;
let hub: TestServer;
let hubUrl: string;
let chief: Client; // the national authority's organisation administrator
let hubAdmin: Client;
let nationalToken: string;
let nationalKey: string;

/** A port free now, so the hub can be told its own public address before it listens. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

let passwordHash: Promise<string> | undefined;

async function person(server: TestServer, email: string, organisationId: string, roles: string[]) {
  passwordHash ??= hashPassword(PASSWORD);
  await insertUser(
    server.db,
    {
      email,
      name: email.split("@")[0] ?? email,
      organisationId,
      roles: roles as never,
      passwordHash: await passwordHash,
    },
    server.context.clock(),
  );
  return server.client(email);
}

const organisation = (server: TestServer, name: string, kind: string, country = "XM") =>
  insertOrganisation(
    server.db,
    { name, kind: kind as never, country, sectors: [], verified: true },
    server.context.clock(),
  );

/** A need recorded straight in the table (the assistance API is tested in its own folder). */
async function need(organisationId: string, theme: string, tlp = "green") {
  const [row] = rowsOf<{ id: string }>(
    await national.db.execute(sql`insert into assistance_needs
      (organisation_id, recorder_id, title, theme, urgency, modality, tlp, created_at, updated_at)
      values (${organisationId}, ${national.cast.users.admin}, ${`Help on ${theme}`}, ${theme}, 'medium',
        'training', ${tlp}, now(), now()) returning id`),
  );
  return row?.id ?? "";
}

beforeAll(async () => {
  const port = await freePort();
  hubUrl = `http://127.0.0.1:${port}`;
  [hub, national] = await Promise.all([
    startTestServer({ config: { publicUrl: hubUrl } }),
    // The national installation reaches the hub on loopback only because this host and port are
    // allowed, as an administrator would allow an internal hub; k = 3 here, 5 on the hub.
    startTestServer({ env: { BULWARK_OUTBOUND_ALLOW: `127.0.0.1:${port}`, BULWARK_FEDERATION_K: "3" } }),
  ]);
  await hub.app.listen({ port, host: "127.0.0.1" });
  await loadFrameworks(national.context, readFrameworks());
  // The test cast's organisations are unverified: the national authority is verified here.
  await national.db.execute(sql`update organisations set verified = true`);
  chief = await person(national, "chief@authority.example", national.cast.organisations.authority, [
    "organisation-admin",
  ]);
  hubAdmin = await hub.client("admin@authority.example");

  // Five verified organisations of the country, each with a consenting self-assessment and a
  // cyber need; three of them also need legal help; a provider engaged with five of them.
  const states: string[] = [];
  for (const [index, level] of [1, 2, 3, 4, 5].entries()) {
    const id = await organisation(national, `Agency ${index}`, "public-operator");
    states.push(id);
    const admin = await person(national, `admin${index}@agency.example`, id, ["organisation-admin"]);
    const run = await admin.call("createRun", { body: { frameworkId: "unsc-2341", title: "Baseline" } });
    await admin.call("updateAnswer", {
      params: { id: run.id, questionId: "strategy-document" },
      body: { version: 0, value: { type: "maturity", level } },
    });
    await admin.call("submitRun", { params: { id: run.id }, body: { consent: true } });
    await need(id, "cyber");
    if (index < 3) await need(id, "legal");
  }
  await need(states[0] ?? "", "cyber", "red"); // RED: never counted
  const provider = await organisation(national, "Regional Office", "international-organisation");
  for (const state of states) {
    const needId = await need(state, "exercises", "amber+strict"); // AMBER+STRICT: never counted
    await national.db.execute(sql`insert into assistance_engagements
      (need_id, state_organisation_id, provider_organisation_id, status, created_at, updated_at)
      values (${needId}, ${state}, ${provider}, 'active', now(), now())`);
  }
}, 180_000);
afterAll(async () => {
  await Promise.all([hub.close(), national.close()]);
});

describe("an installation's identity", () => {
  it("is an Ed25519 public key anyone may read, the same every time; the private key is stored sealed", async () => {
    const anonymous = await national.client();
    const first = await anonymous.call("getFederationIdentity", {});
    const again = await anonymous.call("getFederationIdentity", {});
    expect(first).toEqual(again);
    expect(first.algorithm).toBe("Ed25519");
    expect(Buffer.from(first.publicKey, "base64url")).toHaveLength(32);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    nationalKey = first.publicKey;
    const [stored] = rowsOf<{ value: { sealedPrivateKey: string } }>(
      await national.db.execute(sql`select value from settings where key = 'federation.identity'`),
    );
    // Sealed (v1.<iv>.<ciphertext>), never the PKCS#8 key in clear.
    expect(stored?.value.sealedPrivateKey).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain("MC4CAQAwBQYDK2Vw");
    // Another installation has another key.
    expect((await (await hub.client()).call("getFederationIdentity", {})).publicKey).not.toBe(nationalKey);
  });
});

describe("the hub's peers", () => {
  it("are registered by the hub's platform administrators only, with a valid key", async () => {
    const body = { name: "Republic of Meridia", country: "XM", publicKey: nationalKey };
    for (const email of ["boss@grid.example", "member@grid.example", "auditor@authority.example"])
      expect(await statusOf((await hub.client(email)).call("createFederationPeer", { body }))).toBe(403);
    expect(await statusOf((await hub.client()).call("createFederationPeer", { body }))).toBe(401);
    expect(await statusOf((await hub.client("boss@grid.example")).call("listFederationPeers", {}))).toBe(403);
    expect(
      await statusOf(hubAdmin.call("createFederationPeer", { body: { ...body, publicKey: "AAAA" } })),
    ).toBe(422);
    const created = await hubAdmin.call("createFederationPeer", { body });
    expect(created.token).toMatch(/^bwf_/);
    nationalToken = created.token;
    expect(await statusOf(hubAdmin.call("createFederationPeer", { body }))).toBe(409);
    const listed = await hubAdmin.call("listFederationPeers", {});
    expect(listed).toEqual([created.peer]);
    // The token is shown once and stored hashed.
    expect(JSON.stringify(listed)).not.toContain(nationalToken);
    const [row] = rowsOf<{ token_hash: string }>(
      await hub.db.execute(sql`select token_hash from federation_peers`),
    );
    expect(row?.token_hash).not.toContain(nationalToken);
  });
});

describe("the national authority's consent", () => {
  it("is recorded, read and withdrawn by the national authority's administrators only", async () => {
    const body = { hubUrl, hubToken: "bwf_not-yet-the-real-token" };
    for (const email of [
      "admin@authority.example", // platform administrator, not the authority's administrator
      "auditor@authority.example",
      "boss@grid.example", // an operator's administrator
      "member@grid.example",
    ]) {
      const client = await national.client(email);
      expect(await statusOf(client.call("recordFederationConsent", { body }))).toBe(403);
      expect(await statusOf(client.call("getFederationConsent", {}))).toBe(403);
      expect(await statusOf(client.call("withdrawFederationConsent", {}))).toBe(403);
      expect(await statusOf(client.call("sendFederationAggregates", {}))).toBe(403);
    }
    expect(await statusOf((await national.client()).call("sendFederationAggregates", {}))).toBe(401);
    expect(await chief.call("getFederationConsent", {})).toEqual({ consent: null });
    expect(await statusOf(chief.call("sendFederationAggregates", {}))).toBe(409);
    expect(
      await statusOf(
        chief.call("recordFederationConsent", { body: { ...body, hubUrl: `${hubUrl}/api?x=1` } }),
      ),
    ).toBe(422);
    const recorded = await chief.call("recordFederationConsent", { body });
    expect(recorded.consent).toMatchObject({
      hubUrl,
      organisation: { id: national.cast.organisations.authority, name: "Test Authority" },
      recordedBy: { name: "chief" },
      recordedAt: national.context.clock().toISOString(),
      lastSentAt: null,
      k: 3,
    });
    expect(await statusOf(chief.call("recordFederationConsent", { body }))).toBe(409);
    // The hub's token is kept sealed.
    const [row] = rowsOf<{ hub_token: string }>(
      await national.db.execute(sql`select hub_token from federation_consents`),
    );
    expect(row?.hub_token).not.toContain("not-yet");
    await chief.call("withdrawFederationConsent", {});
    expect(await chief.call("getFederationConsent", {})).toEqual({ consent: null });
  });

  it("is not a way past the outbound guard: another loopback port is refused before connecting", async () => {
    const port = Number(new URL(hubUrl).port) === 1 ? 2 : 1;
    await chief.call("recordFederationConsent", {
      body: { hubUrl: `http://127.0.0.1:${port}`, hubToken: "bwf_any-token-at-all" },
    });
    const refused = await chief.call("sendFederationAggregates", {}).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 502, problem: { detail: expect.stringMatching(/loopback/) } });
    await chief.call("withdrawFederationConsent", {});
  });
});

describe("sending signed aggregates", () => {
  it("sends k-anonymous cells only; the hub keeps those behind its own k and drops the rest", async () => {
    await chief.call("recordFederationConsent", { body: { hubUrl, hubToken: nationalToken } });
    const sent = await chief.call("sendFederationAggregates", {});
    const { payload } = sent;
    expect(payload).toMatchObject({ format: FEDERATION_FORMAT, hub: hubUrl, country: "XM", k: 3 });
    // Needs: cyber (5 organisations, 5 needs: the RED one left out) and legal (3, sent under k = 3);
    // AMBER+STRICT needs never counted.
    expect(payload.needs).toEqual([
      { theme: "cyber", organisations: 5, needs: 5 },
      { theme: "legal", organisations: 3, needs: 3 },
    ]);
    expect(payload.engagements).toEqual([{ status: "active", organisations: 5, engagements: 5 }]);
    // Only the strategy section was answered, by five organisations: levels 1 to 5 of 5, mean 0.6.
    expect(payload.selfAssessment).toEqual([
      { framework: "unsc-2341", version: 1, section: "strategy", organisations: 5, mean: expect.any(Number) },
    ]);
    expect(payload.selfAssessment[0]?.mean).toBeCloseTo(0.6, 4);
    // The hub (k = 5) dropped legal.
    expect(sent.received).toEqual({ needs: 1, selfAssessment: 1, engagements: 1, dropped: 1, k: 5 });
    // Nothing names an organisation.
    const text = JSON.stringify(sent);
    expect(text).not.toMatch(/Agency|Regional Office|Test Authority/);
    const consent = await chief.call("getFederationConsent", {});
    expect(consent.consent?.lastSentAt).toBe(national.context.clock().toISOString());
    const audit = await listAudit(national.db, { kind: "all" }, { action: "federation.send", limit: 5 });
    expect(JSON.stringify(audit.items)).not.toContain(nationalToken);
  });

  it("shows the regional picture to the hub's supporting bodies only, without the dropped cell", async () => {
    const picture = await hubAdmin.call("getFederationRegional", {});
    expect(picture.k).toBe(5);
    expect(picture.regions).toEqual([
      {
        region: "unassigned", // XM, the demo's country, has no M49 region
        countries: ["XM"],
        lastReceivedAt: expect.any(String),
        needs: [{ theme: "cyber", organisations: 5, needs: 5 }],
        selfAssessment: [
          expect.objectContaining({ framework: "unsc-2341", section: "strategy", organisations: 5 }),
        ],
        engagements: [{ status: "active", organisations: 5, engagements: 5 }],
      },
    ]);
    const coordinator = await person(
      hub,
      "coordinator@un.example",
      await organisation(hub, "United Nations Office", "international-organisation", "US"),
      ["coordinator"],
    );
    expect((await coordinator.call("getFederationRegional", {})).regions).toHaveLength(1);
    for (const email of ["boss@grid.example", "member@grid.example", "auditor@authority.example"])
      expect(await statusOf((await hub.client(email)).call("getFederationRegional", {}))).toBe(403);
    expect(await statusOf((await hub.client()).call("getFederationRegional", {}))).toBe(401);
    // The national side's own regional picture is empty: it received nothing.
    expect(
      (await (await national.client("admin@authority.example")).call("getFederationRegional", {})).regions,
    ).toEqual([]);
  });
});

describe("what the hub refuses", () => {
  let key: KeyObject;
  let token: string;
  let peerId: string;
  const payload = (changes: Record<string, unknown> = {}) => ({
    format: FEDERATION_FORMAT,
    hub: hubUrl,
    country: "FR",
    nonce: randomUUID(),
    sentAt: hub.context.clock().toISOString(),
    k: 5,
    needs: [
      { theme: "physical", organisations: 6, needs: 8 },
      { theme: "insider", organisations: 2, needs: 2 }, // below the rule
    ],
    selfAssessment: [
      { framework: "unsc-2341", version: 1, section: "risk", organisations: 7, mean: 0.5 },
      { framework: "unsc-2341", version: 1, section: "legal", organisations: 1, mean: 0.9 }, // one organisation
    ],
    engagements: [],
    ...changes,
  });
  const signed = (body: Record<string, unknown>, by = key) => ({
    payload: body,
    signature: sign(null, Buffer.from(canonicalJson(body as Json)), by).toString("base64url"),
  });
  const post = (envelope: unknown, bearer: string | null = token) =>
    hub.inject({
      method: "POST",
      url: "/api/federation/aggregates",
      headers: {
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        "content-type": "application/json",
      },
      payload: JSON.stringify(envelope),
    });
  const stored = async () =>
    Number(
      rowsOf<{ n: number }>(await hub.db.execute(sql`select count(*)::int as n from federation_receipts`))[0]
        ?.n,
    );

  beforeAll(async () => {
    const pair = generateKeyPairSync("ed25519");
    key = pair.privateKey;
    const created = await hubAdmin.call("createFederationPeer", {
      body: {
        name: "French Republic",
        country: "FR",
        publicKey: String(pair.publicKey.export({ format: "jwk" }).x),
      },
    });
    token = created.token;
    peerId = created.peer.id;
  });

  it("accepts a signed payload once, keeping only the cells behind k organisations", async () => {
    const envelope = signed(payload());
    const answer = await post(envelope);
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toEqual({ needs: 1, selfAssessment: 1, engagements: 0, dropped: 2, k: 5 });
    const replay = await post(envelope);
    expect(replay.statusCode).toBe(409);
    expect(replay.headers["content-type"]).toMatch(/application\/problem\+json/);
    const europe = (await hubAdmin.call("getFederationRegional", {})).regions.find(
      (r) => r.region === "europe",
    );
    expect(europe).toMatchObject({
      countries: ["FR"],
      needs: [{ theme: "physical", organisations: 6, needs: 8 }],
      selfAssessment: [{ framework: "unsc-2341", version: 1, section: "risk", organisations: 7, mean: 0.5 }],
      engagements: [],
    });
  });

  it("refuses a wrong signature, an unknown sender, and stale, misaddressed or misattributed payloads", async () => {
    const before = await stored();
    const body = payload();
    const tampered = {
      ...signed(body),
      payload: { ...body, needs: [{ theme: "physical", organisations: 60, needs: 80 }] },
    };
    const other = generateKeyPairSync("ed25519").privateKey;
    const cases: [string, Awaited<ReturnType<typeof post>>, number, RegExp][] = [
      ["tampered", await post(tampered), 401, /signature does not match/],
      ["signed by another key", await post(signed(payload(), other)), 401, /signature does not match/],
      [
        "the other peer's token",
        await post(signed(payload()), nationalToken),
        401,
        /signature does not match/,
      ],
      ["unknown token", await post(signed(payload()), "bwf_unknown"), 401, /unknown to the hub/],
      ["a user's API token", await post(signed(payload()), "bwk_user-token"), 401, /installation token/],
      ["no token", await post(signed(payload()), null), 401, /installation token/],
      [
        "stale",
        await post(
          signed(payload({ sentAt: new Date(hub.context.clock().getTime() - 3_600_000).toISOString() })),
        ),
        422,
        /too old/,
      ],
      [
        "from the future",
        await post(
          signed(payload({ sentAt: new Date(hub.context.clock().getTime() + 3_600_000).toISOString() })),
        ),
        422,
        /too old/,
      ],
      [
        "for another hub",
        await post(signed(payload({ hub: "https://hub.other.example" }))),
        422,
        /another hub/,
      ],
      ["another country", await post(signed(payload({ country: "DE" }))), 422, /country/],
      [
        "a cell twice",
        await post(
          signed(
            payload({
              engagements: [
                { status: "active", organisations: 5, engagements: 5 },
                { status: "active", organisations: 5, engagements: 5 },
              ],
            }),
          ),
        ),
        422,
        /twice/,
      ],
      ["a key the format does not know", await post(signed(payload({ organisationIds: ["x"] }))), 400, /./],
    ];
    for (const [name, answer, status, detail] of cases) {
      expect(answer.statusCode, name).toBe(status);
      expect(answer.headers["content-type"], name).toMatch(/application\/problem\+json/);
      expect(String(answer.json().detail), name).toMatch(detail);
    }
    expect(await stored()).toBe(before);
    // A wrong signature is recorded in the hub's audit trail (without the payload).
    const refused = await listAudit(hub.db, { kind: "all" }, { action: "federation.refused", limit: 10 });
    expect(refused.items.length).toBeGreaterThanOrEqual(3);
  });

  it("answers in the caller's language", async () => {
    const answer = await hub.inject({
      method: "POST",
      url: "/api/federation/aggregates",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "accept-language": "fr",
      },
      payload: JSON.stringify(signed(payload({ hub: "https://hub.other.example" }))),
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.json().detail).toBe("Le contenu envoyé est adressé à une autre plateforme régionale.");
  });

  it("stops hearing from an installation its administrators revoked, and drops what it sent from the picture", async () => {
    for (const email of ["boss@grid.example", "member@grid.example", "auditor@authority.example"])
      expect(
        await statusOf((await hub.client(email)).call("revokeFederationPeer", { params: { id: peerId } })),
      ).toBe(403);
    expect(
      await statusOf(
        hubAdmin.call("revokeFederationPeer", { params: { id: "00000000-0000-4000-8000-000000000000" } }),
      ),
    ).toBe(404);
    await hubAdmin.call("revokeFederationPeer", { params: { id: peerId } });
    expect(await statusOf(hubAdmin.call("revokeFederationPeer", { params: { id: peerId } }))).toBe(404);
    const refused = await post(signed(payload()));
    expect(refused.statusCode).toBe(401);
    expect(refused.json().detail).toMatch(/unknown to the hub, or its token was revoked/);
    const regions = (await hubAdmin.call("getFederationRegional", {})).regions.map((row) => row.region);
    expect(regions).toEqual(["unassigned"]);
    expect(
      (await hubAdmin.call("listFederationPeers", {})).find((peer) => peer.id === peerId)?.revokedAt,
    ).not.toBeNull();
  });
});
