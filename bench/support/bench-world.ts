// The least a bench needs to sign in and share: a national authority, one coordinator with a
// password, and a community of that authority alone.
import {
  type Connection,
  insertCommunity,
  insertOrganisation,
  insertUser,
  setCommunityOrganisations,
} from "@bulwark/db";
import { hashPassword } from "../../apps/server/src/auth/secrets.ts";

export interface BenchWorld {
  readonly organisationId: string;
  readonly userId: string;
  readonly email: string;
  readonly community: string;
}

export async function benchWorld(
  connection: Connection,
  password: string,
  communityName: string,
): Promise<BenchWorld> {
  const now = new Date();
  const db = connection.db;
  const organisationId = await insertOrganisation(
    db,
    { name: "Bench authority", kind: "national-authority", country: "XM", sectors: [] },
    now,
  );
  const email = "bench@example.com";
  const userId = await insertUser(
    db,
    {
      email,
      name: "Bench",
      organisationId,
      roles: ["coordinator"],
      passwordHash: await hashPassword(password),
    },
    now,
  );
  const community = await insertCommunity(db, { name: communityName, description: "" }, now);
  await setCommunityOrganisations(db, community, [organisationId]);
  return { organisationId, userId, email, community };
}
