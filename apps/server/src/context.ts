import type { Connection, Database } from "@bulwark/db";
import type { Config } from "./config.ts";

/** What every service is handed: explicit, small, and easy to fake in tests. */
export interface ServerContext {
  readonly config: Config;
  readonly connection: Connection;
  readonly db: Database;
  /** The time now (handed in so tests can move it). */
  readonly clock: () => Date;
  readonly version: string;
}
