// State changes of one shared item sent together (issue 14): each ends as if the requests had come
// one after the other. Exactly one submit, approval or withdrawal is accepted and the others answer
// 409 naming the item's state; a revision sent with a submit is either published or refused; the
// item, its STIX copies in the community collections and its audit entries never disagree, and the
// audit chain stays whole. The requests go through the whole server at once (Promise.all).
import {
  type AlertWarningInput,
  ApiError,
  type Client,
  type SharedItemComposeInput,
} from "@bulwark/contracts";
import { assetPolicy } from "@bulwark/core";
import {
  findSharedItem,
  insertCommunity,
  insertUser,
  rowsOf,
  setCommunityOrganisations,
  verifyAuditChain,
  writeFourEyes,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, statusOf, type TestServer } from "../testing.ts";
import { exportable, itemsAsStix } from "./stix.service.ts";

let server: TestServer;
let author: Client; // the authority's coordinator
let approvers: Client[]; // two more coordinators of the authority
let gridAdmin: Client; // a recipient (the grid operator's administrator)
let energy = "";
let water = "";

const report = (over: Partial<SharedItemComposeInput> = {}): SharedItemComposeInput => ({
  type: "report",
  title: "Substation fence cut",
  body: "Fences were cut at two substations overnight.",
  sectors: ["energy-electricity"],
  tlp: "green",
  audience: { communityIds: [energy] },
  ...over,
});

const sorted = (statuses: number[]) => [...statuses].sort((a, b) => a - b);

/** How many audit entries of `action` name the item. */
async function audited(id: string, action: string): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await server.db.execute(
      sql`select count(*) as n from audit_log where target_id = ${id} and action = ${action}`,
    ),
  );
  return Number(row?.n ?? 0);
}

/**
 * The item's STIX copies equal the item: for each object the item makes now, the newest version
 * held in each of its communities' collections is exactly that object, and no version repeats.
 */
async function expectCopiesEqualItem(id: string, collections: string[]) {
  const itemAuthor = server.cast.organisations.authority;
  const [row] = rowsOf<{ author_id: string }>(
    await server.db.execute(sql`select author_id from shared_items where id = ${id}`),
  );
  const item = await findSharedItem(
    server.db,
    { userId: row?.author_id ?? "", organisationId: itemAuthor, roles: [], communityIds: [] },
    id,
  );
  if (!item || !exportable(item)) throw new Error("The item is not published.");
  const expected = await itemsAsStix(server.db, [item], assetPolicy.viewScope(null));
  for (const collection of collections)
    for (const object of expected) {
      const versions = rowsOf<{ object: unknown }>(
        await server.db.execute(sql`select object from stix_objects
          where collection_id = ${collection} and stix_id = ${object.id}
          order by version desc, date_added desc`),
      );
      expect(versions[0]?.object).toEqual(object);
      const [dupes] = rowsOf<{ n: number | string }>(
        await server.db.execute(sql`select count(*) - count(distinct version) as n from stix_objects
          where collection_id = ${collection} and stix_id = ${object.id}`),
      );
      expect(Number(dupes?.n)).toBe(0);
    }
}

async function expectChainWhole() {
  expect((await verifyAuditChain(server.db)).ok).toBe(true);
}

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  for (const n of [1, 2, 3])
    await insertUser(
      server.db,
      {
        email: `coord${n}@authority.example`,
        name: `Coordinator ${n}`,
        organisationId: organisations.authority,
        roles: ["coordinator"],
        passwordHash,
      },
      now,
    );
  energy = await insertCommunity(server.db, { name: "Energy", description: "" }, now);
  await setCommunityOrganisations(server.db, energy, [organisations.authority, organisations.operator]);
  water = await insertCommunity(server.db, { name: "Water", description: "" }, now);
  await setCommunityOrganisations(server.db, water, [organisations.operator, organisations.other]);
  const [first, second, third, grid] = await Promise.all([
    server.client("coord1@authority.example"),
    server.client("coord2@authority.example"),
    server.client("coord3@authority.example"),
    server.client("boss@grid.example"),
  ]);
  if (!first || !second || !third || !grid) throw new Error("The cast did not sign in.");
  author = first;
  approvers = [second, third];
  gridAdmin = grid;
});
afterAll(() => server.close());

describe("state changes of one shared item sent together", () => {
  it("a revision sent with the submit: the published text and its STIX copies agree (8 drafts at once)", async () => {
    const drafts = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        author.call("createSharedItem", { body: report({ title: `Draft ${n}` }) }),
      ),
    );
    const answers = await Promise.all(
      drafts.map(async (draft, n) => {
        const [revise, submit] = await Promise.all([
          statusOf(
            author.call("updateSharedItem", {
              params: { id: draft.id },
              body: report({ title: `Revised ${n}`, body: `The revised wording of draft ${n}.` }),
            }),
          ),
          statusOf(author.call("submitSharedItem", { params: { id: draft.id } })),
        ]);
        return { id: draft.id, revise, submit };
      }),
    );
    for (const { id, revise, submit } of answers) {
      await expectCopiesEqualItem(id, [energy]);
      expect(await audited(id, "sharing.submit")).toBe(1);
      expect(await audited(id, "sharing.revise")).toBe(revise === 200 ? 1 : 0);
      expect(submit).toBe(200);
      // Revised before the submit (published as revised), or after it (refused: no longer a draft).
      expect([200, 409]).toContain(revise);
    }
    await expectChainWhole();
  });

  it("three submits of one draft: one is accepted, the others answer 409 naming its state", async () => {
    const draft = await author.call("createSharedItem", { body: report({ title: "Submitted thrice" }) });
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        author.call("submitSharedItem", { params: { id: draft.id } }).then(
          () => ({ status: 200, detail: "" }),
          (error: unknown) =>
            error instanceof ApiError
              ? { status: error.status, detail: error.problem.detail ?? "" }
              : { status: 0, detail: String(error) },
        ),
      ),
    );
    expect(await audited(draft.id, "sharing.submit")).toBe(1);
    expect(sorted(answers.map((answer) => answer.status))).toEqual([200, 409, 409]);
    for (const answer of answers.filter((one) => one.status === 409))
      expect(answer.detail).toBe("This item is published now, so it cannot be submitted.");
    const [versions] = rowsOf<{ n: number | string }>(
      await server.db.execute(sql`select count(*) as n from stix_objects
        where shared_item_id = ${draft.id} and type = 'report'`),
    );
    expect(Number(versions?.n)).toBe(1);
    await expectCopiesEqualItem(draft.id, [energy]);
    await expectChainWhole();
  });

  it("two approvers approve one item together (four eyes): one approval, one publication", async () => {
    const authority = server.cast.organisations.authority;
    await writeFourEyes(server.db, authority, true, server.context.clock());
    try {
      const draft = await author.call("createSharedItem", {
        body: report({ title: "Needs two pairs of eyes", tlp: "amber" }),
      });
      expect((await author.call("submitSharedItem", { params: { id: draft.id } })).status).toBe(
        "awaiting-approval",
      );
      const statuses = await Promise.all(
        [...approvers, ...approvers].map((approver) =>
          statusOf(approver.call("approveSharedItem", { params: { id: draft.id } })),
        ),
      );
      expect(await audited(draft.id, "sharing.approve")).toBe(1);
      expect(sorted(statuses)).toEqual([200, 409, 409, 409]);
      await expectCopiesEqualItem(draft.id, [energy]);
      await expectChainWhole();
    } finally {
      await writeFourEyes(server.db, authority, false, server.context.clock());
    }
  });

  it("withdrawals sent together: one is accepted, one revoked STIX version", async () => {
    const draft = await author.call("createSharedItem", { body: report({ title: "Withdrawn at once" }) });
    await author.call("submitSharedItem", { params: { id: draft.id } });
    server.advance(1000);
    const statuses = await Promise.all(
      [author, author, ...approvers].map((client) =>
        statusOf(client.call("withdrawSharedItem", { params: { id: draft.id } })),
      ),
    );
    expect(await audited(draft.id, "sharing.withdraw")).toBe(1);
    expect(sorted(statuses)).toEqual([200, 409, 409, 409]);
    const [revoked] = rowsOf<{ n: number | string }>(
      await server.db.execute(sql`select count(*) as n from stix_objects
        where shared_item_id = ${draft.id} and type = 'report' and revoked`),
    );
    expect(Number(revoked?.n)).toBe(1);
    await expectCopiesEqualItem(draft.id, [energy]);
    await expectChainWhole();
  });

  it("a warning revised while the alert is withdrawn: no CAP Update after the Cancel", async () => {
    const warning: AlertWarningInput = {
      categories: ["Infra"],
      event: "Power outage",
      urgency: "Immediate",
      severity: "Severe",
      certainty: "Observed",
      area: { description: "North district", fromAssets: true, assetRadiusKm: 2 },
    };
    for (let round = 0; round < 4; round++) {
      const draft = await author.call("createSharedItem", {
        body: report({ type: "alert", title: `Outage ${round}`, tlp: "clear", warning }),
      });
      await author.call("submitSharedItem", { params: { id: draft.id } });
      const [withdraw, revise] = await Promise.all([
        statusOf(author.call("withdrawSharedItem", { params: { id: draft.id } })),
        statusOf(
          author.call("reviseAlertWarning", {
            params: { id: draft.id },
            body: { warning: { ...warning, event: "Power outage, widening" } },
          }),
        ),
      ]);
      expect(withdraw).toBe(200);
      expect([200, 409]).toContain(revise);
      const [last] = rowsOf<{ action: string }>(
        await server.db.execute(sql`select action from audit_log where target_id = ${draft.id}
          and action like 'sharing.%' order by seq desc limit 1`),
      );
      expect(last?.action).toBe("sharing.withdraw");
      expect(await audited(draft.id, "sharing.revise-warning")).toBe(revise === 200 ? 1 : 0);
    }
    await expectChainWhole();
  });

  it("reshares to one community sent together add it once", async () => {
    const draft = await author.call("createSharedItem", { body: report({ title: "Reshared at once" }) });
    await author.call("submitSharedItem", { params: { id: draft.id } });
    const statuses = await Promise.all(
      [1, 2, 3].map(() =>
        statusOf(
          gridAdmin.call("reshareSharedItem", { params: { id: draft.id }, body: { communityIds: [water] } }),
        ),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    const [rows] = rowsOf<{ n: number | string }>(
      await server.db.execute(sql`select count(*) as n from shared_item_audience
        where item_id = ${draft.id} and community_id = ${water}`),
    );
    expect(Number(rows?.n)).toBe(1);
    expect(await audited(draft.id, "sharing.reshare")).toBe(1);
    await expectCopiesEqualItem(draft.id, [energy, water]);
    await expectChainWhole();
  });
});
