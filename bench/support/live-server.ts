// One Bulwark server process for the live benches (bench/support/served.ts): the app on DATABASE_URL (migrated already),
// listening on a free port of 127.0.0.1; prints `listening <address>` and runs until SIGTERM.
import { connect } from "@bulwark/db";
import { buildApp } from "../../apps/server/src/app.ts";
import { readConfig } from "../../apps/server/src/config.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set.");
const connection = await connect({ url });
const app = await buildApp(
  {
    config: { ...readConfig({}), secureCookies: false },
    connection,
    db: connection.db,
    clock: () => new Date(),
    version: "bench",
  },
  { logLevel: false, web: false },
);
const address = await app.listen({ host: "127.0.0.1", port: 0 });
console.log(`listening ${address}`);
process.once("SIGTERM", () => {
  void app
    .close()
    .then(() => connection.close())
    .finally(() => process.exit(0));
});
