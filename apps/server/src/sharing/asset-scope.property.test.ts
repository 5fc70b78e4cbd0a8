// Property (issue 12, "every derived view reads under the reader's scope"): whatever the
// organisations, communities, roles, assets and their markings, alerts naming assets and risk
// assessments of them, no answer of a route that names assets (an item, its CAP message, its STIX,
// the risk register, an assessment, its CSV, the registry's list, exports and STIX, criticality,
// neighbourhoods) holds the id, name, ref, STIX id or location of an asset outside the reader's
// asset scope (assetPolicy in core); someone not signed in reads TLP:CLEAR assets only.
import { AssessmentContent } from "@bulwark/contracts";
import {
  type Actor,
  assetPolicy,
  assetStixId,
  RISK_MARKINGS,
  type Role,
  sharingAbilities,
  TLP_MARKINGS,
  type TlpMarking,
} from "@bulwark/core";
import {
  communitiesOf,
  insertAssessment,
  insertAsset,
  insertSharedItem,
  replaceAuthorAudience,
  updateSharedItem,
} from "@bulwark/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisCache } from "../analysis/analysis.service.ts";
import { bumpRegistry } from "../registry/registry.service.ts";
import { prepare } from "../risk/assessments.service.ts";
import { loadScenarioPack } from "../risk/content.service.ts";
import type { TestServer } from "../testing.ts";
import {
  applyMembership,
  arbMembership,
  at,
  type Population,
  pick,
  type SignedIn,
  startRandomWorld,
  subset,
  viewerIn,
} from "./random-world.test-support.ts";

const SIZES = { organisations: 4, communities: 3, people: 8 };
const ASSETS = 6;

let server: TestServer;
let population: Population;
let people: SignedIn[] = [];

beforeAll(async () => {
  ({ server, population, people } = await startRandomWorld(SIZES, { emailPrefix: "scope" }));
  await loadScenarioPack(server.context);
});
afterAll(() => server.close());

const arbWorld = fc.record({
  ...arbMembership(SIZES),
  assets: fc.array(
    fc.record({ operator: pick(SIZES.organisations), marking: fc.constantFrom(...TLP_MARKINGS) }),
    {
      minLength: ASSETS,
      maxLength: ASSETS,
    },
  ),
  items: fc.array(
    fc.record({
      author: pick(SIZES.people),
      tlp: fc.constantFrom(...TLP_MARKINGS),
      assets: subset(ASSETS),
      communities: subset(SIZES.communities),
      people: subset(SIZES.people),
    }),
    { minLength: 2, maxLength: 5 },
  ),
  assessments: fc.array(
    fc.record({
      owner: pick(SIZES.organisations),
      marking: fc.constantFrom(...RISK_MARKINGS),
      assets: fc.uniqueArray(pick(ASSETS), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});
type World = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;

interface BuiltAsset {
  id: string;
  ref: string;
  name: string;
  lat: number;
  lon: number;
  operatorId: string;
  marking: TlpMarking;
}

async function build(world: World) {
  await server.db.execute(sql`delete from stix_objects`);
  await server.db.execute(sql`delete from shared_items`);
  await server.db.execute(sql`delete from risk_assessment_versions`);
  await server.db.execute(sql`delete from risk_assessments`);
  await server.db.execute(sql`delete from assets`);
  const now = server.context.clock();
  await applyMembership(server, population, world);
  const assets: BuiltAsset[] = [];
  for (const [n, asset] of world.assets.entries()) {
    // Distinct, searchable strings: no one is a part of another.
    const fields = {
      ref: `PX${n}Q`,
      name: `Site${n}Zebra`,
      lat: 10 + n * 1.1111,
      lon: 20 + n * 2.2222,
      operatorId: at(population.organisations, asset.operator),
      marking: asset.marking,
    };
    const id = await insertAsset(
      server.db,
      {
        ...fields,
        sector: "energy-electricity",
        status: "operational",
        populationServed: 10,
        tags: [],
        attributes: {},
      },
      now,
    );
    assets.push({ id, ...fields });
  }
  await bumpRegistry(server.db, now);
  const items = [];
  for (const item of world.items) {
    const author = at(population.people, item.author);
    const audience = {
      communityIds: item.communities.map((c) => at(population.communities, c)),
      organisationIds: [],
      userIds: item.people.map((p) => at(population.people, p).id),
    };
    const id = await insertSharedItem(server.db, {
      type: "alert",
      title: "Alert",
      publicTitle: "Alert",
      body: "",
      publicBody: "",
      personalDataRoles: [],
      sectors: [],
      assetIds: item.assets.map((a) => at(assets, a).id),
      tlp: item.tlp,
      revealAudience: false,
      warning: {
        categories: ["Security"],
        event: "Probe",
        urgency: "Expected",
        severity: "Minor",
        certainty: "Possible",
        instruction: null,
        expires: null,
        language: "en",
        area: { description: "Sites", fromAssets: true, assetRadiusKm: 1, polygons: [], circles: [] },
      },
      authorId: author.id,
      authorOrganisationId: author.organisationId,
      now,
    });
    await replaceAuthorAudience(server.db, id, audience);
    await updateSharedItem(server.db, id, { status: "published", capMessage: true, publishedAt: now, now });
    items.push({
      id,
      facts: {
        authorId: author.id,
        authorOrganisationId: author.organisationId,
        approverId: null,
        status: "published" as const,
        tlp: item.tlp,
        audience,
        revealAudience: false,
      },
    });
  }
  const cache = new AnalysisCache();
  const assessments: string[] = [];
  for (const assessment of world.assessments) {
    const organisationId = at(population.organisations, assessment.owner);
    // Written as the owner's assessor would, with the whole registry in view.
    const assessor: Actor = {
      userId: at(population.people, 0).id,
      organisationId,
      roles: ["platform-admin"],
    };
    const content = AssessmentContent.parse({
      title: "Assessment",
      assetIds: assessment.assets.map((a) => at(assets, a).id),
      scenario: "uas-attack-on-site",
      ratings: { likelihood: 2, vulnerability: 2, consequence: 1 },
      rationale: { likelihood: "A test rating.", vulnerability: "A test rating.", consequence: "" },
      overrideReason: "A test.",
      reviewDate: "2027-05-01",
      marking: assessment.marking,
      communityIds: assessment.marking === "green" ? await communitiesOf(server.db, organisationId) : [],
      measures: [],
    });
    const { record, ...columns } = await prepare(server.context, cache, assessor, organisationId, content);
    assessments.push(await insertAssessment(server.db, { ...columns, record, organisationId }, null, now));
  }
  return { assets, items, assessments };
}

/** The traces of an asset an answer must not hold when the reader may not see it. */
const tracesOf = (asset: BuiltAsset) => [
  asset.id,
  asset.ref,
  asset.name,
  assetStixId(asset.id),
  `${asset.lat},${asset.lon}`,
];

const text = (file: { bytes: Uint8Array }) => new TextDecoder().decode(file.bytes);

describe("every view that names assets reads them under the reader's asset scope", () => {
  it("never shows an asset outside the reader's scope, whatever the world", async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, async (world) => {
        const { assets, items, assessments } = await build(world);
        const memberships = world.memberships.map((orgs) => orgs.map((o) => at(population.organisations, o)));
        const shareCommunity = (a: string, b: string) =>
          memberships.some((orgs) => orgs.includes(a) && orgs.includes(b));
        const leaks = (answer: string, hidden: readonly BuiltAsset[]) =>
          hidden.flatMap((asset) => tracesOf(asset).filter((trace) => answer.includes(trace)));

        // Someone not signed in: public CAP messages show TLP:CLEAR assets only.
        const publicHidden = assets.filter((asset) => asset.marking !== "clear");
        for (const item of items) {
          const answer = await server.inject({ method: "GET", url: `/api/cap/alerts/${item.id}.xml` });
          expect(leaks(answer.body, publicHidden)).toEqual([]);
        }

        for (const [i, person] of people.entries()) {
          const viewer = viewerIn(population, world, i);
          const actor: Actor = {
            userId: viewer.userId,
            organisationId: viewer.organisationId,
            roles: at(world.roles, i) as Role[],
            organisationKind: "private-operator",
          };
          const scope = assetPolicy.readScope(actor);
          const hidden = assets.filter((asset) => !assetPolicy.mayRead(scope, asset, shareCommunity));
          const readable = new Set(
            assets.filter((asset) => !hidden.includes(asset)).map((asset) => asset.id),
          );
          const client = person.client;
          const answers: string[] = [];

          for (const item of items) {
            if (!sharingAbilities(viewer, item.facts).maySee) continue;
            const detail = await client.call("getSharedItem", { params: { id: item.id } });
            expect(detail.assetIds.every((id) => readable.has(id))).toBe(true);
            answers.push(JSON.stringify(detail));
            const cap = await server.inject({
              method: "GET",
              url: `/api/cap/alerts/${item.id}.xml`,
              headers: { cookie: person.cookie },
            });
            answers.push(cap.body);
            answers.push(text(await client.call("exportSharedItemStix", { params: { id: item.id } })));
          }
          const register = await client.call("riskRegister", { query: { limit: 100 } });
          answers.push(JSON.stringify(register));
          for (const row of register.items) {
            expect(row.assets.every((asset) => readable.has(asset.id))).toBe(true);
            answers.push(JSON.stringify(await client.call("getRiskAssessment", { params: { id: row.id } })));
          }
          expect(register.items.every((row) => assessments.includes(row.id))).toBe(true);
          answers.push((await client.call("exportRiskRegister", {})).csv);
          answers.push(JSON.stringify(await client.call("listAssets", { query: { limit: 100 } })));
          answers.push(JSON.stringify(await client.call("exportRegistry")));
          answers.push(text(await client.call("exportRegistryStix")));
          answers.push(JSON.stringify(await client.call("criticality", { query: {} })));
          for (const asset of assets)
            if (readable.has(asset.id))
              answers.push(
                JSON.stringify(
                  await client.call("assetNeighbourhood", { params: { id: asset.id }, query: {} }),
                ),
              );
          expect(leaks(answers.join("\n"), hidden)).toEqual([]);
        }
      }),
      { numRuns: 6 },
    );
  }, 600_000);
});
