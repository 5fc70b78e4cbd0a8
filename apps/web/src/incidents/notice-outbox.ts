// Incident notices filed without a network: kept in this browser (localStorage, under the person
// who filed them) and sent when the network returns, oldest first. A notice the server refuses is
// dropped and the reason shown; one that meets no network stays for the next try. Tabs of the same
// browser send one at a time (Web Locks), so a notice is not filed twice.
import { ApiError, type Incident, IncidentCreate, type IncidentCreateInput } from "@bulwark/contracts";
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { client } from "../app/api.ts";
import { isNetworkError } from "../offline/offline-hooks.ts";

const KEY = "bulwark.incidents.outbox";
const CHANGED = "bulwark-incident-outbox";

export interface QueuedNotice {
  readonly key: string;
  readonly userId: string;
  readonly queuedAt: string;
  readonly input: IncidentCreateInput;
}

function isQueued(value: unknown): value is QueuedNotice {
  if (typeof value !== "object" || value === null) return false;
  if (!("key" in value && "userId" in value && "queuedAt" in value && "input" in value)) return false;
  return (
    typeof value.key === "string" &&
    typeof value.userId === "string" &&
    typeof value.queuedAt === "string" &&
    IncidentCreate.safeParse(value.input).success
  );
}

let cachedText: string | null = null;
let cachedList: QueuedNotice[] = [];

function readAll(): QueuedNotice[] {
  let text: string | null = null;
  try {
    text = window.localStorage.getItem(KEY);
  } catch {
    return [];
  }
  if (text === cachedText) return cachedList;
  cachedText = text;
  try {
    const parsed: unknown = text ? JSON.parse(text) : [];
    cachedList = Array.isArray(parsed) ? parsed.filter(isQueued) : [];
  } catch {
    cachedList = [];
  }
  return cachedList;
}

function writeAll(list: readonly QueuedNotice[]): void {
  window.localStorage.setItem(KEY, JSON.stringify(list));
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  window.addEventListener("storage", listener);
  return () => {
    window.removeEventListener(CHANGED, listener);
    window.removeEventListener("storage", listener);
  };
}

/** Keeps a notice for sending later. */
export function queueNotice(userId: string, input: IncidentCreateInput): void {
  const key = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  writeAll([...readAll(), { key, userId, queuedAt: new Date().toISOString(), input }]);
}

function remove(key: string): void {
  writeAll(readAll().filter((notice) => notice.key !== key));
}

export interface OutboxEvents {
  onSent: (notice: QueuedNotice, incident: Incident) => void;
  onRefused: (notice: QueuedNotice, error: ApiError) => void;
}

async function exclusive(work: () => Promise<void>): Promise<void> {
  if (typeof navigator !== "undefined" && "locks" in navigator && navigator.locks)
    await navigator.locks.request(CHANGED, work);
  else await work();
}

/** Sends this person's queued notices, oldest first; stops at the first that meets no network. */
export async function sendQueued(userId: string, events: OutboxEvents): Promise<void> {
  await exclusive(async () => {
    for (const notice of readAll().filter((queued) => queued.userId === userId)) {
      try {
        const incident = await client.call("createIncident", { body: notice.input });
        remove(notice.key);
        events.onSent(notice, incident);
      } catch (error) {
        if (error instanceof ApiError) {
          // A session that ended keeps the notice for after the next sign-in.
          if (error.status === 401) return;
          remove(notice.key);
          events.onRefused(notice, error);
          continue;
        }
        if (isNetworkError(error)) return;
        throw error;
      }
    }
  });
}

/**
 * The notices this person has waiting, and a way to send them now; they are also sent when the
 * page opens online and when the network returns.
 */
export function useNoticeOutbox(userId: string, events: OutboxEvents) {
  const all = useSyncExternalStore(subscribe, readAll);
  const waiting = all.filter((notice) => notice.userId === userId);
  const handlers = useRef(events);
  handlers.current = events;
  const send = useCallback(
    () =>
      sendQueued(userId, {
        onSent: (notice, incident) => handlers.current.onSent(notice, incident),
        onRefused: (notice, error) => handlers.current.onRefused(notice, error),
      }),
    [userId],
  );
  useEffect(() => {
    const online = () => void send();
    if (navigator.onLine) online();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [send]);
  return { waiting, send };
}
