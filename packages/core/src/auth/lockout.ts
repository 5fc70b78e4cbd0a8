// Slow down password guessing: after a few consecutive failures an account is locked for a while,
// doubling with each further failure, up to a ceiling. A success resets the count.

export const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/** How long to lock an account after its `failures`-th consecutive failure (0: not locked). */
export function lockDuration(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const doublings = Math.min(failures - FREE_ATTEMPTS, 10);
  return Math.min(FIRST_LOCK_MS * 2 ** doublings, MAX_LOCK_MS);
}

/** Seconds until the lock ends, or 0 when the account may try again now. */
export function secondsLocked(lockedUntil: Date | null, now: Date): number {
  if (!lockedUntil) return 0;
  const ms = lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * Failed authentications (passwords, codes, API tokens) one client address may make in a window,
 * whichever accounts they name: beyond it the address waits for the window to end. Generous enough
 * for an office behind one address, far too few for guessing.
 */
export const ADDRESS_FAILURES = 30;
export const ADDRESS_WINDOW_MS = 15 * 60_000;
