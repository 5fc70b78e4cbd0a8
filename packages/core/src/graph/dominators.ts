// Immediate dominators (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm", 2001)
// on the supply graph with a virtual root above every asset that has no suppliers. When each asset
// depends on one service and needs any one of its suppliers (k = 1), and supply has no cycles,
// asset v fails after the loss of asset a exactly when a dominates v: every supply path from the
// sources to v runs through a. (With a cycle, mutual suppliers keep each other running under the
// cascade semantics while reachability would drop them, so cyclic graphs take the general path.)
import type { DependencyGraph } from "./build.ts";

/** True when the dominator shortcut is exact for this graph (see above). */
export function dominatorsApply(graph: DependencyGraph): boolean {
  for (let a = 0; a < graph.size; a++)
    if ((graph.groupOffsets[a + 1] ?? 0) - (graph.groupOffsets[a] ?? 0) > 1) return false;
  for (let g = 0; g < graph.groupCount; g++) if ((graph.groupK[g] ?? 1) !== 1) return false;
  return true;
}

export interface DominatorTree {
  /** Immediate dominator of each asset; -1 for those directly under the virtual root. */
  readonly idom: Int32Array;
  /** Assets in reverse postorder from the root (parents before children). */
  readonly order: Int32Array;
}

/** The dominator tree, or null when supply has a cycle (see above). */
export function dominatorTree(graph: DependencyGraph): DominatorTree | null {
  const n = graph.size;
  const root = n;
  const { feedOffsets, feeds, groupDependent, groupOffsets, groupsOf, supplierOffsets, suppliers } = graph;
  const isSource = (v: number) => (groupOffsets[v + 1] ?? 0) === (groupOffsets[v] ?? 0);
  // Depth-first postorder from the virtual root, iteratively: its children are the sources, in
  // index order, and it comes last.
  const post = new Int32Array(n + 1);
  const order = new Int32Array(n + 1);
  let counter = 0;
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  // 0: not seen, 1: on the current path, 2: finished. Meeting a node on the path is a cycle.
  const visited = new Uint8Array(n);
  for (let source = 0; source < n; source++) {
    if (!isSource(source)) continue;
    let top = 0;
    stack[0] = source;
    cursor[0] = feedOffsets[source] ?? 0;
    visited[source] = 1;
    while (top >= 0) {
      const v = stack[top] ?? 0;
      const i = cursor[top] ?? 0;
      if (i < (feedOffsets[v + 1] ?? 0)) {
        cursor[top] = i + 1;
        const w = groupDependent[feeds[i] ?? 0] ?? 0;
        const seen = visited[w];
        if (seen === 1) return null;
        if (seen === 2) continue;
        visited[w] = 1;
        top += 1;
        stack[top] = w;
        cursor[top] = feedOffsets[w] ?? 0;
      } else {
        visited[v] = 2;
        post[v] = counter;
        order[counter] = v;
        counter += 1;
        top -= 1;
      }
    }
  }
  post[root] = counter;
  order[counter] = root;
  counter += 1;
  if (counter !== n + 1) return null;
  // Predecessors of v: the suppliers of its (single) group, or the root for a source.
  const idom = new Int32Array(n + 1);
  idom[root] = root;
  const intersect = (a: number, b: number) => {
    let x = a;
    let y = b;
    while (x !== y) {
      while ((post[x] ?? 0) < (post[y] ?? 0)) x = idom[x] ?? root;
      while ((post[y] ?? 0) < (post[x] ?? 0)) y = idom[y] ?? root;
    }
    return x;
  };
  // Supply is acyclic here, so in reverse postorder every supplier of v comes before v and already
  // has its final immediate dominator: one pass gives the fixed point that Cooper, Harvey and
  // Kennedy iterate to (their second pass, which only confirms it, was a third of the time).
  for (let p = n - 1; p >= 0; p--) {
    const v = order[p] ?? 0;
    let candidate = root;
    if (!isSource(v)) {
      const group = groupsOf[groupOffsets[v] ?? 0] ?? 0;
      const end = supplierOffsets[group + 1] ?? 0;
      let e = supplierOffsets[group] ?? 0;
      candidate = suppliers[e] ?? 0;
      for (e += 1; e < end; e++) candidate = intersect(suppliers[e] ?? 0, candidate);
    }
    idom[v] = candidate;
  }
  const result = new Int32Array(n);
  for (let v = 0; v < n; v++) result[v] = idom[v] === root ? -1 : (idom[v] ?? -1);
  const rpo = new Int32Array(n);
  for (let p = n - 1, i = 0; p >= 0; p--, i++) rpo[i] = order[p] ?? 0;
  return { idom: result, order: rpo };
}
