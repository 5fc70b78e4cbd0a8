// GET /api/notifications/events through real sockets, on PGlite and PostgreSQL (half the readers on
// a second server process there): a notification written for a person reaches that person's stream,
// and nobody else's, not even a colleague of the same organisation with the same roles (whose
// streams the hub asks about together), nor another organisation's reader.
import { insertUser, notify, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";
import {
  type EventReader,
  type Listening,
  listen,
  openEvents,
  type ReceivedEvent,
  secondServer,
  signIn,
} from "./live.test-support.ts";

const PATH = "/api/notifications/events";
let server: TestServer;
let a: Listening;
let b: Listening;
let colleagueId = "";
const opened: EventReader[] = [];

const heard = (reader: EventReader) =>
  reader.events
    .filter((event) => event.event === "notification")
    .map((event) => (event.data as { id: string }).id);
const notificationEvent = (id: string) => (event: ReceivedEvent) =>
  event.event === "notification" && (event.data as { id?: string }).id === id;

/** Writes one notification for `userId` in a transaction, as the routes do; answers its id. */
async function notifyOne(userId: string, key: string): Promise<string> {
  const now = server.context.clock();
  await server.db.transaction((tx) =>
    notify(
      tx,
      [
        {
          userId,
          kind: "approval-request",
          subjectType: "shared-item",
          subjectId: "00000000-0000-4000-8000-000000000001",
          dedupeKey: key,
        },
      ],
      now,
    ),
  );
  const [row] = rowsOf<{ id: string }>(
    await server.db.execute(
      sql`select id from notifications where user_id = ${userId} and dedupe_key = ${key}`,
    ),
  );
  const id = row?.id;
  if (!id) throw new Error("the notification was not written");
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  colleagueId = await insertUser(
    server.db,
    {
      email: "colleague@grid.example",
      name: "Colleague",
      organisationId: server.cast.organisations.operator,
      roles: ["member"],
      passwordHash: await hashPassword(PASSWORD),
    },
    server.context.clock(),
  );
  a = await listen(server);
  b = await secondServer(server);
});

afterAll(async () => {
  for (const reader of opened) reader.close();
  await b?.close();
  await server?.close();
});

describe("GET /api/notifications/events", () => {
  it("tells a person of their own notification within a second, and never of another's", async () => {
    const emails = [
      "member@grid.example",
      "colleague@grid.example",
      "boss@grid.example",
      "member@water.example",
    ];
    const sessions = await Promise.all(emails.map((email) => signIn(a.url, email)));
    const [mine, colleague, boss, water] = await Promise.all(
      sessions.map((session, i) => openEvents(i % 2 === 0 ? a.url : b.url, PATH, { cookie: session.cookie })),
    );
    const readers = [mine, colleague, boss, water] as EventReader[];
    opened.push(...readers);
    for (const reader of readers) {
      expect(reader.status).toBe(200);
      await reader.next((event) => event.event === "ready");
    }

    const written = performance.now();
    const first = await notifyOne(server.cast.users.member, "live-test:1");
    const second = await notifyOne(server.cast.users.member, "live-test:2");
    expect((await (mine as EventReader).next(notificationEvent(first), 5_000)).at - written).toBeLessThan(
      1_000,
    );
    await (mine as EventReader).next(notificationEvent(second), 5_000);

    // Then one for the colleague of the same organisation and roles: it reaches them alone, and by
    // the time it has, the member's two would have too had they been sent to the colleague.
    const theirs = await notifyOne(colleagueId, "live-test:3");
    await (colleague as EventReader).next(notificationEvent(theirs), 5_000);
    const bosses = await notifyOne(server.cast.users.orgAdmin, "live-test:4");
    await (boss as EventReader).next(notificationEvent(bosses), 5_000);

    expect(heard(mine as EventReader)).toEqual([first, second]);
    expect(heard(colleague as EventReader)).toEqual([theirs]);
    expect(heard(boss as EventReader)).toEqual([bosses]);
    expect(heard(water as EventReader)).toEqual([]);
  });

  it("answers 401 without a sign-in", async () => {
    const reader = await openEvents(a.url, PATH, {});
    opened.push(reader);
    expect(reader.status).toBe(401);
  });
});
