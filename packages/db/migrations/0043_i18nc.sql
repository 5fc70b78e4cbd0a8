CREATE TABLE "compendium_translations" (
	"entry_id" uuid NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"words" "tsvector" NOT NULL,
	CONSTRAINT "compendium_translations_entry_id_language_pk" PRIMARY KEY("entry_id","language")
);
--> statement-breakpoint
ALTER TABLE "compendium_translations" ADD CONSTRAINT "compendium_translations_entry_id_compendium_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."compendium_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- hand-written: an entry's search row holds its translations (issue 15): the words of the title
-- (A) and summary (B), then those of every translation (each stemmed in its own language when
-- it was stored), then the body (C). The translations trigger rebuilds the search rows of the
-- entries a statement touched (one UPDATE: one version, one notification, ADR 0023).
CREATE OR REPLACE FUNCTION compendium_search_words(e compendium_entries) RETURNS tsvector LANGUAGE plpgsql STABLE AS $$
DECLARE
  config regconfig := compendium_search_config(e.language);
  result tsvector := setweight(to_tsvector(config, e.title), 'A') || setweight(to_tsvector(config, e.summary), 'B');
  part tsvector;
BEGIN
  FOR part IN SELECT t.words FROM compendium_translations AS t WHERE t.entry_id = e.id ORDER BY t.language LOOP
    result := result || part;
  END LOOP;
  RETURN result || setweight(to_tsvector(config, e.body), 'C');
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION compendium_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
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
    compendium_search_words(NEW))
  ON CONFLICT (entry_id) DO UPDATE SET
    organisation_id = EXCLUDED.organisation_id, marking = EXCLUDED.marking, title = EXCLUDED.title,
    tags = EXCLUDED.tags, words = EXCLUDED.words;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION compendium_translations_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE compendium_search AS s SET words = compendium_search_words(e)
  FROM compendium_entries AS e
  WHERE e.id = s.entry_id AND e.id IN (SELECT DISTINCT entry_id FROM changed_rows);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER compendium_translations_inserted AFTER INSERT ON compendium_translations
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION compendium_translations_sync();--> statement-breakpoint
CREATE TRIGGER compendium_translations_updated AFTER UPDATE ON compendium_translations
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION compendium_translations_sync();--> statement-breakpoint
CREATE TRIGGER compendium_translations_deleted AFTER DELETE ON compendium_translations
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION compendium_translations_sync();
