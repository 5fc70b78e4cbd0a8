// Implementation profiles (issue 20, item 5): whether and with whom a state shares its profile of
// resolution 2341, section by section. One share per country, set by one of its national
// authorities; read under the TLP rule of shared items (profileAbilities in @bulwark/core, compiled by
// the sharing recipient clause over this table and its audience table). No row: not shared.
import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { communities, organisations, users } from "./base.ts";
import { at } from "./columns.ts";

export const implementationProfileShares = pgTable(
  "implementation_profile_shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    country: text("country").notNull(),
    /** The national authority that shared it (the author, for the TLP rule). */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    sharedBy: uuid("shared_by")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    tlp: text("tlp").notNull(),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    uniqueIndex("implementation_profile_shares_country_key").on(table.country),
    check(
      "implementation_profile_shares_tlp_check",
      sql`${table.tlp} in ('clear', 'green', 'amber', 'amber+strict', 'red')`,
    ),
  ],
);

/** One addressee of a profile's share: a community, an organisation or (RED) a person. */
export const implementationProfileShareAudience = pgTable(
  "implementation_profile_share_audience",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    shareId: uuid("share_id")
      .notNull()
      .references(() => implementationProfileShares.id, { onDelete: "cascade" }),
    communityId: uuid("community_id").references(() => communities.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [
    index("implementation_profile_share_audience_share_idx").on(table.shareId),
    check(
      "implementation_profile_share_audience_one_check",
      sql`num_nonnulls(${table.communityId}, ${table.organisationId}, ${table.userId}) = 1`,
    ),
  ],
);
