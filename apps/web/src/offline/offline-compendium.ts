// The saved copy's answers in the API's shapes, for the compendium's screens. Apart from
// offline-hooks.ts so that the search index (MiniSearch) loads with those screens, not with the app.
import type { CompendiumResults, EntryDetail, Facet } from "@bulwark/contracts";
import { useEffect, useMemo } from "react";
import { type LocalCompendium, localEntry, searchLocal } from "./local-search.ts";
import type { SavedMeta } from "./offline-database.ts";
import { openSavedCompendium, useSavedCopy } from "./saved-copy.ts";

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
