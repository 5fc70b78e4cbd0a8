// Test support for the incident tests: the people beside the test server's cast that most of them
// need (the national authority's watch desk, and a bank outside every audience), the grid's
// substation S, and an incident notice about it. One place, so the incident tests stay short and
// agree on who sees what.
import type { IncidentCreateInput } from "@bulwark/contracts";
import type { Role } from "@bulwark/core";
import { type AssetFields, insertAsset, insertOrganisation, insertUser } from "@bulwark/db";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, type TestServer } from "../testing.ts";

/** When the incidents of these tests start, and their operators become aware of them. */
export const T0 = "2026-11-22T03:00:00.000Z";

/** What makes a notice one of sabotage rather than of a technical failure. */
export const SABOTAGE = { type: "sabotage", suspectedCause: "attack", threatFamily: "sabotage" } as const;

/**
 * Adds the watch desk (watch@authority.example, a coordinator of the authority) and a bank outside
 * every audience ("Test Bank") with its teller (teller@bank.example, `bankRoles`); the bank's id.
 */
export async function addWatchAndBank(server: TestServer, bankRoles: Role[] = ["member"]): Promise<string> {
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const bankId = await insertOrganisation(
    server.db,
    { name: "Test Bank", kind: "private-operator", country: "XM", sectors: ["banking"] },
    now,
  );
  const person = (email: string, organisationId: string, roles: Role[]) =>
    insertUser(
      server.db,
      { email, name: email.split("@")[0] ?? email, organisationId, roles, passwordHash },
      now,
    );
  await person("watch@authority.example", server.cast.organisations.authority, ["coordinator"]);
  await person("teller@bank.example", bankId, bankRoles);
  return bankId;
}

/** The grid operator's substation S (AMBER, serving 1,000 people); its id. */
export const insertSubstation = (server: TestServer, over: Partial<AssetFields> = {}): Promise<string> =>
  insertAsset(
    server.db,
    {
      ref: "S",
      name: "Asset S",
      sector: "energy-electricity",
      operatorId: server.cast.organisations.operator,
      status: "operational",
      populationServed: 1000,
      marking: "amber",
      tags: [],
      attributes: {},
      ...over,
    },
    server.context.clock(),
  );

/** A notice of a technical failure that took `assetId` down at T0, AMBER for `audience`. */
export const incidentNotice = (
  assetId: string,
  audience: readonly string[],
  over: Partial<IncidentCreateInput> = {},
): IncidentCreateInput => ({
  title: "Substation S down",
  type: "technical-failure",
  startedAt: T0,
  awareAt: T0,
  regime: "eu-cer-article-15",
  tlp: "amber",
  audience: { organisationIds: [...audience] },
  suspectedCause: "technical-failure",
  assets: [{ assetId, status: "down", at: T0 }],
  ...over,
});
