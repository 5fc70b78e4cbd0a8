// Builds the demo country's critical assets and their dependencies (content/demo/assets.csv,
// dependencies.csv and ASSETS.md) from the synthetic grid ACTIVSg2000 (Birchfield et al., 2017,
// CC BY 4.0): `npx tsx scripts/build-demo-assets.ts <case_ACTIVSg2000.m>`. Deterministic: a seeded
// PRNG, no clock, so every run writes the same bytes. The grid is not in the repository (the
// derived files are committed, so a fresh checkout needs nothing else): whoever rebuilds them names
// their copy of MATPOWER's file.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildGraph } from "../packages/core/src/graph/build.ts";
import { mulberry32 } from "../packages/core/src/graph/generate.ts";
import { readAssetsCsv, readDependenciesCsv, writeCsv } from "../packages/core/src/registry/csv.ts";
import type { AssetStatus, DependencyKind, Sector, TlpMarking } from "../packages/core/src/vocabulary.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const gridPath = process.argv[2] ?? "";
const countryPath = join(root, "content", "demo", "country.json");
const outDir = join(root, "content", "demo");

/** People in Meridia (content/demo/country.json: "about nine million"). */
const NATIONAL_POPULATION = 9_000_000;
/** Grid areas kept (of 8): the three that hold the largest cities, then their largest connected part. */
const AREAS_KEPT = new Set([5, 6, 7]);
/**
 * The fictional country's box: lat 26.0–22.6 S, lon 22.0–16.6 W, open South Atlantic, so that on
 * a Natural Earth map Meridia overlaps no real country.
 */
const BOX = { latMin: -26.0, latMax: -22.6, lonMin: -22.0, lonMax: -16.6 };
/** The largest grid towns (by load) become Meridia's cities, in this order. */
const CITIES = ["Port Aster", "Velmora", "Kestrava", "Dunhollow", "Saltmere", "Orlenne"];

// ---------------------------------------------------------------------------------------------
// Small helpers

function fail(message: string): never {
  console.error(`build-demo-assets: ${message}`);
  process.exit(1);
}

function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`index ${index} out of range (${list.length})`);
  return value;
}

const random = mulberry32(20_412_017);
const between = (low: number, high: number) => low + (high - low) * random();
const whole = (low: number, high: number) => Math.floor(between(low, high + 1));
const round = (value: number, step: number) => Math.round(value / step) * step;
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
const pad = (n: number) => String(n).padStart(4, "0");

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = at(list, i);
    list[i] = at(list, j);
    list[j] = a;
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// The grid (MATPOWER case format, version 2)

if (!gridPath || !existsSync(gridPath))
  fail(
    `${gridPath ? `the grid ${gridPath} is missing` : "name the grid file"}: usage: npx tsx scripts/build-demo-assets.ts ` +
      "<case_ACTIVSg2000.m>. It is MATPOWER's case_ACTIVSg2000.m (github.com/MATPOWER/matpower, data/). " +
      "The derived files in content/demo are committed: you only need the grid to rebuild them.",
  );
const gridText = readFileSync(gridPath, "utf8");

function matrix(name: string): number[][] {
  const match = new RegExp(`mpc\\.${name} = \\[([\\s\\S]*?)\\];`).exec(gridText);
  if (!match?.[1]) fail(`no mpc.${name} matrix in ${gridPath}`);
  return match[1]
    .split("\n")
    .map((line) => line.replace(/%.*/, "").replace(/;\s*$/, "").trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(/\s+/).map(Number));
}

function cells(name: string): string[] {
  const match = new RegExp(`mpc\\.${name} = \\{([\\s\\S]*?)\\};`).exec(gridText);
  if (!match?.[1]) fail(`no mpc.${name} cell array in ${gridPath}`);
  return [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "");
}

const busRows = matrix("bus");
const genRows = matrix("gen");
const branchRows = matrix("branch");
const busNames = cells("bus_name");
const genFuels = cells("genfuel");
if (busNames.length !== busRows.length || genFuels.length !== genRows.length)
  fail("bus_name or genfuel does not match the bus or gen matrix");

/** A grid substation: the buses sharing a name but for their last number ("NAME 3 0", "NAME 3 1"). */
interface GridSubstation {
  readonly key: string;
  readonly town: string;
  readonly area: number;
  readonly firstBus: number;
  kv: number;
  load: number;
  generation: number;
  readonly fuelMw: Map<string, number>;
  readonly neighbours: Set<GridSubstation>;
}

const substationOfBus = new Map<number, GridSubstation>();
const gridSubstations = new Map<string, GridSubstation>();
busRows.forEach((row, index) => {
  const [bus = 0, , pd = 0, , , , area = 0, , , kv = 0] = row;
  const name = at(busNames, index).trim();
  const key = name.replace(/ \S+$/, "");
  const town = key.replace(/( \d+)+$/, "");
  let substation = gridSubstations.get(key);
  if (!substation) {
    substation = {
      key,
      town,
      area,
      firstBus: bus,
      kv: 0,
      load: 0,
      generation: 0,
      fuelMw: new Map(),
      neighbours: new Set(),
    };
    gridSubstations.set(key, substation);
  }
  substation.kv = Math.max(substation.kv, kv);
  substation.load += Math.max(0, pd);
  substationOfBus.set(bus, substation);
});
genRows.forEach((row, index) => {
  const [bus = 0, , , , , , , , pmax = 0] = row;
  const substation = substationOfBus.get(bus);
  if (!substation) fail(`generator ${index + 1} is on unknown bus ${bus}`);
  const fuel = at(genFuels, index);
  substation.generation += pmax;
  substation.fuelMw.set(fuel, (substation.fuelMw.get(fuel) ?? 0) + pmax);
});
for (const row of branchRows) {
  const [from = 0, to = 0, , , , , , , , , status = 1] = row;
  const a = substationOfBus.get(from);
  const b = substationOfBus.get(to);
  if (!a || !b) fail(`branch ${from}-${to} names an unknown bus`);
  if (status === 0 || a === b) continue;
  a.neighbours.add(b);
  b.neighbours.add(a);
}

// Keep the areas chosen, then their largest connected part (a few islands hang off other areas).
const candidates = [...gridSubstations.values()]
  .filter((s) => AREAS_KEPT.has(s.area))
  .sort((a, b) => a.firstBus - b.firstBus);
const seen = new Set<GridSubstation>();
let kept: GridSubstation[] = [];
for (const start of candidates) {
  if (seen.has(start)) continue;
  const part = [start];
  seen.add(start);
  for (let i = 0; i < part.length; i++)
    for (const next of at(part, i).neighbours)
      if (AREAS_KEPT.has(next.area) && !seen.has(next)) {
        seen.add(next);
        part.push(next);
      }
  if (part.length > kept.length) kept = part;
}
kept.sort((a, b) => a.firstBus - b.firstBus);
const keptSet = new Set(kept);
const neighboursOf = (s: GridSubstation) =>
  [...s.neighbours].filter((n) => keptSet.has(n)).sort((a, b) => a.firstBus - b.firstBus);

// ---------------------------------------------------------------------------------------------
// Places: grid towns become fictional towns, laid out in the box by a force-directed layout

interface Town {
  readonly gridName: string;
  name: string;
  load: number;
  readonly substations: GridSubstation[];
  readonly links: Map<Town, number>;
  x: number;
  y: number;
  lat: number;
  lon: number;
  city: boolean;
}
const towns = new Map<string, Town>();
for (const s of kept) {
  let town = towns.get(s.town);
  if (!town) {
    town = {
      gridName: s.town,
      name: "",
      load: 0,
      substations: [],
      links: new Map(),
      x: random(),
      y: random(),
      lat: 0,
      lon: 0,
      city: false,
    };
    towns.set(s.town, town);
  }
  town.load += s.load;
  town.substations.push(s);
}
const townOf = (s: GridSubstation): Town => {
  const town = towns.get(s.town);
  if (!town) throw new Error(`no town ${s.town}`);
  return town;
};
for (const s of kept)
  for (const n of neighboursOf(s)) {
    const a = townOf(s);
    const b = townOf(n);
    if (a !== b) a.links.set(b, (a.links.get(b) ?? 0) + 1);
  }
const townList = [...towns.values()].sort((a, b) => b.load - a.load || (a.gridName < b.gridName ? -1 : 1));

// Fictional names: the cities above, then syllables drawn with the seeded PRNG.
const starts = [
  "Al",
  "Bel",
  "Cor",
  "Dar",
  "El",
  "Fen",
  "Gal",
  "Hal",
  "Ist",
  "Kel",
  "Lor",
  "Mar",
  "Nor",
  "Or",
];
const starts2 = ["Pel", "Quen", "Ros", "Sil", "Tor", "Ul", "Var", "Wen", "Yar", "Zel", "Tam", "Bran", "Cal"];
const middles = ["a", "e", "i", "o", "an", "en", "or", "il", ""];
const ends = ["ford", "mere", "vale", "holm", "wick", "dor", "ria", "stad", "ton", "ven", "mar", "gard"];
const ends2 = ["lin", "brook", "ora", "bury", "ness", "field", "haven", "mont", "sk", "ek", "ar", "ine"];
const generated = shuffle(
  [...starts, ...starts2].flatMap((s) => middles.flatMap((m) => [...ends, ...ends2].map((e) => s + m + e))),
).filter((name) => !CITIES.includes(name));
townList.forEach((town, index) => {
  town.name = index < CITIES.length ? at(CITIES, index) : at(generated, index - CITIES.length);
  town.city = index < CITIES.length;
});

// Fruchterman–Reingold from the unit square (only arithmetic and sqrt: the same on every machine).
{
  const n = townList.length;
  const k = Math.sqrt(1 / n);
  const iterations = 300;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const a = at(townList, i);
        const b = at(townList, j);
        const ex = a.x - b.x;
        const ey = a.y - b.y;
        const d2 = Math.max(ex * ex + ey * ey, 1e-9);
        const f = (k * k) / d2;
        dx[i] = (dx[i] ?? 0) + ex * f;
        dy[i] = (dy[i] ?? 0) + ey * f;
        dx[j] = (dx[j] ?? 0) - ex * f;
        dy[j] = (dy[j] ?? 0) - ey * f;
      }
    townList.forEach((a, i) => {
      for (const [b, weight] of a.links) {
        const ex = a.x - b.x;
        const ey = a.y - b.y;
        const d = Math.sqrt(ex * ex + ey * ey);
        const f = (d * Math.sqrt(weight)) / k;
        dx[i] = (dx[i] ?? 0) - ex * f;
        dy[i] = (dy[i] ?? 0) - ey * f;
      }
    });
    // A weak pull to the centre keeps loosely linked towns from drifting away.
    townList.forEach((t, i) => {
      dx[i] = (dx[i] ?? 0) - (t.x - 0.5) * 0.5;
      dy[i] = (dy[i] ?? 0) - (t.y - 0.5) * 0.5;
    });
    const temperature = 0.08 * (1 - step / iterations) + 0.002;
    townList.forEach((t, i) => {
      const mx = dx[i] ?? 0;
      const my = dy[i] ?? 0;
      const length = Math.sqrt(mx * mx + my * my);
      if (length === 0) return;
      const move = Math.min(length, temperature) / length;
      t.x += mx * move;
      t.y += my * move;
    });
  }
  const xs = townList.map((t) => t.x);
  const ys = townList.map((t) => t.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const t of townList) {
    t.lon = BOX.lonMin + ((t.x - x0) / (x1 - x0 || 1)) * (BOX.lonMax - BOX.lonMin);
    t.lat = BOX.latMin + ((t.y - y0) / (y1 - y0 || 1)) * (BOX.latMax - BOX.latMin);
  }
}

/** A coordinate as people read it: 26.0 S rather than -26. */
function degrees(value: number, positive: string, negative: string, digits = 1): string {
  return `${Math.abs(value).toFixed(digits)} ${value < 0 ? negative : positive}`;
}

/** A point drawn uniformly in a disc of `radius` degrees around (lat, lon). */
function near(lat: number, lon: number, radius: number): { lat: number; lon: number } {
  for (;;) {
    const u = between(-1, 1);
    const v = between(-1, 1);
    if (u * u + v * v <= 1) return { lat: round4(lat + u * radius), lon: round4(lon + v * radius) };
  }
}

// ---------------------------------------------------------------------------------------------
// Operators: exact names from country.json, checked

interface Organisation {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly sectors: readonly string[];
}
function isOrganisation(value: unknown): value is Organisation {
  return (
    typeof value === "object" &&
    value !== null &&
    "key" in value &&
    typeof value.key === "string" &&
    "name" in value &&
    typeof value.name === "string" &&
    "kind" in value &&
    typeof value.kind === "string" &&
    "sectors" in value &&
    Array.isArray(value.sectors)
  );
}
const country: unknown = JSON.parse(readFileSync(countryPath, "utf8"));
const organisations =
  typeof country === "object" && country !== null && "organisations" in country
    ? country.organisations
    : undefined;
if (!Array.isArray(organisations)) fail(`${countryPath} has no organisations`);
const operatorByKey = new Map<string, Organisation>();
for (const o of organisations)
  if (isOrganisation(o) && (o.kind === "public-operator" || o.kind === "private-operator"))
    operatorByKey.set(o.key, o);

/** The operator's exact name, after checking it runs assets of that sector. */
function operator(key: string, sector: Sector): string {
  const o = operatorByKey.get(key);
  if (!o) fail(`country.json has no operator "${key}"`);
  if (!o.sectors.includes(sector)) fail(`operator "${key}" does not work in ${sector}`);
  return o.name;
}

// ---------------------------------------------------------------------------------------------
// Assets and dependencies

interface Asset {
  readonly id: string;
  readonly name: string;
  readonly sector: Sector;
  readonly subsector: string;
  readonly operator: string;
  readonly lat: number;
  readonly lon: number;
  population: number | undefined;
  status: AssetStatus;
  readonly marking: TlpMarking;
  readonly capacity: number | undefined;
  readonly unit: string;
}
interface Dependency {
  readonly dependent: Asset;
  readonly supplier: Asset;
  readonly service: string;
  readonly k: number;
  readonly buffer: number;
  readonly kind: DependencyKind;
}
const assets: Asset[] = [];
const dependencies: Dependency[] = [];
const counters = new Map<string, number>();
const usedNames = new Set<string>();

interface AssetSpec {
  readonly code: string;
  readonly name: string;
  readonly sector: Sector;
  readonly subsector: string;
  readonly operator: string;
  readonly at: { lat: number; lon: number };
  readonly population?: number | undefined;
  readonly marking?: TlpMarking;
  readonly capacity?: number | undefined;
  readonly unit?: string;
}
function addAsset(spec: AssetSpec): Asset {
  const number = (counters.get(spec.code) ?? 0) + 1;
  counters.set(spec.code, number);
  // Names are unique: a second "Velmora Hospital" becomes "Velmora Hospital 2".
  let name = spec.name;
  for (let n = 2; usedNames.has(name); n++) name = `${spec.name} ${n}`;
  usedNames.add(name);
  const asset: Asset = {
    id: `XM-${spec.code}-${pad(number)}`,
    name,
    sector: spec.sector,
    subsector: spec.subsector,
    operator: spec.operator,
    lat: spec.at.lat,
    lon: spec.at.lon,
    population: spec.population,
    status: "operational",
    marking: spec.marking ?? "amber",
    capacity: spec.capacity,
    unit: spec.capacity === undefined ? "" : (spec.unit ?? ""),
  };
  assets.push(asset);
  return asset;
}

const KIND_OF_SERVICE: Record<string, DependencyKind> = {
  electricity: "physical",
  water: "physical",
  fuel: "physical",
  gas: "physical",
  transport: "physical",
  telecoms: "cyber",
  data: "cyber",
  finance: "logical",
  staff: "logical",
};
const dependencyKeys = new Set<string>();
/** `dependent` needs k of `suppliers` for `service`, and runs `buffer` hours without them. */
function depend(dependent: Asset, suppliers: readonly Asset[], service: string, k: number, buffer: number) {
  const unique = [...new Set(suppliers)].filter((s) => s !== dependent);
  if (unique.length === 0) return;
  const groupKey = `${dependent.id}|${service}`;
  if (dependencyKeys.has(groupKey)) throw new Error(`${groupKey} defined twice`);
  dependencyKeys.add(groupKey);
  const kind = KIND_OF_SERVICE[service] ?? "physical";
  const needed = Math.min(k, unique.length);
  for (const supplier of unique) dependencies.push({ dependent, supplier, service, k: needed, buffer, kind });
}

const distance2 = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  (a.lat - b.lat) ** 2 + (a.lon - b.lon) ** 2;
/** The n candidates nearest to a point (ties by id), leaving out `except`. */
function nearest<T extends { lat: number; lon: number; id: string }>(
  point: { lat: number; lon: number },
  list: readonly T[],
  n: number,
  except: readonly T[] = [],
): T[] {
  return list
    .filter((c) => !except.includes(c))
    .map((c) => ({ c, d: distance2(point, c) }))
    .sort((a, b) => a.d - b.d || (a.c.id < b.c.id ? -1 : 1))
    .slice(0, n)
    .map((x) => x.c);
}

// --- Electricity: transmission substations --------------------------------------------------

const gridOperator = operator("meridiagrid", "energy-electricity");
const generator = operator("solano", "energy-electricity");
const totalLoad = kept.reduce((sum, s) => sum + s.load, 0);
const substationAsset = new Map<GridSubstation, Asset>();
const townSeq = new Map<Town, number>();
for (const s of kept) {
  const town = townOf(s);
  const seq = (townSeq.get(town) ?? 0) + 1;
  townSeq.set(town, seq);
  const label = town.substations.length > 1 ? `${town.name} ${seq}` : town.name;
  const radius = town.city ? 0.025 + 0.007 * Math.sqrt(town.substations.length) : 0.03;
  const asset = addAsset({
    code: "EL-SUB",
    name: `${label} ${s.kv} kV Substation`,
    sector: "energy-electricity",
    subsector: "transmission substation",
    operator: gridOperator,
    at: near(town.lat, town.lon, radius),
    population: s.load > 0 ? round((s.load / totalLoad) * NATIONAL_POPULATION, 10) : 0,
    capacity: s.load > 0 ? Math.round(s.load * 10) / 10 : undefined,
    unit: "MW",
  });
  substationAsset.set(s, asset);
}
const subAsset = (s: GridSubstation): Asset => {
  const a = substationAsset.get(s);
  if (!a) throw new Error(`no asset for ${s.key}`);
  return a;
};

// --- Electricity: generation plants, one per substation with generators ------------------------

const FUEL_LABEL: Record<string, string> = {
  ng: "Gas-Fired Power Station",
  coal: "Coal Power Station",
  hydro: "Hydroelectric Station",
  nuclear: "Nuclear Power Station",
  wind: "Wind Farm",
  solar: "Solar Park",
};
interface Plant {
  readonly asset: Asset;
  readonly substation: GridSubstation;
  readonly fuel: string;
}
const plants: Plant[] = [];
for (const s of kept) {
  if (s.fuelMw.size === 0) continue;
  const [fuel = "ng"] =
    [...s.fuelMw.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
  const host = subAsset(s);
  const asset = addAsset({
    code: "EL-GEN",
    name: `${townOf(s).name} ${FUEL_LABEL[fuel] ?? "Power Station"}`,
    sector: "energy-electricity",
    subsector: "generation",
    operator: generator,
    at: near(host.lat, host.lon, 0.012),
    capacity: Math.round(s.generation * 10) / 10,
    unit: "MW",
  });
  plants.push({ asset, substation: s, fuel });
}
const plantOf = new Map(plants.map((p) => [p.substation, p]));

// Orientation: breadth-first distance from the generating substations; a substation is fed by
// its neighbours earlier in the order (distance, then generation, then bus number), so the supply
// graph of electricity has no cycle by construction.
const distance = new Map<GridSubstation, number>();
{
  const queue = kept.filter((s) => plantOf.has(s));
  for (const s of queue) distance.set(s, 0);
  for (let i = 0; i < queue.length; i++) {
    const s = at(queue, i);
    for (const n of neighboursOf(s))
      if (!distance.has(n)) {
        distance.set(n, (distance.get(s) ?? 0) + 1);
        queue.push(n);
      }
  }
}
const rank = new Map(
  [...kept]
    .sort(
      (a, b) =>
        (distance.get(a) ?? 0) - (distance.get(b) ?? 0) ||
        b.generation - a.generation ||
        a.firstBus - b.firstBus,
    )
    .map((s, i) => [s, i]),
);
const rankOf = (s: GridSubstation) => rank.get(s) ?? 0;
const importantByLoad = [...kept].sort((a, b) => b.load - a.load || a.firstBus - b.firstBus);
const twoOfThree = new Set<GridSubstation>();
for (const s of importantByLoad) {
  if (twoOfThree.size >= 12) break;
  const feeders = neighboursOf(s).filter((n) => rankOf(n) < rankOf(s));
  if (feeders.length >= 3 && !plantOf.has(s)) twoOfThree.add(s);
}
for (const s of kept) {
  const feeders = neighboursOf(s)
    .filter((n) => rankOf(n) < rankOf(s))
    .map(subAsset);
  const plant = plantOf.get(s);
  const suppliers = plant ? [plant.asset, ...feeders] : feeders;
  depend(subAsset(s), suppliers, "electricity", twoOfThree.has(s) ? 2 : 1, 0);
}

// --- Electricity: distribution substations in the cities ----------------------------------------

/** Where homes and other assets take their power from: distribution substations, or else the
 * transmission substation itself. Holds the population (counted once). */
const feeders: Asset[] = [];
const transmission = kept.map(subAsset);
const loadSubstations = kept.filter((s) => s.load > 0);
for (const s of loadSubstations) {
  const t = subAsset(s);
  const people = t.population ?? 0;
  const count = townOf(s).city ? (people >= 30_000 ? 2 : people >= 9_000 ? 1 : 0) : 0;
  if (count === 0) {
    feeders.push(t);
    continue;
  }
  const backup = nearest(t, transmission, 1, [t])[0];
  for (let i = 1; i <= count; i++) {
    const share = i === count ? people - round(people / count, 10) * (count - 1) : round(people / count, 10);
    const d = addAsset({
      code: "EL-DSUB",
      name: `${t.name.replace(/ \d+ kV Substation$/, "")} Distribution ${String.fromCharCode(64 + i)}`,
      sector: "energy-electricity",
      subsector: "distribution substation",
      operator: gridOperator,
      at: near(t.lat, t.lon, 0.015),
      population: share,
      capacity: at([40, 63, 90], whole(0, 2)),
      unit: "MVA",
    });
    // A third of them have a second infeed from the next transmission substation.
    depend(d, backup && random() < 0.35 ? [t, backup] : [t], "electricity", 1, 0);
    feeders.push(d);
  }
  t.population = 0;
}

/** Power for an asset: n feeders near it (the first is the nearest), k of them needed. */
function power(asset: Asset, n: number, k: number, buffer: number, from: readonly Asset[] = feeders) {
  depend(asset, nearest(asset, from, n), "electricity", k, buffer);
}

/** Pick `count` feeders, weighted by population, without repeats: where people live. */
function populated(count: number, pool: readonly Asset[] = feeders): Asset[] {
  const left = [...pool];
  const picked: Asset[] = [];
  while (picked.length < count && left.length > 0) {
    const total = left.reduce((sum, f) => sum + (f.population ?? 0) + 1, 0);
    let draw = random() * total;
    let index = 0;
    for (; index < left.length - 1; index++) {
      draw -= (at(left, index).population ?? 0) + 1;
      if (draw < 0) break;
    }
    picked.push(at(left, index));
    left.splice(index, 1);
  }
  return picked;
}

const townAt = (point: { lat: number; lon: number }): Town => {
  const t = nearest(
    point,
    townList.map((town) => ({ lat: town.lat, lon: town.lon, id: town.name, town })),
    1,
  )[0];
  if (!t) throw new Error("no towns");
  return t.town;
};
const capital = at(townList, 0);
const cityTowns = townList.slice(0, CITIES.length);
const inTown = (town: Town) => feeders.filter((f) => townAt(f) === town);
const capitalFeeders = inTown(capital);

/** Each feeder's people go to the nearest asset of a kind: a service area's population. */
function serviceAreas(list: readonly Asset[], low: number, high: number) {
  const people = new Map<Asset, number>();
  for (const f of feeders) {
    const [closest] = nearest(f, list, 1);
    if (closest) people.set(closest, (people.get(closest) ?? 0) + (f.population ?? 0));
  }
  for (const a of list) a.population = round(Math.min(high, Math.max(low, people.get(a) ?? 0)), 100);
}

// --- Energy: gas -------------------------------------------------------------------------------

const gasOperator = operator("transgas", "energy-gas");
const portAt = near(capital.lat, capital.lon - 0.12, 0.02);
const gasTerminal = addAsset({
  code: "GA-TERM",
  name: "Port Aster LNG Receiving Terminal",
  sector: "energy-gas",
  subsector: "LNG terminal",
  operator: gasOperator,
  at: near(portAt.lat, portAt.lon, 0.02),
  capacity: 12,
  unit: "bcm/yr",
});
power(gasTerminal, 2, 1, 4);
const gasFieldTown = at(townList, 40);
const gasProcessing = addAsset({
  code: "GA-PROC",
  name: `${gasFieldTown.name} Gas Processing Plant`,
  sector: "energy-gas",
  subsector: "gas processing plant",
  operator: gasOperator,
  at: near(gasFieldTown.lat, gasFieldTown.lon, 0.05),
  capacity: 8,
  unit: "bcm/yr",
});
power(gasProcessing, 1, 1, 2);
// Compressor stations spread over the country (farthest-point sampling over the substations).
const compressorSites: Asset[] = [];
{
  let last: Asset = gasTerminal;
  const pool = transmission.filter((t) => (t.population ?? 0) === 0);
  for (let i = 0; i < 12; i++) {
    const next = [...pool]
      .map((t) => ({
        t,
        d: Math.min(distance2(t, last), ...compressorSites.map((c) => distance2(t, c))),
      }))
      .filter((x) => x.d > 0)
      .sort((a, b) => b.d - a.d || (a.t.id < b.t.id ? -1 : 1))[0];
    if (!next) break;
    compressorSites.push(next.t);
    last = next.t;
  }
}
const gasSources: Asset[] = [gasTerminal, gasProcessing];
const compressors: Asset[] = [];
for (const site of [...compressorSites].sort(
  (a, b) =>
    Math.min(distance2(a, gasTerminal), distance2(a, gasProcessing)) -
    Math.min(distance2(b, gasTerminal), distance2(b, gasProcessing)),
)) {
  const c = addAsset({
    code: "GA-COMP",
    name: `${townAt(site).name} Compressor Station`,
    sector: "energy-gas",
    subsector: "compressor station",
    operator: gasOperator,
    at: near(site.lat, site.lon, 0.03),
    capacity: whole(3, 9) * 5,
    unit: "MW",
  });
  // Pipelines: fed by the two nearest stations upstream (linepack holds ~6 hours).
  depend(c, nearest(c, [...gasSources, ...compressors], 2), "gas", 1, 6);
  // Half the stations drive their compressors with electric motors.
  if (compressors.length % 2 === 0) power(c, 1, 1, 1, transmission);
  compressors.push(c);
}
const gasNetwork = [...gasSources, ...compressors];
for (const p of plants) {
  if (p.fuel === "ng") depend(p.asset, nearest(p.asset, gasNetwork, 2), "gas", 1, random() < 0.3 ? 24 : 0);
}

// --- Dams and hydro ------------------------------------------------------------------------------

const water = operator("nwu", "water-drinking");
const hydro = plants
  .filter((p) => p.fuel === "hydro")
  .sort((a, b) => (b.asset.capacity ?? 0) - (a.asset.capacity ?? 0));
const dams: Asset[] = [];
for (const p of hydro.slice(0, 2)) {
  const dam = addAsset({
    code: "DA-DAM",
    name: `${townAt(p.asset).name} Dam`,
    sector: "dams",
    subsector: "dam and reservoir",
    operator: operator("nwu", "dams"),
    at: near(p.asset.lat, p.asset.lon, 0.01),
    capacity: whole(300, 1200),
    unit: "million m3",
  });
  // Spillway gates and monitoring run on mains power, with diesel backup.
  power(dam, 1, 1, 72);
  depend(p.asset, [dam], "water", 1, 0);
  dams.push(dam);
}

// --- Oil ---------------------------------------------------------------------------------------

const port = addAsset({
  code: "TW-PORT",
  name: "Port of Port Aster",
  sector: "transport-water",
  subsector: "seaport",
  operator: operator("ppa", "transport-water"),
  at: portAt,
  marking: "clear",
  capacity: 1_800_000,
  unit: "TEU/yr",
});
power(port, 2, 1, 12);
const refinery = addAsset({
  code: "OI-REF",
  name: "Port Aster Refinery",
  sector: "energy-oil",
  subsector: "refinery",
  operator: operator("mpetro", "energy-oil"),
  at: near(portAt.lat, portAt.lon, 0.05),
  capacity: 180_000,
  unit: "bbl/d",
});
power(refinery, 2, 1, 0, transmission);
depend(refinery, [port], "transport", 1, 240);
const depots: Asset[] = [];
for (const f of [
  ...populated(
    12,
    feeders.filter((f) => !capitalFeeders.includes(f)),
  ),
  at(capitalFeeders, 0),
]) {
  const d = addAsset({
    code: "OI-DEP",
    name: `${townAt(f).name} Fuel Depot`,
    sector: "energy-oil",
    subsector: "fuel depot",
    operator: operator("mpetro", "energy-oil"),
    at: near(f.lat, f.lon, 0.04),
    capacity: whole(2, 12) * 5000,
    unit: "m3",
  });
  power(d, 1, 1, 6);
  depend(d, [refinery, port], "fuel", 1, 168);
  depots.push(d);
}
const fuel = (asset: Asset, buffer: number) => depend(asset, nearest(asset, depots, 2), "fuel", 1, buffer);

// --- Telecommunications and digital infrastructure ---------------------------------------------

const astel = operator("astel", "telecommunications");
const nimbus = operator("nimbus", "telecommunications");
const mscs: Asset[] = [];
cityTowns.forEach((town, i) => {
  for (const [op, brand] of i < 4
    ? [[astel, "Astel"] as const, [nimbus, "Nimbus"] as const]
    : [[astel, "Astel"] as const]) {
    const m = addAsset({
      code: "TE-MSC",
      name: `${brand} ${town.name} Mobile Switching Centre`,
      sector: "telecommunications",
      subsector: "mobile switching centre",
      operator: op,
      at: near(town.lat, town.lon, 0.05),
    });
    power(m, 2, 1, 8);
    mscs.push(m);
  }
});
const exchanges: Asset[] = [];
for (const f of populated(270)) {
  const e = addAsset({
    code: "TE-EXCH",
    name: `${townAt(f).name} Telephone Exchange`,
    sector: "telecommunications",
    subsector: "telephone exchange",
    operator: astel,
    at: near(f.lat, f.lon, 0.012),
  });
  power(e, 1, 1, whole(4, 8));
  depend(
    e,
    nearest(
      e,
      mscs.filter((m) => m.operator === astel),
      2,
    ),
    "telecoms",
    1,
    0,
  );
  exchanges.push(e);
}
serviceAreas(exchanges, 2_000, 120_000);
for (const m of mscs) {
  m.population = m.operator === nimbus ? whole(30, 90) * 10_000 : whole(20, 60) * 10_000;
  depend(m, nearest(m, exchanges, 2), "telecoms", 1, 2);
}
const telecoms = (asset: Asset, n: number, buffer: number) =>
  depend(asset, nearest(asset, exchanges, n), "telecoms", 1, buffer);

const mix = operator("mix", "digital-infrastructure");
const dataCentres: Asset[] = [];
for (let i = 0; i < 10; i++) {
  const town = i < 6 ? capital : at(cityTowns, 1 + (i % 5));
  const op = i % 3 === 2 ? operator("astel", "digital-infrastructure") : mix;
  const d = addAsset({
    code: "DI-DC",
    name: `${op === mix ? "MIX" : "Astel"} ${town.name} Data Centre`,
    sector: "digital-infrastructure",
    subsector: "data centre",
    operator: op,
    at: near(town.lat, town.lon, 0.08),
    capacity: whole(4, 30),
    unit: "MW IT",
  });
  power(d, 3, 2, whole(24, 48));
  telecoms(d, 2, 0);
  dataCentres.push(d);
}
const ixp = addAsset({
  code: "DI-IXP",
  name: "Meridia Internet Exchange (MIX-IX)",
  sector: "digital-infrastructure",
  subsector: "internet exchange point",
  operator: mix,
  at: near(capital.lat, capital.lon, 0.03),
  marking: "red",
  capacity: 400,
  unit: "Gbit/s",
});
power(ixp, 3, 2, 36);
depend(ixp, nearest(ixp, dataCentres, 2), "data", 1, 0);
// Mobile cores route data through the exchange; the data centres peer there.
for (const m of mscs) depend(m, [ixp, ...nearest(m, dataCentres, 1)], "data", 1, 4);
const data = (asset: Asset, buffer: number) =>
  depend(asset, nearest(asset, dataCentres, 2), "data", 1, buffer);

// SCADA: the largest substations are remote-controlled over the telecoms network.
for (const s of importantByLoad.slice(0, 30))
  depend(subAsset(s), nearest(subAsset(s), exchanges, 2), "data", 1, 12);

// --- Water --------------------------------------------------------------------------------------

const treatment: Asset[] = [];
for (const f of populated(32)) {
  const w = addAsset({
    code: "WA-WTP",
    name: `${townAt(f).name} Water Treatment Plant`,
    sector: "water-drinking",
    subsector: "water treatment plant",
    operator: water,
    at: near(f.lat, f.lon, 0.03),
    capacity: whole(4, 40) * 10_000,
    unit: "m3/day",
  });
  power(w, random() < 0.4 ? 2 : 1, 1, 4);
  treatment.push(w);
}
serviceAreas(treatment, 100_000, 800_000);
for (const [i, dam] of dams.entries())
  for (const w of nearest(dam, treatment, i === 0 ? 2 : 1)) depend(w, [dam], "water", 1, 48);
const pumping: Asset[] = [];
for (const f of populated(200)) {
  const p = addAsset({
    code: "WA-PUMP",
    name: `${townAt(f).name} Pumping Station`,
    sector: "water-drinking",
    subsector: "pumping station",
    operator: water,
    at: near(f.lat, f.lon, 0.015),
    capacity: whole(5, 60) * 100,
    unit: "m3/h",
  });
  power(p, 1, 1, whole(0, 2));
  // Meshed networks (four in ten) can draw from the two nearest treatment plants.
  depend(p, nearest(p, treatment, random() < 0.4 ? 2 : 1), "water", 1, 12);
  pumping.push(p);
}
serviceAreas(pumping, 5_000, 200_000);
const waterSupply = (asset: Asset, buffer: number) =>
  depend(asset, nearest(asset, pumping, 2), "water", 1, buffer);
const wastewater: Asset[] = [];
for (const f of populated(50)) {
  const w = addAsset({
    code: "WW-WWTP",
    name: `${townAt(f).name} Wastewater Treatment Plant`,
    sector: "water-waste",
    subsector: "wastewater treatment plant",
    operator: operator("nwu", "water-waste"),
    at: near(f.lat, f.lon, 0.03),
    capacity: whole(2, 30) * 10_000,
    unit: "m3/day",
  });
  power(w, 1, 1, 4);
  wastewater.push(w);
}
serviceAreas(wastewater, 50_000, 400_000);

// --- Health and emergency services --------------------------------------------------------------

const hospitals: Asset[] = [];
for (const f of populated(70)) {
  const h = addAsset({
    code: "HE-HOSP",
    name: `${townAt(f).name} ${random() < 0.2 ? "University" : "General"} Hospital`,
    sector: "health",
    subsector: "hospital",
    operator: operator("nhn", "health"),
    at: near(f.lat, f.lon, 0.012),
    marking: "clear",
    capacity: whole(12, 120) * 10,
    unit: "beds",
  });
  // Backup generators: 48–72 hours on site fuel, refilled from the depots.
  power(h, townAt(f).city ? 2 : 1, 1, whole(48, 72));
  waterSupply(h, whole(12, 24));
  hospitals.push(h);
}
serviceAreas(hospitals, 50_000, 400_000);

const nesa = operator("nesa", "emergency-services");
const emergency: Asset[] = [];
const eoc = addAsset({
  code: "ES-HQ",
  name: "National Emergency Operations Centre",
  sector: "emergency-services",
  subsector: "emergency operations centre",
  operator: nesa,
  at: near(capital.lat, capital.lon, 0.02),
  marking: "red",
});
emergency.push(eoc);
for (const town of cityTowns) {
  const c = addAsset({
    code: "ES-HQ",
    name: `${town.name} Emergency Call Centre (112)`,
    sector: "emergency-services",
    subsector: "emergency call centre",
    operator: nesa,
    at: near(town.lat, town.lon, 0.03),
  });
  emergency.push(c);
}
for (const f of populated(
  23,
  feeders.filter((f) => !capitalFeeders.includes(f)),
)) {
  const kind = at(["Fire and Rescue", "Ambulance Service", "Civil Protection"], whole(0, 2));
  emergency.push(
    addAsset({
      code: "ES-HQ",
      name: `${townAt(f).name} ${kind} Headquarters`,
      sector: "emergency-services",
      subsector: "regional headquarters",
      operator: nesa,
      at: near(f.lat, f.lon, 0.015),
    }),
  );
}
serviceAreas(emergency.slice(1), 20_000, 2_500_000);
for (const e of emergency) {
  power(e, 2, 1, 72);
  telecoms(e, 2, 0);
}

// --- Transport ----------------------------------------------------------------------------------

const rail = operator("mrail", "transport-rail");
const railControl = addAsset({
  code: "TR-CTRL",
  name: "National Rail Traffic Control Centre",
  sector: "transport-rail",
  subsector: "rail traffic control centre",
  operator: rail,
  at: near(capital.lat, capital.lon, 0.04),
  marking: "red",
});
power(railControl, 2, 1, 24);
telecoms(railControl, 2, 0);
// Traction substations take power straight from the transmission grid along the main lines.
const cityTransmission = transmission.filter((t) => cityTowns.includes(townAt(t)));
const traction: Asset[] = [];
for (const t of populated(
  55,
  transmission.filter((t) => !cityTransmission.includes(t) || random() < 0.3),
)) {
  const r = addAsset({
    code: "TR-TRAC",
    name: `${townAt(t).name} Traction Substation`,
    sector: "transport-rail",
    subsector: "traction substation",
    operator: rail,
    at: near(t.lat, t.lon, 0.02),
    capacity: at([10, 20, 40], whole(0, 2)),
    unit: "MVA",
  });
  power(r, 1, 1, 0, transmission);
  traction.push(r);
}
const stations: Asset[] = [];
for (const f of populated(110)) {
  const s = addAsset({
    code: "TR-STN",
    name: `${townAt(f).name} Station`,
    sector: "transport-rail",
    subsector: "passenger station",
    operator: rail,
    at: near(f.lat, f.lon, 0.01),
    marking: "green",
  });
  depend(s, nearest(s, traction, 2), "electricity", 1, 0);
  depend(s, [railControl], "data", 1, 0);
  stations.push(s);
}
serviceAreas(stations, 1_000, 150_000);
for (const s of stations) s.population = round((s.population ?? 0) / 5, 100);

const airports: Asset[] = [];
for (const [i, town] of [capital, at(cityTowns, 1), at(cityTowns, 2)].entries()) {
  const a = addAsset({
    code: "TA-AIR",
    name: i === 0 ? "Port Aster International Airport" : `${town.name} Airport`,
    sector: "transport-air",
    subsector: i === 0 ? "international airport" : "regional airport",
    operator: operator("mac", "transport-air"),
    at: near(town.lat, town.lon + 0.15, 0.03),
    marking: "clear",
    capacity: i === 0 ? 9_500_000 : whole(8, 30) * 100_000,
    unit: "passengers/yr",
  });
  power(a, 2, 1, 24);
  telecoms(a, 2, 2);
  fuel(a, 72);
  airports.push(a);
}

// --- Finance ------------------------------------------------------------------------------------

const mxp = operator("mxp", "financial-market-infrastructure");
const fmi = (name: string, subsector: string, capacity?: number, unit?: string) => {
  const a = addAsset({
    code: "FM-PAY",
    name,
    sector: "financial-market-infrastructure",
    subsector,
    operator: mxp,
    at: near(capital.lat, capital.lon, 0.04),
    marking: "red",
    capacity,
    unit: unit ?? "",
  });
  power(a, 3, 2, 48);
  telecoms(a, 2, 0);
  data(a, 0);
  return a;
};
const rtgs = fmi("Meridia Real-Time Gross Settlement System", "payment system");
const cards = fmi("Meridia Card Payment Switch", "payment system", 4_000, "transactions/s");
fmi("Meridia Stock Exchange Trading Platform", "trading venue");
fmi("Meridia Central Securities Depository", "central securities depository");
depend(cards, [rtgs], "finance", 1, 24);
for (const [key, bankName, share] of [
  ["coastalbank", "Coastal Bank", 0.55],
  ["asterion", "Asterion Bank", 0.45],
] as const) {
  for (const site of ["Primary", "Secondary"]) {
    const town = site === "Primary" ? capital : at(cityTowns, key === "coastalbank" ? 1 : 2);
    const b = addAsset({
      code: "BA-DC",
      name: `${bankName} ${site} Data Centre`,
      sector: "banking",
      subsector: "core banking data centre",
      operator: operator(key, "banking"),
      at: near(town.lat, town.lon, 0.05),
      // The bank's customers (60% of adults bank with one of the two), half at each site.
      population: round(NATIONAL_POPULATION * share * 0.3, 1000),
    });
    power(b, 3, 2, 48);
    telecoms(b, 2, 0);
    data(b, 0);
    depend(b, [rtgs], "finance", 1, 24);
  }
}

// --- Other energy, industry, food, public places and government ---------------------------------

for (const town of cityTowns.slice(0, 4)) {
  const h = addAsset({
    code: "DH-PLANT",
    name: `${town.name} District Heating Plant`,
    sector: "district-heating",
    subsector: "heat plant",
    operator: operator("solano", "district-heating"),
    at: near(town.lat, town.lon, 0.04),
    population: whole(4, 25) * 10_000,
    capacity: whole(8, 40) * 10,
    unit: "MWth",
  });
  power(h, 1, 1, 4);
  depend(h, nearest(h, gasNetwork, 2), "gas", 1, 24);
}
for (const f of populated(
  3,
  feeders.filter((f) => !capitalFeeders.includes(f)),
)) {
  const c = addAsset({
    code: "CH-PLANT",
    name: `Halvern ${townAt(f).name} Chemical Works`,
    sector: "chemical",
    subsector: "chemical plant",
    operator: operator("halvern", "chemical"),
    at: near(f.lat, f.lon, 0.05),
    capacity: whole(5, 40) * 10_000,
    unit: "t/yr",
  });
  power(c, 2, 1, 0, transmission);
  depend(c, nearest(c, gasNetwork, 1), "gas", 1, 0);
  waterSupply(c, 12);
}
const freshway = operator("freshway", "food-agriculture");
for (const f of populated(16)) {
  const d = addAsset({
    code: "FA-DC",
    name: `Freshway ${townAt(f).name} Distribution Centre`,
    sector: "food-agriculture",
    subsector: "food distribution centre",
    operator: freshway,
    at: near(f.lat, f.lon, 0.03),
    capacity: whole(10, 60) * 1000,
    unit: "m2",
  });
  power(d, 1, 1, 12);
  // Lorries: diesel from the two nearest depots (3 days in the yard's own tanks).
  fuel(d, 72);
}
serviceAreas(
  assets.filter((a) => a.id.startsWith("XM-FA-DC")),
  100_000,
  1_500_000,
);
const venues = operator("asterarena", "commercial-facilities");
const stadium = addAsset({
  code: "CF-STAD",
  name: "Aster Arena National Stadium",
  sector: "commercial-facilities",
  subsector: "stadium",
  operator: venues,
  at: near(capital.lat, capital.lon, 0.05),
  marking: "green",
  capacity: 48_000,
  unit: "seats",
});
power(stadium, 2, 1, 0);
telecoms(stadium, 1, 0);
for (const f of populated(22)) {
  const s = addAsset({
    code: "CF-SHOP",
    name: `${townAt(f).name} Shopping Centre`,
    sector: "commercial-facilities",
    subsector: "shopping centre",
    operator: venues,
    at: near(f.lat, f.lon, 0.02),
    marking: "green",
    capacity: whole(15, 120) * 1000,
    unit: "m2",
  });
  power(s, 1, 1, 0);
  depend(s, [cards], "finance", 1, 24);
}

const govDc = addAsset({
  code: "GS-DC",
  name: "Government Data Centre",
  sector: "government-services",
  subsector: "government data centre",
  operator: operator("gesa", "government-services"),
  at: near(capital.lat, capital.lon, 0.06),
  marking: "red",
});
power(govDc, 3, 2, 48);
telecoms(govDc, 2, 0);
for (const name of [
  "Presidential Palace",
  "Parliament of Meridia",
  "Prime Minister's Office",
  "Ministry of the Interior",
  "Ministry of Finance",
  "Ministry of Health",
  "Ministry of Defence",
  "National Critical Infrastructure Protection Authority Headquarters",
  "Central Bank of Meridia Headquarters",
]) {
  const g = addAsset({
    code: "GS-HQ",
    name,
    sector: "government-services",
    subsector: "government headquarters",
    operator: operator("gesa", "government-services"),
    at: near(capital.lat, capital.lon, 0.03),
    marking: "red",
  });
  power(g, 2, 1, 48);
  telecoms(g, 2, 4);
  depend(g, [govDc], "data", 1, 8);
  // Ministries work with staff who commute: the capital's stations (a logical dependency).
  if (name.startsWith("Ministry")) depend(g, nearest(g, stations, 3), "staff", 1, 72);
}

// A handful of degraded assets (maintenance, partial outages).
for (const a of shuffle(assets.filter((a) => a.marking !== "red")).slice(0, 14)) a.status = "degraded";

// ---------------------------------------------------------------------------------------------
// Write and check

const assetHeader = [
  "id",
  "name",
  "sector",
  "subsector",
  "operator",
  "lat",
  "lon",
  "population_served",
  "status",
  "marking",
  "capacity",
  "capacity_unit",
];
const assetsCsv = writeCsv(
  assetHeader,
  assets.map((a) => [
    a.id,
    a.name,
    a.sector,
    a.subsector,
    a.operator,
    a.lat.toFixed(4),
    a.lon.toFixed(4),
    a.population,
    a.status,
    a.marking,
    a.capacity,
    a.unit,
  ]),
);
const dependenciesCsv = writeCsv(
  ["dependent_id", "supplier_id", "service", "k", "buffer_hours", "kind"],
  dependencies.map((d) => [d.dependent.id, d.supplier.id, d.service, d.k, d.buffer, d.kind]),
);

const readAssets = readAssetsCsv(assetsCsv);
const readDependencies = readDependenciesCsv(dependenciesCsv);
if (!readAssets.rows || !readDependencies.rows)
  fail(
    `the CSV does not read back: ${JSON.stringify([...readAssets.problems, ...readDependencies.problems])}`,
  );
const built = buildGraph(
  readAssets.rows.map((r) => r.value),
  readDependencies.rows.map((r) => r.value),
);
if (!built.graph) fail(`the graph does not build: ${JSON.stringify(built.issues.slice(0, 5))}`);

const bySector = new Map<string, number>();
for (const a of assets) bySector.set(a.sector, (bySector.get(a.sector) ?? 0) + 1);
const sectorTable = [...bySector.entries()]
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  .map(([sector, n]) => `| ${sector} | ${n} |`)
  .join("\n");
const substationsKept = kept.length;
const gridBuses = kept.reduce((n, s) => n + [...substationOfBus.values()].filter((x) => x === s).length, 0);
const feederPeople = feeders.reduce((n, f) => n + (f.population ?? 0), 0);

const readme = `# Demo assets of the Republic of Meridia

\`assets.csv\` (${assets.length} critical assets) and \`dependencies.csv\` (${dependencies.length} dependencies) describe
the fictional Republic of Meridia's critical infrastructure for demonstrations, tests and training.
Everything in them is fictional. They are generated, deterministically, by
\`scripts/build-demo-assets.ts\` (\`npx tsx scripts/build-demo-assets.ts <case_ACTIVSg2000.m>\`), which
reads the synthetic grid \`case_ACTIVSg2000.m\` (MATPOWER format, not kept in the repository: name your
copy of it) and content/demo/country.json (operators). Do not edit the CSV files by hand: change the script and run it
again. Running it twice writes identical files.

## Source and licence

The electricity sector is derived from the ACTIVSg2000 synthetic grid, distributed with MATPOWER
(github.com/MATPOWER/matpower, \`data/case_ACTIVSg2000.m\`), Copyright (c) 2017-2018 by
A.B. Birchfield, T. Xu, K.M. Gegner, K.S. Shetye, and T.J. Overbye, licensed under the Creative
Commons Attribution 4.0 International licence (CC BY 4.0,
https://creativecommons.org/licenses/by/4.0/). As its header asks, please cite:

> [1] A.B. Birchfield, T. Xu, K.M. Gegner, K.S. Shetye, T.J. Overbye,
> "Grid Structural Characteristics as Validation Criteria for Synthetic Networks,"
> IEEE Transactions on Power Systems, vol. 32, no. 4, pp. 3258-3265, July 2017.
> doi: 10.1109/TPWRS.2016.2616385

The grid is entirely synthetic: it models no actual lines and contains no CEII. The derived files
(this folder's assets.csv and dependencies.csv, electricity rows and all) are shared under the same
CC BY 4.0 licence, with this attribution.

### What was changed

- **Subset.** Of the grid's 8 areas, areas 5, 6 and 7 were kept (the three holding the largest
  load centres), then their largest connected part: ${gridBuses.toLocaleString("en-GB")} of the 2,000 buses. All 2,000 buses
  alone would exceed the ~2,000 assets the demo aims for, and a connected part keeps the grid's real
  structure (meshes, radial spurs) rather than thinning it at random.
- **Buses to substations.** Buses that share a name but for their last number (a substation's
  voltage levels and generator step-up buses) were merged into one transmission substation:
  ${substationsKept} substations (\`XM-EL-SUB-*\`, operator Meridia Grid), each with its highest voltage in the
  name and its peak load (sum of the buses' Pd) as capacity in MW.
- **Generators to plants.** The generators of each substation form one generation plant
  (\`XM-EL-GEN-*\`, ${plants.length} plants, operator Solano Power Generation plc), named by its main fuel, with
  the sum of the units' Pmax as capacity in MW (units out of service in the case are counted too).
- **Branches to dependencies.** Each line or transformer between two kept substations is a possible
  feeder. Substations are ordered by breadth-first distance from the generating substations (then
  generation, then bus number); a substation depends for \`electricity\` on its neighbours earlier in
  that order, needing 1 of them (k = 1), and a generating substation on its own plant (and on earlier
  generating neighbours). The ${twoOfThree.size} substations with the largest load that have at least three feeders need
  2 of them (k = 2). The electricity supply graph is acyclic by construction.
- **Places.** Bus names are those of real towns in the grid's footprint; every town was renamed:
  the six largest load centres became Meridia's cities (below), the others got invented names
  drawn from syllables. Buses have no coordinates: towns were laid out by a force-directed layout
  of the grid (towns linked by lines are close), the town centres scaled into a box of latitude
  ${degrees(BOX.latMin, "N", "S")}–${degrees(BOX.latMax, "N", "S")} and longitude ${degrees(BOX.lonMin, "E", "W")}–${degrees(BOX.lonMax, "E", "W")}
  (open ocean in the South Atlantic, so that Meridia overlaps no real country on a map). Substations lie around their town (within about
  0.1°, so a few sit just outside the box), other assets near the substation that supplies them. Coordinates have 4 decimals. None of them is a real place.
  The land drawn around them on the maps (\`meridia.geojson\`) is invented too: see LAND.md.
- **Population.** ${NATIONAL_POPULATION.toLocaleString("en-GB")} people (country.json) were shared among the substations
  in proportion to their load. In the cities, ${feeders.filter((f) => f.subsector === "distribution substation").length} distribution substations (\`XM-EL-DSUB-*\`) were added
  below the transmission substations and carry their people (the transmission substation's own
  population is then 0), so each person is counted once in electricity (${feederPeople.toLocaleString("en-GB")} in all).
  Service assets (water plants, pumping stations, hospitals, exchanges...) serve the people of the
  feeders nearest to them, clamped to a realistic range (hospitals 50,000–400,000, water treatment
  plants 100,000–800,000, ...). Services that reach everyone (water, wastewater, hospitals,
  exchanges, food distribution) each count the country about once, so a cascade's population adds
  up the people who lose each service; national systems (government, payments) carry no population.

## The cities (all fictional)

${cityTowns.map((t, i) => `- ${t.name}${i === 0 ? " (capital, seaport)" : ""}: ${t.substations.length} transmission substations, around ${degrees(t.lat, "N", "S", 2)} ${degrees(t.lon, "E", "W", 2)}`).join("\n")}

## Other sectors

Everything outside the grid is invented by the script with a seeded pseudo-random generator, placed
where people live (weighted by the population of the feeders) and supplied by the nearest assets:

- water: treatment plants feed pumping stations (\`water\`, 12 h of reservoir); two dams hold the
  reservoirs of the largest hydroelectric stations and the raw water of nearby treatment plants;
- health: hospitals need electricity (48–72 h of backup generators) and water from two pumping
  stations (12–24 h of storage);
- telecoms: exchanges need electricity (4–8 h of batteries) and two mobile switching centres; the
  largest substations need \`data\` from exchanges for SCADA (12 h), a realistic cross-sector cycle;
- digital: data centres and the internet exchange need 2 of 3 power feeds (24–48 h of backup);
- transport: rail traction substations on the transmission grid feed stations; a national rail
  control centre signals every station; three airports; the port of Port Aster;
- finance: bank data centres and payment systems need power (2 of 3), telecoms and data centres;
  banks settle through the RTGS system, shops take cards through the payment switch;
- energy: gas from an LNG terminal and a processing plant through compressor stations to gas-fired
  plants (some dual-fuel, 24 h), a refinery and fuel depots (fuel, 7 days of stock), district
  heating; chemical works; food distribution centres; stadium and shopping centres; government
  and emergency-services headquarters (the ministries need \`staff\` who commute by train: a logical
  dependency on the capital's stations).

Operators are exact names from content/demo/country.json (public or private operators of the
sector): the refinery and fuel depots are run by the Meridia Petroleum Corporation and the
government buildings by the Government Estates and Services Agency. Markings are mostly TLP:AMBER; public places (stations,
stadium, shopping centres) TLP:GREEN; hospitals, airports and the port TLP:CLEAR; government, the
internet exchange, control and payment systems TLP:RED. A few assets are degraded.

| sector | assets |
| --- | --- |
${sectorTable}
`;

writeFileSync(join(outDir, "assets.csv"), assetsCsv);
writeFileSync(join(outDir, "dependencies.csv"), dependenciesCsv);
writeFileSync(join(outDir, "ASSETS.md"), readme);
console.log(
  `Wrote ${relative(root, outDir)}/assets.csv (${assets.length} assets, ${Math.round(assetsCsv.length / 1024)} KB), ` +
    `dependencies.csv (${dependencies.length} dependencies, ${Math.round(dependenciesCsv.length / 1024)} KB) and ASSETS.md.`,
);
