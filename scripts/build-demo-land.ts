// Builds the fictional land of the demo country, content/demo/meridia.geojson (and LAND.md, which
// says how): `npx tsx scripts/build-demo-land.ts`, after build-demo-assets.ts. The assets sit on
// open sea in the South Atlantic; this draws a coast around them so that the maps read as a country.
// Deterministic: a hashed lattice noise with a fixed seed, arithmetic and sqrt (and one cosine for
// the projection), coordinates rounded to 4 decimals, so every run writes the same bytes. The script checks its own result:
// every placed asset lies on land, at least MARGIN_KM from the sea.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readAssetsCsv } from "../packages/core/src/registry/csv.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "content", "demo");

/** Land around each asset before the coast is shaped, in km. */
const BUFFER_KM = 14;
/** Bays narrower than twice this are filled (a morphological closing: the concave hull). */
const CLOSING_KM = 30;
/** The seeded wobble that moves the coast in or out: wavelength and greatest amplitude, in km. */
const WOBBLE: readonly (readonly [number, number])[] = [
  [240, 14],
  [120, 12],
  [60, 10],
  [30, 7],
  [15, 5],
  [7, 3],
  [3.5, 1.5],
];
/** Whatever the wobble does, land stays within about this distance of every asset, in km... */
const GUARD_KM = 9;
/** ...and between assets closer than twice this. */
const GUARD_CLOSING_KM = 12;
/** The octaves of the wobble (from this one on) that shape the coast kept around assets. */
const FINE = 5;
/** The least distance from any asset to the sea that the script accepts, in km. */
const MARGIN_KM = 5;
/** Grid cell for the fields, in km; the coast is traced through it, then smoothed. */
const CELL_KM = 1;
/** Islands smaller than this are dropped, in km². */
const MIN_ISLAND_KM2 = 12;
/** Douglas–Peucker tolerance for the traced coast, in km. */
const SIMPLIFY_KM = 0.25;
const SEED = 7;
const WOBBLE_KM = WOBBLE.reduce((sum, [, amplitude]) => sum + amplitude, 0);

const NAME = "Republic of Meridia (fictional)";
const ISO = "XM";

type Point = readonly [number, number];

function fail(message: string): never {
  console.error(`build-demo-land: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// The assets, in a local plane (km east and north of the box's south-west corner)

const read = readAssetsCsv(readFileSync(join(outDir, "assets.csv"), "utf8"));
if (!read.rows) fail(`content/demo/assets.csv does not read: ${JSON.stringify(read.problems.slice(0, 3))}`);
const placed = read.rows.flatMap(({ value }) =>
  value.lat === undefined || value.lon === undefined ? [] : [[value.lon, value.lat] as const],
);
if (placed.length === 0) fail("no asset of content/demo/assets.csv has a place");
const lons = placed.map(([lon]) => lon);
const lats = placed.map(([, lat]) => lat);
const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
// Equirectangular about the middle parallel: within a few hundred km, distances are right to ~1%.
const KM_LAT = 110.574;
const KM_LON = 111.32 * Math.cos((midLat * Math.PI) / 180);
// Room for the closing to grow the land before it shrinks it back, and for the wobble.
const reach = BUFFER_KM + CLOSING_KM + WOBBLE_KM + 4 * CELL_KM;
const west = Math.min(...lons) - reach / KM_LON;
const south = Math.min(...lats) - reach / KM_LAT;
const toPlane = ([lon, lat]: Point): Point => [(lon - west) * KM_LON, (lat - south) * KM_LAT];
const toLonLat = ([x, y]: Point): Point => [
  Math.round((west + x / KM_LON) * 10_000) / 10_000,
  Math.round((south + y / KM_LAT) * 10_000) / 10_000,
];
const assets = placed.map(toPlane);
const columns = Math.ceil(((Math.max(...lons) - west) * KM_LON + reach) / CELL_KM) + 1;
const rows = Math.ceil(((Math.max(...lats) - south) * KM_LAT + reach) / CELL_KM) + 1;
const cellAt = (column: number, row: number): Point => [column * CELL_KM, row * CELL_KM];

// ---------------------------------------------------------------------------------------------
// Fields on the grid

/** Squared Euclidean distance transform (Felzenszwalb and Huttenlocher 2012), in cells², per row. */
function distance1d(f: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  let k = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    // Drop the parabolas this one hides (z[0] is -Infinity: the first always stays).
    let s: number;
    for (;;) {
      const p = v[k] ?? 0;
      s = ((f[q] ?? 0) + q * q - ((f[p] ?? 0) + p * p)) / (2 * q - 2 * p);
      if (s > (z[k] ?? -Infinity)) break;
      k--;
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while ((z[k + 1] ?? 0) < q) k++;
    const p = v[k] ?? 0;
    d[q] = (q - p) * (q - p) + (f[p] ?? 0);
  }
  return d;
}

/** Distance in km from each cell to the nearest cell where `seed` holds (Infinity if none). */
function distanceTo(seed: (index: number) => boolean): Float64Array {
  const big = (columns + rows) ** 2;
  const grid = new Float64Array(columns * rows);
  for (let i = 0; i < grid.length; i++) grid[i] = seed(i) ? 0 : big;
  const line = new Float64Array(Math.max(columns, rows));
  for (let c = 0; c < columns; c++) {
    for (let r = 0; r < rows; r++) line[r] = grid[r * columns + c] ?? big;
    const d = distance1d(line, rows);
    for (let r = 0; r < rows; r++) grid[r * columns + c] = d[r] ?? big;
  }
  for (let r = 0; r < rows; r++) {
    const d = distance1d(grid.subarray(r * columns, (r + 1) * columns), columns);
    grid.set(d, r * columns);
  }
  return grid.map((squared) => (squared >= big ? Infinity : Math.sqrt(squared) * CELL_KM));
}

/** Distance in km from each grid point to the nearest asset (exact, not rounded to the grid). */
function assetDistance(): Float64Array {
  const nearest = new Float64Array(columns * rows).fill(Infinity);
  const span = Math.ceil(Math.max(BUFFER_KM + CLOSING_KM, GUARD_KM + GUARD_CLOSING_KM) / CELL_KM) + 1;
  for (const [x, y] of assets) {
    const c0 = Math.round(x / CELL_KM);
    const r0 = Math.round(y / CELL_KM);
    for (let r = Math.max(0, r0 - span); r <= Math.min(rows - 1, r0 + span); r++)
      for (let c = Math.max(0, c0 - span); c <= Math.min(columns - 1, c0 + span); c++) {
        const [cx, cy] = cellAt(c, r);
        const d = Math.sqrt((cx - x) ** 2 + (cy - y) ** 2);
        if (d < (nearest[r * columns + c] ?? Infinity)) nearest[r * columns + c] = d;
      }
  }
  return nearest;
}

/** A value in [-1, 1] at an integer lattice point, from a hash of its coordinates and the seed. */
function lattice(i: number, j: number, octave: number): number {
  let h = Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1) ^ Math.imul(octave + 1, 0x9e3779b1) ^ SEED;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) / 4294967295) * 2 - 1;
}

const TURNS: readonly (readonly [number, number, number])[] = [
  [3, 4, 5],
  [5, 12, 13],
  [8, 15, 17],
  [7, 24, 25],
  [20, 21, 29],
  [12, 35, 37],
  [9, 40, 41],
];

/** Smooth value noise: the sum of the octaves from `from` on, within ± their amplitudes. */
function wobble([x, y]: Point, from = 0): number {
  const ease = (t: number) => t * t * (3 - 2 * t);
  let sum = 0;
  WOBBLE.forEach(([wavelength, amplitude], octave) => {
    if (octave < from) return;
    // Each octave's lattice turned by its own angle (a Pythagorean triple: exact arithmetic), so
    // that no grid direction shows in the coast.
    const [a, b, h] = TURNS[octave % TURNS.length] ?? [0, 1, 1];
    const u = (a * x - b * y) / h / wavelength;
    const v = (b * x + a * y) / h / wavelength;
    const i = Math.floor(u);
    const j = Math.floor(v);
    const s = ease(u - i);
    const t = ease(v - j);
    const bottom = lattice(i, j, octave) * (1 - s) + lattice(i + 1, j, octave) * s;
    const top = lattice(i, j + 1, octave) * (1 - s) + lattice(i + 1, j + 1, octave) * s;
    sum += amplitude * (bottom * (1 - t) + top * t);
  });
  return sum;
}

/** The assets buffered by `buffer` km and closed by `closing` km, as a signed distance to the edge. */
function closedAround(near: Float64Array, buffer: number, closing: number): Float64Array {
  const dilated = (i: number) => (near[i] ?? Infinity) <= buffer + closing;
  const toSea = distanceTo((i) => !dilated(i));
  const closed = (i: number) => (toSea[i] ?? 0) > closing;
  const inside = distanceTo((i) => !closed(i));
  const outside = distanceTo(closed);
  return inside.map((value, i) => (closed(i) ? value : -(outside[i] ?? 0)));
}

// The land is the buffered assets closed into a concave hull, as a signed distance to its edge
// plus the wobble: the coast is where the sum is 0. Where the wobble would drown assets, the land
// around them is kept: the same shape drawn tighter (GUARD_KM, closed by GUARD_CLOSING_KM, so that a
// string of assets keeps a peninsula or an island rather than beads), with only the finest wobble.
const near = assetDistance();
const hull = closedAround(near, BUFFER_KM, CLOSING_KM);
const guard = closedAround(near, GUARD_KM, GUARD_CLOSING_KM);
const field = new Float64Array(columns * rows);
for (let r = 0; r < rows; r++)
  for (let c = 0; c < columns; c++) {
    const i = r * columns + c;
    const at = cellAt(c, r);
    const value = Math.max((hull[i] ?? 0) + wobble(at), (guard[i] ?? 0) + wobble(at, FINE));
    // The grid's border is sea, so that every coast closes; 0 counts as sea.
    const border = r === 0 || c === 0 || r === rows - 1 || c === columns - 1;
    field[i] = border || value === 0 ? Math.min(value, -1e-6) : value;
  }

// ---------------------------------------------------------------------------------------------
// The coast: marching squares, land on the left (exterior rings counter-clockwise, as RFC 7946 asks)

function traceCoast(): Point[][] {
  const value = (c: number, r: number) => field[r * columns + c] ?? -1;
  const crossings = new Map<string, Point>();
  /** Where the coast crosses the edge between two grid points (the same point from either cell). */
  const cross = (c1: number, r1: number, c2: number, r2: number): string => {
    const key = `${c1},${r1},${c2},${r2}`;
    if (!crossings.has(key)) {
      const a = value(c1, r1);
      const t = a / (a - value(c2, r2));
      const [x1, y1] = cellAt(c1, r1);
      const [x2, y2] = cellAt(c2, r2);
      crossings.set(key, [x1 + (x2 - x1) * t, y1 + (y2 - y1) * t]);
    }
    return key;
  };
  const next = new Map<string, string>();
  for (let r = 0; r < rows - 1; r++)
    for (let c = 0; c < columns - 1; c++) {
      // The cell's corners counter-clockwise, and the crossings met going round it.
      const corners: Point[] = [
        [c, r],
        [c + 1, r],
        [c + 1, r + 1],
        [c, r + 1],
      ];
      const land = corners.map(([cc, rr]) => value(cc, rr) > 0);
      const found: { key: string; leaving: boolean }[] = [];
      corners.forEach(([cc, rr], k) => {
        const [nc, nr] = corners[(k + 1) % 4] ?? [cc, rr];
        if (land[k] === land[(k + 1) % 4]) return;
        const key = cc < nc || (cc === nc && rr < nr) ? cross(cc, rr, nc, nr) : cross(nc, nr, cc, rr);
        found.push({ key, leaving: land[k] === true });
      });
      if (found.length === 0) continue;
      // A segment runs from where the way round leaves land to where it meets land again; in a
      // saddle the centre decides whether the land corners join (next crossing) or not (previous).
      const centre = corners.reduce((sum, [cc, rr]) => sum + value(cc, rr), 0) > 0;
      found.forEach((crossing, k) => {
        if (!crossing.leaving) return;
        const step = found.length === 4 && !centre ? found.length - 1 : 1;
        const to = found[(k + step) % found.length];
        if (to) next.set(crossing.key, to.key);
      });
    }
  const rings: Point[][] = [];
  const visited = new Set<string>();
  for (const start of next.keys()) {
    if (visited.has(start)) continue;
    const ring: Point[] = [];
    for (let key: string | undefined = start; key !== undefined && !visited.has(key); key = next.get(key)) {
      visited.add(key);
      const point = crossings.get(key);
      if (point) ring.push(point);
    }
    rings.push(ring);
  }
  return rings;
}

const area = (ring: readonly Point[]) =>
  ring.reduce((sum, [x1, y1], k) => {
    const [x2, y2] = ring[(k + 1) % ring.length] ?? [x1, y1];
    return sum + (x1 * y2 - x2 * y1) / 2;
  }, 0);

/** Chaikin's corner cutting on a closed ring: each pass rounds the steps of the grid. */
function smooth(ring: readonly Point[], passes: number): Point[] {
  let out = [...ring];
  for (let pass = 0; pass < passes; pass++)
    out = out.flatMap(([x1, y1], k): Point[] => {
      const [x2, y2] = out[(k + 1) % out.length] ?? [x1, y1];
      return [
        [0.75 * x1 + 0.25 * x2, 0.75 * y1 + 0.25 * y2],
        [0.25 * x1 + 0.75 * x2, 0.25 * y1 + 0.75 * y2],
      ];
    });
  return out;
}

function segmentDistance([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  return Math.sqrt((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2);
}

/** Douglas–Peucker on an open line (iterative, keeps both ends). */
function simplify(line: readonly Point[], tolerance: number): Point[] {
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  for (let span = stack.pop(); span; span = stack.pop()) {
    const [from, to] = span;
    let far = -1;
    let farthest = tolerance;
    for (let k = from + 1; k < to; k++) {
      const d = segmentDistance(line[k] ?? [0, 0], line[from] ?? [0, 0], line[to] ?? [0, 0]);
      if (d > farthest) [far, farthest] = [k, d];
    }
    if (far < 0) continue;
    keep[far] = 1;
    stack.push([from, far], [far, to]);
  }
  return line.filter((_, k) => keep[k] === 1);
}

const islands = traceCoast()
  // Clockwise rings are lagoons left by the wobble inside the land: filled. Specks are dropped.
  .filter((ring) => area(ring) >= MIN_ISLAND_KM2)
  .map((ring) => smooth(ring, 2))
  .map((ring) => simplify([...ring, ...ring.slice(0, 1)], SIMPLIFY_KM))
  .sort((a, b) => area(b) - area(a));

// ---------------------------------------------------------------------------------------------
// The check: every asset on land, MARGIN_KM or more from the sea

function contains(ring: readonly Point[], [x, y]: Point): boolean {
  let inRing = false;
  for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
    const [xi, yi] = ring[k] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inRing = !inRing;
  }
  return inRing;
}

const coastDistance = (point: Point) =>
  Math.min(
    ...islands.map((ring) =>
      ring
        .slice(1)
        .reduce((least, b, k) => Math.min(least, segmentDistance(point, ring[k] ?? b, b)), Infinity),
    ),
  );
let leastMargin = Infinity;
for (const [k, point] of assets.entries()) {
  const [lon, lat] = placed[k] ?? [0, 0];
  if (!islands.some((ring) => contains(ring, point))) fail(`the asset at ${lat}, ${lon} is at sea`);
  const margin = coastDistance(point);
  if (margin < MARGIN_KM) fail(`the asset at ${lat}, ${lon} is only ${margin.toFixed(1)} km from the sea`);
  leastMargin = Math.min(leastMargin, margin);
}

// ---------------------------------------------------------------------------------------------
// Output

const polygons = islands.map((ring) => [ring.map(toLonLat)]);
const landKm2 = islands.reduce((sum, ring) => sum + area(ring), 0);
const collection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { name: NAME, iso: ISO, fictional: true },
      geometry: { type: "MultiPolygon", coordinates: polygons },
    },
  ],
};
// One island per line: small in git diffs, still valid JSON for any GIS tool.
const geojson = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${JSON.stringify(
  collection.features[0]?.properties,
)},"geometry":{"type":"MultiPolygon","coordinates":[\n${polygons
  .map((polygon) => JSON.stringify(polygon))
  .join(",\n")}\n]}}]}\n`;
JSON.parse(geojson);
const vertices = islands.reduce((sum, ring) => sum + ring.length, 0);

const readme = `# The land of Meridia (fictional)

\`meridia.geojson\` is the coastline of the fictional Republic of Meridia (one feature, properties
name "${NAME}", iso "${ISO}", fictional true), drawn on the maps as land under
the demo assets. **It is invented:** the demo assets (ASSETS.md) lie on open sea in the South
Atlantic, where there is no country, and this outline was made up around them so that the maps
read as a country. It follows no real coast and names no real place. Like the assets, it is
shared under CC BY 4.0 (see ASSETS.md).

It is generated, deterministically, by \`scripts/build-demo-land.ts\`
(\`npx tsx scripts/build-demo-land.ts\`, after \`scripts/build-demo-assets.ts\`) from the places of
the assets in \`assets.csv\`. Do not edit it by hand. Running it twice writes identical files.

## Method

1. Every placed asset (${assets.length}) is projected to a local plane in km (equirectangular about
   latitude ${midLat.toFixed(2)}°) and a grid of ${CELL_KM} km cells (${columns} × ${rows}) laid over them.
2. **Buffer and concave hull.** Land is first everything within ${BUFFER_KM} km of an asset; a
   morphological closing by ${CLOSING_KM} km (grow, then shrink, by exact Euclidean distance
   transforms) fills the straits and bays narrower than ${2 * CLOSING_KM} km, which gives a concave hull
   of the assets rather than a ring of discs.
3. **A coast, not a blob.** The signed distance to that shape's edge is disturbed by a seeded
   value noise (seed ${SEED}; wavelengths ${WOBBLE.map(([wavelength]) => wavelength).join(", ")} km; at most
   ${WOBBLE_KM} km in or out): headlands and bays, and islands where it rises offshore. Wherever
   the wobble would drown assets, the land within about ${GUARD_KM} km of them is kept (their buffer,
   closed by ${GUARD_CLOSING_KM} km, with only the finest octaves of the wobble).
4. The coast is traced where the disturbed distance is 0 (marching squares), lagoons are filled,
   islands under ${MIN_ISLAND_KM2} km² dropped, the outline smoothed (Chaikin, two passes) and
   simplified (Douglas–Peucker, ${SIMPLIFY_KM} km). Coordinates have 4 decimals; exterior rings run
   counter-clockwise (RFC 7946).
5. **Checked.** The script fails unless every asset lies on land at least ${MARGIN_KM} km from the sea.

## Result

${islands.length === 1 ? "One island" : `${islands.length} islands`}, ${vertices} vertices, about ${(Math.round(landKm2 / 100) * 100).toLocaleString("en-GB")} km² of land.
The asset nearest to the sea is ${leastMargin.toFixed(1)} km inland.

The server serves this file to signed-in users at \`GET /api/demo/land\` once the demo registry
is loaded (404 otherwise), and the web app's maps draw it like the Natural Earth land.
`;

writeFileSync(join(outDir, "meridia.geojson"), geojson);
writeFileSync(join(outDir, "LAND.md"), readme);
console.log(
  `Wrote content/demo/meridia.geojson (${islands.length} island(s), ${vertices} vertices, ` +
    `${Math.round(geojson.length / 1024)} KB, least margin ${leastMargin.toFixed(1)} km) and LAND.md.`,
);
