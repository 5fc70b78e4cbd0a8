// A Vite plugin that writes the service worker (sw.js, next to this file) into the build as /sw.js,
// with the list of files it keeps for offline use and a version that changes with them.
//
// The files kept: index.html, what the entry chunk imports (scripts and styles), the chunks loaded
// later by the offline screens (the compendium's, e.g. its Markdown renderer) and the languages, and the public files
// (icons, manifest). The map and the graph views, large and useless offline, are left to the network.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { OutputBundle, OutputChunk } from "rolldown";
import type { Plugin } from "vite";

const SOURCE = new URL("./sw.js", import.meta.url);
const PLACEHOLDER = /^const BUILD = .*;$/m;
/**
 * Source folders whose lazily loaded chunks the offline app needs (the languages too: i18n/index.ts;
 * all of Mantine's styles, which the compendium's screens wait for: app/every-page.ts; and the
 * endpoint table, which the API client loads on its first call beyond the first screen's: without
 * it offline, the compendium's calls would fail on the missing chunk, not on the network).
 */
const OFFLINE_SCREENS = [
  "/src/compendium/",
  "/src/offline/",
  "/src/i18n/",
  "/src/app/styles-every-page.ts",
  "/packages/contracts/src/endpoints.ts",
];

function precacheOf(bundle: OutputBundle, publicFiles: readonly string[]): string[] {
  const chunks = new Map<string, OutputChunk>();
  for (const output of Object.values(bundle))
    if (output.type === "chunk") chunks.set(output.fileName, output);
  const files = new Set<string>(["index.html", ...publicFiles]);
  const visit = (chunk: OutputChunk | undefined) => {
    if (!chunk || files.has(chunk.fileName)) return;
    files.add(chunk.fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset);
    for (const name of chunk.imports) visit(chunks.get(name));
    for (const name of chunk.dynamicImports) {
      const lazy = chunks.get(name);
      const modules = lazy?.moduleIds ?? [];
      if (modules.some((id) => OFFLINE_SCREENS.some((folder) => id.includes(folder)))) visit(lazy);
    }
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk);
  return [...files].sort().map((file) => `/${file}`);
}

export function serviceWorker(): Plugin {
  let publicDir = "";
  return {
    name: "bulwark:service-worker",
    apply: "build",
    // After Vite's own plugins, so that index.html is in the bundle.
    enforce: "post",
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const publicFiles = publicDir ? readdirSync(publicDir) : [];
      const precache = precacheOf(bundle, publicFiles);
      // The version hashes what is kept, so that a change to any of these files makes a new worker.
      const hash = createHash("sha256");
      for (const path of precache) {
        const output = bundle[path.slice(1)];
        hash
          .update(path)
          .update(
            output?.type === "chunk"
              ? output.code
              : output
                ? output.source
                : readFileSync(`${publicDir}${path}`),
          );
      }
      const version = hash.digest("hex").slice(0, 16);
      const source = readFileSync(SOURCE, "utf8");
      if (!PLACEHOLDER.test(source)) this.error("src/offline/sw.js lost its `const BUILD = …;` line.");
      this.emitFile({
        type: "asset",
        fileName: "sw.js",
        source: source.replace(PLACEHOLDER, `const BUILD = ${JSON.stringify({ version, precache })};`),
      });
    },
  };
}
