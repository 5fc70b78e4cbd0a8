import { describe, expect, it } from "vitest";
import { SECTORS } from "../vocabulary.ts";
import { buildGraph } from "./build.ts";
import { criticality } from "./criticality.ts";
import { generateNetwork } from "./generate.ts";

const SERVICES = new Set(["electricity", "water", "telecoms", "fuel", "data"]);
const SECTOR_IDS = new Set<string>(SECTORS);

describe("generateNetwork", () => {
  it("is deterministic from the seed", () => {
    for (const redundancy of ["none", "realistic"] as const) {
      const first = generateNetwork({ assets: 2_000, seed: 42, redundancy });
      expect(generateNetwork({ assets: 2_000, seed: 42, redundancy })).toEqual(first);
      expect(generateNetwork({ assets: 2_000, seed: 43, redundancy })).not.toEqual(first);
    }
  });

  it.each([1_000, 20_000])("builds with no issues at %i assets, about 4 dependencies each", (size) => {
    for (const redundancy of ["none", "realistic"] as const) {
      const network = generateNetwork({ assets: size, seed: 7, redundancy });
      expect(network.assets).toHaveLength(size);
      const built = buildGraph(network.assets, network.dependencies);
      expect(built.issues).toEqual([]);
      const perAsset = network.dependencies.length / size;
      expect(perAsset).toBeGreaterThanOrEqual(3);
      expect(perAsset).toBeLessThanOrEqual(5);
      const odd = network.assets.filter(
        (asset) =>
          !SECTOR_IDS.has(asset.sector) ||
          !(asset.lat !== undefined && asset.lat > 40 && asset.lat < 52) ||
          !(asset.lon !== undefined && asset.lon > -6 && asset.lon < 10) ||
          !((asset.population ?? -1) >= 0),
      );
      expect(odd).toEqual([]);
      expect(network.dependencies.filter((row) => !SERVICES.has(row.service))).toEqual([]);
    }
  });

  it("takes sweeps on both kinds: with no redundancy the dominator tree applies but costs more", () => {
    const none = buildGraph(...args(generateNetwork({ assets: 5_000, seed: 3, redundancy: "none" })));
    const realistic = buildGraph(
      ...args(generateNetwork({ assets: 5_000, seed: 3, redundancy: "realistic" })),
    );
    if (!none.graph || !realistic.graph) throw new Error("the generated networks should build");
    expect(criticality(none.graph).method).toBe("sweeps");
    expect(criticality(realistic.graph).method).toBe("sweeps");
  });

  it("gives realistic networks k-of-n groups, buffers and several services per asset", () => {
    const { dependencies } = generateNetwork({ assets: 5_000, seed: 9, redundancy: "realistic" });
    expect(dependencies.some((row) => (row.k ?? 1) > 1)).toBe(true);
    const buffers = dependencies.map((row) => row.bufferHours ?? 0).filter((hours) => hours > 0);
    expect(Math.max(...buffers)).toBeLessThanOrEqual(72);
    expect(buffers.length).toBeGreaterThan(1000);
    expect(new Set(dependencies.map((row) => row.service))).toEqual(SERVICES);
  });

  it("rejects too few assets", () => {
    expect(() => generateNetwork({ assets: 10, seed: 1 })).toThrow(RangeError);
  });
});

function args(network: ReturnType<typeof generateNetwork>) {
  return [network.assets, network.dependencies] as const;
}
