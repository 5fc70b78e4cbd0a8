CREATE TABLE "compendium_search_changes" (
	"version" bigint NOT NULL,
	"entry_id" uuid
);
--> statement-breakpoint
ALTER TABLE "compendium_search_state" ADD COLUMN "logged_from" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "compendium_search_changes_version_idx" ON "compendium_search_changes" USING btree ("version");
--> statement-breakpoint
-- hand-written:
-- The incremental search index (ADR 0022): the statement trigger that moves the search rows'
-- version also writes which entries the statement changed to compendium_search_changes, and tells
-- every server process on the channel bulwark_compendium ("<version> <entry id>,<entry id>..." or
-- "<version> *", delivered at commit, never for a rolled-back change). A process whose index is at
-- an older version reads the changed entries since its own version and updates just those. A
-- statement changing no row moves nothing. The log keeps the last 10,000 versions; a process
-- further behind (or a TRUNCATE, logged as a null entry) reloads in full.
UPDATE compendium_search_state SET logged_from = version WHERE id = 1;--> statement-breakpoint
DROP TRIGGER IF EXISTS compendium_search_changed ON compendium_search;--> statement-breakpoint
DROP FUNCTION IF EXISTS compendium_search_changed();--> statement-breakpoint
CREATE FUNCTION compendium_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
  kept bigint;
  changed int;
  ids text;
BEGIN
  SELECT count(*) INTO changed FROM changed_rows;
  IF changed = 0 THEN
    RETURN NULL;
  END IF;
  UPDATE compendium_search_state SET version = version + 1,
      logged_from = greatest(logged_from, version + 1 - 10000)
    WHERE id = 1 RETURNING version, logged_from INTO moved, kept;
  INSERT INTO compendium_search_changes (version, entry_id) SELECT moved, entry_id FROM changed_rows;
  -- Up to 100 ids fit one notification (under 8,000 bytes); beyond, "*": read them in the log.
  IF changed <= 100 THEN
    SELECT string_agg(entry_id::text, ',') INTO ids FROM changed_rows;
  END IF;
  PERFORM pg_notify('bulwark_compendium', moved::text || ' ' || coalesce(ids, '*'));
  DELETE FROM compendium_search_changes WHERE version <= kept;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION compendium_search_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
BEGIN
  UPDATE compendium_search_state SET version = version + 1 WHERE id = 1 RETURNING version INTO moved;
  INSERT INTO compendium_search_changes (version, entry_id) VALUES (moved, NULL);
  PERFORM pg_notify('bulwark_compendium', moved::text || ' *');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER compendium_search_inserted AFTER INSERT ON compendium_search
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION compendium_search_changed();--> statement-breakpoint
CREATE TRIGGER compendium_search_updated AFTER UPDATE ON compendium_search
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION compendium_search_changed();--> statement-breakpoint
CREATE TRIGGER compendium_search_deleted AFTER DELETE ON compendium_search
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION compendium_search_changed();--> statement-breakpoint
CREATE TRIGGER compendium_search_truncated AFTER TRUNCATE ON compendium_search
  FOR EACH STATEMENT EXECUTE FUNCTION compendium_search_truncated();
