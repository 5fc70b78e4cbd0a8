CREATE TABLE "compendium_search_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compendium_tag_counts" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "compendium_tag_counts" CASCADE;--> statement-breakpoint
DROP INDEX "compendium_search_words_idx";--> statement-breakpoint
DROP INDEX "compendium_search_tags_idx";--> statement-breakpoint
ALTER TABLE "compendium_search" ADD COLUMN "seq" integer NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "compendium_search_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
CREATE UNIQUE INDEX "compendium_search_seq_key" ON "compendium_search" USING btree ("seq");--> statement-breakpoint
ALTER TABLE "compendium_search" DROP COLUMN "head";--> statement-breakpoint
-- Search moves into an index each server process holds (written by hand: Drizzle does not model
-- triggers). Tag counts are counted there, so their table and trigger go; the search row loses
-- `head` (ranking reads the weights in `words`) and gains `seq`; a version tells processes when
-- to reload.
DROP TRIGGER IF EXISTS compendium_tag_counts_sync ON compendium_search;--> statement-breakpoint
DROP FUNCTION IF EXISTS compendium_tag_counts_sync();--> statement-breakpoint
CREATE OR REPLACE FUNCTION compendium_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  config regconfig := compendium_search_config(NEW.language);
BEGIN
  INSERT INTO compendium_search (entry_id, organisation_id, marking, title, tags, words)
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
    setweight(to_tsvector(config, NEW.title), 'A') || setweight(to_tsvector(config, NEW.summary), 'B')
      || setweight(to_tsvector(config, NEW.body), 'C'))
  ON CONFLICT (entry_id) DO UPDATE SET
    organisation_id = EXCLUDED.organisation_id, marking = EXCLUDED.marking, title = EXCLUDED.title,
    tags = EXCLUDED.tags, words = EXCLUDED.words;
  RETURN NULL;
END
$$;--> statement-breakpoint
ALTER TABLE compendium_search_state ADD CONSTRAINT compendium_search_state_one_row CHECK (id = 1);--> statement-breakpoint
INSERT INTO compendium_search_state (id, version) VALUES (1, 1);--> statement-breakpoint
CREATE FUNCTION compendium_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE compendium_search_state SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER compendium_search_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON compendium_search
  FOR EACH STATEMENT EXECUTE FUNCTION compendium_search_changed();
