// Property (issue 12, the class of findings 1 and 2): whatever the organisations, roles and
// community memberships, every field that feeds the policy (an organisation's kind, country,
// sectors and verified flag; a person's roles and organisation; a community's member
// organisations, through PATCH or an invitation's acceptance) is changed through the API only by
// the actors the rule names. Everyone else gets 403 (404 when the thing is hidden from them) and
// nothing changes. The expectations are written out here from the rule, not asked of core.
import { ORGANISATION_KINDS, type Role, SECTORS } from "@bulwark/core";
import { insertInvitation, rowsOf, setCommunityModerators } from "@bulwark/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMembership,
  arbMembership,
  at,
  type Membership,
  type Population,
  pick,
  seedPopulation,
  subset,
} from "../sharing/random-world.test-support.ts";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";

const SIZES = { organisations: 3, communities: 2, people: 6 };
const ASSIGNABLE: readonly Role[] = ["organisation-admin", "coordinator", "analyst", "member"];

let server: TestServer;
let population: Population;
beforeAll(async () => {
  server = await startTestServer();
  population = await seedPopulation(server, SIZES, { emailPrefix: "policy" });
});
afterAll(() => server.close());

type Attempt =
  | {
      kind: "organisation";
      target: number;
      field: "kind" | "country" | "sectors" | "verified";
      value: number;
    }
  | { kind: "roles"; target: number; roles: Role[] }
  | { kind: "move"; target: number; organisation: number }
  | { kind: "community"; community: number; organisation: number }
  | { kind: "accept"; community: number; organisation: number };

const arbAttempt: fc.Arbitrary<Attempt> = fc.oneof(
  fc.record({
    kind: fc.constant("organisation" as const),
    target: pick(SIZES.organisations),
    field: fc.constantFrom("kind" as const, "country" as const, "sectors" as const, "verified" as const),
    value: fc.nat({ max: 20 }),
  }),
  fc.record({
    kind: fc.constant("roles" as const),
    target: pick(SIZES.people),
    roles: fc.subarray(
      ["platform-admin", "organisation-admin", "coordinator", "analyst", "member", "auditor"] as Role[],
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  }),
  fc.record({
    kind: fc.constant("move" as const),
    target: pick(SIZES.people),
    organisation: pick(SIZES.organisations),
  }),
  fc.record({
    kind: fc.constant("community" as const),
    community: pick(SIZES.communities),
    organisation: pick(SIZES.organisations),
  }),
  fc.record({
    kind: fc.constant("accept" as const),
    community: pick(SIZES.communities),
    organisation: pick(SIZES.organisations),
  }),
);

const has = (roles: readonly Role[], role: Role) => roles.includes(role);

async function organisationRow(id: string) {
  const rows = rowsOf<{ kind: string; country: string; sectors: string[]; verified: boolean }>(
    await server.db.execute(sql`select kind, country, sectors, verified from organisations where id = ${id}`),
  );
  return rows[0];
}
async function userRow(id: string) {
  const rows = rowsOf<{ roles: string[]; organisation_id: string }>(
    await server.db.execute(sql`select roles, organisation_id from users where id = ${id}`),
  );
  return rows[0];
}
async function members(community: string): Promise<string[]> {
  const rows = rowsOf<{ organisation_id: string }>(
    await server.db.execute(
      sql`select organisation_id from community_organisations where community_id = ${community} order by 1`,
    ),
  );
  return rows.map((row) => row.organisation_id);
}

describe("fields that feed the policy", () => {
  it("change only by the actors the rule names; the rest get 403 or 404 and nothing changes", async () => {
    const { organisations, communities, people } = population;
    const original = people.map((person) => person.organisationId);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          ...arbMembership(SIZES),
          moderators: fc.array(subset(SIZES.people), {
            minLength: SIZES.communities,
            maxLength: SIZES.communities,
          }),
          actor: pick(SIZES.people),
          attempt: arbAttempt,
        }),
        async (world: Membership & { moderators: number[][]; actor: number; attempt: Attempt }) => {
          // Reset the world: organisations of people, roles, memberships, moderators, invitations.
          for (const [i, person] of people.entries())
            await server.db.execute(
              sql`update users set organisation_id = ${at(original, i)} where id = ${person.id}`,
            );
          await server.db.execute(sql`delete from community_invitations`);
          await applyMembership(server, population, world);
          for (const [c, community] of communities.entries()) {
            const memberOrgs = at(world.memberships, c).map((o) => at(organisations, o));
            // Moderators come from member organisations (the service insists on it).
            const moderators = at(world.moderators, c)
              .map((p) => at(people, p))
              .filter((person) => memberOrgs.includes(person.organisationId))
              .map((person) => person.id);
            await setCommunityModerators(server.db, community, moderators);
          }
          const actor = at(people, world.actor);
          const roles = at(world.roles, world.actor);
          const admin = has(roles, "platform-admin");
          const oversight = admin || has(roles, "auditor");
          const client = await server.client(actor.email);
          const attempt = world.attempt;

          if (attempt.kind === "organisation") {
            const id = at(organisations, attempt.target);
            const before = await organisationRow(id);
            const value =
              attempt.field === "kind"
                ? at(ORGANISATION_KINDS, attempt.value % ORGANISATION_KINDS.length)
                : attempt.field === "country"
                  ? at(["FR", "DE", "KE", "BR", "XN"], attempt.value % 5)
                  : attempt.field === "sectors"
                    ? [at(SECTORS, attempt.value % SECTORS.length)]
                    : before?.verified !== true;
            const status = await statusOf(
              client.call("updateOrganisation", { params: { id }, body: { [attempt.field]: value } }),
            );
            const after = await organisationRow(id);
            const same = JSON.stringify(before?.[attempt.field]) === JSON.stringify(value);
            if (admin) expect(status).toBe(200);
            else if (!same) {
              expect(status).toBe(403);
              expect(after).toEqual(before);
            }
          } else if (attempt.kind === "roles" || attempt.kind === "move") {
            const target = at(people, attempt.target);
            const before = await userRow(target.id);
            const currentRoles = at(world.roles, attempt.target);
            const body =
              attempt.kind === "roles"
                ? { roles: attempt.roles }
                : { organisationId: at(organisations, attempt.organisation) };
            const status = await statusOf(client.call("updateUser", { params: { id: target.id }, body }));
            const after = await userRow(target.id);
            const visible = oversight || target.organisationId === actor.organisationId;
            const self = target.id === actor.id;
            const newRoles = attempt.kind === "roles" ? attempt.roles : currentRoles;
            const newOrg =
              attempt.kind === "move" ? at(organisations, attempt.organisation) : target.organisationId;
            const changes =
              newOrg !== target.organisationId ||
              newRoles.length !== currentRoles.length ||
              newRoles.some((role) => !currentRoles.includes(role));
            const allowed = admin
              ? !(self && !newRoles.includes("platform-admin"))
              : has(roles, "organisation-admin") &&
                target.organisationId === actor.organisationId &&
                newOrg === actor.organisationId &&
                [...newRoles, ...currentRoles].every((role) => ASSIGNABLE.includes(role)) &&
                (!self || !changes);
            if (!visible) expect(status).toBe(404);
            else if (allowed) expect(status).toBe(200);
            else expect(status).toBe(403);
            if (!allowed) expect(after).toEqual(before);
          } else {
            const community = at(communities, attempt.community);
            const organisation = at(organisations, attempt.organisation);
            const before = await members(community);
            const memberOfCommunity = before.includes(actor.organisationId);
            if (attempt.kind === "community") {
              const moderators = at(world.moderators, attempt.community)
                .map((p) => at(people, p))
                .filter((person) => before.includes(person.organisationId))
                .map((person) => person.id);
              const status = await statusOf(
                client.call("updateCommunity", {
                  params: { id: community },
                  body: { organisationIds: [...new Set([...before, organisation])] },
                }),
              );
              const after = await members(community);
              // A community without moderators must be given some first (422), whoever asks.
              const managed = admin || moderators.includes(actor.id);
              if (!(oversight || memberOfCommunity)) expect(status).toBe(404);
              else if (managed) expect(status).toBe(moderators.length > 0 ? 200 : 422);
              else expect(status).toBe(403);
              // Only a platform administrator puts an organisation in without its consent.
              if (admin && status === 200) expect(after).toContain(organisation);
              else expect(after).toEqual(before);
            } else {
              if (before.includes(organisation)) return;
              const invitation = await insertInvitation(
                server.db,
                { communityId: community, organisationId: organisation, invitedBy: null },
                server.context.clock(),
              );
              const status = await statusOf(
                client.call("decideCommunityInvitation", {
                  params: { id: invitation },
                  body: { decision: "accept" },
                }),
              );
              const after = await members(community);
              const allowed = has(roles, "organisation-admin") && actor.organisationId === organisation;
              const visible = oversight || memberOfCommunity || actor.organisationId === organisation;
              if (!visible) expect(status).toBe(404);
              else if (allowed) expect(status).toBe(200);
              else expect(status).toBe(403);
              if (allowed) expect(after).toContain(organisation);
              else expect(after).toEqual(before);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);
});
