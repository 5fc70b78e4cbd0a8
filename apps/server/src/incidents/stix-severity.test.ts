// An incident's severity in its STIX 2.1 export (issue 17, item 5): carried by the Bulwark incident
// property extension (its definition and publisher in the bundle), valid against the OASIS
// schemas; absent (extension and all) while the incident has none; and nothing for a stranger.
import type { Client, IncidentCreateInput } from "@bulwark/contracts";
import { INCIDENT_EXTENSION_ID, type StixObject } from "@bulwark/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stixProblems } from "../sharing/stix-schemas.test-support.ts";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";
import {
  addWatchAndBank,
  incidentNotice,
  insertSubstation,
  SABOTAGE,
} from "./incident-world.test-support.ts";

let server: TestServer;
let watch: Client;
let gridAdmin: Client;
let bank: Client;
let assetS = "";
const notice = (over: Partial<IncidentCreateInput> = {}): IncidentCreateInput =>
  incidentNotice(assetS, [server.cast.organisations.authority], { ...SABOTAGE, ...over });

type Bundle = { objects: StixObject[] } & Record<string, unknown>;
const bundleOf = async (client: Client, id: string): Promise<Bundle> =>
  JSON.parse(
    new TextDecoder().decode((await client.call("exportIncidentStix", { params: { id } })).bytes),
  ) as Bundle;

beforeAll(async () => {
  server = await startTestServer();
  await addWatchAndBank(server);
  assetS = await insertSubstation(server, { lat: 10, lon: 20 });
  [watch, gridAdmin, bank] = await Promise.all([
    server.client("watch@authority.example"),
    server.client("boss@grid.example"),
    server.client("teller@bank.example"),
  ]);
});
afterAll(() => server.close());

describe("severity in the STIX export", () => {
  it("carries the filer's proposal, then the authority's level, in the Bulwark incident extension", async () => {
    const { id } = await gridAdmin.call("createIncident", { body: notice({ severity: "significant" }) });
    const proposed = await bundleOf(watch, id);
    expect(stixProblems(proposed)).toEqual([]);
    const incident = proposed.objects.find((o) => o.type === "incident");
    expect(incident?.extensions).toEqual({
      [INCIDENT_EXTENSION_ID]: {
        extension_type: "property-extension",
        severity: "significant",
        severity_assessed: false,
      },
    });
    // The definition travels with it, with the identity that publishes it.
    const definition = proposed.objects.find((o) => o.id === INCIDENT_EXTENSION_ID);
    expect(definition?.type).toBe("extension-definition");
    expect(proposed.objects.some((o) => o.id === definition?.created_by_ref)).toBe(true);

    await watch.call("setIncidentSeverity", { params: { id }, body: { severity: "critical" } });
    const assessed = await bundleOf(gridAdmin, id);
    expect(stixProblems(assessed)).toEqual([]);
    expect(assessed.objects.find((o) => o.type === "incident")?.extensions).toEqual({
      [INCIDENT_EXTENSION_ID]: {
        extension_type: "property-extension",
        severity: "critical",
        severity_assessed: true,
      },
    });
  });

  it("carries no extension while there is no severity, and nothing at all for a stranger", async () => {
    const { id } = await gridAdmin.call("createIncident", { body: notice() });
    const bundle = await bundleOf(watch, id);
    expect(stixProblems(bundle)).toEqual([]);
    expect(bundle.objects.find((o) => o.type === "incident")?.extensions).toBeUndefined();
    expect(bundle.objects.some((o) => o.id === INCIDENT_EXTENSION_ID)).toBe(false);
    expect(await statusOf(bank.call("exportIncidentStix", { params: { id } }))).toBe(404);
  });
});
