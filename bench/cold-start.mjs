// Cold start: from launching `bulwark serve` on an existing data folder to the first healthy
// answer of GET /api/health. The baseline, measured in the same run on the same machine, is a
// bare Node.js HTTP server answering the same way, started the same way (a new process).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "apps/cli/bin/bulwark.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const folder = mkdtempSync(join(tmpdir(), "bulwark-bench-"));
const dataDir = join(folder, "data");
const env = {
  ...process.env,
  BULWARK_DATA: dataDir,
  DATABASE_URL: "",
  BULWARK_DEMO_PASSWORD: "bench password",
};

const baseline = join(folder, "baseline.mjs");
writeFileSync(
  baseline,
  `import http from "node:http";
http.createServer((q, s) => { s.setHeader("content-type", "application/json"); s.end('{"status":"ok"}'); }).listen(Number(process.env.PORT), "127.0.0.1");`,
);

async function healthyAfter(args, port, command = process.execPath) {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.ok && (await response.json()).status === "ok") return performance.now() - started;
      } catch {}
      if (performance.now() - started > 30_000) throw new Error(`no healthy answer from ${args.join(" ")}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    process.kill(-child.pid, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Prepare the data folder (migrations, demo country) and warm tsx's transform cache once.
const seeded = spawnSync(process.execPath, [BIN, "seed-demo"], { env, encoding: "utf8" });
if (seeded.status !== 0) throw new Error(seeded.stderr);
await healthyAfter([BIN, "serve"], 18_990);

const bulwark = [];
const npmStart = [];
const bare = [];
for (let run = 0; run < RUNS; run++) {
  bulwark.push(await healthyAfter([BIN, "serve"], 18_991 + run));
  npmStart.push(await healthyAfter(["start", "--silent"], 18_971 + run, "npm"));
  bare.push(await healthyAfter([baseline], 18_981 + run));
}
const ms = (value) => `${value.toFixed(0)} ms`;
console.log(`cold start to healthy, median of ${RUNS} runs (embedded PGlite, demo country loaded):`);
console.log(
  `  bulwark serve        ${ms(median(bulwark))}  (min ${ms(Math.min(...bulwark))}, max ${ms(Math.max(...bulwark))})`,
);
console.log(
  `  npm start            ${ms(median(npmStart))}  (min ${ms(Math.min(...npmStart))}, max ${ms(Math.max(...npmStart))})`,
);
console.log(`  bare node http       ${ms(median(bare))}`);
console.log(`  ratio serve / bare     ${(median(bulwark) / median(bare)).toFixed(1)}x`);
console.log(
  `  ratio npm start / bare ${(median(npmStart) / median(bare)).toFixed(1)}x   (target: npm start under 3000 ms)`,
);
