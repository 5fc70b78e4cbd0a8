// Long pure work written once as a generator that stops (yields) every so often, run either all at
// once (the CLI, tests) or with a pause between stops (a server, which must keep answering other
// requests: Node runs JavaScript on one thread). Pure: the pause is the caller's.

/** Work that stops (yields) every so often and ends with its result. */
export type Steps<T> = Generator<void, T, void>;

/** All of it at once. */
export function drive<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** With `between` awaited at each stop (a server passes one that lets other requests through). */
export async function driveInSlices<T>(steps: Steps<T>, between: () => Promise<void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await between();
  }
}
