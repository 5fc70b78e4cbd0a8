// Work nobody is waiting for (the service worker's copy of the app's files, the offline copy of the
// compendium: together about 900 kB) waits until the page the reader opened has settled: its load
// event passed, no query of the app fetching nor any page's code loading, and the reader not
// pointing, scrolling or typing (a map being zoomed) for a while, and the browser idle. Started earlier, they compete with the page for the network, the server and the
// main thread (on a busy two-core machine, the first page took about twice as long).
import { queryClient } from "./api.ts";

/** How long nothing must have been loading, checked every CHECK_MS. */
const QUIET_MS = 1500;
const CHECK_MS = 250;
/** At most this long after the quiet period before running anyway (requestIdleCallback's timeout). */
const IDLE_TIMEOUT_MS = 2000;

let loading = 0;
let lastInput = Number.NEGATIVE_INFINITY;
for (const type of ["pointerdown", "pointermove", "wheel", "keydown", "touchstart"])
  window.addEventListener(
    type,
    () => {
      lastInput = performance.now();
    },
    { capture: true, passive: true },
  );

/** Counts `work` (a page's code on its way) as loading until it settles. */
export function whileLoading<T>(work: Promise<T>): Promise<T> {
  loading += 1;
  const done = () => {
    loading -= 1;
  };
  work.then(done, done);
  return work;
}

function busy(): boolean {
  return (
    document.readyState !== "complete" ||
    performance.now() - lastInput < QUIET_MS ||
    loading > 0 ||
    queryClient.isFetching() > 0 ||
    queryClient.isMutating() > 0
  );
}

/** Resolves once the page has settled (see above); each call waits for the next quiet period. */
export function whenSettled(): Promise<void> {
  return new Promise((resolve) => {
    let quietSince: number | null = null;
    const check = () => {
      const now = performance.now();
      if (busy()) quietSince = null;
      else quietSince ??= now;
      if (quietSince === null || now - quietSince < QUIET_MS) {
        window.setTimeout(check, CHECK_MS);
        return;
      }
      if (typeof window.requestIdleCallback === "function")
        window.requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
      else resolve();
    };
    check();
  });
}
