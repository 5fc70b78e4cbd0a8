// Loads the demo country (content/demo/country.json) once: organisations, people and communities
// of a fictional country, with stable ids so that tests and screenshots are reproducible.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CountryCode, Email, OrganisationKind, Role, Sector } from "@bulwark/contracts";
import type { AuditAction } from "@bulwark/core";
import {
  appendAudit,
  insertCommunity,
  insertOrganisation,
  insertUser,
  readSetting,
  STARTUP_LOCKS,
  setCommunityModerators,
  setCommunityOrganisations,
  writeSetting,
} from "@bulwark/db";
import { z } from "zod";
import { seedAssistanceDemo } from "../assistance/demo.ts";
import { generatePassword, hashPassword } from "../auth/secrets.ts";
import { DEMO_COMPENDIUM, loadPack, readPack } from "../compendium/pack.service.ts";
import type { ServerContext } from "../context.ts";
import { seedDemoEvents } from "../events/demo.ts";
import { seedExercisesDemo } from "../exercises/demo.ts";
import { seedDemoExperts } from "../experts/demo.ts";
import { seedIncidentsDemo } from "../incidents/demo.ts";
import { importRegistry } from "../registry/import.service.ts";
import { seedDemoRisk } from "../risk/demo.ts";
import { seedSelfAssessmentDemo } from "../self-assessment/demo.ts";
import { seedSharingDemo } from "../sharing/demo.ts";

export const DEMO_FILE = fileURLToPath(new URL("../../../../content/demo/country.json", import.meta.url));
export const DEMO_ADMIN = "admin@bulwark.example";
const SEEDED = "demo.seeded";

const DemoCountry = z.object({
  country: z.object({ code: CountryCode, name: z.string(), capital: z.string(), description: z.string() }),
  organisations: z.array(
    z.object({
      key: z.string().regex(/^[a-z0-9-]+$/),
      name: z.string().min(1),
      shortName: z.string().nullable().optional(),
      kind: OrganisationKind,
      country: CountryCode,
      sectors: z.array(Sector),
      domain: z.string(),
      website: z.url().nullable().optional(),
    }),
  ),
  users: z.array(
    z.object({
      email: Email,
      name: z.string().min(1),
      organisation: z.string(),
      roles: z.array(Role).min(1),
    }),
  ),
  communities: z.array(
    z.object({
      name: z.string().min(1),
      description: z.string(),
      organisations: z.array(z.string()),
      moderators: z.array(Email),
    }),
  ),
});
export type DemoCountry = z.infer<typeof DemoCountry>;

export function readDemoCountry(file = DEMO_FILE): DemoCountry {
  return DemoCountry.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** A stable UUID (RFC 9562 version 8) from a name, so demo ids are the same on every machine. */
export function stableId(name: string): string {
  const hex = createHash("sha256").update(`bulwark-demo:${name}`).digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface DemoResult {
  /** false when the demo was loaded before (nothing changed). */
  readonly loaded: boolean;
  /** The password of every demo account when this run set it; null otherwise. */
  readonly password: string | null;
  readonly generated: boolean;
  readonly accounts: { email: string; name: string; roles: string[]; organisation: string }[];
}

/**
 * Loads the demo country, or brings an existing one up to date. Under the demo's advisory lock:
 * processes started together with --demo take turns, and the later ones find it loaded.
 */
export function seedDemo(context: ServerContext, country = readDemoCountry()): Promise<DemoResult> {
  return context.connection.exclusive(STARTUP_LOCKS.demo, () => seedDemoUnlocked(context, country));
}

async function seedDemoUnlocked(context: ServerContext, country: DemoCountry): Promise<DemoResult> {
  const accounts = country.users.map((user) => ({
    email: user.email,
    name: user.name,
    roles: user.roles,
    organisation:
      country.organisations.find((org) => org.key === user.organisation)?.name ?? user.organisation,
  }));
  if (await readSetting(context.db, SEEDED)) {
    await seedDemoRegistry(context);
    await seedDemoCompendium(context);
    await seedDemoRisk(context);
    await seedSharingDemo(context);
    await seedIncidentsDemo(context);
    await seedExercisesDemo(context);
    return { loaded: false, password: null, generated: false, accounts };
  }
  const password = context.config.demoPassword ?? generatePassword();
  // One hash for all demo accounts: they share a password by design, and seeding stays quick.
  const passwordHash = await hashPassword(password);
  const now = context.clock();
  const orgIds = new Map(country.organisations.map((org) => [org.key, stableId(`organisation:${org.key}`)]));
  const userIds = new Map(country.users.map((user) => [user.email, stableId(`user:${user.email}`)]));
  const need = <T>(map: Map<string, T>, key: string, what: string): T => {
    const value = map.get(key);
    if (value === undefined) throw new Error(`The demo country names an unknown ${what}: ${key}`);
    return value;
  };
  await context.db.transaction(async (tx) => {
    if (await readSetting(tx, SEEDED)) return;
    const audit = (action: AuditAction, targetType: string, targetId: string) =>
      appendAudit(
        tx,
        { actorId: null, action, targetType, targetId, details: { source: "demo-country" } },
        now,
      );
    for (const org of country.organisations) {
      const id = need(orgIds, org.key, "organisation");
      await insertOrganisation(
        tx,
        {
          id,
          name: org.name,
          shortName: org.shortName ?? null,
          kind: org.kind,
          country: org.country,
          sectors: org.sectors,
          website: org.website ?? null,
          // The demo's organisations are vouched for, as a platform administrator would.
          verified: true,
        },
        now,
      );
      await audit("organisation.create", "organisation", id);
    }
    for (const user of country.users) {
      const id = need(userIds, user.email, "user");
      const organisationId = need(orgIds, user.organisation, "organisation");
      await insertUser(
        tx,
        { id, email: user.email, name: user.name, organisationId, roles: user.roles, passwordHash },
        now,
      );
      await audit("user.create", "user", id);
    }
    for (const community of country.communities) {
      const id = stableId(`community:${community.name}`);
      await insertCommunity(tx, { id, name: community.name, description: community.description }, now);
      await setCommunityOrganisations(
        tx,
        id,
        community.organisations.map((key) => need(orgIds, key, "organisation")),
      );
      await setCommunityModerators(
        tx,
        id,
        community.moderators.map((email) => need(userIds, email, "user")),
      );
      await audit("community.create", "community", id);
    }
    await writeSetting(tx, SEEDED, { at: now.toISOString(), country: country.country.name }, now);
    await appendAudit(
      tx,
      {
        actorId: null,
        action: "demo.seed",
        targetType: "installation",
        targetId: null,
        details: {
          country: country.country.name,
          organisations: country.organisations.length,
          users: country.users.length,
        },
      },
      now,
    );
  });
  await seedDemoRegistry(context);
  await seedDemoCompendium(context);
  await seedDemoExperts(context);
  await seedDemoRisk(context);
  await seedSharingDemo(context);
  await seedIncidentsDemo(context);
  await seedExercisesDemo(context);
  return { loaded: true, password, generated: context.config.demoPassword === null, accounts };
}

export const DEMO_ASSETS = fileURLToPath(new URL("../../../../content/demo/assets.csv", import.meta.url));
export const DEMO_DEPENDENCIES = fileURLToPath(
  new URL("../../../../content/demo/dependencies.csv", import.meta.url),
);
/** Written once the demo's assets and dependencies are in the registry. */
export const REGISTRY_SEEDED = "demo.registry";

/** The demo country's assets and dependencies, loaded once (a step of its own, so it can follow). */
async function seedDemoRegistry(context: ServerContext): Promise<void> {
  if (!existsSync(DEMO_ASSETS) || (await readSetting(context.db, REGISTRY_SEEDED))) return;
  const files = {
    assets: readFileSync(DEMO_ASSETS, "utf8"),
    dependencies: existsSync(DEMO_DEPENDENCIES) ? readFileSync(DEMO_DEPENDENCIES, "utf8") : undefined,
  };
  const report = await importRegistry(context, null, files);
  await writeSetting(
    context.db,
    REGISTRY_SEEDED,
    { at: context.clock().toISOString(), assets: report.assets.created },
    context.clock(),
  );
}

/**
 * The compendium's content pack, on every seed: new and changed entries are published (a new
 * version), the rest left alone, so an upgrade brings its new entries to an existing demo.
 */
async function seedDemoCompendium(context: ServerContext): Promise<void> {
  await seedDemoEvents(context);
  await seedSelfAssessmentDemo(context); // frameworks on every seed, demo runs once (self-assessment/demo.ts)
  await seedAssistanceDemo(context); // once, from the self-assessment baseline's gaps (assistance/demo.ts)
  if (!existsSync(DEMO_COMPENDIUM)) return;
  // A start-up with the same files skips reading them (parsing and checking 72 entries costs ~0.1 s).
  const hash = createHash("sha256");
  // The entries' files, then those of their translations (translations/<language>.yaml).
  const translations = join(DEMO_COMPENDIUM, "translations");
  const files = [
    ...readdirSync(DEMO_COMPENDIUM)
      .filter((name) => name !== "translations")
      .map((name) => join(DEMO_COMPENDIUM, name)),
    ...(existsSync(translations) ? readdirSync(translations).map((name) => join(translations, name)) : []),
  ].sort();
  for (const file of files)
    hash.update(file.slice(DEMO_COMPENDIUM.length)).update("\0").update(readFileSync(file)).update("\0");
  const digest = hash.digest("hex");
  const seeded = await readSetting(context.db, COMPENDIUM_SEEDED);
  if (seeded && typeof seeded === "object" && "digest" in seeded && seeded.digest === digest) return;
  const report = await loadPack(context, null, readPack(DEMO_COMPENDIUM));
  await writeSetting(context.db, COMPENDIUM_SEEDED, { digest, ...report }, context.clock());
}

const COMPENDIUM_SEEDED = "demo.compendium";
