// The dependency graph in compressed sparse rows (typed arrays), built once from assets and
// dependencies. A dependency is dependent -> supplier for a service; the dependencies of one asset
// for one service form a *group* with a redundancy rule (the asset needs at least k of the group's
// n suppliers) and a buffer (hours it keeps running after the group drops below k).
import { drive, driveInSlices, type Steps } from "../steps.ts";

import { fillEnglish, type Sentence } from "../text/sentence.ts";

export interface AssetInput {
  readonly id: string;
  readonly sector: string;
  readonly population?: number | undefined;
  readonly lat?: number | undefined;
  readonly lon?: number | undefined;
}

export interface DependencyInput {
  readonly dependent: string;
  readonly supplier: string;
  readonly service: string;
  /** At least k suppliers of this service must work (default 1). */
  readonly k?: number | undefined;
  /** Hours the dependent keeps running after losing the service (default 0). */
  readonly bufferHours?: number | undefined;
}

/**
 * What the builder says of a row it cannot use, in English with {{placeholders}}: the server's
 * catalogue holds these sentences (i18n/en.ts takes them from here) and says them in the caller's
 * language. Rows are counted from 1 in the input list.
 */
export const GRAPH_SENTENCES = {
  "graph.empty": "is empty",
  "graph.twice": '"{{id}}" appears twice',
  "graph.notNegative": "must be a number of 0 or more",
  "graph.noAsset": 'no asset "{{ref}}"',
  "graph.wholeFromOne": "must be a whole number of 1 or more",
  "graph.selfSupply": "an asset cannot supply itself",
  "graph.differs": "differs from row {{row}} for the same asset and service ({{value}})",
  "graph.tooFewSuppliers":
    "needs {{k, plural, one {# supplier} other {# suppliers}}} of this service but the asset has {{n}}",
  "graph.sameTwice": "the same dependency appears twice",
} as const;

export type GraphSentence = Sentence<keyof typeof GRAPH_SENTENCES>;

/** Why an input row cannot be used: its position in the input list, the field, the reason. */
export interface GraphIssue {
  readonly list: "assets" | "dependencies";
  readonly index: number;
  readonly field: string;
  /** The reason, to be said in the reader's language. */
  readonly sentence: GraphSentence;
  /** The same in English. */
  readonly message: string;
}

const graphIssue = (
  list: GraphIssue["list"],
  index: number,
  field: string,
  sentence: GraphSentence,
): GraphIssue => ({
  list,
  index,
  field,
  sentence,
  message: fillEnglish(GRAPH_SENTENCES[sentence.key], sentence.values),
});

export interface DependencyGraph {
  readonly size: number;
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly sectors: readonly string[];
  readonly population: Float64Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Groups: one per (dependent, service). */
  readonly groupCount: number;
  readonly groupDependent: Int32Array;
  readonly groupK: Int32Array;
  readonly groupSize: Int32Array;
  readonly groupBuffer: Float64Array;
  /** For supplier s, the groups it supplies: feeds[feedOffsets[s] .. feedOffsets[s+1]). */
  readonly feedOffsets: Int32Array;
  readonly feeds: Int32Array;
  /** For asset a, its groups: groupOffsets[a] .. groupOffsets[a+1] index groupsOf. */
  readonly groupOffsets: Int32Array;
  readonly groupsOf: Int32Array;
  /** For group g, its suppliers: supplierOffsets[g] .. supplierOffsets[g+1] index suppliers. */
  readonly supplierOffsets: Int32Array;
  readonly suppliers: Int32Array;
  readonly edgeCount: number;
}

export type BuildResult =
  | { readonly graph: DependencyGraph; readonly issues: [] }
  | { readonly graph: null; readonly issues: GraphIssue[] };

const MAX_ISSUES = 1000;

/** Rows read between two stops of the graph built in slices. */
const PACE = 5000;

export function buildGraph(
  assets: readonly AssetInput[],
  dependencies: readonly DependencyInput[],
): BuildResult {
  return drive(buildSteps(assets, dependencies));
}

/**
 * buildGraph, with `between` awaited every few thousand rows (a server checking a registry of
 * 100,000 assets keeps answering others); the last step, the compressed rows, runs in one go.
 */
export function buildGraphInSlices(
  assets: readonly AssetInput[],
  dependencies: readonly DependencyInput[],
  between: () => Promise<void>,
): Promise<BuildResult> {
  return driveInSlices(buildSteps(assets, dependencies), between);
}

function* buildSteps(
  assets: readonly AssetInput[],
  dependencies: readonly DependencyInput[],
): Steps<BuildResult> {
  const issues: GraphIssue[] = [];
  const issue = (list: GraphIssue["list"], index: number, field: string, sentence: GraphSentence) => {
    if (issues.length < MAX_ISSUES) issues.push(graphIssue(list, index, field, sentence));
  };
  const indexOf = new Map<string, number>();
  const size = assets.length;
  const population = new Float64Array(size);
  const lat = new Float64Array(size).fill(Number.NaN);
  const lon = new Float64Array(size).fill(Number.NaN);
  const ids: string[] = new Array(size);
  const sectors: string[] = new Array(size);
  for (let index = 0; index < size; index++) {
    const asset = assets[index] as AssetInput;
    if (index % PACE === PACE - 1) yield;
    if (!asset.id) issue("assets", index, "id", { key: "graph.empty" });
    else if (indexOf.has(asset.id))
      issue("assets", index, "id", { key: "graph.twice", values: { id: asset.id } });
    else indexOf.set(asset.id, index);
    ids[index] = asset.id;
    sectors[index] = asset.sector;
    const people = asset.population ?? 0;
    if (!Number.isFinite(people) || people < 0)
      issue("assets", index, "population_served", { key: "graph.notNegative" });
    population[index] = people;
    if (asset.lat !== undefined) lat[index] = asset.lat;
    if (asset.lon !== undefined) lon[index] = asset.lon;
  }

  // Services are interned: a group is found by (dependent, service number).
  const serviceIndex = new Map<string, number>();
  const grouping = new DependencyGrouping(size, issues);
  for (let index = 0; index < dependencies.length; index++) {
    const row = dependencies[index];
    if (index % PACE === PACE - 1) yield;
    if (!row) continue;
    const dependent = indexOf.get(row.dependent);
    const supplier = indexOf.get(row.supplier);
    if (dependent === undefined)
      issue("dependencies", index, "dependent_id", { key: "graph.noAsset", values: { ref: row.dependent } });
    if (supplier === undefined)
      issue("dependencies", index, "supplier_id", { key: "graph.noAsset", values: { ref: row.supplier } });
    if (!row.service) issue("dependencies", index, "service", { key: "graph.empty" });
    const k = row.k ?? 1;
    const buffer = row.bufferHours ?? 0;
    if (!Number.isInteger(k) || k < 1) issue("dependencies", index, "k", { key: "graph.wholeFromOne" });
    if (!Number.isFinite(buffer) || buffer < 0)
      issue("dependencies", index, "buffer_hours", { key: "graph.notNegative" });
    if (dependent === undefined || supplier === undefined || !row.service) continue;
    let service = serviceIndex.get(row.service);
    if (service === undefined) {
      service = serviceIndex.size;
      serviceIndex.set(row.service, service);
    }
    grouping.add(index, dependent, supplier, service, k, buffer);
  }
  return grouping.finish({ size, ids, indexOf, sectors, population, lat, lon });
}

/** The assets of a graph, by index, as buildGraph reads them. */
export interface GraphAssets {
  size: number;
  ids: string[];
  indexOf: Map<string, number>;
  sectors: string[];
  population: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
}

/**
 * Dependency rows grouped by (dependent, service) as they come, each checked (an asset supplying
 * itself, k or buffer differing within a group, then k above n and the same dependency twice),
 * into `issues`. Shared by buildGraph and the CSV reader that streams rows in
 * (registry/network-csv.ts), so both build the same graph. Per dependent, its groups form a short
 * linked list: numbers, no hashing.
 */
export class DependencyGrouping {
  private readonly firstGroup: Int32Array;
  private nextGroup = new Int32Array(1024);
  private groupService = new Int32Array(1024);
  private groupDependent = new Int32Array(1024);
  // Kept as given (a k of 1.5 is an issue, not 1) until the graph is built.
  private groupK = new Float64Array(1024);
  private groupBuffer = new Float64Array(1024);
  private groupFirstRow = new Int32Array(1024);
  // Suppliers per group, counted as rows come (one pass less at the end).
  private groupSize = new Int32Array(1024);
  private groupCount = 0;
  private edgeGroup = new Int32Array(4096);
  private edgeSupplier = new Int32Array(4096);
  private edgeRow = new Int32Array(4096);
  private edgeCount = 0;

  constructor(
    private readonly size: number,
    readonly issues: GraphIssue[],
  ) {
    this.firstGroup = new Int32Array(size).fill(-1);
  }

  private issue(index: number, field: string, sentence: GraphSentence): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(graphIssue("dependencies", index, field, sentence));
  }

  /** Row `index`: `dependent` needs `supplier` (asset indices) for `service` (interned). */
  add(index: number, dependent: number, supplier: number, service: number, k: number, buffer: number): void {
    if (dependent === supplier) {
      this.issue(index, "supplier_id", { key: "graph.selfSupply" });
      return;
    }
    let group = this.firstGroup[dependent] ?? -1;
    while (group >= 0 && this.groupService[group] !== service) group = this.nextGroup[group] ?? -1;
    if (group < 0) {
      group = this.groupCount;
      if (group === this.groupDependent.length) this.growGroups();
      this.groupCount += 1;
      this.nextGroup[group] = this.firstGroup[dependent] ?? -1;
      this.firstGroup[dependent] = group;
      this.groupService[group] = service;
      this.groupDependent[group] = dependent;
      this.groupK[group] = k;
      this.groupBuffer[group] = buffer;
      this.groupFirstRow[group] = index;
    } else {
      const firstRow = this.groupFirstRow[group] ?? 0;
      if (this.groupK[group] !== k)
        this.issue(index, "k", {
          key: "graph.differs",
          values: { row: firstRow + 1, value: String(this.groupK[group]) },
        });
      if (this.groupBuffer[group] !== buffer)
        this.issue(index, "buffer_hours", {
          key: "graph.differs",
          values: { row: firstRow + 1, value: String(this.groupBuffer[group]) },
        });
    }
    const e = this.edgeCount;
    if (e === this.edgeGroup.length) {
      this.edgeGroup = grownInt(this.edgeGroup);
      this.edgeSupplier = grownInt(this.edgeSupplier);
      this.edgeRow = grownInt(this.edgeRow);
    }
    this.groupSize[group] = (this.groupSize[group] ?? 0) + 1;
    this.edgeGroup[e] = group;
    this.edgeSupplier[e] = supplier;
    this.edgeRow[e] = index;
    this.edgeCount = e + 1;
  }

  private growGroups(): void {
    this.nextGroup = grownInt(this.nextGroup);
    this.groupService = grownInt(this.groupService);
    this.groupDependent = grownInt(this.groupDependent);
    this.groupK = grownFloat(this.groupK);
    this.groupFirstRow = grownInt(this.groupFirstRow);
    this.groupSize = grownInt(this.groupSize);
    this.groupBuffer = grownFloat(this.groupBuffer);
  }

  /** The graph, or null with the issues found (by row) once any row had one. */
  finish(assets: GraphAssets): BuildResult {
    const { issues } = this;
    const groupCount = this.groupCount;
    const edgeGroup = this.edgeGroup.subarray(0, this.edgeCount);
    const edgeRow = this.edgeRow.subarray(0, this.edgeCount);
    const groupK = this.groupK.slice(0, groupCount);
    const groupSize = this.groupSize.slice(0, groupCount);
    for (let group = 0; group < groupCount; group++) {
      const n = groupSize[group] ?? 0;
      const k = groupK[group] ?? 1;
      if (k > n)
        this.issue(this.groupFirstRow[group] ?? 0, "k", { key: "graph.tooFewSuppliers", values: { k, n } });
    }
    if (issues.length > 0) return { graph: null, issues };
    const { graph, duplicates } = compress({
      ...assets,
      groupDependent: this.groupDependent.slice(0, groupCount),
      groupK: Int32Array.from(groupK),
      groupBuffer: this.groupBuffer.slice(0, groupCount),
      groupSize,
      edgeGroup,
      edgeSupplier: this.edgeSupplier.subarray(0, this.edgeCount),
    });
    if (!duplicates) return { graph, issues: [] };
    // The same supplier twice in one group (compress saw one): each named by its row.
    const stamp = new Int32Array(this.size).fill(-1);
    const rowOf = new Int32Array(edgeRow.length);
    const cursor = graph.supplierOffsets.slice(0, graph.groupCount);
    for (let e = 0; e < edgeRow.length; e++) {
      const group = edgeGroup[e] ?? 0;
      rowOf[cursor[group] ?? 0] = edgeRow[e] ?? 0;
      cursor[group] = (cursor[group] ?? 0) + 1;
    }
    for (let g = 0; g < graph.groupCount; g++)
      for (let e = graph.supplierOffsets[g] ?? 0; e < (graph.supplierOffsets[g + 1] ?? 0); e++) {
        const supplier = graph.suppliers[e] ?? 0;
        if (stamp[supplier] === g) this.issue(rowOf[e] ?? 0, "supplier_id", { key: "graph.sameTwice" });
        stamp[supplier] = g;
      }
    return issues.length > 0
      ? { graph: null, issues: issues.sort((a, b) => a.index - b.index) }
      : { graph, issues: [] };
  }
}

function grownFloat(array: Float64Array): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function grownInt(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

interface Parts extends GraphAssets {
  groupDependent: Int32Array;
  groupK: Int32Array;
  groupBuffer: Float64Array;
  groupSize: Int32Array;
  edgeGroup: Int32Array;
  edgeSupplier: Int32Array;
}

/**
 * Lay the grouped edges out in compressed sparse rows, in both directions, and say whether a group
 * has the same supplier twice (a stamp per supplier, no hashing).
 */
function compress(parts: Parts): { graph: DependencyGraph; duplicates: boolean } {
  const { size, groupDependent, groupSize, edgeGroup, edgeSupplier } = parts;
  const groupCount = groupDependent.length;
  const edgeCount = edgeGroup.length;
  const supplierOffsets = new Int32Array(groupCount + 1);
  supplierOffsets.set(groupSize, 1);
  prefixSums(supplierOffsets);
  const suppliers = new Int32Array(edgeCount);
  const feedCount = new Int32Array(size + 1);
  const groupCountOf = new Int32Array(size + 1);
  const supplierCursor = supplierOffsets.slice(0, groupCount);
  for (let e = 0; e < edgeCount; e++) {
    const group = edgeGroup[e] ?? 0;
    const supplier = edgeSupplier[e] ?? 0;
    suppliers[supplierCursor[group] ?? 0] = supplier;
    supplierCursor[group] = (supplierCursor[group] ?? 0) + 1;
    feedCount[supplier + 1] = (feedCount[supplier + 1] ?? 0) + 1;
  }
  for (let g = 0; g < groupCount; g++) {
    const d = groupDependent[g] ?? 0;
    groupCountOf[d + 1] = (groupCountOf[d + 1] ?? 0) + 1;
  }
  const feedOffsets = prefixSums(feedCount);
  const groupOffsets = prefixSums(groupCountOf);
  const feeds = new Int32Array(edgeCount);
  const groupsOf = new Int32Array(groupCount);
  const feedCursor = feedOffsets.slice(0, size);
  const groupCursor = groupOffsets.slice(0, size);
  const stamp = new Int32Array(size).fill(-1);
  let duplicates = false;
  for (let g = 0; g < groupCount; g++) {
    for (let e = supplierOffsets[g] ?? 0; e < (supplierOffsets[g + 1] ?? 0); e++) {
      const s = suppliers[e] ?? 0;
      if (stamp[s] === g) duplicates = true;
      stamp[s] = g;
      feeds[feedCursor[s] ?? 0] = g;
      feedCursor[s] = (feedCursor[s] ?? 0) + 1;
    }
    const d = groupDependent[g] ?? 0;
    groupsOf[groupCursor[d] ?? 0] = g;
    groupCursor[d] = (groupCursor[d] ?? 0) + 1;
  }
  const graph: DependencyGraph = {
    size,
    ids: parts.ids,
    indexOf: parts.indexOf,
    sectors: parts.sectors,
    population: parts.population,
    lat: parts.lat,
    lon: parts.lon,
    groupCount,
    groupDependent,
    groupK: parts.groupK,
    groupSize,
    groupBuffer: parts.groupBuffer,
    feedOffsets,
    feeds,
    groupOffsets,
    groupsOf,
    supplierOffsets,
    suppliers,
    edgeCount,
  };
  return { graph, duplicates };
}

function prefixSums(counts: Int32Array): Int32Array {
  for (let i = 1; i < counts.length; i++) counts[i] = (counts[i] ?? 0) + (counts[i - 1] ?? 0);
  return counts;
}
