import type { Language, Role, Scope } from "@bulwark/core";
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { organisations, users } from "../schema.ts";
import { iso, isoOrNull, likePattern, scopeFilter } from "../scope.ts";
import { languageOrNull } from "./sessions.ts";

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  organisationId: string;
  organisationName: string;
  roles: Role[];
  active: boolean;
  totpEnabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

/** What sign-in needs: the secrets stay inside the server. */
export interface UserCredentials {
  id: string;
  organisationId: string;
  roles: Role[];
  active: boolean;
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  failedSignIns: number;
  lockedUntil: Date | null;
}

export interface UserFields {
  id?: string;
  email: string;
  name: string;
  organisationId: string;
  roles: Role[];
  passwordHash: string | null;
}

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  roles: users.roles,
  active: users.active,
  totpEnabled: users.totpEnabled,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
};

interface Row extends Omit<UserRecord, "roles" | "lastSignInAt" | "createdAt"> {
  roles: string[];
  lastSignInAt: Date | null;
  createdAt: Date;
}
const present = (row: Row): UserRecord => ({
  ...row,
  roles: row.roles as Role[],
  lastSignInAt: isoOrNull(row.lastSignInAt),
  createdAt: iso(row.createdAt),
});

const visible = (scope: Scope) =>
  scopeFilter(scope, (organisationId) => eq(users.organisationId, organisationId));

export async function listUsers(
  db: Executor,
  scope: Scope,
  query: { limit: number; offset: number; q?: string; organisationId?: string },
): Promise<{ items: UserRecord[]; total: number }> {
  const filters: (SQL | undefined)[] = [visible(scope)];
  if (query.q) {
    const pattern = likePattern(query.q);
    filters.push(or(ilike(users.name, pattern), ilike(users.email, pattern)));
  }
  if (query.organisationId) filters.push(eq(users.organisationId, query.organisationId));
  const where = and(...filters);
  const [rows, [count]] = await Promise.all([
    db
      .select(columns)
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(where)
      .orderBy(asc(users.name), asc(users.email))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { items: rows.map(present), total: Number(count?.total ?? 0) };
}

export async function getUser(db: Executor, scope: Scope, id: string): Promise<UserRecord | null> {
  const [row] = await db
    .select(columns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, id), visible(scope)));
  return row ? present(row) : null;
}

/** Names of accounts by id, for showing who did what (ids that no longer exist are left out). */
export async function userNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

const credentialColumns = {
  id: users.id,
  organisationId: users.organisationId,
  roles: users.roles,
  active: users.active,
  passwordHash: users.passwordHash,
  totpSecret: users.totpSecret,
  totpEnabled: users.totpEnabled,
  totpLastStep: users.totpLastStep,
  failedSignIns: users.failedSignIns,
  lockedUntil: users.lockedUntil,
};

export async function credentialsByEmail(db: Executor, email: string): Promise<UserCredentials | null> {
  const [row] = await db.select(credentialColumns).from(users).where(eq(users.email, email));
  return row ? { ...row, roles: row.roles as Role[] } : null;
}

export async function credentialsById(db: Executor, id: string): Promise<UserCredentials | null> {
  const [row] = await db.select(credentialColumns).from(users).where(eq(users.id, id));
  return row ? { ...row, roles: row.roles as Role[] } : null;
}

export async function emailTaken(db: Executor, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return Boolean(row);
}

export async function insertUser(db: Executor, fields: UserFields, now: Date): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .returning({ id: users.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export type UserChanges = Partial<{
  name: string;
  organisationId: string;
  roles: Role[];
  active: boolean;
  passwordHash: string;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  lastSignInAt: Date;
}>;

/** The language chosen on an account, or null (none chosen, or no such account). */
export async function userLanguage(db: Executor, id: string): Promise<Language | null> {
  const [row] = await db.select({ language: users.language }).from(users).where(eq(users.id, id));
  return row ? languageOrNull(row.language) : null;
}

/** Choose (or, with null, forget) the language of one's own account. */
export async function setUserLanguage(
  db: Executor,
  id: string,
  language: Language | null,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ language, updatedAt: now })
    .where(eq(users.id, id))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function updateUser(
  db: Executor,
  id: string,
  changes: UserChanges,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ ...changes, updatedAt: now })
    .where(eq(users.id, id))
    .returning({ id: users.id });
  return rows.length > 0;
}
