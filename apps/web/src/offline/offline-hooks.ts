// What the compendium's screens ask to work without a network: is there one, did a call fail for
// want of one, and the answers of the saved copy in the API's shapes.
import type { CompendiumResults, EntryDetail, Facet } from "@bulwark/contracts";
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { type LocalCompendium, localEntry, searchLocal } from "./local-search.ts";
import type { SavedMeta } from "./offline-database.ts";
import { openSavedCompendium, useSavedCopy } from "./saved-copy.ts";

/** True inside the reduced offline app (no session known): screens leave out what needs one. */
export const OfflineModeContext = createContext(false);
export const useOfflineMode = () => useContext(OfflineModeContext);

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

/** What the browser knows of the network (false: surely offline; true: maybe online). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/**
 * True once a call for this key has waited this long without an answer: a network that drops
 * without the browser noticing, or a request paused or retried. The saved copy answers meanwhile.
 */
export function useNoAnswerYet(waiting: boolean, key: string, afterMs = 2500): boolean {
  const [late, setLate] = useState<string | null>(null);
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setTimeout(() => setLate(key), afterMs);
    return () => window.clearTimeout(timer);
  }, [waiting, key, afterMs]);
  return waiting && late === key;
}

/** fetch() rejects with a TypeError when no answer came at all; the server's errors are ApiErrors. */
export const isNetworkError = (error: unknown): boolean => error instanceof TypeError;

/** The saved entries, indexed, once `wanted` (null until they are read, or when none are saved). */
function useSavedCompendium(wanted: boolean): { compendium: LocalCompendium; meta: SavedMeta } | null {
  const saved = useSavedCopy();
  const copy = saved.status === "ready" ? saved.saved : null;
  const missing = wanted && copy !== null && copy.compendium === null;
  // Asked again whenever the copy changes (a refresh replaced it): it is then read again.
  useEffect(() => {
    if (missing) void openSavedCompendium();
  }, [missing]);
  return wanted && copy?.compendium ? { compendium: copy.compendium, meta: copy.meta } : null;
}

export interface SearchWanted {
  q: string;
  filters: Record<Facet, readonly string[]>;
  page: number;
}

/** The saved copy's answer to a search when `wanted`, or null (not wanted, or nothing saved). */
export function useOfflineSearch(
  search: SearchWanted,
  pageSize: number,
  wanted: boolean,
): { results: CompendiumResults; meta: SavedMeta } | null {
  const copy = useSavedCompendium(wanted);
  const compendium = copy?.compendium;
  const meta = copy?.meta;
  return useMemo(
    () =>
      compendium && meta
        ? {
            results: searchLocal(compendium, {
              q: search.q,
              filters: search.filters,
              offset: (search.page - 1) * pageSize,
              limit: pageSize,
            }),
            meta,
          }
        : null,
    [compendium, meta, search, pageSize],
  );
}

/** An entry from the saved copy when `wanted` (null inside: not saved here), or null (not wanted, or nothing saved). */
export function useOfflineEntry(
  slug: string,
  wanted: boolean,
): { entry: EntryDetail | null; meta: SavedMeta } | null {
  const copy = useSavedCompendium(wanted);
  const compendium = copy?.compendium;
  const meta = copy?.meta;
  return useMemo(
    () => (compendium && meta ? { entry: localEntry(compendium, slug), meta } : null),
    [compendium, meta, slug],
  );
}
