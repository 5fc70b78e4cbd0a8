// Answers given without a network, kept in this browser (IndexedDB) until the server confirms
// them, as ODK/Enketo keep records. One record per person, run and question: the changes not yet
// sent, merged, and the answer's version they were made on (sent back so a lost update is still
// refused). Records are removed as soon as the server accepts them.
import type { AnswerValue } from "@bulwark/contracts";

const DATABASE = "bulwark-self-assessment";
const STORE = "pending-answers";

export interface AnswerPatch {
  value?: AnswerValue | null;
  note?: string | null;
  evidence?: { title: string; url: string }[];
  assigneeId?: string | null;
}

export interface PendingAnswer {
  key: string;
  userId: string;
  runId: string;
  questionId: string;
  /** The answer's version when the first offline change was made. */
  baseVersion: number;
  patch: AnswerPatch;
  savedAt: string;
}

export const pendingKey = (userId: string, runId: string, questionId: string) =>
  `${userId}:${runId}:${questionId}`;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => Promise<T>,
): Promise<T> {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => {
    opening.result.createObjectStore(STORE, { keyPath: "key" });
  };
  const database = await promised(opening);
  try {
    const transaction = database.transaction(STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    const [result] = await Promise.all([work(transaction.objectStore(STORE)), done]);
    return result;
  } finally {
    database.close();
  }
}

const listeners = new Set<() => void>();
/** Be told when the records change (to show how many wait). */
export function onPendingChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => {
  for (const listener of listeners) listener();
};

function isPending(value: unknown): value is PendingAnswer {
  return (
    typeof value === "object" &&
    value !== null &&
    "key" in value &&
    "runId" in value &&
    "questionId" in value &&
    "baseVersion" in value &&
    "patch" in value
  );
}

/** The records of this person for this run. */
export async function pendingFor(userId: string, runId: string): Promise<PendingAnswer[]> {
  const all = await withStore("readonly", (store) => promised(store.getAll()));
  return all.filter(isPending).filter((item) => item.userId === userId && item.runId === runId);
}

/** Keep changes made offline, merged into what was already waiting for the same question. */
export async function keepOffline(
  entry: Omit<PendingAnswer, "key" | "savedAt">,
  now = new Date(),
): Promise<PendingAnswer> {
  const key = pendingKey(entry.userId, entry.runId, entry.questionId);
  const kept = await withStore("readwrite", async (store) => {
    const existing: unknown = await promised(store.get(key));
    const merged: PendingAnswer = isPending(existing)
      ? { ...existing, patch: { ...existing.patch, ...entry.patch }, savedAt: now.toISOString() }
      : { ...entry, key, savedAt: now.toISOString() };
    await promised(store.put(merged));
    return merged;
  });
  changed();
  return kept;
}

export async function forgetPending(key: string): Promise<void> {
  await withStore("readwrite", (store) => promised(store.delete(key)).then(() => undefined));
  changed();
}
