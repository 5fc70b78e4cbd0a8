// A synthetic, deterministic critical-infrastructure network for tests and benchmarks: layered like
// a real one (fuel -> generation plants -> transmission substations -> distribution substations ->
// water, telecom exchanges, data centres -> hospitals, rail, banks and the rest), laid out over a
// country in a grid of regions where suppliers are mostly picked in the dependent's own region.
// "none": each asset needs one service from any one of its suppliers, and supply only runs down
// the layers (acyclic: the dominator path of criticality). "realistic": several services per
// asset, k-of-n groups (1 of 2 feeders, 2 of 3 power feeds), backup-generator buffers and a few
// cross-sector cycles (telecoms need electricity; some substations need telecoms control).
import type { AssetInput, DependencyInput } from "./build.ts";

export interface GenerateOptions {
  /** Number of assets (at least 100). */
  readonly assets: number;
  readonly seed: number;
  readonly redundancy?: "none" | "realistic" | undefined;
}

export interface GeneratedNetwork {
  readonly assets: AssetInput[];
  readonly dependencies: DependencyInput[];
}

type Service = "electricity" | "water" | "telecoms" | "fuel" | "data";

interface Kind {
  readonly name: string;
  readonly sectors: readonly string[];
  /** The service this kind supplies to others (consumers supply nothing). */
  readonly supplies: Service | null;
  /** Share of all assets (consumers take the rest). */
  readonly share: number;
  readonly population: readonly [number, number];
}

const FUEL = 0;
const PLANT = 1;
const TRANSMISSION = 2;
const DISTRIBUTION = 3;
const TELECOM = 4;
const DATACENTRE = 5;
const WATER = 6;
const HOSPITAL = 7;
const CONSUMER = 8;

const KINDS: readonly Kind[] = [
  { name: "fuel", sectors: ["energy-oil", "energy-gas"], supplies: "fuel", share: 0.004, population: [0, 0] },
  {
    name: "plant",
    sectors: ["energy-electricity", "energy-electricity", "nuclear", "dams"],
    supplies: "electricity",
    share: 0.004,
    population: [0, 0],
  },
  {
    name: "transmission",
    sectors: ["energy-electricity"],
    supplies: "electricity",
    share: 0.02,
    population: [0, 0],
  },
  {
    name: "distribution",
    sectors: ["energy-electricity"],
    supplies: "electricity",
    share: 0.1,
    population: [2_000, 20_000],
  },
  {
    name: "telecom",
    sectors: ["telecommunications"],
    supplies: "telecoms",
    share: 0.04,
    population: [5_000, 50_000],
  },
  {
    name: "datacentre",
    sectors: ["digital-infrastructure"],
    supplies: "data",
    share: 0.008,
    population: [10_000, 100_000],
  },
  {
    name: "water",
    sectors: ["water-drinking", "water-drinking", "water-waste"],
    supplies: "water",
    share: 0.07,
    population: [5_000, 150_000],
  },
  { name: "hospital", sectors: ["health"], supplies: null, share: 0.02, population: [20_000, 300_000] },
  {
    name: "site",
    sectors: [
      "transport-rail",
      "transport-public",
      "transport-air",
      "transport-road",
      "transport-water",
      "banking",
      "financial-market-infrastructure",
      "government-services",
      "emergency-services",
      "public-administration",
      "food-agriculture",
      "chemical",
      "critical-manufacturing",
      "commercial-facilities",
      "district-heating",
      "defence-industrial-base",
      "energy-hydrogen",
      "space",
    ],
    supplies: null,
    share: 0,
    population: [100, 50_000],
  },
];

/** What a consumer sector needs besides electricity (realistic), or instead of it (none). */
const CONSUMER_NEEDS: Readonly<Record<string, Service>> = {
  "transport-rail": "telecoms",
  "transport-public": "telecoms",
  "transport-air": "fuel",
  "transport-road": "fuel",
  "transport-water": "fuel",
  banking: "data",
  "financial-market-infrastructure": "data",
  "government-services": "data",
  "emergency-services": "telecoms",
  "public-administration": "data",
  "food-agriculture": "water",
  chemical: "water",
  "critical-manufacturing": "water",
  "commercial-facilities": "telecoms",
  "district-heating": "fuel",
  "defence-industrial-base": "telecoms",
  "energy-hydrogen": "water",
  space: "data",
};

const SUPPLIER_OF: Readonly<Record<Service, number>> = {
  electricity: DISTRIBUTION,
  water: WATER,
  telecoms: TELECOM,
  fuel: FUEL,
  data: DATACENTRE,
};

/** A country-sized box (degrees). */
const LAT: readonly [number, number] = [42.3, 51.1];
const LON: readonly [number, number] = [-4.8, 8.2];

/** Mulberry32: a small, fast, seeded 32-bit generator; floats in [0, 1). Same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateNetwork(options: GenerateOptions): GeneratedNetwork {
  const total = options.assets;
  if (!Number.isInteger(total) || total < 100) throw new RangeError("assets must be a whole number ≥ 100");
  const realistic = (options.redundancy ?? "realistic") === "realistic";
  const random = mulberry32(options.seed);
  const between = (low: number, high: number) => low + random() * (high - low);
  const integer = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const chance = (p: number) => random() < p;
  const oneOf = <T>(list: readonly T[], fallback: T): T =>
    list[Math.floor(random() * list.length)] ?? fallback;

  // Regions: a side x side grid over the box, about 5,000 assets each.
  const side = Math.max(1, Math.floor(Math.sqrt(total / 5_000)));
  const regions = side * side;
  const counts = KINDS.map((kind) => Math.max(3 * regions, Math.round(kind.share * total)));
  counts[CONSUMER] = total - counts.slice(0, CONSUMER).reduce((sum, count) => sum + count, 0);

  const assets: AssetInput[] = [];
  const kindOf = new Uint8Array(total);
  const regionOf = new Int32Array(total);
  /** pool[kind][region]: the assets of that kind in that region. */
  const pool: number[][][] = KINDS.map(() => Array.from({ length: regions }, () => []));
  KINDS.forEach((kind, k) => {
    const count = counts[k] ?? 0;
    for (let j = 0; j < count; j++) {
      const index = assets.length;
      const region = j % regions;
      const row = Math.floor(region / side);
      const column = region % side;
      const sector = oneOf(kind.sectors, "commercial-facilities");
      const [low, high] = kind.population;
      assets.push({
        id: `${kind.name}-${index}`,
        sector,
        population: high > 0 ? Math.round(between(low, high)) : 0,
        lat: round(LAT[0] + ((row + random()) / side) * (LAT[1] - LAT[0])),
        lon: round(LON[0] + ((column + random()) / side) * (LON[1] - LON[0])),
      });
      kindOf[index] = k;
      regionOf[index] = region;
      pool[k]?.[region]?.push(index);
    }
  });

  const dependencies: DependencyInput[] = [];
  const picked: number[] = [];
  /** Up to n distinct suppliers of a kind, mostly from the region, sometimes from a neighbour. */
  const pick = (kind: number, region: number, n: number): number[] => {
    let from = region;
    if (regions > 1 && chance(0.1)) {
      const row = Math.floor(region / side) + integer(-1, 1);
      const column = (region % side) + integer(-1, 1);
      if (row >= 0 && row < side && column >= 0 && column < side) from = row * side + column;
    }
    const list = pool[kind]?.[from] ?? [];
    picked.length = 0;
    if (n >= list.length) picked.push(...list);
    else
      while (picked.length < n) {
        const candidate = list[Math.floor(random() * list.length)] ?? 0;
        if (!picked.includes(candidate)) picked.push(candidate);
      }
    return picked;
  };
  /** One group: `dependent` needs k of n suppliers of `service` from `kind`. */
  const group = (dependent: number, kind: number, service: Service, n: number, k = 1, bufferHours = 0) => {
    const suppliers = pick(kind, regionOf[dependent] ?? 0, n);
    const id = assets[dependent]?.id ?? "";
    const need = Math.min(k, suppliers.length);
    for (const supplier of suppliers)
      dependencies.push({
        dependent: id,
        supplier: assets[supplier]?.id ?? "",
        service,
        ...(need > 1 ? { k: need } : {}),
        ...(bufferHours > 0 ? { bufferHours } : {}),
      });
  };
  const backup = () => integer(1, 18) * 4; // backup generators: 4 to 72 hours
  /** Feeders: radial (1), 1 of 2, or 2 of 3, with the given shares of radial and 2-of-3. */
  const feeders = (dependent: number, kind: number, radial: number, twoOfThree: number, buffer = 0) => {
    const draw = random();
    if (draw < radial) group(dependent, kind, "electricity", 1, 1, buffer);
    else if (draw < radial + twoOfThree) group(dependent, kind, "electricity", 3, 2, buffer);
    else group(dependent, kind, "electricity", 2, 1, buffer);
  };

  for (let a = 0; a < total; a++) {
    const kind = kindOf[a] ?? CONSUMER;
    const sector = assets[a]?.sector ?? "";
    if (!realistic) {
      // One service, any one of its suppliers, always from a layer above: a third are radial (one
      // supplier), the others have 2 to 9 (about 4 on average overall).
      const n = chance(0.35) ? 1 : integer(2, 9);
      if (kind === FUEL) continue;
      if (kind === PLANT) group(a, FUEL, "fuel", n);
      else if (kind === TRANSMISSION) group(a, PLANT, "electricity", n);
      else if (kind === DISTRIBUTION) group(a, TRANSMISSION, "electricity", n);
      else if (kind === CONSUMER) {
        const service = CONSUMER_NEEDS[sector] ?? "electricity";
        group(a, SUPPLIER_OF[service], service, n);
      } else group(a, DISTRIBUTION, "electricity", n);
      continue;
    }
    switch (kind) {
      case FUEL:
        // Refineries and pumping stations need power (a cycle through the grid); depots do not.
        if (chance(0.4)) group(a, DISTRIBUTION, "electricity", 2, 1, 12);
        break;
      case PLANT:
        if (sector === "dams") group(a, TELECOM, "telecoms", 2, 1, 24);
        else group(a, FUEL, "fuel", integer(2, 3), 1, integer(2, 6) * 12);
        if (sector === "nuclear") group(a, TRANSMISSION, "electricity", 2, 1, 8); // off-site power
        group(a, DATACENTRE, "data", 2, 1, 24); // market and dispatch systems
        break;
      case TRANSMISSION:
        feeders(a, PLANT, 0.25, 0.25); // a plant's step-up substation is radial
        if (chance(0.5)) group(a, TELECOM, "telecoms", 2, 1, 4); // SCADA control
        group(a, FUEL, "fuel", 2, 1, 48); // standby generation
        break;
      case DISTRIBUTION:
        feeders(a, TRANSMISSION, 0.35, 0.15);
        if (chance(0.6)) group(a, TELECOM, "telecoms", 2, 1, 2); // telecontrol
        group(a, WATER, "water", 2, 1, 72); // fire protection
        break;
      case TELECOM:
        feeders(a, DISTRIBUTION, 0.3, 0, backup());
        group(a, DATACENTRE, "data", 2, 1, 12);
        group(a, FUEL, "fuel", 2, 1, 72); // refuelling the backup generators
        break;
      case DATACENTRE:
        group(a, DISTRIBUTION, "electricity", 3, 2, backup()); // 2 of 3 power feeds
        group(a, TELECOM, "telecoms", 3, 1);
        group(a, WATER, "water", 1, 1, 24); // cooling
        break;
      case WATER:
        feeders(a, DISTRIBUTION, 0.4, 0.1, chance(0.5) ? integer(1, 12) : 0);
        if (chance(0.5)) group(a, TELECOM, "telecoms", 1, 1, 24);
        group(a, FUEL, "fuel", 2, 1, 48); // standby pumps
        break;
      case HOSPITAL:
        group(a, DISTRIBUTION, "electricity", 2, 1, backup());
        group(a, WATER, "water", integer(1, 2), 1, 12);
        group(a, TELECOM, "telecoms", 2, 1, 4);
        group(a, DATACENTRE, "data", 1, 1, 24); // patient records
        break;
      default: {
        const need = CONSUMER_NEEDS[sector] ?? "telecoms";
        feeders(a, DISTRIBUTION, 0.6, 0.05);
        group(a, SUPPLIER_OF[need], need, integer(1, 2), 1, need === "fuel" ? 24 : 0);
        if (need !== "telecoms") group(a, TELECOM, "telecoms", 1, 1, integer(0, 8));
      }
    }
  }
  return { assets, dependencies };
}

function round(degrees: number): number {
  return Math.round(degrees * 1e5) / 1e5;
}
