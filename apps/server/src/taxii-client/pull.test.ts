// Pulling a TAXII subscription from a stand-in remote that answers like the TAXII 2.1
// specification's examples: pages followed through `next`, markings applied on arrival, the cursor
// moved only after a page is stored, and every failure (401, 403, 404, 406, 429 with Retry-After, a
// bundle where an envelope belongs, redirects, bad JSON, invalid STIX, a dead remote) recorded as a
// plain last-run error that changes nothing and never quotes the credentials.
import type { Client, TaxiiSubscription } from "@bulwark/contracts";
import { TLP_2_0_MARKING_IDS } from "@bulwark/core";
import { insertCommunity, listAudit, rowsOf, setCommunityOrganisations } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";
import { DEFAULT_PULL_LIMITS, runSubscription } from "./pull.service.ts";
import {
  type DoubleAnswer,
  type DoubleRequest,
  type RemoteDouble,
  startRemoteDouble,
} from "./remote-double.ts";
import { taxiiScheduler } from "./scheduler.ts";

const TOKEN = "remote-bearer-token-that-must-not-leak";
const COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116";
const MINUTE = 60_000;

let server: TestServer;
let remote: RemoteDouble;
let gridAdmin: Client;
let energy: string;
let id: string;

const identity = (
  n: number,
  modified = "2026-11-01T00:00:00.000Z",
  marking?: keyof typeof TLP_2_0_MARKING_IDS,
) => ({
  type: "identity",
  spec_version: "2.1",
  id: `identity--00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  created: "2026-11-01T00:00:00.000Z",
  modified,
  name: `Operator ${n}`,
  identity_class: "organization",
  ...(marking ? { object_marking_refs: [TLP_2_0_MARKING_IDS[marking]] } : {}),
});

/** An objects page as the specification's example answers it. */
const page = (objects: unknown[], last: string | null, more = false, next?: string): DoubleAnswer => ({
  headers: last ? { "x-taxii-date-added-first": last, "x-taxii-date-added-last": last } : {},
  body: { more, ...(next ? { next } : {}), objects },
});

const objectsPath = `/api1/collections/${COLLECTION}/objects/`;
const objectRequests = () => remote.requests.filter((request) => request.path === objectsPath);

/** Answer objects requests with `answer`, after checking the bearer token like a real peer. */
function remoteAnswers(answer: (request: DoubleRequest) => DoubleAnswer) {
  remote.answer((request) => {
    if (request.headers.authorization !== `Bearer ${TOKEN}`)
      return { status: 401, body: { title: "Unauthorized" } };
    if (request.path !== objectsPath) return { status: 404, body: { title: "Unknown collection" } };
    return answer(request);
  });
}

const pull = () => gridAdmin.call("pullTaxiiSubscription", { params: { id } });
const held = async () =>
  rowsOf<{
    stix_id: string;
    tlp: string;
    source: string;
    owner: string;
    added_by: string | null;
    version: string;
  }>(
    await server.db.execute(sql`select stix_id, tlp, source, owner_organisation_id as owner, added_by,
      to_char(version at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as version
      from stix_objects where collection_id = ${energy} order by seq`),
  );

beforeAll(async () => {
  // The stand-in remote listens on loopback, which the outbound guard refuses unless allowed.
  server = await startTestServer({ env: { BULWARK_OUTBOUND_ALLOW: "127.0.0.1" } });
  remote = await startRemoteDouble();
  const { organisations } = server.cast;
  const now = server.context.clock();
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  gridAdmin = await server.client("boss@grid.example");
  id = (
    await gridAdmin.call("createTaxiiSubscription", {
      body: {
        communityId: energy,
        name: "Regional hub",
        apiRootUrl: remote.apiRoot,
        collectionId: COLLECTION,
        auth: { kind: "bearer", token: TOKEN },
        intervalMinutes: 30,
      },
    })
  ).id;
});
afterAll(async () => {
  await remote.close();
  await server.close();
});

describe("pulling a remote collection", () => {
  it("follows more/next, stores each object under its marking (RED refused, unmarked at the default), and moves the cursor", async () => {
    remoteAnswers((request) =>
      request.query.get("next") === "page-2"
        ? page([identity(3), identity(4, undefined, "red")], "2026-11-20T10:00:00.000004Z")
        : page(
            [identity(1, undefined, "green"), identity(2, undefined, "amber+strict")],
            "2026-11-20T10:00:00.000002Z",
            true,
            "page-2",
          ),
    );
    const after = await pull();
    expect(after.lastRun).toMatchObject({
      outcome: "ok",
      received: 4,
      added: 3,
      duplicates: 0,
      refused: 1,
      error: null,
    });
    expect(after.cursor).toBe("2026-11-20T10:00:00.000004Z");
    const [first, second] = objectRequests();
    expect(first?.query.get("added_after")).toBeNull();
    expect(first?.query.get("limit")).toBe(String(DEFAULT_PULL_LIMITS.pageSize));
    expect(first?.headers.accept).toBe("application/taxii+json;version=2.1");
    expect(second?.query.get("next")).toBe("page-2");
    const rows = await held();
    expect(rows.map((row) => [row.stix_id.slice(-1), row.tlp])).toEqual([
      ["1", "green"],
      ["2", "amber+strict"],
      ["3", "amber"],
    ]);
    for (const row of rows)
      expect(row).toMatchObject({
        source: "subscription",
        owner: server.cast.organisations.operator,
        added_by: null,
      });
    const audit = await listAudit(
      server.db,
      { kind: "all" },
      { action: "taxii-subscription.pull", limit: 5 },
    );
    expect(audit.items[0]?.details).toMatchObject({ outcome: "ok", added: 3, refused: 1 });
  });

  it("asks next time only for what was added after the cursor; what it already holds is not added twice", async () => {
    const before = objectRequests().length;
    remoteAnswers((request) =>
      request.query.get("added_after") === "2026-11-20T10:00:00.000004Z"
        ? page([identity(3)], "2026-11-20T10:00:00.000005Z")
        : { status: 400, body: { title: "expected added_after" } },
    );
    const after = await pull();
    expect(objectRequests()).toHaveLength(before + 1);
    expect(after.lastRun).toMatchObject({ outcome: "ok", received: 1, added: 0, duplicates: 1 });
    expect(after.cursor).toBe("2026-11-20T10:00:00.000005Z");
    expect(await held()).toHaveLength(3);
  });

  it("keeps a newer version of an object as a version", async () => {
    remoteAnswers(() =>
      page([identity(1, "2026-11-21T00:00:00.000Z", "green")], "2026-11-21T00:00:00.000001Z"),
    );
    expect((await pull()).lastRun).toMatchObject({ added: 1 });
    expect((await held()).filter((row) => row.stix_id.endsWith("1")).map((row) => row.version)).toEqual([
      "2026-11-01T00:00:00.000Z",
      "2026-11-21T00:00:00.000Z",
    ]);
  });

  it("holds what it pulls as the subscription owner's organisation's, apart from another organisation's copy", async () => {
    // The authority holds object 9 first; the grid operator's subscription pulls a newer version.
    const admin = await server.client("admin@authority.example");
    await admin.call("importStixBundle", {
      query: { collection: energy },
      body: {
        type: "bundle",
        id: "bundle--00000000-0000-4000-8000-000000000099",
        objects: [identity(9, undefined, "green")],
      },
    });
    remoteAnswers(() =>
      page([identity(9, "2026-11-22T00:00:00.000Z", "green")], "2026-11-22T00:00:00.000001Z"),
    );
    expect((await pull()).lastRun).toMatchObject({ added: 1, duplicates: 0 });
    const nine = (await held()).filter((row) => row.stix_id.endsWith("9"));
    expect(nine.map((row) => [row.owner, row.version])).toEqual([
      [server.cast.organisations.authority, "2026-11-01T00:00:00.000Z"],
      [server.cast.organisations.operator, "2026-11-22T00:00:00.000Z"],
    ]);
    // The authority is still served its own version.
    const served = await admin.call("getStixCollectionObject", {
      params: { id: energy, stixId: identity(9).id },
    });
    expect(served.version).toBe("2026-11-01T00:00:00.000Z");
  });

  it("stops at the per-run cap and goes on from there next run", async () => {
    remoteAnswers((request) =>
      request.query.get("next") === "b"
        ? page([identity(12), identity(13)], "2026-11-22T00:00:00.000003Z")
        : page([identity(10), identity(11)], "2026-11-22T00:00:00.000002Z", true, "b"),
    );
    const limits = { ...DEFAULT_PULL_LIMITS, pageSize: 2, maxObjectsPerRun: 2 };
    expect(await runSubscription(server.context, id, { actorId: null, limits })).toBe("ran");
    let state = await gridAdmin.call("getTaxiiSubscription", { params: { id } });
    expect(state.lastRun).toMatchObject({ outcome: "capped", received: 2, added: 2 });
    expect(state.cursor).toBe("2026-11-22T00:00:00.000002Z");
    remoteAnswers((request) =>
      request.query.get("added_after") === "2026-11-22T00:00:00.000002Z" && !request.query.has("next")
        ? page([identity(12), identity(13)], "2026-11-22T00:00:00.000003Z")
        : { status: 400, body: { title: "unexpected query" } },
    );
    expect(await runSubscription(server.context, id, { actorId: null, limits })).toBe("ran");
    state = await gridAdmin.call("getTaxiiSubscription", { params: { id } });
    expect(state.lastRun).toMatchObject({ outcome: "ok", added: 2 });
  });
});

describe("when the remote fails", () => {
  let cursor: string | null;
  let rows: number;
  beforeEach(async () => {
    cursor = (await gridAdmin.call("getTaxiiSubscription", { params: { id } })).cursor;
    rows = (await held()).length;
  });

  async function failsWith(
    answer: DoubleAnswer | ((request: DoubleRequest) => DoubleAnswer),
    message: RegExp,
  ) {
    remoteAnswers(typeof answer === "function" ? answer : () => answer);
    const after = await pull();
    expect(after.lastRun?.outcome).toBe("failed");
    expect(after.lastRun?.error).toMatch(message);
    expect(after.lastRun?.error).not.toContain(TOKEN);
    expect(after.cursor).toBe(cursor);
    expect(await held()).toHaveLength(rows);
    return after;
  }

  it("says so plainly for each refusal the TAXII specification names", async () => {
    await failsWith(
      { status: 401, body: { title: `bad token ${TOKEN}` } },
      /refused the credentials \(401 Unauthorized\).*\*\*\*/,
    );
    await failsWith({ status: 403, body: { title: "Forbidden" } }, /403 Forbidden/);
    await failsWith({ status: 404, body: { title: "Not found" } }, /404 Not Found/);
    await failsWith({ status: 406, body: { title: "Not Acceptable" } }, /406 Not Acceptable.*TAXII 2\.1/);
    await failsWith({ status: 500, body: "oops" }, /failed \(HTTP 500\)/);
    await failsWith(
      { status: 302, headers: { location: "https://elsewhere.example/" }, body: "" },
      /redirect/,
    );
  });

  it("waits as long as a 429's Retry-After asks before trying again", async () => {
    const after = await failsWith(
      { status: 429, headers: { "retry-after": "7200" }, body: { title: "Too many requests" } },
      /429 Too Many Requests.*wait 7200 s/,
    );
    const lastRun = Date.parse(after.lastRun?.at ?? "");
    expect(Date.parse(after.nextRunAt) - lastRun).toBe(7_200_000);
  });

  it("refuses a STIX bundle where an envelope belongs, and answers that are not TAXII", async () => {
    await failsWith(
      {
        body: { type: "bundle", id: "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", objects: [identity(20)] },
      },
      /STIX bundle where TAXII 2\.1 sends an envelope/,
    );
    await failsWith({ body: { objects: "none" } }, /not a TAXII 2\.1 envelope/);
    await failsWith({ body: "{not json" }, /not valid JSON/);
    await failsWith(
      { headers: { "content-type": "text/html" }, body: "<html></html>" },
      /text\/html instead of application\/taxii\+json/,
    );
    await failsWith(page([identity(21)], "yesterday"), /X-TAXII-Date-Added-Last/);
    await failsWith(
      page([{ type: "identity", id: "identity--nope" }], "2026-11-23T00:00:00.000001Z"),
      /invalid STIX; nothing of that page was stored/,
    );
  });

  it("stores a page that says more objects wait, then stops when it gives no way to reach them", async () => {
    remoteAnswers(() => page([identity(22)], null, true));
    const after = await pull();
    expect(after.lastRun).toMatchObject({ outcome: "failed", added: 1 });
    expect(after.lastRun?.error).toMatch(/neither `next` nor X-TAXII-Date-Added-Last/);
    expect(after.cursor).toBe(cursor);
    expect(await held()).toHaveLength(rows + 1);
  });

  it("keeps what a run stored before the remote failed, and goes on from there", async () => {
    remoteAnswers((request) =>
      request.query.get("next") === "two"
        ? { status: 503, body: { title: "Unavailable" } }
        : page([identity(30)], "2026-11-24T00:00:00.000001Z", true, "two"),
    );
    const after = await pull();
    expect(after.lastRun).toMatchObject({ outcome: "failed", received: 1, added: 1 });
    expect(after.cursor).toBe("2026-11-24T00:00:00.000001Z");
    expect(await held()).toHaveLength(rows + 1);
  });

  it("gives up on a remote that does not answer in time", async () => {
    remoteAnswers(() => ({ ...page([], null), delayMs: 5_000 }));
    const limits = { ...DEFAULT_PULL_LIMITS, timeoutMs: 300 };
    expect(await runSubscription(server.context, id, { actorId: null, limits })).toBe("ran");
    const after = await gridAdmin.call("getTaxiiSubscription", { params: { id } });
    expect(after.lastRun).toMatchObject({
      outcome: "failed",
      error: "The remote did not answer within 300 ms.",
    });
  });

  it("reports a remote that cannot be reached", async () => {
    const gone = await startRemoteDouble();
    await gone.close();
    await gridAdmin.call("updateTaxiiSubscription", { params: { id }, body: { apiRootUrl: gone.apiRoot } });
    const after = await pull();
    expect(after.lastRun).toMatchObject({ outcome: "failed" });
    expect(after.lastRun?.error).toMatch(/Could not reach the remote/);
    await gridAdmin.call("updateTaxiiSubscription", {
      params: { id },
      body: { apiRootUrl: remote.apiRoot, auth: { kind: "bearer", token: TOKEN } },
    });
  });
});

describe("the subscription's owner", () => {
  const setOwnerRoles = (roles: string[]) =>
    server.db.execute(
      sql`update users set roles = ${`{${roles.join(",")}}`}::text[] where id = ${server.cast.users.orgAdmin}`,
    );
  /** Run as the scheduler does, and read the run back from the database. */
  const lastRun = async () => {
    expect(await runSubscription(server.context, id, { actorId: null })).toBe("ran");
    const [row] = rowsOf<{ outcome: string; added: number; refused: number; error: string | null }>(
      await server.db.execute(sql`select last_run_outcome as outcome, last_run_added as added,
        last_run_refused as refused, last_run_error as error from taxii_subscriptions where id = ${id}`),
    );
    return row;
  };

  it("bounds what arrives by their publish limit, and stops the pulls when they may no longer write", async () => {
    remoteAnswers(() =>
      page(
        [identity(40, undefined, "clear"), identity(41, undefined, "green")],
        "2026-11-24T01:00:00.000001Z",
      ),
    );
    await setOwnerRoles(["analyst"]); // publishes up to GREEN
    expect(await lastRun()).toMatchObject({ outcome: "ok", added: 1, refused: 1, error: null });
    expect((await held()).some((row) => row.stix_id.endsWith("40"))).toBe(false);
    await setOwnerRoles(["auditor"]); // may not publish at all
    const refused = await lastRun();
    expect(refused).toMatchObject({ outcome: "failed", added: 0 });
    expect(refused?.error).toMatch(/owner may no longer write/);
    await setOwnerRoles(["organisation-admin"]);
  });
});

describe("the schedule", () => {
  let scheduled: string;
  beforeAll(async () => {
    scheduled = (
      await gridAdmin.call("createTaxiiSubscription", {
        body: {
          communityId: energy,
          name: "Scheduled",
          apiRootUrl: remote.apiRoot,
          collectionId: COLLECTION,
          auth: { kind: "bearer", token: TOKEN },
          intervalMinutes: 15,
        },
      })
    ).id;
    // Only the new subscription is due in this block.
    await gridAdmin.call("updateTaxiiSubscription", { params: { id }, body: { enabled: false } });
  });

  const state = (): Promise<TaxiiSubscription> =>
    gridAdmin.call("getTaxiiSubscription", { params: { id: scheduled } });

  it("runs what is due, then again once the interval has passed, and never a disabled subscription", async () => {
    remoteAnswers(() => page([], null));
    const scheduler = taxiiScheduler(server.context, { intervalMs: 0, log: () => undefined });
    expect(await scheduler.tick()).toBe(1);
    expect((await state()).lastRun).toMatchObject({ outcome: "ok", received: 0 });
    expect(await scheduler.tick()).toBe(0);
    server.advance(15 * MINUTE);
    expect(await scheduler.tick()).toBe(1);
    await gridAdmin.call("updateTaxiiSubscription", { params: { id: scheduled }, body: { enabled: false } });
    server.advance(60 * MINUTE);
    expect(await scheduler.tick()).toBe(0);
    await scheduler.stop();
  });

  it("runs one pull of a subscription at a time", async () => {
    await server.db.execute(
      sql`update taxii_subscriptions set running_since = ${server.context.clock().toISOString()}::timestamptz where id = ${scheduled}`,
    );
    expect(await statusOf(gridAdmin.call("pullTaxiiSubscription", { params: { id: scheduled } }))).toBe(409);
    expect((await state()).running).toBe(true);
    // A run that started long ago died with its process: the next one takes over.
    server.advance(2 * 60 * MINUTE);
    expect((await gridAdmin.call("pullTaxiiSubscription", { params: { id: scheduled } })).running).toBe(
      false,
    );
  });
});
