// GET /api/sharing/events through real sockets, on PGlite and PostgreSQL: an item reaches, within a
// second, every reader who may see it, and never one who may not (RED to one named person, AMBER+
// STRICT to another organisation, AMBER to a community), also when the reader's stream is held by a
// second server process on the same database; a stream ends when its session is signed out (in
// either process) or its reader's roles change; a reconnection starts with `ready`, after which the
// list holds what was committed meanwhile; a sign-in holds a bounded number of streams.
import type { Client, SharedItemComposeInput } from "@bulwark/contracts";
import { insertCommunity, insertUser, setCommunityOrganisations, updateUser } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";
import { LIVE_DEFAULTS } from "./hub.ts";
import {
  type EventReader,
  itemEvent,
  type Listening,
  listen,
  openEvents,
  type Session,
  secondServer,
  signIn,
  signOut,
  within,
} from "./live.test-support.ts";

const PATH = "/api/sharing/events";
let server: TestServer;
let a: Listening;
let b: Listening;
let coordinator: Client;
let energy: string;
let gridMember2: string;
const opened: EventReader[] = [];

const open = async (base: string, session: Session, headers: Record<string, string> = {}) => {
  const reader = await openEvents(base, PATH, { cookie: session.cookie, ...headers });
  opened.push(reader);
  return reader;
};

const ready = (reader: EventReader) => reader.next((event) => event.event === "ready");

async function publish(input: Partial<SharedItemComposeInput>): Promise<string> {
  const draft = await coordinator.call("createSharedItem", {
    body: {
      type: "report",
      title: "Fence cut at a substation",
      body: "The fence of a substation was cut overnight.",
      sectors: ["energy-electricity"],
      tlp: "green",
      audience: { communityIds: [energy] },
      ...input,
    },
  });
  const item = await coordinator.call("submitSharedItem", { params: { id: draft.id } });
  expect(item.status).toBe("published");
  return item.id;
}

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  await insertUser(
    server.db,
    {
      email: "coord@authority.example",
      name: "Coordinator",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash,
    },
    now,
  );
  // A second member of the grid operator, in the same scope group as member@grid.example.
  gridMember2 = await insertUser(
    server.db,
    {
      email: "member2@grid.example",
      name: "Member Two",
      organisationId: organisations.operator,
      roles: ["member"],
      passwordHash,
    },
    now,
  );
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  coordinator = await server.client("coord@authority.example");
  a = await listen(server);
  b = await secondServer(server);
});

afterAll(async () => {
  for (const reader of opened) reader.close();
  await b?.close();
  await server?.close();
});

describe("GET /api/sharing/events", () => {
  it("answers a text/event-stream that opens with `ready`", async () => {
    const reader = await open(a.url, await signIn(a.url, "member@grid.example"));
    expect(reader.status).toBe(200);
    expect(reader.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(reader.headers.get("cache-control")).toBe("no-store");
    const first = await ready(reader);
    expect(first.id).not.toBe("");
    reader.close();
  });

  it("tells readers who may see an item within a second, and never those who may not", async () => {
    // Readers on both servers: the grid operator's two members (one scope group), the water
    // utility (outside every audience here) and the authority's auditor.
    const [member, member2, outsider, auditor] = await Promise.all([
      signIn(a.url, "member@grid.example"),
      signIn(b.url, "member2@grid.example"),
      signIn(a.url, "member@water.example"),
      signIn(b.url, "auditor@authority.example"),
    ]);
    const readers = {
      member: await open(a.url, member),
      member2: await open(b.url, member2),
      memberOnB: await open(b.url, member),
      outsider: await open(a.url, outsider),
      outsiderOnB: await open(b.url, outsider),
      auditor: await open(b.url, auditor),
    };
    await Promise.all(Object.values(readers).map(ready));

    const started = performance.now();
    const amber = await publish({ tlp: "amber" });
    const red = await publish({ tlp: "red", audience: { userIds: [server.cast.users.member] } });
    const strict = await publish({
      tlp: "amber+strict",
      audience: { organisationIds: [server.cast.organisations.operator] },
    });
    const published = performance.now();
    // A CLEAR item after them reaches everyone: once it has arrived, the earlier ones were decided.
    const fence = await publish({ tlp: "clear", audience: {} });

    const got = async (reader: EventReader, id: string) => (await reader.next(itemEvent(id), 5_000)).at;
    for (const reader of [readers.member, readers.memberOnB])
      for (const id of [amber, red, strict]) expect((await got(reader, id)) - published).toBeLessThan(1_000);
    for (const id of [amber, strict])
      expect((await got(readers.member2, id)) - published).toBeLessThan(1_000);
    expect((await got(readers.auditor, amber)) - started).toBeLessThan(2_000);
    for (const reader of Object.values(readers)) await got(reader, fence);

    const heard = (reader: EventReader) =>
      reader.events
        .filter((event) => event.event === "item")
        .map((event) => (event.data as { id: string }).id);
    // RED to one named person: not to their colleague of the same organisation and roles.
    expect(heard(readers.member2)).not.toContain(red);
    // The water utility is in no audience: it hears of the CLEAR item only, on either server.
    expect(heard(readers.outsider)).toEqual([fence]);
    expect(heard(readers.outsiderOnB)).toEqual([fence]);
    // The authority (author's organisation) sees its AMBER+STRICT item, not the RED one.
    expect(heard(readers.auditor)).not.toContain(red);
    for (const reader of Object.values(readers)) reader.close();
  });

  it("ends the stream when its session is signed out, in this process or another", async () => {
    const here = await signIn(a.url, "member@grid.example");
    const there = await signIn(a.url, "member@grid.example");
    const onA = await open(a.url, here);
    const onB = await open(b.url, there);
    await Promise.all([ready(onA), ready(onB)]);
    await signOut(a.url, here);
    await within(onA.ended, 1_000, "the stream of a signed-out session ends");
    expect(onB.isEnded()).toBe(false);
    await signOut(a.url, there);
    await within(onB.ended, 1_000, "a stream on another server ends with its session");
    // Reconnecting answers 401: the browser's EventSource stops there.
    const again = await open(a.url, here);
    expect(again.status).toBe(401);
  });

  it("ends the stream when its reader's roles change, and the reconnected one follows the new scope", async () => {
    const session = await signIn(a.url, "member2@grid.example");
    const before = await open(b.url, session);
    await ready(before);
    await updateUser(server.db, gridMember2, { roles: ["analyst"] }, server.context.clock());
    await within(before.ended, 1_000, "a stream whose reader's roles changed ends");
    const after = await open(b.url, session);
    await ready(after);
    const id = await publish({ tlp: "green" });
    await after.next(itemEvent(id), 1_000);
    after.close();
  });

  it("starts again with `ready` after a reconnection, and the list then holds what was missed", async () => {
    const session = await signIn(a.url, "member@grid.example");
    const first = await open(a.url, session);
    await ready(first);
    const seen = await publish({ tlp: "green", title: "Seen live" });
    const event = await first.next(itemEvent(seen), 1_000);
    first.close();
    // Committed while the reader was away: no stream hears of it.
    const missed = await publish({ tlp: "green", title: "Missed while away" });
    const again = await open(b.url, session, { "last-event-id": event.id });
    const opening = await ready(again);
    expect(opening.data).toEqual({ replay: false });
    expect(again.events.filter((e) => e.event === "item")).toEqual([]);
    // What the client does on `ready`: fetch its list, which holds the missed item.
    const list = await fetch(`${b.url}/api/sharing/items?q=${encodeURIComponent("Missed while away")}`, {
      headers: { cookie: session.cookie },
    });
    const feed = (await list.json()) as { items: { id: string }[] };
    expect(feed.items.map((item) => item.id)).toEqual([missed]);
    again.close();
  });

  it("refuses more streams than a sign-in may hold", async () => {
    const session = await signIn(a.url, "member@water.example");
    const readers = [];
    for (let n = 0; n < LIVE_DEFAULTS.maxPerSignIn; n++) readers.push(await open(a.url, session));
    await Promise.all(readers.map(ready));
    const extra = await open(a.url, session);
    expect(extra.status).toBe(429);
    expect(extra.headers.get("content-type")).toMatch(/application\/problem\+json/);
    readers[0]?.close();
    await expect.poll(async () => (await open(a.url, session)).status, { timeout: 2_000 }).toBe(200);
    for (const reader of readers) reader.close();
  });
});
