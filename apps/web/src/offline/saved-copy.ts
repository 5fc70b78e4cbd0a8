// The compendium's copy on this device. What it is (version, count, date) is read from IndexedDB
// when the app starts; its entries, and the search index over them, only when a screen needs them
// (no network). It is refreshed from the server after sign-in and when the compendium opens, by a
// conditional request: 304 when nothing changed. Components follow it with useSavedCopy().
import { useSyncExternalStore } from "react";
import type { LocalCompendium } from "./local-search.ts";
import { readMeta, readStoredEntries, type SavedMeta, writeMeta, writeSaved } from "./offline-database.ts";

export interface LocalCopy {
  meta: SavedMeta;
  /** Null until a screen asks for it (openSavedCompendium). */
  compendium: LocalCompendium | null;
}

/** `saved` is null while nothing is saved (or IndexedDB is unavailable). */
export type SavedState = { status: "loading" } | { status: "ready"; saved: LocalCopy | null };

let state: SavedState = { status: "loading" };
const listeners = new Set<() => void>();

function set(next: SavedState): void {
  state = next;
  for (const listener of listeners) listener();
}

const current = (): LocalCopy | null => (state.status === "ready" ? state.saved : null);

let loading: Promise<void> | null = null;
function load(): Promise<void> {
  loading ??= readMeta()
    .catch(() => null)
    .then((meta) => set({ status: "ready", saved: meta && { meta, compendium: null } }));
  return loading;
}

let opening: Promise<void> | null = null;

/**
 * Reads the saved entries and indexes them, unless they already are. A refresh that replaces the
 * copy while it reads makes it read again, so a screen that asked always gets the current copy.
 */
export function openSavedCompendium(): Promise<void> {
  opening ??= load()
    .then(async () => {
      for (;;) {
        const saved = current();
        if (!saved || saved.compendium) return;
        // The index's code loads only now (a chunk with the compendium's screens).
        const [stored, { buildLocalCompendium, entriesOf }] = await Promise.all([
          readStoredEntries(),
          import("./local-search.ts"),
        ]);
        const entries = entriesOf(stored);
        const latest = current();
        if (!entries || !latest) return;
        if (latest.meta.version === saved.meta.version) {
          set({ status: "ready", saved: { ...latest, compendium: buildLocalCompendium(entries) } });
          return;
        }
      }
    })
    .catch((error: unknown) => console.warn("The compendium's offline copy could not be read.", error))
    .finally(() => {
      opening = null;
    });
  return opening;
}

async function refresh(): Promise<void> {
  // The copy's schema loads only now (with the compendium's contracts), not with the first screen.
  const [{ COMPENDIUM_OFFLINE_PATH, CompendiumOffline }] = await Promise.all([
    import("@bulwark/contracts/compendium"),
    load(),
  ]);
  const saved = current();
  const response = await fetch(COMPENDIUM_OFFLINE_PATH, {
    headers: { accept: "application/json", ...(saved ? { "if-none-match": saved.meta.etag } : {}) },
    credentials: "same-origin",
    // The copy is kept here, in IndexedDB; the browser's HTTP cache need not keep it twice.
    cache: "no-store",
  });
  const savedAt = new Date().toISOString();
  if (response.status === 304 && saved) {
    const meta = { ...saved.meta, savedAt };
    await writeMeta(meta);
    // The entries may have been opened meanwhile: keep them (the copy is the same version).
    const latest = current();
    const compendium = latest?.meta.version === meta.version ? latest.compendium : null;
    set({ status: "ready", saved: { meta, compendium } });
    return;
  }
  // Signed out (401) or a server in trouble: keep what is saved.
  if (!response.ok) return;
  const copy = CompendiumOffline.parse(await response.json());
  const meta: SavedMeta = {
    version: copy.version,
    etag: response.headers.get("etag") ?? `"${copy.version}"`,
    savedAt,
    count: copy.entries.length,
  };
  await writeSaved({ meta, entries: copy.entries });
  set({ status: "ready", saved: { meta, compendium: null } });
}

let refreshing: Promise<void> | null = null;

/** Brings the copy up to date; never fails (a copy that cannot be refreshed stays as it was). */
export function refreshSavedCopy(): Promise<void> {
  refreshing ??= refresh()
    .catch((error: unknown) => console.warn("The compendium's offline copy was not refreshed.", error))
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  void load();
  return () => listeners.delete(listener);
}

export function useSavedCopy(): SavedState {
  return useSyncExternalStore(subscribe, () => state);
}
