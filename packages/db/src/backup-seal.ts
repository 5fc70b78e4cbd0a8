// The secrets inside a backup (TOTP secrets, the pseudonym key), sealed under the instance's secret
// with the one sealing function (seal.ts), each bound to its table, column and row. A sealed check
// value in the header lets a restore refuse another instance's backup before it changes anything.
import { createHmac, type Hmac, hkdfSync } from "node:crypto";
import { getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import * as schema from "./schema.ts";
import { openText, sealText } from "./seal.ts";

export class BackupError extends Error {
  override name = "BackupError";
}

/** Settings whose value is a secret (the key of the pseudonyms' keyed hash). */
const SECRET_SETTINGS = new Set(["sharing.pseudonym-key"]);

/**
 * Columns a backup holds only sealed: the row's `key` binds each sealed value to its row.
 * Password, session and API token hashes stay as they are (hashes); TAXII credentials are sealed
 * already.
 */
const SEALED: readonly {
  table: PgTable;
  column: string;
  key: string;
  only?: (row: Record<string, unknown>) => boolean;
}[] = [
  { table: schema.users, column: "totpSecret", key: "id" },
  {
    table: schema.settings,
    column: "value",
    key: "key",
    only: (row) => SECRET_SETTINGS.has(String(row.key)),
  },
];

const PURPOSE = "bulwark backup secrets v1";
/** Sealed in the header, so a restore knows before it changes anything whether the secret is right. */
const CHECK = "bulwark backup check";

const WRONG_SECRET =
  "This backup's secrets are sealed under another instance's secret: restore it with that instance's BULWARK_SECRET (or its data folder's secret.key). Nothing was changed.";

export type Seal = (tableName: string, row: Record<string, unknown>) => Record<string, unknown>;

/** Seal (or open) the secret columns of one row of `tableName`. */
export function backupSealer(secret: string, direction: "seal" | "open"): Seal {
  const byTable = new Map<string, (typeof SEALED)[number][]>();
  for (const entry of SEALED) {
    const name = getTableName(entry.table);
    byTable.set(name, [...(byTable.get(name) ?? []), entry]);
  }
  return (tableName, row) => {
    const entries = byTable.get(tableName);
    if (!entries) return row;
    const out = { ...row };
    for (const { column, key, only } of entries) {
      const value = out[column];
      if (value === null || value === undefined || (only && !only(out))) continue;
      const boundTo = `${tableName}.${column}.${String(out[key])}`;
      if (direction === "seal") {
        out[column] = sealText(secret, PURPOSE, boundTo, JSON.stringify(value));
        continue;
      }
      const opened = typeof value === "string" ? openText(secret, PURPOSE, boundTo, value) : null;
      if (opened === null) throw new BackupError(WRONG_SECRET);
      out[column] = JSON.parse(opened);
    }
    return out;
  };
}

/** The header's check value, sealed under `secret`. */
export const sealCheck = (secret: string): string => sealText(secret, PURPOSE, "check", CHECK);

/** Throws the refusal unless the header's check value opens under `secret`. */
export function openSealCheck(secret: string, sealed: unknown): void {
  if (typeof sealed !== "string" || openText(secret, PURPOSE, "check", sealed) !== CHECK)
    throw new BackupError(WRONG_SECRET);
}

/**
 * The whole file's checksum: HMAC-SHA-256 under a key derived from the instance's secret, so a file
 * altered by someone without that secret (an item's title, an audit row) does not restore.
 */
export function backupChecksum(secret: string): Hmac {
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), CHECKSUM, 32));
  return createHmac("sha256", key);
}
const CHECKSUM = "bulwark backup checksum v1";
