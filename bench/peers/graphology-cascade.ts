// The peer for bench/engine-cascade.ts: the same cascade written plainly on graphology, the usual
// JavaScript graph library. Nodes are asset ids with attributes; an edge runs supplier -> dependent
// with the service, k and buffer as attributes. Event-driven: a binary heap of (hours, asset), and
// an asset fails when, for a service, it has lost n - k + 1 of its n suppliers. To be generous to the
// peer, each node's n - k + 1 per service is worked out once when the graph is built.
import { DirectedGraph } from "graphology";
import type { AssetInput, DependencyInput } from "../../packages/core/src/graph/index.ts";

export interface NodeAttributes {
  sector: string;
  population: number;
  /** For each service the node needs: how many supplier losses make it fail. */
  lossesToFail: Record<string, number>;
}

export interface EdgeAttributes {
  service: string;
  k: number;
  bufferHours: number;
}

export type PeerGraph = DirectedGraph<NodeAttributes, EdgeAttributes>;

export function buildPeerGraph(assets: readonly AssetInput[], dependencies: readonly DependencyInput[]) {
  const graph: PeerGraph = new DirectedGraph<NodeAttributes, EdgeAttributes>();
  for (const asset of assets)
    graph.addNode(asset.id, { sector: asset.sector, population: asset.population ?? 0, lossesToFail: {} });
  for (const row of dependencies)
    graph.addEdge(row.supplier, row.dependent, {
      service: row.service,
      k: row.k ?? 1,
      bufferHours: row.bufferHours ?? 0,
    });
  graph.forEachNode((node, attributes) => {
    const suppliers: Record<string, number> = {};
    graph.forEachInEdge(node, (_edge, edge) => {
      suppliers[edge.service] = (suppliers[edge.service] ?? 0) + 1;
      attributes.lossesToFail[edge.service] = (suppliers[edge.service] ?? 0) - edge.k + 1;
    });
  });
  return graph;
}

/** Every asset that fails, with the hours after the attack at which it fails. */
export function peerCascade(graph: PeerGraph, attacked: readonly string[]): Map<string, number> {
  const failedAt = new Map<string, number>();
  const lost = new Map<string, number>();
  const heap = new Heap();
  for (const node of attacked) heap.push(0, node);
  while (heap.size > 0) {
    const event = heap.pop();
    if (!event || failedAt.has(event.node)) continue;
    failedAt.set(event.node, event.hours);
    graph.forEachOutEdge(event.node, (_edge, edge, _source, dependent, _sourceAttributes, needs) => {
      if (failedAt.has(dependent)) return;
      const key = `${dependent}\u0000${edge.service}`;
      const losses = (lost.get(key) ?? 0) + 1;
      lost.set(key, losses);
      if (losses === needs.lossesToFail[edge.service]) heap.push(event.hours + edge.bufferHours, dependent);
    });
  }
  return failedAt;
}

interface HeapEvent {
  hours: number;
  node: string;
}

/** A plain binary min-heap on hours. */
class Heap {
  private items: HeapEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  push(hours: number, node: string): void {
    const items = this.items;
    items.push({ hours, node });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const up = items[parent];
      const here = items[i];
      if (!up || !here || up.hours <= here.hours) break;
      items[parent] = here;
      items[i] = up;
      i = parent;
    }
  }

  pop(): HeapEvent | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if ((items[left]?.hours ?? Number.POSITIVE_INFINITY) < (items[smallest]?.hours ?? 0)) smallest = left;
      if ((items[right]?.hours ?? Number.POSITIVE_INFINITY) < (items[smallest]?.hours ?? 0)) smallest = right;
      if (smallest === i) break;
      const a = items[i];
      const b = items[smallest];
      if (!a || !b) break;
      items[i] = b;
      items[smallest] = a;
      i = smallest;
    }
    return top;
  }
}
