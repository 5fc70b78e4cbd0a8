// The map screens in Chromium: MapLibre draws the registry (no tile server: Natural Earth shapes
// bundled with the app), the table's filters narrow the map, a click opens an asset; and a what-if
// drawn as a circle around a demo substation runs the cascade and shows it on the map. The map's
// container says what it holds (data-features once drawn, data-bounds for the view); the pixels of
// its canvas are checked too, so that a map that loads but draws nothing fails. Before MapLibre is
// up the assets are sketched on a plain canvas, in the same place (the frame's data-markers).
import { inflateSync } from "node:zlib";
import { type Client, createClient } from "@bulwark/contracts";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, signInOn } from "./browser.ts";
import { DEMO_PASSWORD, type Started, startBulwark } from "./start.ts";

const SUBSTATION = "Quenaek 1 115 kV Substation";

let bulwark: Started;
let browser: Browser;
let api: Client;

beforeAll(async () => {
  [bulwark, browser] = await Promise.all([startBulwark(), launchChromium()]);
  api = createClient({ baseUrl: bulwark.url, cookieJar: true });
  await api.call("login", { body: { email: "admin@bulwark.example", password: DEMO_PASSWORD } });
});
afterAll(async () => {
  await browser?.close();
  await bulwark?.stop();
});

async function signIn(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signInOn(page, bulwark.url, "admin@bulwark.example");
  return page;
}

/** The map once it has drawn `count` assets (any number when not given). */
async function mapWith(page: Page, count?: number): Promise<Locator> {
  const selector = count === undefined ? "[data-features]" : `[data-features="${count}"]`;
  await page.locator(`[data-testid="asset-map"]${selector}[data-bounds]`).waitFor({ timeout: 30_000 });
  return page.getByTestId("asset-map");
}

/** Where a [lon, lat] point is on the page, from the view the map reports (Web Mercator). */
async function pixelOf(map: Locator, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const [west = 0, south = 0, east = 0, north = 0] = ((await map.getAttribute("data-bounds")) ?? "")
    .split(",")
    .map(Number);
  const box = await map.boundingBox();
  if (!box) throw new Error("the map has no box");
  const y = (degrees: number) => Math.log(Math.tan(Math.PI / 4 + (degrees * Math.PI) / 360));
  return {
    x: box.x + ((lon - west) / (east - west)) * box.width,
    y: box.y + ((y(north) - y(lat)) / (y(north) - y(south))) * box.height,
  };
}

interface Rgba {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number];
}

/** Reads a PNG as Chromium writes screenshots: 8-bit RGB or RGBA, not interlaced. */
function readPng(png: Buffer): Rgba {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = png[25] === 6 ? 4 : 3;
  if (png[24] !== 8 || (png[25] !== 6 && png[25] !== 2) || png[28] !== 0)
    throw new Error("expected an 8-bit, non-interlaced RGB(A) PNG");
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("ascii", at + 4, at + 8) === "IDAT") chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (data[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (data[(y - 1) * stride + x] ?? 0) : 0;
      const corner = x >= channels && y > 0 ? (data[(y - 1) * stride + x - channels] ?? 0) : 0;
      const guess = left + up - corner;
      const nearest = (() => {
        const [a, b, c] = [Math.abs(guess - left), Math.abs(guess - up), Math.abs(guess - corner)];
        return a <= b && a <= c ? left : b <= c ? up : corner;
      })();
      const predicted = [0, left, up, (left + up) >> 1, nearest][filter] ?? 0;
      data[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => {
      const at = y * stride + x * channels;
      return [data[at] ?? 0, data[at + 1] ?? 0, data[at + 2] ?? 0];
    },
  };
}

/**
 * How many pixels of the map, as shown on screen, are within a few levels of a colour; the legend
 * laid over the map (whose swatches have the same colours) is left out.
 */
async function pixelsOf(page: Page, map: Locator, hex: string): Promise<number> {
  const image = readPng(await map.screenshot());
  const mapBox = await map.boundingBox();
  const legend = page.getByRole("group", { name: "Legend" });
  const legendBox = (await legend.count()) > 0 ? await legend.boundingBox() : null;
  if (!mapBox) throw new Error("the map has no box");
  const scale = image.width / mapBox.width;
  const inLegend = (x: number, y: number) =>
    legendBox !== null &&
    x >= (legendBox.x - mapBox.x) * scale &&
    x <= (legendBox.x + legendBox.width - mapBox.x) * scale &&
    y >= (legendBox.y - mapBox.y) * scale &&
    y <= (legendBox.y + legendBox.height - mapBox.y) * scale;
  const rgb = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  let count = 0;
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      if (inLegend(x, y)) continue;
      const pixel = image.pixel(x, y);
      if (rgb.every((value, channel) => Math.abs((pixel[channel] ?? 0) - value) <= 6)) count++;
    }
  return count;
}

/** How many pixels of `element` are within a few levels of a colour, and their mean position (in CSS pixels from its corner). */
async function centreOf(
  page: Page,
  element: Locator,
  hex: string,
): Promise<{ count: number; x: number; y: number }> {
  const image = readPng(await element.screenshot());
  const box = await element.boundingBox();
  const legend = page.getByRole("group", { name: "Legend" });
  const legendBox = (await legend.count()) > 0 ? await legend.boundingBox() : null;
  if (!box) throw new Error("no box");
  const scale = image.width / box.width;
  const rgb = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  let count = 0;
  let x = 0;
  let y = 0;
  for (let row = 0; row < image.height; row++)
    for (let column = 0; column < image.width; column++) {
      const pageX = box.x + column / scale;
      const pageY = box.y + row / scale;
      if (
        legendBox &&
        pageX >= legendBox.x &&
        pageX <= legendBox.x + legendBox.width &&
        pageY >= legendBox.y &&
        pageY <= legendBox.y + legendBox.height
      )
        continue;
      const pixel = image.pixel(column, row);
      if (!rgb.every((value, channel) => Math.abs((pixel[channel] ?? 0) - value) <= 6)) continue;
      count++;
      x += column / scale;
      y += row / scale;
    }
  return { count, x: x / Math.max(1, count), y: y / Math.max(1, count) };
}

/** The demo's assets with a place on the map, by name and reference, as the API exports them. */
async function placedAssets() {
  const collection = await api.call("exportGeoJson");
  return collection.features.flatMap((feature) =>
    feature.geometry?.type === "Point"
      ? [
          {
            ref: feature.id,
            name: String(feature.properties.name),
            lon: feature.geometry.coordinates[0],
            lat: feature.geometry.coordinates[1],
          },
        ]
      : [],
  );
}

describe("the asset registry on the map", () => {
  it("draws every visible asset, narrows to the table's filters and opens an asset from its popup", async () => {
    const assets = await placedAssets();
    expect(assets.length).toBeGreaterThan(1000);
    const page = await signIn();
    await page.getByRole("link", { name: "Asset registry" }).first().click();
    // The assets held back: the map says it is loading rather than stay blank, until they are drawn.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/registry/map", async (route) => {
      await held;
      await route.continue();
    });
    // MapLibre's code held back too: the assets are sketched on a plain canvas meanwhile.
    let releaseMapLibre = () => {};
    const mapLibreHeld = new Promise<void>((resolve) => {
      releaseMapLibre = resolve;
    });
    await page.route("**/assets/map-canvas-*.js", async (route) => {
      await mapLibreHeld;
      await route.continue();
    });
    await page.getByRole("radiogroup", { name: "View" }).locator("label", { hasText: "Map" }).click();
    await page.getByRole("status").filter({ hasText: "Loading the map…" }).waitFor();
    expect(await page.getByTestId("asset-map-sketch").count()).toBe(0);
    release();
    const frame = page.getByTestId("asset-map-frame");
    await page.locator(`[data-testid="asset-map-frame"][data-markers="${assets.length}"]`).waitFor();
    const sketch = page.getByTestId("asset-map-sketch");
    expect(await sketch.getAttribute("aria-hidden")).toBe("true");
    const sketchBox = await sketch.boundingBox();
    const sketchArea = (sketchBox?.width ?? 0) * (sketchBox?.height ?? 0);
    expect(await pixelsOf(page, sketch, "#c9dcea")).toBeGreaterThan(sketchArea * 0.2);
    const sketched = await centreOf(page, sketch, "#f59f00");
    expect(sketched.count).toBeGreaterThan(200);
    // Still loading (the map cannot be panned yet), said at the foot of the sketch.
    await page.getByRole("status").filter({ hasText: "Loading the map…" }).waitFor();
    const drawnAt = Number(await frame.getAttribute("data-markers-at"));
    expect(drawnAt).toBeGreaterThan(0);
    releaseMapLibre();
    const map = await mapWith(page, assets.length);
    expect(await page.getByTestId("map-loading").count()).toBe(0);
    expect(await sketch.count()).toBe(0);
    // The map took over where the sketch was: electricity's amber in the same place, in like amounts.
    const drawn = await centreOf(page, map, "#f59f00");
    expect(Math.abs(drawn.x - sketched.x)).toBeLessThan(4);
    expect(Math.abs(drawn.y - sketched.y)).toBeLessThan(4);
    expect(drawn.count / sketched.count).toBeGreaterThan(0.5);
    expect(drawn.count / sketched.count).toBeLessThan(2);
    // The time the assets were first on screen stays the sketch's.
    expect(Number(await frame.getAttribute("data-markers-at"))).toBe(drawnAt);
    expect(new URL(page.url()).searchParams.get("view")).toBe("map");

    // The legend folds away so that it hides no asset, and comes back.
    const legend = page.getByRole("group", { name: "Legend" });
    await legend.getByText("Colour by").waitFor();
    await legend.getByRole("button", { name: "Hide legend" }).click();
    expect(await legend.getByText("Colour by").count()).toBe(0);
    await legend.getByRole("button", { name: "Show legend" }).click();
    await legend.getByText("Colour by").waitFor();

    // Drawn with WebGL: the sea, and electricity's amber on a good many points.
    const box = await map.boundingBox();
    const area = (box?.width ?? 0) * (box?.height ?? 0);
    expect(await pixelsOf(page, map, "#c9dcea")).toBeGreaterThan(area * 0.2);
    expect(await pixelsOf(page, map, "#f59f00")).toBeGreaterThan(200);

    // The search box of the table narrows the map as it narrows the table.
    const dam = assets.find((asset) => asset.name === "Quenaek Dam");
    if (!dam) throw new Error("the demo has no Quenaek Dam");
    const quenaek = assets.filter((asset) => /quenaek/i.test(`${asset.name} ${asset.ref}`));
    await page.getByPlaceholder("Search by reference or name").fill("Quenaek");
    await mapWith(page, quenaek.length);
    await page.getByPlaceholder("Search by reference or name").fill("Quenaek Dam");
    await mapWith(page, 1);

    const at = await pixelOf(map, dam.lon, dam.lat);
    await page.mouse.click(at.x, at.y);
    const popup = page.getByTestId("map-popup");
    await popup.getByText("Quenaek Dam").waitFor();
    await popup.getByText("Dams").waitFor();
    await popup.getByText("Operational").waitFor();
    await popup.getByRole("link", { name: "Open the asset page" }).click();
    await page.getByRole("heading", { name: "Quenaek Dam", level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/assets\/[0-9a-f-]{36}$/);
    await page.close();
  });
});

describe("what-if on the map", () => {
  it("runs a cascade on a circle drawn around a demo substation and shows what fails", async () => {
    const assets = await placedAssets();
    const substation = assets.find((asset) => asset.name === SUBSTATION);
    if (!substation) throw new Error(`the demo has no ${SUBSTATION}`);
    const page = await signIn();
    await page.getByRole("link", { name: "Analysis" }).first().click();
    await page.getByRole("radiogroup", { name: "What is attacked" }).getByText("A circle").click();
    const map = await mapWith(page, assets.length);
    // Before a run the other assets wear their sector's colour, which the legend names; it folds away.
    const sectors = page.getByRole("group", { name: "Legend" });
    await sectors.getByText("Energy – electricity").waitFor();
    await sectors.getByText("To be attacked").waitFor();
    await sectors.getByRole("button", { name: "Hide legend" }).click();
    expect(await sectors.getByText("Energy – electricity").count()).toBe(0);
    await sectors.getByRole("button", { name: "Show legend" }).click();
    await sectors.getByText("Energy – electricity").waitFor();

    // Zoom in on the substation with the wheel until a kilometre spans some pixels.
    let at = await pixelOf(map, substation.lon, substation.lat);
    for (let turn = 0; turn < 12; turn++) {
      const [west = 0, , east = 0] = ((await map.getAttribute("data-bounds")) ?? "").split(",").map(Number);
      if (east - west < 0.5) break;
      await page.mouse.move(at.x, at.y);
      const before = await map.getAttribute("data-bounds");
      await page.mouse.wheel(0, -400);
      // data-bounds changes once the zoom has ended and the map has drawn.
      // (Up to 10 s: on a busy machine MapLibre's software rendering takes more than poll's 1 s.)
      await expect.poll(() => map.getAttribute("data-bounds"), { timeout: 10_000 }).not.toBe(before);
      at = await pixelOf(map, substation.lon, substation.lat);
    }

    // Centre on the substation, then a second click 3 km east of it sets the radius.
    await page.mouse.click(at.x, at.y);
    const edge = await pixelOf(
      map,
      substation.lon + 3 / (111.32 * Math.cos((substation.lat * Math.PI) / 180)),
      substation.lat,
    );
    await page.mouse.move(edge.x, edge.y, { steps: 4 });
    await page.mouse.click(edge.x, edge.y);
    const radius = Number(await page.getByLabel("Radius (km)").inputValue());
    expect(radius).toBeGreaterThan(2.5);
    expect(radius).toBeLessThan(3.5);
    // The centre snapped to the asset under the pointer: the substation, or a neighbour metres away.
    const lat = Number(await page.getByLabel("Centre: Latitude").inputValue());
    const lon = Number(await page.getByLabel("Centre: Longitude").inputValue());
    expect(Math.abs(lat - substation.lat)).toBeLessThan(0.01);
    expect(Math.abs(lon - substation.lon)).toBeLessThan(0.01);
    const hit = await page.getByText(/^Assets hit by the attack: \d+$/).textContent();
    const expectedHit = Number(hit?.replace(/\D/g, ""));
    expect(expectedHit).toBeGreaterThanOrEqual(2);

    await page.getByRole("button", { name: "Run cascade" }).click();
    await page.getByRole("heading", { name: "Cascade results" }).waitFor();
    const failed = page.getByRole("table", { name: "Failed assets, in order" });
    await failed.getByText(SUBSTATION).waitFor();
    await failed.getByText("Kelanbrook 115 kV Substation").waitFor();
    // What the map previewed is what the server attacked.
    expect(await failed.getByText("attacked", { exact: true }).count()).toBe(expectedHit);

    // The cascade plays to its last hour; then the map shows every failure in red.
    const time = page.getByTestId("cascade-time");
    await expect
      .poll(async () => (await time.getAttribute("data-step")) === (await time.getAttribute("data-last")), {
        timeout: 60_000,
      })
      .toBe(true);
    expect(Number(await time.getAttribute("data-last"))).toBeGreaterThan(0);
    // The same request through the API: the map's legend counts what the report says.
    const report = await api.call("cascade", { body: { circle: { lat, lon, radiusKm: radius } } });
    expect(report.failed.filter((asset) => asset.causeId === null)).toHaveLength(expectedHit);
    const legend = page.getByRole("group", { name: "Legend" });
    await expect
      .poll(() => legend.textContent())
      .toContain(`Attacked${expectedHit}Failed by then${report.totals.assets - expectedHit}Fails later0`);
    await mapWith(page, assets.length);
    expect(await pixelsOf(page, map, "#e03131")).toBeGreaterThan(50);

    // Back to the first hour: what failed at once is down, the rest is still to come.
    const first = report.totals.timeline[0]?.assets ?? 0;
    await page.getByRole("slider", { name: "Hour of the cascade" }).focus();
    await page.keyboard.press("Home");
    await expect
      .poll(() => legend.textContent())
      .toContain(`Failed by then${first - expectedHit}Fails later${report.totals.assets - first}`);
    expect(report.totals.assets).toBeGreaterThan(first);
    await page.close();
  });
});

describe("the map without WebGL", () => {
  it("says so in words instead of leaving a blank box, and the table still works", async () => {
    const page = await signIn();
    // As in a browser with WebGL turned off: every WebGL context is refused.
    await page.addInitScript(`(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return type === "webgl2" || type === "webgl" ? null : original.call(this, type, ...rest);
      };
    })()`);
    await page.goto(`${bulwark.url}/assets?view=map`);
    await page.getByRole("alert").getByText("This browser cannot draw the map").waitFor();
    expect(await page.getByTestId("asset-map").count()).toBe(0);
    await page.getByRole("radiogroup", { name: "View" }).locator("label", { hasText: "Table" }).click();
    await page.getByRole("columnheader", { name: "Reference" }).waitFor();
    expect(await page.getByRole("row").count()).toBeGreaterThan(10);
    await page.close();
  });
});
