CREATE TABLE "compendium_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"organisation_id" uuid,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"tool_kind" text,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"phases" text[] DEFAULT '{}'::text[] NOT NULL,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"threats" text[] DEFAULT '{}'::text[] NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"marking" text DEFAULT 'clear' NOT NULL,
	"source" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compendium_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid,
	"slug" text NOT NULL,
	"base_version" integer,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"note" text,
	"author_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"published_version" integer,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compendium_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"proposal_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"action" text NOT NULL,
	"comment" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compendium_search" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid,
	"marking" text NOT NULL,
	"title" text NOT NULL,
	"tags" text[] NOT NULL,
	"head" "tsvector" NOT NULL,
	"words" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compendium_tag_counts" (
	"tag" text NOT NULL,
	"marking" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "compendium_tag_counts_tag_marking_pk" PRIMARY KEY("tag","marking")
);
--> statement-breakpoint
CREATE TABLE "compendium_versions" (
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"author_id" uuid,
	"note" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "compendium_versions_entry_id_version_pk" PRIMARY KEY("entry_id","version")
);
--> statement-breakpoint
ALTER TABLE "compendium_entries" ADD CONSTRAINT "compendium_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compendium_proposals" ADD CONSTRAINT "compendium_proposals_entry_id_compendium_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."compendium_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compendium_proposals" ADD CONSTRAINT "compendium_proposals_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compendium_proposals" ADD CONSTRAINT "compendium_proposals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compendium_reviews" ADD CONSTRAINT "compendium_reviews_proposal_id_compendium_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."compendium_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compendium_reviews" ADD CONSTRAINT "compendium_reviews_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compendium_search" ADD CONSTRAINT "compendium_search_entry_id_compendium_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."compendium_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compendium_versions" ADD CONSTRAINT "compendium_versions_entry_id_compendium_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."compendium_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compendium_versions" ADD CONSTRAINT "compendium_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "compendium_entries_slug_key" ON "compendium_entries" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "compendium_entries_organisation_idx" ON "compendium_entries" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "compendium_proposals_state_idx" ON "compendium_proposals" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "compendium_proposals_organisation_idx" ON "compendium_proposals" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "compendium_reviews_position_key" ON "compendium_reviews" USING btree ("proposal_id","position");--> statement-breakpoint
CREATE INDEX "compendium_search_words_idx" ON "compendium_search" USING gin ("words");--> statement-breakpoint
CREATE INDEX "compendium_search_tags_idx" ON "compendium_search" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "compendium_search_title_idx" ON "compendium_search" USING btree ("title","entry_id");--> statement-breakpoint
CREATE INDEX "compendium_search_restricted_idx" ON "compendium_search" USING btree ("marking") WHERE marking <> 'clear';--> statement-breakpoint
-- Search rows follow their entries, and tag counts follow search rows (written by hand: Drizzle
-- does not model triggers).
CREATE FUNCTION compendium_search_config(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE language
    WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig
    WHEN 'es' THEN 'spanish'::regconfig WHEN 'ru' THEN 'russian'::regconfig
    WHEN 'ar' THEN 'arabic'::regconfig ELSE 'simple'::regconfig END
$$;--> statement-breakpoint
CREATE FUNCTION compendium_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  config regconfig := compendium_search_config(NEW.language);
  head tsvector := setweight(to_tsvector(config, NEW.title), 'A') || setweight(to_tsvector(config, NEW.summary), 'B');
BEGIN
  INSERT INTO compendium_search (entry_id, organisation_id, marking, title, tags, head, words)
  VALUES (
    NEW.id, NEW.organisation_id, NEW.marking, NEW.title,
    ARRAY(SELECT DISTINCT tag FROM unnest(
      ARRAY['type:' || NEW.type]
      || ARRAY(SELECT 'phase:' || v FROM unnest(NEW.phases) AS v)
      || ARRAY(SELECT 'sector:' || v FROM unnest(NEW.sectors) AS v)
      || ARRAY(SELECT 'threat:' || v FROM unnest(NEW.threats) AS v)
      || ARRAY(SELECT 'theme:' || v FROM unnest(NEW.themes) AS v)
      || ARRAY(SELECT 'region:' || v FROM unnest(NEW.regions) AS v)
      || ARRAY(SELECT 'country:' || v FROM unnest(NEW.countries) AS v)
      || ARRAY(SELECT 'language:' || v FROM unnest(NEW.languages) AS v)) AS tag ORDER BY tag),
    head,
    head || setweight(to_tsvector(config, NEW.body), 'C'))
  ON CONFLICT (entry_id) DO UPDATE SET
    organisation_id = EXCLUDED.organisation_id, marking = EXCLUDED.marking, title = EXCLUDED.title,
    tags = EXCLUDED.tags, head = EXCLUDED.head, words = EXCLUDED.words;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER compendium_search_sync AFTER INSERT OR UPDATE ON compendium_entries
  FOR EACH ROW EXECUTE FUNCTION compendium_search_sync();--> statement-breakpoint
CREATE FUNCTION compendium_tag_counts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE compendium_tag_counts AS c SET count = c.count - 1
      WHERE c.marking = OLD.marking AND c.tag = ANY (OLD.tags || ARRAY['']);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO compendium_tag_counts (tag, marking, count)
      SELECT tag, NEW.marking, 1 FROM unnest(NEW.tags || ARRAY['']) AS tag
      ON CONFLICT (tag, marking) DO UPDATE SET count = compendium_tag_counts.count + 1;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER compendium_tag_counts_sync AFTER INSERT OR UPDATE OR DELETE ON compendium_search
  FOR EACH ROW EXECUTE FUNCTION compendium_tag_counts_sync();--> statement-breakpoint
-- Narrow rows: `words` lives out of the row (read through its index, and to rank matches found
-- only in bodies); `head` and `tags` stay in it.
ALTER TABLE compendium_search ALTER COLUMN words SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE compendium_search ALTER COLUMN head SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE compendium_search ALTER COLUMN tags SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE compendium_search SET (toast_tuple_target = 128);
