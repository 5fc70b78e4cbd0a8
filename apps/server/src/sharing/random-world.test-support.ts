// Random worlds for the property tests of sharing (feed and routes, STIX export, TAXII): a small
// population of organisations, communities and people written once per test file, and per
// generated world the roles each person holds and the organisations each community gathers.
import type { Client } from "@bulwark/contracts";
import { ROLES, type Role, type Sector, type SharingViewer } from "@bulwark/core";
import { insertCommunity, insertOrganisation, insertUser, setCommunityOrganisations } from "@bulwark/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";

export interface Sizes {
  readonly organisations: number;
  readonly communities: number;
  readonly people: number;
}

export interface Population {
  readonly sizes: Sizes;
  readonly organisations: string[];
  readonly communities: string[];
  /** Person i belongs to organisation i modulo the number of organisations; all share PASSWORD. */
  readonly people: { id: string; organisationId: string; email: string }[];
}

export async function seedPopulation(
  server: TestServer,
  sizes: Sizes,
  options: { emailPrefix?: string; sectors?: Sector[] } = {},
): Promise<Population> {
  const now = server.context.clock();
  const passwordHash = await hashPassword(PASSWORD);
  const organisations: string[] = [];
  for (let i = 0; i < sizes.organisations; i++)
    organisations.push(
      await insertOrganisation(
        server.db,
        { name: `Random ${i}`, kind: "private-operator", country: "XM", sectors: options.sectors ?? [] },
        now,
      ),
    );
  const communities: string[] = [];
  for (let i = 0; i < sizes.communities; i++)
    communities.push(await insertCommunity(server.db, { name: `Circle ${i}`, description: "" }, now));
  const people: Population["people"] = [];
  for (let i = 0; i < sizes.people; i++) {
    const organisationId = at(organisations, i % sizes.organisations);
    const email = `${options.emailPrefix ?? "person"}${i}@random.example`;
    const id = await insertUser(
      server.db,
      { email, name: `Person ${i}`, organisationId, roles: ["member"], passwordHash },
      now,
    );
    people.push({ id, organisationId, email });
  }
  return { sizes, organisations, communities, people };
}

/** A person of the population signed in every way the routes under test are read. */
export interface SignedIn {
  readonly id: string;
  readonly organisationId: string;
  /** The index of the person's organisation in the population. */
  readonly organisation: number;
  readonly email: string;
  /** The typed client, with its session. */
  readonly client: Client;
  /** A session cookie of its own, for raw requests (CAP, CSV) the typed client does not make. */
  readonly cookie: string;
  /** An HTTP Basic header, as TAXII clients sign in. */
  readonly basic: string;
}

export const basicAuth = (email: string): string =>
  `Basic ${Buffer.from(`${email}:${PASSWORD}`).toString("base64")}`;

export async function signIn(server: TestServer, population: Population): Promise<SignedIn[]> {
  const people: SignedIn[] = [];
  for (const { id, organisationId, email } of population.people) {
    const login = await server.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: PASSWORD },
    });
    people.push({
      id,
      organisationId,
      organisation: population.organisations.indexOf(organisationId),
      email,
      client: await server.client(email),
      cookie: String(login.headers["set-cookie"] ?? "").split(";")[0] ?? "",
      basic: basicAuth(email),
    });
  }
  return people;
}

export interface RandomWorld {
  readonly server: TestServer;
  readonly population: Population;
  readonly people: SignedIn[];
}

/** A test server with a population written into it, every person signed in. */
export async function startRandomWorld(
  sizes: Sizes,
  options: { emailPrefix?: string; sectors?: Sector[] } = {},
): Promise<RandomWorld> {
  const server = await startTestServer();
  const population = await seedPopulation(server, sizes, options);
  return { server, population, people: await signIn(server, population) };
}

export const at = <T>(list: readonly T[], index: number): T => {
  const value = list[index];
  if (value === undefined) throw new Error(`No element ${index}.`);
  return value;
};

export const pick = (n: number) => fc.nat({ max: n - 1 });
export const subset = (n: number) => fc.uniqueArray(pick(n), { maxLength: n });

/** A world's roles (one or two per person) and memberships (organisation indexes per community). */
export const arbMembership = (sizes: Sizes) => ({
  roles: fc.array(fc.subarray([...ROLES], { minLength: 1, maxLength: 2 }), {
    minLength: sizes.people,
    maxLength: sizes.people,
  }),
  memberships: fc.array(subset(sizes.organisations), {
    minLength: sizes.communities,
    maxLength: sizes.communities,
  }),
});

export interface Membership {
  readonly roles: readonly (readonly Role[])[];
  readonly memberships: readonly (readonly number[])[];
}

/** Give the population this world's roles and community memberships. */
export async function applyMembership(
  server: TestServer,
  population: Population,
  world: Membership,
): Promise<void> {
  for (const [i, person] of population.people.entries())
    await server.db.execute(
      sql`update users set roles = ${`{${at(world.roles, i).join(",")}}`}::text[] where id = ${person.id}`,
    );
  for (const [i, community] of population.communities.entries())
    await setCommunityOrganisations(
      server.db,
      community,
      at(world.memberships, i).map((o) => at(population.organisations, o)),
    );
}

/** Person i as the sharing rules see them in this world. */
export function viewerIn(population: Population, world: Membership, i: number): SharingViewer {
  const person = at(population.people, i);
  const organisation = population.organisations.indexOf(person.organisationId);
  return {
    userId: person.id,
    organisationId: person.organisationId,
    roles: at(world.roles, i),
    communityIds: population.communities.filter((_, c) => at(world.memberships, c).includes(organisation)),
  };
}
