import {
  LANGUAGES,
  type Language,
  type OrganisationKind,
  type Role,
  type TokenScope,
  tokenScopesOf,
} from "@bulwark/core";
import { and, eq, gt, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { apiTokens, organisations, sessions, users } from "../schema.ts";
import { iso, isoOrNull } from "../scope.ts";
import { dateOf, runStatement } from "../statement.ts";
import type { ThrottleCount } from "./auth-throttle.ts";

export interface Principal {
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  roles: Role[];
  /** Set for a session, null for an API token. */
  csrfToken: string | null;
  sessionId: string | null;
  tokenId: string | null;
  /** An API token's scopes; null for a session (which may do anything its person may). */
  scopes: TokenScope[] | null;
  /** The language chosen on the account (users.language); null when none was chosen. */
  language: Language | null;
  /**
   * The communities of the person's organisation, read with the principal (in the same statement):
   * the rest of a sharing viewer, for the request that read it (absent: read them when needed).
   */
  communityIds?: string[];
}

/** The communities of the user's organisation, as a column next to `users`. */
const communityIdsOf = sql<string[]>`array(select co.community_id::text from community_organisations as co
  where co.organisation_id = ${users.organisationId})`;

export const languageOrNull = (value: string | null): Language | null =>
  value !== null && (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : null;

export async function insertSession(
  db: Executor,
  session: { id: string; userId: string; csrfToken: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db.insert(sessions).values({ ...session, createdAt: now, lastSeenAt: now });
}

/**
 * The active user behind a live session, or null. Live: used within its idle time (expires_at)
 * and started after `startedAfter` (the absolute lifetime), however often it was used since.
 */
export async function principalBySession(
  db: Executor,
  id: string,
  now: Date,
  startedAfter: Date,
): Promise<Principal | null> {
  const [row] = await db
    .select({
      userId: users.id,
      organisationId: users.organisationId,
      organisationKind: organisations.kind,
      roles: users.roles,
      csrfToken: sessions.csrfToken,
      language: users.language,
      communityIds: communityIdsOf,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(sessions.id, id),
        gt(sessions.expiresAt, now),
        gt(sessions.createdAt, startedAfter),
        eq(users.active, true),
      ),
    );
  return row
    ? {
        ...row,
        organisationKind: row.organisationKind as OrganisationKind,
        roles: row.roles as Role[],
        language: languageOrNull(row.language),
        sessionId: id,
        tokenId: null,
        scopes: null,
      }
    : null;
}

/** Slide a session's expiry forward (called at most once a minute per session). */
export async function touchSession(db: Executor, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, new Date(now.getTime() - 60_000))));
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** End a user's sessions, except `keep` (e.g. the one changing its own password). */
export async function deleteUserSessions(db: Executor, userId: string, keep?: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keep ? ne(sessions.id, keep) : undefined));
}

/** Sessions idle past their expiry, or (with `startedBefore`) past their absolute lifetime. */
export async function deleteExpiredSessions(db: Executor, now: Date, startedBefore?: Date): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), startedBefore ? lt(sessions.createdAt, startedBefore) : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

export interface TokenRecord {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  scopes: TokenScope[];
}

export async function insertToken(
  db: Executor,
  token: {
    userId: string;
    name: string;
    prefix: string;
    tokenHash: string;
    expiresAt: Date | null;
    scopes: readonly TokenScope[];
  },
  now: Date,
): Promise<TokenRecord> {
  const [row] = await db
    .insert(apiTokens)
    .values({ ...token, scopes: [...token.scopes], createdAt: now })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return presentToken(row);
}

const presentToken = (row: typeof apiTokens.$inferSelect): TokenRecord => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: iso(row.createdAt),
  expiresAt: isoOrNull(row.expiresAt),
  lastUsedAt: isoOrNull(row.lastUsedAt),
  revokedAt: isoOrNull(row.revokedAt),
  scopes: tokenScopesOf(row.scopes),
});

export async function listTokens(db: Executor, userId: string): Promise<TokenRecord[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(apiTokens.createdAt);
  return rows.map(presentToken);
}

export async function revokeToken(db: Executor, userId: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/**
 * The active user behind a live, unrevoked token, or null; records the use. `throttle`: the
 * failures counted under this key (auth-throttle.ts) are read in the same statement and handed to
 * `admit` (null: none in the current window) before the use is recorded; `admit` throws to refuse.
 * (With no such token nothing is admitted: the caller counts the failure its own way.)
 */
export async function principalByToken(
  db: Executor,
  tokenHash: string,
  now: Date,
  throttle?: { key: string; admit: (count: ThrottleCount | null) => void },
): Promise<Principal | null> {
  // Written once as SQL (runStatement): every request with a token runs it. The address's counter
  // in its current window (no key asked: nulls).
  const [row] = await runStatement<{
    failures: number | null;
    windowEnds: string | Date | null;
    tokenId: string;
    userId: string;
    organisationId: string;
    organisationKind: string;
    roles: string[];
    scopes: string[];
    lastUsedAt: string | Date | null;
    language: string | null;
    communityIds: string[];
  }>(db, TOKEN_PRINCIPAL, [tokenHash, now.toISOString(), throttle?.key ?? null]);
  if (!row) return null;
  const { lastUsedAt, failures, windowEnds, organisationKind, roles, scopes, language, ...found } = row;
  throttle?.admit(
    failures === null || windowEnds === null
      ? null
      : { failures: Number(failures), windowEnds: new Date(windowEnds) },
  );
  // The use is recorded to the minute: a token used within the last one costs no write.
  const stale = new Date(now.getTime() - 60_000);
  if (lastUsedAt === null || dateOf(lastUsedAt) < stale)
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.tokenId),
          sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < ${stale})`,
        ),
      );
  return {
    ...found,
    organisationKind: organisationKind as OrganisationKind,
    roles: roles as Role[],
    language: languageOrNull(language),
    scopes: tokenScopesOf(scopes),
    csrfToken: null,
    sessionId: null,
  };
}

/** principalByToken's read: $1 the token's hash, $2 now, $3 the throttle's key (null: none). */
const TOKEN_PRINCIPAL = `select
    (select t.failures from auth_throttle as t where t.key = $3 and t.window_ends > $2::timestamptz) as "failures",
    (select t.window_ends from auth_throttle as t where t.key = $3 and t.window_ends > $2::timestamptz) as "windowEnds",
    k.id as "tokenId", u.id as "userId", u.organisation_id as "organisationId", o.kind as "organisationKind",
    u.roles, k.scopes, k.last_used_at as "lastUsedAt", u.language,
    array(select co.community_id::text from community_organisations as co
      where co.organisation_id = u.organisation_id) as "communityIds"
  from api_tokens as k
  join users as u on u.id = k.user_id
  join organisations as o on o.id = u.organisation_id
  where k.token_hash = $1 and k.revoked_at is null
    and (k.expires_at is null or k.expires_at > $2::timestamptz) and u.active`;
