// The world the live benches of incidents share (incident-fanout.ts, board-live.ts): organisations
// of several kinds (the authority that files, the police, a regulator, operators), readers spread
// over them as members and analysts (two scope groups per organisation), one session each, and an
// AMBER incident filed by the authority's coordinator for every other organisation. Sessions are
// written straight to the database (no sign-in per reader), as the server would after a sign-in.
import { randomBytes } from "node:crypto";
import { availableParallelism, cpus } from "node:os";
import type { OrganisationKind, Role } from "@bulwark/core";
import { type Connection, insertIncident, insertOrganisation, insertSession, insertUser } from "@bulwark/db";
import { hashPassword, sha256 } from "../../apps/server/src/auth/secrets.ts";

type Db = Connection["db"];

/** What a bench prints first: the machine it ran on. */
export const printMachine = () =>
  console.log(
    `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}`,
  );

export const KINDS: readonly OrganisationKind[] = [
  "national-authority",
  "law-enforcement",
  "regulator",
  "public-operator",
  "private-operator",
  "private-operator",
  "private-operator",
  "private-operator",
];

/** A signed-in person's cookie, and the CSRF token its writes carry. */
export interface Writer {
  readonly cookie: string;
  readonly csrfToken: string;
}

/** A session of an hour for `userId`, written to the database. */
export async function session(db: Db, userId: string, now: Date): Promise<Writer> {
  const secret = randomBytes(24).toString("hex");
  const csrfToken = randomBytes(16).toString("hex");
  await insertSession(
    db,
    { id: sha256(secret), userId, csrfToken, expiresAt: new Date(now.getTime() + 3_600_000) },
    now,
  );
  return { cookie: `bulwark_session=${secret}`, csrfToken };
}

export interface LiveWorld {
  readonly now: Date;
  /** The n-th organisation, round the KINDS: 0 the authority, 1 the police, 4 to 7 operators. */
  organisation(n: number): string;
  /** Adds a person with an unguessable password; their id. */
  user(email: string, name: string, organisationId: string, roles: Role[]): Promise<string>;
  /** The readers' session cookies. */
  readonly readers: string[];
}

/** The organisations and `readers` readers with a session each. */
export async function liveWorld(db: Db, readers: number): Promise<LiveWorld> {
  const now = new Date();
  const passwordHash = await hashPassword(randomBytes(12).toString("hex"));
  const organisations: string[] = [];
  for (const [n, kind] of KINDS.entries())
    organisations.push(
      await insertOrganisation(
        db,
        {
          name: `Bench ${kind} ${n}`,
          kind,
          country: "XM",
          sectors: kind.endsWith("-operator") ? ["energy-electricity"] : [],
        },
        now,
      ),
    );
  const organisation = (n: number) => organisations[n % organisations.length] as string;
  const user = (email: string, name: string, organisationId: string, roles: Role[]) =>
    insertUser(db, { email, name, organisationId, roles, passwordHash }, now);
  const cookies: string[] = [];
  for (let n = 0; n < readers; n++) {
    const userId = await user(
      `reader${n}@bench.example`,
      `Reader ${n}`,
      organisation(n),
      // Members and analysts in every organisation: two scope groups each.
      [Math.floor(n / organisations.length) % 2 === 0 ? "member" : "analyst"],
    );
    cookies.push((await session(db, userId, now)).cookie);
  }
  return { now, organisation, user, readers: cookies };
}

/**
 * The authority's coordinator files an AMBER sabotage incident, begun an hour ago, for every other
 * organisation, with `assets` down; its id.
 */
export async function fileIncident(db: Db, world: LiveWorld, filerId: string, assetIds: string[] = []) {
  const at = new Date(world.now.getTime() - 3_600_000);
  return insertIncident(db, {
    title: "Substation attacked",
    description: "Two transformers were damaged overnight.",
    type: "sabotage",
    regime: "eu-cer-article-15",
    tlp: "amber",
    startedAt: at,
    awareAt: at,
    suspectedCause: "attack",
    threatFamily: "sabotage",
    causeDetails: "",
    servicesAffected: [],
    peopleAffected: null,
    effectsAbroad: [],
    effectsAbroadDetails: "",
    filerId,
    filerOrganisationId: world.organisation(0),
    audience: {
      communityIds: [],
      organisationIds: KINDS.slice(1).map((_, n) => world.organisation(n + 1)),
      userIds: [],
    },
    assets: assetIds.map((assetId) => ({ assetId, status: "down", at })),
    now: world.now,
  });
}
