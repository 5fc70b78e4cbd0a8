// The expert network: opt-in expert profiles, questions to the network, discussion posts (on
// compendium entries and on questions) and the notifications they raise. Who sees what is
// expertsPolicy in core, compiled to SQL in repositories/experts-scope.ts.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { compendiumEntries, organisations, users } from "./base.ts";
import { at } from "./columns.ts";

const tagList = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

/** One per user who opted in; withdrawing deletes the row. The organisation is the user's. */
export const expertProfiles = pgTable(
  "expert_profiles",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    headline: text("headline").notNull(),
    bio: text("bio").notNull().default(""),
    /** Free keywords, normalised (lower case, single spaces) by the server. */
    expertise: tagList("expertise"),
    sectors: tagList("sectors"),
    phases: tagList("phases"),
    themes: tagList("themes"),
    threats: tagList("threats"),
    languages: tagList("languages"),
    region: text("region"),
    country: text("country"),
    visibility: text("visibility").notNull(),
    showEmail: boolean("show_email").notNull().default(false),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    check(
      "expert_profiles_visibility_check",
      sql`${table.visibility} in ('organisation', 'communities', 'platform')`,
    ),
    index("expert_profiles_expertise_idx").using("gin", table.expertise),
  ],
);

/** A question to the network. `organisation_id` is the asker's when asked (for "communities"). */
export const questions = pgTable(
  "questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    askerId: uuid("asker_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    sectors: tagList("sectors"),
    themes: tagList("themes"),
    visibility: text("visibility").notNull(),
    status: text("status").notNull().default("open"),
    /** The accepted answer (a top-level post on this question); no foreign key to avoid a cycle. */
    acceptedPostId: uuid("accepted_post_id"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    check("questions_visibility_check", sql`${table.visibility} in ('communities', 'platform')`),
    check("questions_status_check", sql`${table.status} in ('open', 'answered')`),
    index("questions_status_idx").on(table.status, table.createdAt),
    index("questions_organisation_idx").on(table.organisationId),
  ],
);

/**
 * A post in a discussion: on a compendium entry or on a question (where top-level posts are the
 * answers). Replies point to a top-level post of the same discussion. Deleting leaves the row
 * with state "removed" and no body; moderators set "hidden".
 */
export const discussionPosts = pgTable(
  "discussion_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id").references(() => compendiumEntries.id, { onDelete: "cascade" }),
    questionId: uuid("question_id").references(() => questions.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => discussionPosts.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    body: text("body").notNull(),
    state: text("state").notNull().default("visible"),
    editedAt: at("edited_at"),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    check("discussion_posts_subject_check", sql`(${table.entryId} is null) <> (${table.questionId} is null)`),
    check("discussion_posts_state_check", sql`${table.state} in ('visible', 'removed', 'hidden')`),
    index("discussion_posts_entry_idx").on(table.entryId, table.createdAt),
    index("discussion_posts_question_idx").on(table.questionId, table.createdAt),
    index("discussion_posts_author_idx").on(table.authorId),
  ],
);

/**
 * Something that asks something of a user, or happened for them: a reply in a discussion they took
 * part in, an answer (post_id); a shared item addressed to them, an approval or acknowledgement
 * request or its reminder, an overdue follow-up action, a risk review due (subject_type and
 * subject_id). No title or text is stored: listing reads the subject again under the reader's
 * scope, so a notification never reveals what its recipient may no longer see.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    postId: uuid("post_id").references(() => discussionPosts.id, { onDelete: "cascade" }),
    /**
     * shared-item, event-action, risk-assessment, compendium-proposal, community-invitation,
     * incident (a sitrep reminder), incident-task (a task assigned) (null for replies and answers:
     * see post_id).
     */
    subjectType: text("subject_type"),
    subjectId: uuid("subject_id"),
    /** One notification per key and user (a reminder's key holds its day): writing twice adds nothing. */
    dedupeKey: text("dedupe_key"),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: at("created_at").notNull(),
    readAt: at("read_at"),
    /** When it went out by e-mail (immediately or in a digest); null: not (yet). */
    emailedAt: at("emailed_at"),
  },
  (table) => [
    index("notifications_user_idx").on(table.userId, table.readAt, table.createdAt),
    index("notifications_subject_idx").on(table.subjectType, table.subjectId),
    uniqueIndex("notifications_dedupe_idx").on(table.userId, table.dedupeKey),
    check(
      "notifications_subject_check",
      sql`(${table.postId} is not null) or (${table.subjectType} in ('shared-item', 'event-action', 'risk-assessment', 'compendium-proposal', 'community-invitation', 'incident', 'incident-task') and ${table.subjectId} is not null)`,
    ),
  ],
);

/**
 * A person's notification settings: per topic, how they hear of it (in the app, e-mail at once, a
 * daily e-mail digest, or not at all), and the language of their e-mails.
 */
export const notificationSettings = pgTable("notification_settings", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** { topic: delivery }; topics not named take the default (in the app). */
  deliveries: jsonb("deliveries").notNull().default(sql`'{}'::jsonb`),
  language: text("language").notNull().default("en"),
  updatedAt: at("updated_at").notNull(),
});
