// Work a server process does in the background for someone (today: registry imports), with its
// progress, so that any process behind a load balancer can answer "how far along is it?". The row
// is written by the process running the job and read by whichever process the poll reaches; it is
// its owner's alone (platform administrators aside), a rule the repository applies in SQL. Finished
// rows are deleted after a while by a scheduled job (system/schedule.ts).
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { communities, users } from "./base.ts";
import { at } from "./columns.ts";

export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey(),
    /** What the job does: registry-import. */
    kind: text("kind").notNull(),
    /** Who started it: the only one (with platform administrators) who may read it. */
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** validating, writing, done, failed */
    state: text("state").notNull(),
    /** The step within the state (for an import: reading, references, assets, dependencies, rules). */
    phase: text("phase").notNull(),
    done: integer("done").notNull().default(0),
    total: integer("total").notNull().default(0),
    /** When done: what the job did (for an import, its report). */
    report: jsonb("report"),
    /** When failed: the problem+json the caller would have had from the synchronous request. */
    problem: jsonb("problem"),
    createdAt: at("created_at").notNull(),
    /** The last word from the process running it: a running job silent for long was interrupted. */
    updatedAt: at("updated_at").notNull(),
    finishedAt: at("finished_at"),
  },
  (table) => [
    index("jobs_owner_idx").on(table.ownerId),
    index("jobs_finished_idx").on(table.finishedAt),
    check("jobs_state_check", sql`${table.state} in ('validating', 'writing', 'done', 'failed')`),
  ],
);

/**
 * Registry imports whose rows are still staged (ADR 0040): an import writes its new assets and
 * their dependencies in short slices, each row carrying the import's id, and every read of the
 * registry hides the rows of an import listed here. Deleting the import's row here is its one short
 * final step that shows them all at once. An import that failed deletes its rows; one whose process
 * died stops touching its row, and the sweep deletes its rows once it has been silent long enough.
 */
export const stagedImports = pgTable("staged_imports", {
  id: uuid("id").primaryKey(),
  startedAt: at("started_at").notNull(),
  /** The last slice written: an import silent for long was interrupted. */
  touchedAt: at("touched_at").notNull(),
});

/**
 * The slices a STIX import has written into a collection and not yet published (ADR 0047): each
 * slice's objects were added in one short transaction under the collection's lock, so they are the
 * collection's rows with date_added from `first` to `last`, and no other writer's. While any slice
 * of a collection is listed here, every read of the collection hides its rows from the first
 * listed date_added on (stixPublished), so what readers see of a collection only ever grows at its
 * end, as TAXII clients paging by date_added expect. Publishing deletes the import's staged_imports
 * row, which takes these rows with it in the same statement.
 */
export const stagedStixSlices = pgTable(
  "staged_stix_slices",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => stagedImports.id, { onDelete: "cascade" }),
    collectionId: uuid("collection_id")
      .notNull()
      .references(() => communities.id, { onDelete: "cascade" }),
    first: at("first_added", 6).notNull(),
    last: at("last_added", 6).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.importId, table.first] }),
    index("staged_stix_slices_collection_idx").on(table.collectionId, table.first),
  ],
);
