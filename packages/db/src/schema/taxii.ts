// TAXII 2.1 subscriptions: a community's collection fed from a collection on another platform
// (another Bulwark, a regional hub, an ISAC's OpenCTI), pulled on a schedule. Credentials are kept
// encrypted (AES-256-GCM under a key derived from the instance's secret, which is not in the
// database, so a backup holds them only as ciphertext). Who sees and runs a subscription is
// decided by subscriptionAbilities in @bulwark/core.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { communities, users } from "./base.ts";
import { at } from "./columns.ts";

export const taxiiSubscriptions = pgTable(
  "taxii_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The community whose collection receives the objects. */
    communityId: uuid("community_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The remote API root, ending in "/". */
    apiRootUrl: text("api_root_url").notNull(),
    /** The remote collection's id. */
    collectionId: text("collection_id").notNull(),
    /** none, basic, bearer */
    authKind: text("auth_kind").notNull(),
    /** The credentials, sealed (see taxii-client/credentials.ts); null when authKind is none. */
    credentials: text("credentials"),
    /** Marking given to objects that arrive without a TLP marking. */
    defaultTlp: text("default_tlp").notNull().default("amber"),
    intervalMinutes: integer("interval_minutes").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** The last date_added stored (the remote's X-TAXII-Date-Added-Last), sent as added_after. */
    cursor: text("cursor"),
    /** When the next scheduled pull is due. */
    nextRunAt: at("next_run_at").notNull(),
    /** Set while a pull runs (one at a time, across server processes). */
    runningSince: at("running_since"),
    lastRunAt: at("last_run_at"),
    /** ok, capped (stopped at the per-run cap; the rest comes next time), failed */
    lastRunOutcome: text("last_run_outcome"),
    lastRunReceived: integer("last_run_received").notNull().default(0),
    lastRunAdded: integer("last_run_added").notNull().default(0),
    lastRunDuplicates: integer("last_run_duplicates").notNull().default(0),
    lastRunRefused: integer("last_run_refused").notNull().default(0),
    lastRunError: text("last_run_error"),
    /**
     * Who answers for what it brings in: its creator, or whoever changed it last. Objects are put in
     * under their organisation, within the widest marking their roles may publish.
     */
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    index("taxii_subscriptions_community_idx").on(table.communityId),
    index("taxii_subscriptions_due_idx").on(table.nextRunAt),
    check("taxii_subscriptions_auth_check", sql`${table.authKind} in ('none', 'basic', 'bearer')`),
    check(
      "taxii_subscriptions_credentials_check",
      sql`(${table.authKind} = 'none') = (${table.credentials} is null)`,
    ),
    check(
      "taxii_subscriptions_tlp_check",
      sql`${table.defaultTlp} in ('clear', 'green', 'amber', 'amber+strict')`,
    ),
    check("taxii_subscriptions_interval_check", sql`${table.intervalMinutes} between 5 and 10080`),
    check(
      "taxii_subscriptions_outcome_check",
      sql`${table.lastRunOutcome} is null or ${table.lastRunOutcome} in ('ok', 'capped', 'failed')`,
    ),
  ],
);
