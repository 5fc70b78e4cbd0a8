// What screens ask to work without a network: is there one, did a call fail for want of one (the
// saved copy's answers are in offline-compendium.ts).
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";

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
