// The first load's budget (issue 16): the scripts and style sheets a first-time visitor's browser
// fetches before the sign-in page or the home can show, at most 300 kB gzipped (gzip -6, as
// bench/web-load.ts counts them in Chromium). That is the production build's index.html: its entry
// script, the chunks it imports statically (transitively) and its style sheets. The first screen
// imports nothing on demand in English (another language adds its own chunk); every other page's
// code, the rest of the endpoint table and of the English strings load with that page.
// Sizes are deterministic, so this is a test; time to usable is measured by the bench.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript script of the repository, without types.
import { buildWebIfStale } from "../../../scripts/web-build.mjs";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const BUDGET = 300_000;

/** Static imports in a built chunk (`import"./x.js"`, `from"./x.js"`), not `import("./x.js")`. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g;

interface Part {
  file: string;
  gzip: number;
}

function firstLoad(): Part[] {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const entries = [...html.matchAll(/<script type="module"[^>]*\ssrc="\/([^"]+)"/g)].map(
    (match) => match[1] ?? "",
  );
  const sheets = [...html.matchAll(/<link rel="stylesheet"[^>]*\shref="\/([^"]+)"/g)].map(
    (match) => match[1] ?? "",
  );
  const scripts = new Set<string>();
  const visit = (file: string) => {
    if (scripts.has(file)) return;
    scripts.add(file);
    const code = readFileSync(join(DIST, file), "utf8");
    const folder = file.slice(0, file.lastIndexOf("/") + 1);
    for (const match of code.matchAll(STATIC_IMPORT)) visit(`${folder}${(match[1] ?? "").slice(2)}`);
  };
  for (const entry of entries) visit(entry);
  return [...scripts, ...sheets].map((file) => ({
    file,
    gzip: gzipSync(readFileSync(join(DIST, file)), { level: 6 }).length,
  }));
}

beforeAll(() => buildWebIfStale(), 180_000);

describe("the first load", () => {
  it("has an entry script and a style sheet", () => {
    const parts = firstLoad();
    expect(parts.some((part) => part.file.endsWith(".js"))).toBe(true);
    expect(parts.some((part) => part.file.endsWith(".css"))).toBe(true);
  });

  it(`is at most ${BUDGET / 1000} kB of JavaScript and CSS gzipped`, () => {
    const parts = firstLoad().sort((a, b) => b.gzip - a.gzip);
    const total = parts.reduce((sum, part) => sum + part.gzip, 0);
    const listing = parts
      .map((part) => `${(part.gzip / 1000).toFixed(1).padStart(6)} kB  ${part.file}`)
      .join("\n");
    expect(total, `first load ${(total / 1000).toFixed(1)} kB gzipped:\n${listing}`).toBeLessThanOrEqual(
      BUDGET,
    );
  });

  it("styles every Mantine component the first screen draws (styles-first-screen.ts)", () => {
    const parts = firstLoad();
    const text = (suffix: string) =>
      parts
        .filter((part) => part.file.endsWith(suffix))
        .map((part) => readFileSync(join(DIST, part.file), "utf8"))
        .join("\n");
    // Mantine's class names (m_ and a hash) that the first screen's scripts use, and its style sheets define.
    const used = new Set(text(".js").match(/\bm_[0-9a-f]{8}\b/g) ?? []);
    const styled = new Set(text(".css").match(/\bm_[0-9a-f]{8}\b/g) ?? []);
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((name) => !styled.has(name))).toEqual([]);
  });

  it("imports Mantine's style sheets in the order of its styles.css (later rules win within the layer)", () => {
    const mantine = fileURLToPath(new URL("../../../node_modules/@mantine/core/", import.meta.url));
    const whole = readFileSync(join(mantine, "styles.layer.css"), "utf8");
    const list = readFileSync(fileURLToPath(new URL("app/styles-first-screen.ts", import.meta.url)), "utf8");
    const files = [...list.matchAll(/import "@mantine\/core\/(styles\/[^"]+)";/g)].map(
      (match) => match[1] ?? "",
    );
    expect(files.length).toBeGreaterThan(20);
    // Where each file's first rule (its first class, or its first line) stands in the whole.
    const positions = files.map((file) => {
      const css = readFileSync(join(mantine, file), "utf8");
      const first =
        css.match(/\.m_[0-9a-f]{8}\b/)?.[0] ??
        css
          .replace(/^@layer mantine \{/, "")
          .trim()
          .slice(0, 60);
      return whole.indexOf(first);
    });
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("leaves the pages that are not the first screen's to load on demand", () => {
    const files = firstLoad().map((part) => part.file);
    for (const lazy of [
      "map-canvas",
      "incidents-routes",
      "compendium-routes",
      "asset-graph",
      "entry-markdown",
    ])
      expect(files.filter((file) => file.includes(lazy))).toEqual([]);
  });
});
