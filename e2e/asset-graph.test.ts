// The asset page's dependency graph: sigma.js draws the neighbourhood the API returns, and a click
// on a node opens that asset. Data comes from the demo country that `npm start` loads.
import { type AssetNeighbourhood, type Client, createClient } from "@bulwark/contracts";
import type { Browser, Page } from "playwright-core";
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

/** Waits until sigma has drawn the graph, and reads what it says it drew. */
async function drawn(page: Page, nodes: number) {
  const graph = page.locator(`[data-testid="asset-graph"][data-rendered="true"][data-node-count="${nodes}"]`);
  await graph.waitFor({ timeout: 20_000 });
  return {
    nodes: Number(await graph.getAttribute("data-node-count")),
    edges: Number(await graph.getAttribute("data-edge-count")),
  };
}

/** Signs the demo admin in and opens the substation's page from the registry's search. */
async function openSubstation(page?: Page): Promise<Page> {
  const tab = page ?? (await browser.newPage({ viewport: { width: 1280, height: 1000 } }));
  await signInOn(tab, bulwark.url, "admin@bulwark.example");
  await tab.getByRole("link", { name: "Asset registry" }).first().click();
  await tab.getByPlaceholder("Search by reference or name").fill(SUBSTATION);
  await tab.getByRole("link", { name: SUBSTATION }).click();
  await tab.getByRole("heading", { name: SUBSTATION, level: 2 }).waitFor();
  return tab;
}

const neighbourhood = (id: string, depth = 2): Promise<AssetNeighbourhood> =>
  api.call("assetNeighbourhood", { params: { id }, query: { depth } });

describe("the asset graph in Chromium", () => {
  it("draws a substation's suppliers and dependents, and opens an asset when its node is clicked", async () => {
    const [substation] = (await api.call("listAssets", { query: { q: SUBSTATION } })).items;
    if (!substation) throw new Error(`the demo has no ${SUBSTATION}`);
    const expected = await neighbourhood(substation.id);
    // A demo substation has both sides: the graph has something to show either way.
    expect(expected.nodes.some((node) => node.direction === "supplier")).toBe(true);
    expect(expected.nodes.some((node) => node.direction === "dependent")).toBe(true);

    const page = await openSubstation();

    expect(await drawn(page, expected.nodes.length)).toEqual({
      nodes: expected.nodes.length,
      edges: expected.edges.length,
    });
    await page.getByRole("heading", { name: "Dependency graph" }).scrollIntoViewIfNeeded();

    // One hop each way: fewer assets, as the API says.
    const near = await neighbourhood(substation.id, 1);
    expect(near.nodes.length).toBeLessThan(expected.nodes.length);
    await page.getByRole("radiogroup", { name: "Hops each way" }).getByText("1", { exact: true }).click();
    expect((await drawn(page, near.nodes.length)).edges).toBe(near.edges.length);

    // Click the first dependent's node on the canvas (its link marks where sigma drew it).
    const target = near.nodes.find((node) => node.direction === "dependent");
    if (!target) throw new Error("expected a dependent");
    const marker = page.getByTestId("asset-graph").getByRole("link", { name: target.name, exact: true });
    await marker.scrollIntoViewIfNeeded();
    const box = await marker.boundingBox();
    if (!box) throw new Error(`no node drawn for ${target.name}`);
    // Pointing at the node names it (sigma found it under the pointer); clicking opens it.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByText(`${target.name} · `).waitFor();
    await page.mouse.down();
    await page.mouse.up();
    await page.getByRole("heading", { name: target.name, level: 2 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/assets/${target.id}`);
    const next = await neighbourhood(target.id);
    await drawn(page, next.nodes.length);
    expect(next.nodes.some((node) => node.id === substation.id)).toBe(true);
    await page.close();
  });

  it("says so when the browser cannot draw WebGL, and keeps the lists", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // What a browser without WebGL answers: no context.
    await page.addInitScript({
      content: `{
        const getContext = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
          return String(kind).startsWith("webgl") ? null : getContext.call(this, kind, ...rest);
        };
      }`,
    });
    await openSubstation(page);
    await page.getByText("This browser cannot draw the graph").waitFor();
    expect(await page.getByTestId("asset-graph").count()).toBe(0);
    await page.getByRole("heading", { name: "What it depends on" }).waitFor();
    await page.getByRole("link", { name: "Quenaek Hydroelectric Station", exact: true }).waitFor();
    await page.close();
  });
});
