// The policy version: moved by database triggers in the same transaction as any change to what read
// scopes are made of (migration 0016, ADR 0019), and announced on POLICY_CHANNEL at commit. A cache
// of anything derived from a read scope keeps the version it was built at and compares before use.
import { sql } from "drizzle-orm";
import type { Executor } from "../connect.ts";
import { rowsOf } from "../rows.ts";

/** The LISTEN/NOTIFY channel the policy triggers notify, with the new version as payload. */
export const POLICY_CHANNEL = "bulwark_policy";

/** The channel told when sessions end (sign-out, password change, expiry); no version. */
export const SESSIONS_CHANNEL = "bulwark_sessions";

/** SQL for the current policy version (a subquery, so callers can read it with other things). */
export const policyVersionSql = sql`(select version from policy_state where id = 1)`;

export async function policyVersion(db: Executor): Promise<number> {
  const result = await db.execute(sql`select ${policyVersionSql} as version`);
  return Number(rowsOf<{ version: number | string | null }>(result)[0]?.version ?? 0);
}
