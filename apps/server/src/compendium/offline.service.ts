// The compendium's offline copy: every published CLEAR entry, for a browser to keep and search with
// no network. Its version doubles as the ETag, so a device whose copy is current pays only for the
// headers. Whoever asks, moderators included, gets CLEAR entries only: TLP:CLEAR may be shared
// without restriction, while GREEN and AMBER must not land on a laptop's disk.
import type { CompendiumOffline, OfflineEntry } from "@bulwark/contracts";
import { type Actor, compendiumPolicy } from "@bulwark/core";
import { clearEntriesVersion, type EntryRecord, listClearEntries } from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { asContent } from "./entries.service.ts";

export interface OfflineAnswer {
  /** The quoted version, for the ETag header. */
  etag: string;
  /** Null when the caller's copy (If-None-Match) is the current one. */
  copy: CompendiumOffline | null;
}

/** Whether an If-None-Match header names `etag` (weak or strong, or `*`). */
export function namesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const names = ifNoneMatch.split(",").map((name) => name.trim().replace(/^W\//, ""));
  return names.includes("*") || names.includes(etag);
}

function asOffline(entry: EntryRecord): OfflineEntry {
  const content = asContent(entry);
  // The query asks for CLEAR only; this guards the promise made above against a future change.
  if (content.marking !== "clear") throw new Error(`Entry ${entry.id} is not CLEAR: not for offline copies.`);
  return { ...entry, ...content, marking: content.marking };
}

export async function offlineCopy(
  context: ServerContext,
  caller: Actor,
  ifNoneMatch: string | undefined,
): Promise<OfflineAnswer> {
  const scope = compendiumPolicy.readScope(caller);
  // The version is read before the entries: if an entry changes in between, the copy is labelled
  // older than it is and the next refresh fetches it again, never the other way round.
  const version = await clearEntriesVersion(context.db, scope);
  const etag = `"${version}"`;
  if (namesEtag(ifNoneMatch, etag)) return { etag, copy: null };
  const entries = await listClearEntries(context.db, scope);
  return { etag, copy: { version, entries: entries.map(asOffline) } };
}
