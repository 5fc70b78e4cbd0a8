// Lessons of a closed incident through the API (issue 18): the after-action review is written once
// the incident is closed, by the authority or the filing operator, and read by whoever sees the
// incident (404 for everyone else); its follow-up actions go to organisations the incident
// involves; on request it pre-fills a compendium case-study proposal, anonymised as chosen, which
// waits for the compendium's review; bad input is refused with problem+json and changes nothing.
import type { Client, IncidentCreateInput, IncidentReviewCreateInput } from "@bulwark/contracts";
import { insertAsset, insertOrganisation, insertUser, rowsOf } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, problemOf, startTestServer, statusOf, type TestServer } from "../testing.ts";

let server: TestServer;
let watch: Client; // the national authority (coordinator)
let grid: Client; // the filing operator
let water: Client; // another operator in the audience
let bank: Client; // outside the audience
let incidentId: string;
let bankOrg: string;

const T0 = "2026-11-22T03:00:00.000Z";
const hoursAfter = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

async function counts() {
  const [row] = rowsOf<Record<string, number>>(
    await server.db.execute(sql`select
      (select count(*)::int from incident_reviews) as reviews,
      (select count(*)::int from incident_review_actions) as actions,
      (select count(*)::int from compendium_proposals) as proposals,
      (select count(*)::int from audit_log where action = 'incidents.review') as audit`),
  );
  return row;
}

const review = (over: Partial<IncidentReviewCreateInput> = {}): IncidentReviewCreateInput => ({
  wentWell:
    "Test Grid Operator isolated Substation S within the hour; the watch desk called the police at once.",
  toImprove: "The backup feed to S (ref S) was not tested; Test Water Utility learnt of the outage late.",
  actions: [
    {
      title: "Test the backup feed of Substation S",
      ownerOrganisationId: server.cast.organisations.operator,
      dueOn: "2027-01-31",
    },
  ],
  caseStudy: { propose: true, omitOrganisationNames: true, omitAssetNames: true },
  ...over,
});

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  bankOrg = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
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
  await insertUser(
    server.db,
    {
      email: "teller@bank.example",
      name: "Teller",
      organisationId: bankOrg,
      roles: ["organisation-admin"],
      passwordHash,
    },
    now,
  );
  const assetS = await insertAsset(
    server.db,
    {
      ref: "S",
      name: "Substation S",
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
  [watch, grid, water, bank] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("analyst@grid.example"),
    server.client("member@water.example"),
    server.client("teller@bank.example"),
  ]);
  const notice: IncidentCreateInput = {
    title: "Substation S attacked",
    type: "sabotage",
    startedAt: T0,
    awareAt: hoursAfter(0.5),
    regime: "eu-cer-article-15",
    tlp: "amber",
    audience: { organisationIds: [organisations.authority, organisations.other] },
    suspectedCause: "attack",
    threatFamily: "sabotage",
    assets: [{ assetId: assetS, status: "down", at: T0 }],
  };
  incidentId = (await grid.call("createIncident", { body: notice })).id;
});

afterAll(async () => {
  await server?.close();
});

describe("the after-action review", () => {
  it("waits for the incident to be closed", async () => {
    const before = await counts();
    const answer = await watch.call("getIncidentReview", { params: { id: incidentId } });
    expect(answer).toEqual({ review: null, abilities: { write: false } });
    const problem = await problemOf(
      watch.call("createIncidentReview", { params: { id: incidentId }, body: review() }),
    );
    expect(problem).toMatchObject({
      status: 403,
      detail: "An after-action review is written once the incident is closed.",
    });
    expect(await counts()).toEqual(before);
    await watch.call("changeIncidentState", { params: { id: incidentId }, body: { state: "acknowledged" } });
    await grid.call("changeIncidentState", { params: { id: incidentId }, body: { state: "responding" } });
    await grid.call("changeIncidentState", { params: { id: incidentId }, body: { state: "recovering" } });
    await watch.call("changeIncidentState", { params: { id: incidentId }, body: { state: "closed" } });
    expect((await watch.call("getIncidentReview", { params: { id: incidentId } })).abilities.write).toBe(
      true,
    );
    expect((await grid.call("getIncidentReview", { params: { id: incidentId } })).abilities.write).toBe(true);
    expect((await water.call("getIncidentReview", { params: { id: incidentId } })).abilities.write).toBe(
      false,
    );
  });

  it("is not found outside the incident's audience, and others in it do not write it", async () => {
    const before = await counts();
    expect(await statusOf(bank.call("getIncidentReview", { params: { id: incidentId } }))).toBe(404);
    expect(
      await statusOf(bank.call("createIncidentReview", { params: { id: incidentId }, body: review() })),
    ).toBe(404);
    const problem = await problemOf(
      water.call("createIncidentReview", { params: { id: incidentId }, body: review() }),
    );
    expect(problem).toMatchObject({
      status: 403,
      detail: "Only the authority or the filing operator writes the after-action review.",
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses bad input with problem+json and changes nothing", async () => {
    const before = await counts();
    const bad: [IncidentReviewCreateInput, number, string][] = [
      [review({ wentWell: "  " }), 400, "body.wentWell"],
      [
        review({ actions: [{ title: "x", ownerOrganisationId: "nope", dueOn: "2027-01-01" }] }),
        400,
        "body.actions.0.ownerOrganisationId",
      ],
      [
        review({ actions: [{ title: "x", ownerOrganisationId: bankOrg, dueOn: "31/01/2027" }] }),
        400,
        "body.actions.0.dueOn",
      ],
      [
        review({ actions: [{ title: "Audit the bank", ownerOrganisationId: bankOrg, dueOn: "2027-01-31" }] }),
        422,
        "body.actions.0.ownerOrganisationId",
      ],
    ];
    for (const [body, status, path] of bad) {
      const problem = await problemOf(
        watch.call("createIncidentReview", { params: { id: incidentId }, body }),
      );
      expect(problem.status, path).toBe(status);
      expect(problem.errors?.map((error) => error.path)).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it("records the review and its actions, and pre-fills an anonymised case study for the compendium's review", async () => {
    const answer = await watch.call("createIncidentReview", { params: { id: incidentId }, body: review() });
    const written = answer.review;
    if (!written) throw new Error("No review.");
    expect(written.actions).toMatchObject([
      {
        title: "Test the backup feed of Substation S",
        status: "open",
        ownerOrganisation: { name: "Test Grid Operator" },
      },
    ]);
    expect(written.proposal).toMatchObject({ state: "open" });
    const proposal = await watch.call("getProposal", { params: { id: written.proposal?.id ?? "" } });
    expect(proposal.content.type).toBe("case-study");
    expect(proposal.content.marking).toBe("amber");
    expect(proposal.content.threats).toEqual(["sabotage"]);
    expect(proposal.content.sectors).toEqual(["energy-electricity"]);
    const text = `${proposal.title} ${proposal.content.summary} ${proposal.content.body} ${proposal.content.source.citation}`;
    for (const name of ["Test Grid Operator", "Test Water Utility", "Test Authority", "Substation S"])
      expect(text).not.toContain(name);
    expect(text).toContain("[an organisation] isolated [an asset] within the hour");
    expect(proposal.content.body).toContain("## What to improve");
    // Everyone who sees the incident reads the review; the proposal only where the compendium says.
    const seen = await water.call("getIncidentReview", { params: { id: incidentId } });
    expect(seen.review?.wentWell).toBe(written.wentWell);
    expect(seen.review?.proposal).toBeNull();
    expect(await statusOf(bank.call("getIncidentReview", { params: { id: incidentId } }))).toBe(404);
    expect(
      rowsOf(
        await server.db.execute(
          sql`select 1 from audit_log where action = 'incidents.review' and target_id = ${incidentId}`,
        ),
      ),
    ).toHaveLength(1);
  });

  it("is written once", async () => {
    const before = await counts();
    const problem = await problemOf(
      grid.call("createIncidentReview", { params: { id: incidentId }, body: review() }),
    );
    expect(problem.status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it("moves a follow-up action on by its organisation or the authority, audited", async () => {
    const actionId = (await watch.call("getIncidentReview", { params: { id: incidentId } })).review
      ?.actions[0]?.id;
    if (!actionId) throw new Error("No action.");
    const params = { id: incidentId, actionId };
    const before = await counts();
    expect(
      await statusOf(bank.call("progressIncidentReviewAction", { params, body: { status: "done" } })),
    ).toBe(404);
    const refused = await problemOf(
      water.call("progressIncidentReviewAction", { params, body: { status: "done" } }),
    );
    expect(refused).toMatchObject({
      status: 403,
      detail: "Only the authority or the action's organisation moves a follow-up action on.",
    });
    const bad = await problemOf(
      grid.call("progressIncidentReviewAction", { params, body: { status: "finished" as "done" } }),
    );
    expect(bad).toMatchObject({ status: 400, errors: [{ path: "body.status" }] });
    expect(
      await statusOf(
        grid.call("progressIncidentReviewAction", {
          params: { id: incidentId, actionId: "00000000-0000-4000-8000-000000000000" },
          body: { status: "done" },
        }),
      ),
    ).toBe(404);
    expect(await counts()).toEqual(before);
    const moved = await grid.call("progressIncidentReviewAction", {
      params,
      body: { status: "in-progress" },
    });
    expect(moved.review?.actions[0]?.status).toBe("in-progress");
    const done = await watch.call("progressIncidentReviewAction", { params, body: { status: "done" } });
    expect(done.review?.actions[0]).toMatchObject({ status: "done", overdue: false });
    const audit = rowsOf<{ details: { to: string } }>(
      await server.db.execute(
        sql`select details from audit_log where action = 'incidents.review-action' and target_id = ${incidentId} order by seq`,
      ),
    );
    expect(
      audit.map((row) => (typeof row.details === "string" ? JSON.parse(row.details) : row.details).to),
    ).toEqual(["in-progress", "done"]);
  });
});
