// The server's schedule, driven by the test clock (no sleeping): the personal-data purge runs at
// start, then every interval from the configuration, audited as a system action; closing the
// server stops it. The sweep of import jobs runs beside it, every ten minutes (import-jobs.test.ts).
import type { Client } from "@bulwark/contracts";
import { insertCommunity, listAudit, setCommunityOrganisations } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../config.ts";
import { startTestServer, type TestServer } from "../testing.ts";
import { every, type Timers } from "./schedule.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("the scheduled personal-data purge", () => {
  let server: TestServer;
  let author: Client;

  beforeAll(async () => {
    server = await startTestServer({ scheduled: true });
    const now = server.context.clock();
    const community = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
    const { authority, operator } = server.cast.organisations;
    await setCommunityOrganisations(server.db, community, [authority, operator]);
    author = await server.client("member@grid.example");
  });
  afterAll(() => server.close());

  it("purges what retention no longer allows, every hour by the server's clock", async () => {
    expect(server.context.config.purgeIntervalMinutes).toBe(60);
    // The first runs come at start (the purge, the jobs' sweep, the notifications' sweep and the
    // look at the federated aggregates): nothing to purge yet, so nothing audited.
    expect(await server.runDueJobs()).toBe(4);
    const draft = await author.call("createSharedItem", {
      body: {
        type: "alert",
        title: "Call [[pii:J. Doe]]",
        body: "Duty officer: duty.officer@grid.example, +999 21 555 0199.",
        tlp: "amber",
        audience: { organisationIds: [server.cast.organisations.authority] },
      },
    });
    await author.call("submitSharedItem", { params: { id: draft.id } });
    // Half an hour: the sweeps only.
    server.advance(HOUR / 2);
    expect(await server.runDueJobs()).toBe(2);
    server.advance(HOUR / 2);
    expect(await server.runDueJobs()).toBe(4);
    const purges = () =>
      listAudit(server.db, { kind: "all" }, { action: "sharing.purge-personal-data", limit: 10 });
    expect((await purges()).items).toEqual([]);

    // Alerts keep personal data for 90 days.
    server.advance(91 * DAY);
    expect(await server.runDueJobs()).toBe(4);
    const reader = await server.client("member@grid.example");
    const item = await reader.call("getSharedItem", { params: { id: draft.id } });
    expect(item.title).toBe("Call [personal data removed]");
    expect(item.body).toBe("Duty officer: [personal data removed], [personal data removed].");
    expect(item.personalData.purgedAt).toBe(server.context.clock().toISOString());
    const [entry] = (await purges()).items;
    expect(entry).toMatchObject({
      actorId: null,
      details: { items: 1, attachments: 0, by: "schedule" },
    });
    // Once purged, later runs find nothing more to do.
    server.advance(HOUR);
    expect(await server.runDueJobs()).toBe(4);
    expect((await purges()).items).toHaveLength(1);
  });

  it("is not started unless asked, and stops when the server closes", async () => {
    const quiet = await startTestServer();
    expect(quiet.pendingJobs()).toBe(0);
    await quiet.close();
    const busy = await startTestServer({ scheduled: true });
    expect(busy.pendingJobs()).toBe(4);
    await busy.close();
    expect(busy.pendingJobs()).toBe(0);
  });
});

describe("every", () => {
  it("waits for a run under way when stopped, and starts no other", async () => {
    const waiting: (() => Promise<void>)[] = [];
    const timers: Timers = {
      after: (_ms, run) => {
        waiting.push(run);
        return {
          cancel: () => {
            const at = waiting.indexOf(run);
            if (at >= 0) waiting.splice(at, 1);
          },
        };
      },
    };
    let finish: () => void = () => {};
    let runs = 0;
    const schedule = every(timers, 1000, () => {
      runs++;
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    const first = waiting.shift();
    const running = first?.();
    let stopped = false;
    const stopping = schedule.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await Promise.all([running, stopping]);
    expect(stopped).toBe(true);
    expect(runs).toBe(1);
    expect(waiting).toEqual([]);
  });
});

describe("the purge interval", () => {
  it("comes from BULWARK_PURGE_INTERVAL_MINUTES, hourly by default", () => {
    expect(readConfig({}).purgeIntervalMinutes).toBe(60);
    expect(readConfig({ BULWARK_PURGE_INTERVAL_MINUTES: "15" }).purgeIntervalMinutes).toBe(15);
    expect(() => readConfig({ BULWARK_PURGE_INTERVAL_MINUTES: "0" })).toThrow(
      /BULWARK_PURGE_INTERVAL_MINUTES/,
    );
  });
});
