// Line diffs for entry versions and proposals: Myers' O(ND) algorithm ("An O(ND) Difference
// Algorithm and Its Variations", 1986), which finds a shortest edit script, so a reviewer sees
// only what really changed.

export interface DiffLine {
  readonly op: "same" | "add" | "remove";
  readonly text: string;
}

/** Past this many differences the diff gives up on precision: all of `before` out, all of `after` in. */
const MAX_EDITS = 4000;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === "" ? [] : before.split("\n");
  const b = after === "" ? [] : after.split("\n");
  // Common head and tail cost nothing and shrink the search.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail += 1;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [
    ...a.slice(0, head).map((text): DiffLine => ({ op: "same", text })),
    ...middle,
    ...a.slice(a.length - tail).map((text): DiffLine => ({ op: "same", text })),
  ];
}

function myers(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ op: "add", text }));
  if (m === 0) return a.map((text) => ({ op: "remove", text }));
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset);
    }
  }
  return [
    ...a.map((text): DiffLine => ({ op: "remove", text })),
    ...b.map((text): DiffLine => ({ op: "add", text })),
  ];
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[], offset: number) {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const v = trace[d] ?? new Int32Array(0);
    const k = x - y;
    const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
    const previousK = down ? k + 1 : k - 1;
    const previousX = v[offset + previousK] ?? 0;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x -= 1;
      y -= 1;
      out.push({ op: "same", text: a[x] ?? "" });
    }
    if (d > 0) {
      if (down) {
        y -= 1;
        out.push({ op: "add", text: b[y] ?? "" });
      } else {
        x -= 1;
        out.push({ op: "remove", text: a[x] ?? "" });
      }
    }
  }
  return out.reverse();
}
