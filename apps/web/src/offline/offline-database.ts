// The compendium's copy on this device, in IndexedDB (plain API, a few promises around it): one
// database, one store, two records: what the copy is ("meta") and its entries ("entries"). Only
// CLEAR entries are ever written here: the server sends nothing else for offline use.
import type { OfflineEntry } from "@bulwark/contracts";

export const DATABASE = "bulwark-offline";
export const STORE = "compendium";

export interface SavedMeta {
  /** The server's version of the set of CLEAR entries. */
  version: string;
  /** Sent back as If-None-Match. */
  etag: string;
  /** When this device last had the current copy (downloaded, or confirmed unchanged). */
  savedAt: string;
  count: number;
}

export interface SavedCopy {
  meta: SavedMeta;
  entries: OfflineEntry[];
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function completed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

function open(): Promise<IDBDatabase> {
  const request = indexedDB.open(DATABASE, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(STORE);
  };
  return promised(request);
}

async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => Promise<T> | T,
): Promise<T> {
  const database = await open();
  try {
    const transaction = database.transaction(STORE, mode);
    // Listen for the end before any request can finish, then wait for both.
    const [result] = await Promise.all([work(transaction.objectStore(STORE)), completed(transaction)]);
    return result;
  } finally {
    database.close();
  }
}

function metaOf(value: unknown): SavedMeta | null {
  if (typeof value !== "object" || value === null) return null;
  if (!("version" in value && "etag" in value && "savedAt" in value && "count" in value)) return null;
  const { version, etag, savedAt, count } = value;
  return typeof version === "string" &&
    typeof etag === "string" &&
    typeof savedAt === "string" &&
    typeof count === "number"
    ? { version, etag, savedAt, count }
    : null;
}

/** What the saved copy is, or null when there is none (or one an older app wrote in another shape). */
export async function readMeta(): Promise<SavedMeta | null> {
  return metaOf(await withStore("readonly", (store) => promised(store.get("meta"))));
}

/**
 * The saved entries as stored, unchecked: local-search.ts's entriesOf checks their shape (its
 * schema loads with the offline screens, not with the first one).
 */
export function readStoredEntries(): Promise<unknown> {
  return withStore("readonly", (store) => promised(store.get("entries")));
}

/** Replaces the copy, meta and entries together. */
export function writeSaved(copy: SavedCopy): Promise<void> {
  return withStore("readwrite", (store) => {
    store.put(copy.meta, "meta");
    store.put(copy.entries, "entries");
  });
}

/** Records that the copy was confirmed current, without rewriting its entries. */
export function writeMeta(meta: SavedMeta): Promise<void> {
  return withStore("readwrite", (store) => {
    store.put(meta, "meta");
  });
}
