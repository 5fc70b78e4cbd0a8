import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assetsInPolygon, assetsWithin, distanceKm } from "./area.ts";
import { type AssetInput, buildGraph, type DependencyGraph, type DependencyInput } from "./build.ts";
import { ATTACKED, cascade, cascadeScratch, cascadeTotals } from "./cascade.ts";
import {
  criticality,
  criticalityByDominators,
  criticalityOrder,
  criticalityRange,
  rankCriticality,
  singlePointsOfFailure,
} from "./criticality.ts";
import { dominatorTree } from "./dominators.ts";
import { referenceCascade, referenceEvents } from "./reference.test-support.ts";

const SERVICES = ["electricity", "water", "telecoms"];
const BUFFERS = [0, 0, 1, 2.5, 6];

interface Case {
  assets: AssetInput[];
  dependencies: DependencyInput[];
}

/** Random graphs with every feature: several services, k of n, buffers, cycles. */
const anyGraph = fc
  .record({
    size: fc.integer({ min: 1, max: 14 }),
    // Dense enough that groups of three or more suppliers lose some but not all of them.
    edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 10, maxLength: 70 }),
    ks: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
    buffers: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
  })
  .map(({ size, edges, ks, buffers }): Case => {
    const assets = Array.from({ length: size }, (_, i) => ({
      id: `a${i}`,
      sector: i % 2 ? "health" : "energy-electricity",
      population: (i * 37) % 11,
    }));
    const groups = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const [d, s, v] of edges) {
      const dependent = d % size;
      const supplier = s % size;
      const service = SERVICES[v % SERVICES.length] ?? "electricity";
      const key = `${dependent}/${supplier}/${service}`;
      if (dependent === supplier || seen.has(key)) continue;
      seen.add(key);
      const group = `a${dependent}/${service}`;
      groups.set(group, [...(groups.get(group) ?? []), `a${supplier}`]);
    }
    const dependencies: DependencyInput[] = [];
    [...groups].forEach(([group, suppliers], index) => {
      const [dependent = "", service = ""] = group.split("/");
      const k = ((ks[index % ks.length] ?? 0) % suppliers.length) + 1;
      const bufferHours = BUFFERS[(buffers[index % buffers.length] ?? 0) % BUFFERS.length] ?? 0;
      for (const supplier of suppliers) dependencies.push({ dependent, supplier, service, k, bufferHours });
    });
    return { assets, dependencies };
  });

/** Random acyclic graphs where each asset needs any one supplier of one service: the dominator case. */
const singleServiceDag = fc
  .record({
    size: fc.integer({ min: 1, max: 40 }),
    picks: fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 40, maxLength: 40 }),
  })
  .map(({ size, picks }): Case => {
    const assets = Array.from({ length: size }, (_, i) => ({
      id: `n${i}`,
      sector: "water-drinking",
      population: i + 1,
    }));
    const dependencies: DependencyInput[] = [];
    for (let v = 1; v < size; v++) {
      const suppliers = new Set((picks[v] ?? []).map((p) => p % v));
      for (const s of suppliers)
        dependencies.push({ dependent: `n${v}`, supplier: `n${s}`, service: "water" });
    }
    return { assets, dependencies };
  });

/** The same graphs with every buffer 0: every failure at hour 0, order and causes down to ties. */
const zeroBufferGraph = anyGraph.map(
  ({ assets, dependencies }): Case => ({
    assets,
    dependencies: dependencies.map((row) => ({ ...row, bufferHours: 0 })),
  }),
);

/** Each asset fed by one of the ten just before it (any one will do): supply thousands deep. */
function chains(size: number): Case {
  const assets = Array.from({ length: size }, (_, i) => ({ id: `c${i}`, sector: "energy-electricity" }));
  const dependencies = assets.slice(1).map((asset, i) => ({
    dependent: asset.id,
    supplier: `c${Math.max(0, i - ((i * 7919) % 10))}`,
    service: "electricity",
  }));
  return { assets, dependencies };
}

function graphOf({ assets, dependencies }: Case): DependencyGraph {
  const built = buildGraph(assets, dependencies);
  if (!built.graph) throw new Error(JSON.stringify(built.issues));
  return built.graph;
}

const byIdText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The ranking by its definition: more assets, then more population, then the ids' order. */
function rankedByHand(
  ids: readonly string[],
  result: { assets: Int32Array; population: Float64Array },
  byId: (x: string, y: string) => number,
): number[] {
  return ids
    .map((id, i) => ({ id, i }))
    .sort(
      (x, y) =>
        (result.assets[y.i] ?? 0) - (result.assets[x.i] ?? 0) ||
        (result.population[y.i] ?? 0) - (result.population[x.i] ?? 0) ||
        byId(x.id, y.id),
    )
    .map(({ i }) => i);
}

describe("cascade", () => {
  it("matches the reference on random graphs: the same assets fail at the same hours", () => {
    fc.assert(
      fc.property(anyGraph, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (input, picks) => {
        const graph = graphOf(input);
        const attacked = [...new Set(picks.map((p) => p % graph.size))];
        const result = cascade(graph, attacked);
        const expected = referenceCascade(
          input.assets,
          input.dependencies,
          attacked.map((i) => graph.ids[i] ?? ""),
        );
        const actual = new Map(
          [...result.order].map((asset, i) => [graph.ids[asset] ?? "", result.hours[i] ?? -1]),
        );
        expect(actual).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("names as cause a supplier whose failure, plus the buffer, explains the time", () => {
    fc.assert(
      fc.property(anyGraph, fc.nat(), (input, pick) => {
        const graph = graphOf(input);
        const result = cascade(graph, [pick % graph.size]);
        const hoursOf = new Map([...result.order].map((asset, i) => [asset, result.hours[i] ?? -1]));
        result.order.forEach((asset, i) => {
          const cause = result.cause[i] ?? ATTACKED;
          if (i === 0) {
            expect(cause).toBe(ATTACKED);
            return;
          }
          const explained = input.dependencies.some(
            (row) =>
              row.dependent === graph.ids[asset] &&
              row.supplier === graph.ids[cause] &&
              (hoursOf.get(cause) ?? -1) + (row.bufferHours ?? 0) === result.hours[i],
          );
          expect(explained).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("reports failures in the reference order, with the same hours and causes", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyGraph, zeroBufferGraph),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        (input, picks) => {
          const graph = graphOf(input);
          const attacked = [...new Set(picks.map((p) => p % graph.size))];
          const result = cascade(graph, attacked);
          const events = [...result.order].map((asset, i) => {
            const cause = result.cause[i] ?? ATTACKED;
            return {
              id: graph.ids[asset] ?? "",
              hours: result.hours[i] ?? -1,
              cause: cause === ATTACKED ? null : (graph.ids[cause] ?? ""),
            };
          });
          expect(events).toEqual(
            referenceEvents(
              input.assets,
              input.dependencies,
              attacked.map((i) => graph.ids[i] ?? ""),
            ),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it("gives the same answers when its stamps wrap around", () => {
    fc.assert(
      fc.property(anyGraph, (input) => {
        const graph = graphOf(input);
        const scratch = cascadeScratch(graph);
        // The last cascades before the 32-bit stamps would overflow, then the clean start.
        scratch.base = 0x7fff_ffff - 2 * scratch.stride;
        scratch.epoch = 0x7fff_fffd;
        for (let round = 0; round < 3; round++)
          for (let a = 0; a < graph.size; a++)
            expect(cascade(graph, [a], scratch)).toEqual(cascade(graph, [a], cascadeScratch(graph)));
        expect(scratch.epoch).toBeLessThan(0x7fff_fffd);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses the scratch space of another graph and assets it does not have", () => {
    const graph = graphOf({ assets: [{ id: "a", sector: "health" }], dependencies: [] });
    const other = graphOf({ assets: [{ id: "a", sector: "health" }], dependencies: [] });
    expect(() => cascade(graph, [0], cascadeScratch(other))).toThrow(RangeError);
    expect(() => cascade(graph, [1])).toThrow(RangeError);
    expect(() => cascade(graph, [Number.NaN])).toThrow(RangeError);
    expect([...cascade(graph, [0, 0]).order]).toEqual([0]);
  });

  it("reads the assets attacked first, so their iterator may run a cascade of its own", () => {
    const graph = graphOf({
      assets: ["s", "d", "x", "y"].map((id) => ({ id, sector: "energy-electricity" })),
      dependencies: [
        { dependent: "d", supplier: "s", service: "electricity", bufferHours: 2 },
        { dependent: "y", supplier: "x", service: "electricity" },
      ],
    });
    function* attacked() {
      yield 0;
      cascade(graph, [2]);
    }
    const result = cascade(graph, attacked());
    expect([...result.order]).toEqual([0, 1]);
    expect([...result.hours]).toEqual([0, 2]);
  });

  it("gives the same answer when scratch space is reused", () => {
    fc.assert(
      fc.property(anyGraph, (input) => {
        const graph = graphOf(input);
        const scratch = cascadeScratch(graph);
        for (let a = 0; a < graph.size; a++)
          expect(cascade(graph, [a], scratch)).toEqual(cascade(graph, [a]));
      }),
      { numRuns: 100 },
    );
  });

  it("keeps a dependent running until fewer than k of its suppliers work", () => {
    const suppliers = ["s1", "s2", "s3", "s4"];
    const graph = graphOf({
      assets: [...suppliers, "d"].map((id) => ({ id, sector: "energy-gas" })),
      dependencies: suppliers.map((supplier) => ({ dependent: "d", supplier, service: "gas", k: 2 })),
    });
    const failedWith = (attacked: string[]) =>
      [
        ...cascade(
          graph,
          attacked.map((id) => graph.indexOf.get(id) ?? -1),
        ).order,
      ]
        .map((i) => graph.ids[i])
        .includes("d");
    expect(failedWith(["s1"])).toBe(false);
    expect(failedWith(["s1", "s2"])).toBe(false);
    expect(failedWith(["s1", "s2", "s3"])).toBe(true);
  });

  it("follows buffers, redundancy and several services on a worked example", () => {
    // Two substations feed a pumping station (needs 1 of 2); the pump feeds a hospital that also
    // needs one substation for electricity and holds 6 hours of water and 2 hours of fuel.
    const graph = graphOf({
      assets: [
        { id: "sub-1", sector: "energy-electricity" },
        { id: "sub-2", sector: "energy-electricity" },
        { id: "pump", sector: "water-drinking", population: 50_000 },
        { id: "hospital", sector: "health", population: 200_000 },
      ],
      dependencies: [
        { dependent: "pump", supplier: "sub-1", service: "electricity" },
        { dependent: "pump", supplier: "sub-2", service: "electricity" },
        { dependent: "hospital", supplier: "pump", service: "water", bufferHours: 6 },
        { dependent: "hospital", supplier: "sub-2", service: "electricity", bufferHours: 2 },
      ],
    });
    const one = cascade(graph, [graph.indexOf.get("sub-1") ?? -1]);
    expect([...one.order].map((a) => graph.ids[a])).toEqual(["sub-1"]);
    const two = cascade(graph, [graph.indexOf.get("sub-2") ?? -1]);
    expect(
      [...two.order].map((a, i) => [graph.ids[a], two.hours[i], graph.ids[two.cause[i] ?? -1] ?? null]),
    ).toEqual([
      ["sub-2", 0, null],
      ["hospital", 2, "sub-2"],
    ]);
    const both = cascade(graph, [0, 1]);
    const totals = cascadeTotals(graph, both);
    expect(totals).toMatchObject({ assets: 4, population: 250_000 });
    expect(totals.bySector).toEqual({
      "energy-electricity": { assets: 2, population: 0 },
      "water-drinking": { assets: 1, population: 50_000 },
      health: { assets: 1, population: 200_000 },
    });
    expect(totals.timeline).toEqual([
      { hours: 0, assets: 3, population: 50_000 },
      { hours: 2, assets: 4, population: 250_000 },
    ]);
  });
});

describe("criticality", () => {
  const referenceCriticality = (input: Case) =>
    input.assets.map((asset) => {
      const failed = referenceCascade(input.assets, input.dependencies, [asset.id]);
      const population = input.assets
        .filter((a) => failed.has(a.id))
        .reduce((sum, a) => sum + (a.population ?? 0), 0);
      return [failed.size, population];
    });

  it("matches one reference cascade per asset on random graphs", () => {
    fc.assert(
      fc.property(anyGraph, (input) => {
        const result = criticality(graphOf(input));
        expect([...result.assets].map((count, i) => [count, result.population[i]])).toEqual(
          referenceCriticality(input),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("answers the same by the dominator tree and by sweeps on acyclic single-service graphs", () => {
    fc.assert(
      fc.property(singleServiceDag, (input) => {
        const graph = graphOf(input);
        const tree = criticalityByDominators(graph);
        expect(tree?.method).toBe("dominators");
        const sweeps = criticalityRange(graph, 0, graph.size);
        const chosen = criticality(graph);
        for (const result of [tree, chosen]) {
          expect([...(result?.assets ?? [])]).toEqual([...sweeps.assets]);
          expect([...(result?.population ?? [])]).toEqual([...sweeps.population]);
        }
        expect([...sweeps.assets].map((count, i) => [count, sweeps.population[i]])).toEqual(
          referenceCriticality(input),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("takes the cheaper exact path: sweeps where losses take down little, the tree on deep chains", () => {
    // 1,000 substations, each the only supplier of three assets: no loss takes down more than four.
    const shallow = graphOf({
      assets: Array.from({ length: 4_000 }, (_, i) => ({ id: `s${i}`, sector: "energy-electricity" })),
      dependencies: Array.from({ length: 3_000 }, (_, i) => ({
        dependent: `s${1_000 + i}`,
        supplier: `s${i % 1_000}`,
        service: "electricity",
      })),
    });
    expect(criticality(shallow).method).toBe("sweeps");
    const deep = graphOf(chains(3_000));
    const result = criticality(deep);
    expect(result.method).toBe("dominators");
    const sweeps = criticalityRange(deep, 0, deep.size);
    expect([...result.assets]).toEqual([...sweeps.assets]);
    expect(result.assets[0]).toBe(3_000);
  });

  it("refuses the shortcut on a cycle, where mutual suppliers keep each other running", () => {
    const input: Case = {
      assets: ["src", "b", "c"].map((id) => ({ id, sector: "telecommunications" })),
      dependencies: [
        { dependent: "b", supplier: "src", service: "power" },
        { dependent: "b", supplier: "c", service: "power" },
        { dependent: "c", supplier: "src", service: "power" },
        { dependent: "c", supplier: "b", service: "power" },
      ],
    };
    const graph = graphOf(input);
    expect(dominatorTree(graph)).toBeNull();
    expect(criticalityByDominators(graph)).toBeNull();
    const result = criticality(graph);
    expect(result.method).toBe("sweeps");
    expect([...result.assets]).toEqual([1, 1, 1]);
  });

  it("ranks by assets, then population, then id, and flags single points of failure", () => {
    const graph = graphOf({
      assets: [
        { id: "b", sector: "energy-electricity", population: 1 },
        { id: "a", sector: "energy-electricity", population: 1 },
        { id: "x", sector: "health", population: 10 },
        { id: "y", sector: "health", population: 20 },
      ],
      dependencies: [
        { dependent: "x", supplier: "a", service: "electricity" },
        { dependent: "y", supplier: "b", service: "electricity" },
      ],
    });
    const result = criticality(graph);
    expect(rankCriticality(graph, result)).toEqual([
      { id: "b", assets: 2, population: 21 },
      { id: "a", assets: 2, population: 11 },
      { id: "y", assets: 1, population: 20 },
      { id: "x", assets: 1, population: 10 },
    ]);
    expect(rankCriticality(graph, result, 1)).toHaveLength(1);
    expect(singlePointsOfFailure(result).map((i) => graph.ids[i])).toEqual(["b", "a"]);
  });
});

describe("building the graph", () => {
  const assets = [
    { id: "a", sector: "energy-electricity" },
    { id: "b", sector: "health" },
  ];
  it.each([
    [
      "an unknown supplier",
      [{ dependent: "b", supplier: "zz", service: "power" }],
      "supplier_id",
      /no asset "zz"/,
    ],
    [
      "a self-dependency",
      [{ dependent: "a", supplier: "a", service: "power" }],
      "supplier_id",
      /cannot supply itself/,
    ],
    [
      "k above the suppliers",
      [{ dependent: "b", supplier: "a", service: "power", k: 2 }],
      "k",
      /needs 2 suppliers .* has 1/,
    ],
    ["k of zero", [{ dependent: "b", supplier: "a", service: "power", k: 0 }], "k", /1 or more/],
    [
      "a negative buffer",
      [{ dependent: "b", supplier: "a", service: "power", bufferHours: -1 }],
      "buffer_hours",
      /0 or more/,
    ],
    [
      "a repeated dependency",
      [
        { dependent: "b", supplier: "a", service: "power" },
        { dependent: "b", supplier: "a", service: "power" },
      ],
      "supplier_id",
      /twice/,
    ],
  ] as const)("reports %s with the row and field", (_name, dependencies, field, message) => {
    const built = buildGraph(assets, dependencies);
    expect(built.graph).toBeNull();
    expect(built.issues[0]).toMatchObject({
      list: "dependencies",
      field,
      message: expect.stringMatching(message),
    });
  });

  it("reports duplicate asset ids and bad populations", () => {
    const built = buildGraph([...assets, { id: "a", sector: "health", population: -5 }], []);
    expect(built.issues.map((issue) => [issue.index, issue.field])).toEqual([
      [2, "id"],
      [2, "population_served"],
    ]);
  });
});

describe("areas", () => {
  const graph = graphOf({
    assets: [
      { id: "centre", sector: "health", lat: 48.8566, lon: 2.3522 },
      { id: "near", sector: "health", lat: 48.8666, lon: 2.3522 },
      { id: "far", sector: "health", lat: 51.5072, lon: -0.1276 },
      { id: "nowhere", sector: "health" },
    ],
    dependencies: [],
  });
  it("measures great-circle distances", () => {
    expect(distanceKm(48.8566, 2.3522, 51.5072, -0.1276)).toBeCloseTo(343.5, 0);
  });
  it("finds the assets within a radius and inside a polygon", () => {
    expect(assetsWithin(graph, 48.8566, 2.3522, 2).map((i) => graph.ids[i])).toEqual(["centre", "near"]);
    const box: [number, number][] = [
      [2.3, 48.85],
      [2.4, 48.85],
      [2.4, 48.86],
      [2.3, 48.86],
    ];
    expect(assetsInPolygon(graph, box).map((i) => graph.ids[i])).toEqual(["centre"]);
  });
});

describe("criticalityOrder", () => {
  // The radix sort on counts, and comparison where population is not a whole number of people.
  it("ranks as sorting by assets, population (descending) and id does, with any ties", () => {
    const countArb = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffff_ffff }));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.constantFrom("a", "b", "B", "c", "aa", "é", "z9"),
            assets: fc.integer({ min: 1, max: 4 }),
            population: fc.oneof(countArb, fc.constantFrom(0.5, 2 ** 40)),
          }),
          { maxLength: 40 },
        ),
        fc.nat(45),
        (rows, top) => {
          const graph = buildGraph(
            rows.map((row, i) => ({ id: `${row.id}-${i % 3}-${i}`, sector: "health" })),
            [],
          ).graph;
          if (!graph) throw new Error("the assets do not build");
          const result = {
            assets: Int32Array.from(rows, (row) => row.assets),
            population: Float64Array.from(rows, (row) => row.population),
            method: "sweeps" as const,
          };
          const expected = rankedByHand(graph.ids, result, byIdText).slice(0, top);
          expect(Array.from(criticalityOrder(graph, result, top))).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("ranks a large network (11-bit digits) as the comparison does, ties included, by any id order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8192, max: 12_000 }),
        fc.integer(),
        fc.boolean(),
        fc.boolean(),
        (n, seed, whole, reversed) => {
          let state = seed >>> 0;
          const next = (below: number) => {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            return state % below;
          };
          const graph = buildGraph(
            Array.from({ length: n }, (_, i) => ({
              id: `${String.fromCharCode(97 + next(26))}${i}`,
              sector: "health",
            })),
            [],
          ).graph;
          if (!graph) throw new Error("the assets do not build");
          // Whole numbers below 2^32 sort as themselves, others by their bits.
          const populations = whole
            ? [0, 7, 70_000, 1_318_898, 0xffff_ffff]
            : [0, 0.25, 7, 70_000, 2 ** 33 + 1, 1e300];
          const result = {
            assets: Int32Array.from({ length: n }, () => (next(4) === 0 ? 1 + next(100_000) : 1 + next(3))),
            population: Float64Array.from({ length: n }, () => populations[next(populations.length)] ?? 0),
            method: "sweeps" as const,
          };
          // Ties by id, or by the order a caller gives (here the reverse), which replaces the ids'.
          const byId = (x: string, y: string) => (reversed ? -1 : 1) * (x < y ? -1 : x > y ? 1 : 0);
          const expected = rankedByHand(graph.ids, result, byId);
          const compareIds = reversed
            ? (a: number, b: number) => byId(graph.ids[a] ?? "", graph.ids[b] ?? "")
            : undefined;
          expect(Array.from(criticalityOrder(graph, result, graph.size, compareIds))).toEqual(expected);
        },
      ),
      { numRuns: 24 },
    );
  });

  it("takes negative counts and populations by comparison", () => {
    const graph = buildGraph(
      ["b", "a", "c"].map((id) => ({ id, sector: "health" })),
      [],
    ).graph;
    if (!graph) throw new Error("the assets do not build");
    const result = {
      assets: Int32Array.from([1, 1, -2]),
      population: Float64Array.from([-5, -5, 3]),
      method: "sweeps" as const,
    };
    expect(Array.from(criticalityOrder(graph, result))).toEqual([1, 0, 2]);
  });
});
