// The demo country's land (GET /api/demo/land): offered only once the demo is loaded, to anyone
// signed in, and drawn so that every demo asset stands on it, well inland.
import { readFileSync } from "node:fs";
import { readAssetsCsv } from "@bulwark/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, statusOf, type TestServer } from "../testing.ts";
import { DEMO_ASSETS, seedDemo } from "./seed-demo.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Position = readonly [number, number];

/** Even–odd rule: is the point inside the ring? */
function inRing(ring: readonly Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
    const [xi, yi] = ring[k] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Kilometres from a point to the nearest edge of the rings (equirectangular: fine at this scale). */
function kmToCoast(rings: readonly (readonly Position[])[], [lon, lat]: Position): number {
  const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
  const ky = 110.574;
  let least = Infinity;
  for (const ring of rings)
    for (let k = 1; k < ring.length; k++) {
      const [ax, ay] = ring[k - 1] ?? [0, 0];
      const [bx, by] = ring[k] ?? [0, 0];
      const [dx, dy] = [(bx - ax) * kx, (by - ay) * ky];
      const [px, py] = [(lon - ax) * kx, (lat - ay) * ky];
      const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy || 1)));
      least = Math.min(least, Math.hypot(px - t * dx, py - t * dy));
    }
  return least;
}

describe("the demo country's land", () => {
  it("is not offered while the demo is not loaded", async () => {
    const member = await server.client("member@grid.example");
    expect(await statusOf(member.call("demoLand"))).toBe(404);
  });

  it("is served to anyone signed in once the demo is loaded, with every demo asset 5 km or more inland", async () => {
    await seedDemo(server.context);
    const outsider = await server.client("member@water.example");
    const land = await outsider.call("demoLand");
    expect(land.features.map((feature) => feature.properties)).toEqual([
      { name: "Republic of Meridia (fictional)", iso: "XM", fictional: true },
    ]);
    const polygons = land.features.flatMap((feature) => feature.geometry.coordinates);
    const coast = polygons.flat();

    const read = readAssetsCsv(readFileSync(DEMO_ASSETS, "utf8"));
    const places = (read.rows ?? []).flatMap(({ value }): Position[] =>
      value.lon === undefined || value.lat === undefined ? [] : [[value.lon, value.lat]],
    );
    expect(places.length).toBeGreaterThan(1500);
    const atSea = places.filter((place) => !polygons.some(([outer = []]) => inRing(outer, place)));
    expect(atSea).toEqual([]);
    const nearest = Math.min(...places.map((place) => kmToCoast(coast, place)));
    expect(nearest).toBeGreaterThanOrEqual(5);
  });
});
