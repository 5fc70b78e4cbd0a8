import { DEMO_ADMIN, type Running, readConfig, startServer } from "@bulwark/server";
import { say, table } from "../output.ts";

const SHOWN_ROLES = ["platform-admin", "organisation-admin", "coordinator", "analyst", "member", "auditor"];

function printDemo(running: Running): void {
  const demo = running.demo;
  if (!demo) return;
  // One account per role is enough to explore; all demo accounts share the password.
  const shown = SHOWN_ROLES.map((role) =>
    demo.accounts.find(
      (account) =>
        account.roles.includes(role) && (role !== "platform-admin" || account.email === DEMO_ADMIN),
    ),
  ).filter((account) => account !== undefined);
  say("");
  say(demo.loaded ? "Demo country loaded. Sign in with any of these accounts:" : "Demo accounts:");
  say(
    table([
      ["e-mail", "roles", "organisation"],
      ...shown.map((a) => [a.email, a.roles.join(", "), a.organisation]),
    ]),
  );
  if (demo.password)
    say(
      `Password of every demo account: ${demo.password}${demo.generated ? "  (generated: set BULWARK_DEMO_PASSWORD to choose one)" : ""}`,
    );
  else
    say(
      "Password: the one printed when the demo was first loaded, or BULWARK_DEMO_PASSWORD if it was set then.",
    );
  say(`(${demo.accounts.length} demo accounts in all: see content/demo/country.json.)`);
}

/** `bulwark serve`. */
export async function serve(options: { demo?: boolean; port?: string; host?: string }): Promise<void> {
  const started = performance.now();
  const config = readConfig({
    ...process.env,
    ...(options.port ? { PORT: options.port } : {}),
    ...(options.host ? { HOST: options.host } : {}),
  });
  const running = await startServer(
    { ...config, logLevel: process.env.LOG_LEVEL ?? "warn" },
    { demo: options.demo === true },
  );
  const where =
    running.context.connection.kind === "pglite"
      ? `embedded PGlite in ${config.dataDir}`
      : `PostgreSQL at ${running.context.connection.location}`;
  say(
    `Bulwark ${running.context.version} is running at ${running.url}  (database: ${where}; ready in ${Math.round(performance.now() - started)} ms)`,
  );
  say(`API reference: ${running.url}/api/docs`);
  if (!config.publicUrl)
    say(
      `Links in the CAP and Atom feeds and TAXII discovery point at ${running.linkOrigin}: set BULWARK_PUBLIC_URL to the address people use (request headers are never trusted for links).`,
    );
  printDemo(running);
  const stop = async () => {
    say("Stopping…");
    await running.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
