import react from "@vitejs/plugin-react";
import type { CodeSplittingGroup } from "rolldown";
import { defineConfig } from "vite";
import { precompress } from "./src/offline/precompress.ts";
import { serviceWorker } from "./src/offline/sw-build.ts";

/**
 * Libraries every page needs, a chunk each under a stable name: their file names change only when
 * the library does, so a browser keeps them across releases of the app's own code (ADR 0042).
 * Libraries only some pages use are left to the automatic splitting (they load with those pages).
 */
const CHUNK_GROUPS: CodeSplittingGroup[] = [
  { name: "vendor-react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
  { name: "vendor-i18n", test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
  { name: "vendor-query", test: /node_modules[\\/]@tanstack[\\/]/ },
  { name: "vendor-zod", test: /node_modules[\\/]zod[\\/]/ },
  // The schemas of what the first screen calls (and what they import), apart from the rest of the
  // endpoint table (every capability's schemas), which loads on the first call that needs it.
  {
    name: "first-screen-contracts",
    test: /packages[\\/]contracts[\\/]src[\\/]endpoints[\\/](session|home|notifications)\.ts$/,
  },
  // The maps' read (its schema and endpoint), which map screens bring along without the endpoint table.
  { name: "map-contracts", test: /packages[\\/]contracts[\\/]src[\\/](geo|endpoints[\\/]map)\.ts$/ },
  // The rest of what the first screen runs (the app's shell, sign-in and home, the parts of Mantine
  // they draw), one chunk instead of some twenty-five: a browser fetches six files at a time from
  // one server (HTTP/1.1), so each file beyond that costs a round trip. Only the modules the entry
  // imports statically ($initial); not their dependencies (the API client's table of endpoints is
  // imported by contracts' client.ts but never called by the first screen: it stays a chunk of its
  // own); contracts and core are left to the groups above and the automatic splitting.
  {
    name: "first-screen",
    tags: ["$initial"],
    includeDependenciesRecursively: false,
    test: (id: string) => !/packages[\\/](contracts|core)[\\/]/.test(id),
  },
  // Tabler's icons that pages beyond the first screen draw: one chunk of about 5 kB gzipped, not a
  // file per icon (a page drew 3 to 13 of them, each a request of its own).
  { name: "icons", test: /node_modules[\\/]@tabler[\\/]/ },
];

// The server serves dist/ at / (with SPA fallback) and the API under /api on the same origin;
// in development Vite plays that role and forwards /api to a locally running server.
export default defineConfig({
  plugins: [react(), serviceWorker(), precompress()],
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:8080", changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: { output: { codeSplitting: { groups: CHUNK_GROUPS } } },
  },
});
