// Reading a backup file: its lines (a truncated or damaged file is a BackupError, never a stack
// trace), its header, its rows, and the check of the whole file a restore makes before it changes
// anything.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { BackupError, backupChecksum } from "./backup-seal.ts";

export const BACKUP_FORMAT = "bulwark-backup";

export interface Header {
  format: typeof BACKUP_FORMAT;
  /** 1: secrets in clear (older backups, still restored); 2: secrets sealed. */
  version: 1 | 2;
  migration: string | null;
  createdAt: string;
  tables: Record<string, number>;
  /** CHECK sealed under the instance's secret (version 2). */
  sealCheck?: string;
}

/** The last line of a version 2 file: the checksum of every line before it. */
export const END = '{"end":';

/** The file's lines; a file that cannot be read to its end (truncated, damaged) is a BackupError. */
export async function* linesOf(file: string): AsyncGenerator<string> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let read = 0;
  try {
    for await (const line of lines) {
      read++;
      yield line;
    }
  } catch {
    throw new BackupError(
      read === 0
        ? `${file} is not a Bulwark backup (not a gzip'd file).`
        : `${file} breaks off after line ${read}: it is truncated or damaged.`,
    );
  } finally {
    lines.close();
  }
}

export async function readBackupHeader(file: string): Promise<Header> {
  for await (const line of linesOf(file)) return parseHeader(line);
  throw new BackupError(`${file} is empty.`);
}

export interface Row {
  t: string;
  r: Record<string, unknown>;
}

export function rowOf(file: string, line: string, index: number): Row {
  let item: unknown;
  try {
    item = JSON.parse(line);
  } catch {
    item = null;
  }
  if (
    !item ||
    typeof item !== "object" ||
    !("t" in item) ||
    typeof item.t !== "string" ||
    !("r" in item) ||
    !item.r ||
    typeof item.r !== "object"
  )
    throw new BackupError(`${file} is damaged: line ${index} is not a row of a backup.`);
  return item as Row;
}

/**
 * Read the whole file before anything changes: every line a row of a known table, as many rows
 * as the header says, and (version 2) the checksum of the whole file right under this secret.
 */
export async function verifyFile(
  file: string,
  header: Header,
  secret: string,
  known: ReadonlySet<string>,
): Promise<void> {
  const checksum = backupChecksum(secret);
  const counts: Record<string, number> = {};
  let end: string | null = null;
  let index = 0;
  for await (const line of linesOf(file)) {
    index++;
    if (end !== null) throw new BackupError(`${file} goes on after its checksum: it was altered.`);
    if (index > 1 && line.startsWith(END)) {
      end = line;
      continue;
    }
    checksum.update(`${line}\n`);
    if (index === 1 || !line) continue;
    const row = rowOf(file, line, index);
    if (!known.has(row.t)) throw new BackupError(`The backup holds an unknown table: ${row.t}.`);
    counts[row.t] = (counts[row.t] ?? 0) + 1;
  }
  if (header.version !== 1) {
    if (end === null) throw new BackupError(`${file} is truncated: it ends before its checksum.`);
    const said = /"hmac":"([0-9a-f]{64})"/.exec(end)?.[1];
    if (said !== checksum.digest("hex"))
      throw new BackupError(`${file} does not match its checksum: it was altered or damaged.`);
  }
  for (const [name, count] of Object.entries(header.tables))
    if ((counts[name] ?? 0) !== count)
      throw new BackupError(`The backup is incomplete: ${name} has ${counts[name] ?? 0} of ${count} rows.`);
}

function parseHeader(line: string): Header {
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    throw new BackupError("The file does not start with a Bulwark backup header.");
  }
  if (!header || typeof header !== "object" || !("format" in header) || header.format !== BACKUP_FORMAT)
    throw new BackupError("The file does not start with a Bulwark backup header.");
  return header as Header;
}
