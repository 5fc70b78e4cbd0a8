// A Vite plugin that writes a Brotli (.br) and a gzip (.gz) copy next to each script, style sheet and
// other text file of the build; the server sends the one the browser accepts (@fastify/static's
// preCompressed, apps/server/src/system/web.ts). Compressed once here rather than on every answer.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(m?js|css|html|json|svg|webmanifest)$/;
/** Smaller files gain little and cost a request's worth of disk each. */
const MIN_BYTES = 1024;
// Quality 7 keeps the build quick on a shared machine; 11 saves about 3 % more and takes 30 s.
const toBrotli = promisify(brotliCompress);
const toGzip = promisify(gzip);

export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "bulwark:precompress",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      outDir = config.build.outDir.startsWith("/")
        ? config.build.outDir
        : join(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(
        files.map(async (file) => {
          const path = join(outDir, file);
          const bytes = await readFile(path);
          if (bytes.length < MIN_BYTES) return;
          const [br, gz] = await Promise.all([
            toBrotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 7,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
            toGzip(bytes, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}
