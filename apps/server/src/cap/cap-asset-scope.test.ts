// Issue 12, finding 3: an item names only assets its author may read, and every view of it (the
// item, its CAP area) shows only the assets its reader may read, at read time. Someone not signed
// in reads a public CAP message with circles of TLP:CLEAR assets only.
import { ApiError, type Client, type SharedItemComposeInput } from "@bulwark/contracts";
import { insertAsset, insertCommunity, setCommunityOrganisations } from "@bulwark/db";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, type TestServer } from "../testing.ts";
import { capSchemaErrors } from "./cap-schema.test-support.ts";

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "circle" });
const UNKNOWN = "7d0c6a55-0f3b-4f5e-9d0e-6d1b8c1f2a3b";

let server: TestServer;
let outsider: Client; // the water utility's member
let gridMember: Client;
let redAsset: string; // the grid operator's, at -23.0559,-18.3904
let greenAsset: string; // the grid operator's, seen by the water utility only through a community
let community: string;

const redAlert = (assetIds: string[], userId: string): SharedItemComposeInput => ({
  type: "alert",
  title: "Where is it",
  body: "",
  sectors: [],
  tlp: "red",
  audience: { userIds: [userId] },
  assetIds,
  warning: {
    categories: ["Security"],
    event: "Probe",
    urgency: "Expected",
    severity: "Minor",
    certainty: "Possible",
    instruction: null,
    expires: null,
    area: { description: "Sites", fromAssets: true, assetRadiusKm: 1 },
  },
});

async function capAs(id: string, email: string | null) {
  const headers = email ? { cookie: (await signedIn(server, email)).cookie } : {};
  return server.inject({ method: "GET", url: `/api/cap/alerts/${id}.xml`, headers });
}

const problemOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error("expected a refusal");
  return { status: error.status, detail: error.problem.detail, errors: error.problem.errors };
};

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  const now = server.context.clock();
  const asset = (ref: string, lat: number, lon: number, marking: "red" | "green") =>
    insertAsset(
      server.db,
      {
        ref,
        name: `Secret ${ref}`,
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
  redAsset = await asset("RED-1", -23.0559, -18.3904, "red");
  greenAsset = await asset("GREEN-1", -22.5, -17.25, "green");
  community = await insertCommunity(server.db, { name: "Shared", description: "" }, now);
  await setCommunityOrganisations(server.db, community, [organisations.operator, organisations.other]);
  outsider = await server.client("member@water.example");
  gridMember = await server.client("member@grid.example");
});
afterAll(() => server.close());

describe("assets an item names (issue 12, finding 3)", () => {
  it("refuses an asset the author cannot read exactly as one that does not exist", async () => {
    const me = server.cast.users.outsider;
    const hidden = await problemOf(outsider.call("createSharedItem", { body: redAlert([redAsset], me) }));
    const unknown = await problemOf(outsider.call("createSharedItem", { body: redAlert([UNKNOWN], me) }));
    expect(hidden.status).toBe(422);
    expect(JSON.stringify(hidden).replaceAll(redAsset, "ID")).toBe(
      JSON.stringify(unknown).replaceAll(UNKNOWN, "ID"),
    );
    // Nor can a draft be revised to name it.
    const draft = await outsider.call("createSharedItem", { body: redAlert([], me) });
    expect(
      (
        await problemOf(
          outsider.call("updateSharedItem", { params: { id: draft.id }, body: redAlert([redAsset], me) }),
        )
      ).status,
    ).toBe(422);
  });

  it("shows each reader only the assets they may read now, in the item and in its CAP area", async () => {
    const me = server.cast.users.outsider;
    const draft = await outsider.call("createSharedItem", { body: redAlert([greenAsset], me) });
    await outsider.call("submitSharedItem", { params: { id: draft.id } });
    const before = await capAs(draft.id, "member@water.example");
    expect(before.statusCode).toBe(200);
    expect(parser.parse(before.body).alert.info.area.circle).toEqual(["-22.5,-17.25 1"]);
    expect((await outsider.call("getSharedItem", { params: { id: draft.id } })).assetIds).toEqual([
      greenAsset,
    ]);

    // The water utility leaves the community: the GREEN asset is no longer theirs to see.
    await setCommunityOrganisations(server.db, community, [server.cast.organisations.operator]);
    const after = await capAs(draft.id, "member@water.example");
    expect(after.statusCode).toBe(200);
    expect(await capSchemaErrors(after.body)).toEqual([]);
    expect(after.body).not.toContain("-22.5");
    expect(after.body).not.toContain("<circle>");
    expect((await outsider.call("getSharedItem", { params: { id: draft.id } })).assetIds).toEqual([]);
    expect(gridMember).toBeDefined();
  });
});
