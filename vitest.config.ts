import { Socket } from "node:net";
import { defineConfig, type TestProjectConfiguration } from "vitest/config";

// One runner, several projects. Database-backed tests (db, server, cli) run once on embedded PGlite
// and, when a PostgreSQL server answers on 127.0.0.1:5432, once more on it: each test file gets a
// database of its own (see packages/db/src/testing.ts).
const POSTGRES_URL = process.env.BULWARK_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.connect(Number(port || 5432), hostname, () => done(true));
  });
}

const databaseTests = ["packages/db/src/**/*.test.ts", "apps/server/src/**/*.test.ts"];
// Database tests share their worker's modules from file to file (isolate: false): each file opens
// databases of its own and mocks nothing, and loading the server's modules again for each of ~170
// files was about 40% of the phase's CPU. Process-wide caches are keyed by what they depend on
// (contexts, connections, content files), as they must be when several servers share a process.

export default defineConfig(async () => {
  const postgres = await answers(POSTGRES_URL);
  if (!postgres)
    console.warn(`PostgreSQL does not answer at ${POSTGRES_URL}: database tests run on PGlite only.`);
  const projects: TestProjectConfiguration[] = [
    {
      // Property tests run hundreds of cases: 5 s is too little beside other files on two cores.
      test: {
        name: "core",
        include: ["packages/core/src/**/*.test.ts"],
        exclude: ["**/*.test-support.ts"],
        testTimeout: 30_000,
      },
    },
    { test: { name: "contracts", include: ["packages/contracts/src/**/*.test.ts"] } },
    // The web app's own logic that needs no browser (e.g. every translation complete).
    { test: { name: "web", include: ["apps/web/src/**/*.test.ts"] } },
    // The repository as a whole (e.g. no path outside it): scripts/*.test.ts.
    { test: { name: "repo", include: ["scripts/**/*.test.ts"] } },
    {
      test: {
        name: "api:pglite",
        include: databaseTests,
        env: { BULWARK_TEST_DB: "pglite" },
        isolate: false,
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    },
    {
      test: {
        name: "cli",
        include: ["apps/cli/src/**/*.test.ts"],
        testTimeout: 60_000,
        hookTimeout: 60_000,
      },
    },
    {
      test: {
        name: "e2e",
        include: ["e2e/**/*.test.ts"],
        globalSetup: ["e2e/global-setup.ts"],
        testTimeout: 60_000,
        hookTimeout: 120_000,
      },
    },
  ];
  if (postgres)
    projects.push({
      test: {
        name: "api:postgres",
        include: databaseTests,
        env: { BULWARK_TEST_DB: "postgres", BULWARK_TEST_POSTGRES_URL: POSTGRES_URL },
        isolate: false,
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    });
  return { test: { projects, pool: "forks" } };
});
