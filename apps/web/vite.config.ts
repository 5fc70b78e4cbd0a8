import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./src/offline/precompress.ts";
import { serviceWorker } from "./src/offline/sw-build.ts";

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
  },
});
