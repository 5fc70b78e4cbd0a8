ALTER TABLE "stix_objects" DROP CONSTRAINT "stix_objects_collection_id_communities_id_fk";
--> statement-breakpoint
ALTER TABLE "stix_objects" DROP CONSTRAINT "stix_objects_owner_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "stix_objects" DROP CONSTRAINT "stix_objects_added_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stix_objects" DROP CONSTRAINT "stix_objects_shared_item_id_shared_items_id_fk";
--> statement-breakpoint
DROP INDEX "stix_objects_lineage_idx";--> statement-breakpoint
DROP INDEX "stix_objects_stix_id_idx";--> statement-breakpoint
-- hand-written: the four foreign keys of stix_objects, checked once per statement instead of once
-- per row (issue 13, ADR 0038). A statement that adds or changes rows locks each parent they name
-- (FOR KEY SHARE, as a foreign key's check does) and fails with SQLSTATE 23503 when one is
-- missing; the parents' deletes do what the keys did: a community's objects go with it
-- (cascade), an organisation that owns objects stays (restrict), a user or shared item leaves
-- them without it (set null); a parent's id never changes while referenced; truncating a parent
-- while objects remain fails.
CREATE FUNCTION stix_objects_missing_parent(constraint_name text, parent text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'insert or update on table "stix_objects" violates foreign key constraint "%"', constraint_name
    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = constraint_name, TABLE = 'stix_objects',
      DETAIL = format('A referenced row is not present in table "%s".', parent);
END
$$;--> statement-breakpoint
CREATE FUNCTION stix_objects_check_parents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(DISTINCT collection_id) FROM stix_rows) <> (SELECT count(*) FROM (SELECT 1 FROM communities
      WHERE id IN (SELECT collection_id FROM stix_rows) FOR KEY SHARE) AS held) THEN
    PERFORM stix_objects_missing_parent('stix_objects_collection_id_communities_id_fk', 'communities');
  END IF;
  IF (SELECT count(DISTINCT owner_organisation_id) FROM stix_rows) <> (SELECT count(*) FROM (SELECT 1 FROM organisations
      WHERE id IN (SELECT owner_organisation_id FROM stix_rows) FOR KEY SHARE) AS held) THEN
    PERFORM stix_objects_missing_parent('stix_objects_owner_organisation_id_organisations_id_fk', 'organisations');
  END IF;
  IF (SELECT count(DISTINCT added_by) FROM stix_rows) <> (SELECT count(*) FROM (SELECT 1 FROM users
      WHERE id IN (SELECT added_by FROM stix_rows) FOR KEY SHARE) AS held) THEN
    PERFORM stix_objects_missing_parent('stix_objects_added_by_users_id_fk', 'users');
  END IF;
  IF (SELECT count(DISTINCT shared_item_id) FROM stix_rows) <> (SELECT count(*) FROM (SELECT 1 FROM shared_items
      WHERE id IN (SELECT shared_item_id FROM stix_rows) FOR KEY SHARE) AS held) THEN
    PERFORM stix_objects_missing_parent('stix_objects_shared_item_id_shared_items_id_fk', 'shared_items');
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER stix_objects_parents_on_insert AFTER INSERT ON stix_objects REFERENCING NEW TABLE AS stix_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_check_parents();--> statement-breakpoint
CREATE TRIGGER stix_objects_parents_on_update AFTER UPDATE ON stix_objects REFERENCING NEW TABLE AS stix_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_check_parents();--> statement-breakpoint
CREATE FUNCTION stix_objects_parent_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'communities' THEN
    DELETE FROM stix_objects WHERE collection_id IN (SELECT id FROM parent_rows);
  ELSIF TG_TABLE_NAME = 'organisations' THEN
    IF EXISTS (SELECT 1 FROM stix_objects WHERE owner_organisation_id IN (SELECT id FROM parent_rows)) THEN
      RAISE EXCEPTION 'update or delete on table "organisations" violates foreign key constraint "stix_objects_owner_organisation_id_organisations_id_fk" on table "stix_objects"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'stix_objects_owner_organisation_id_organisations_id_fk',
          TABLE = 'organisations', DETAIL = 'The organisation is still referenced from table "stix_objects".';
    END IF;
  ELSIF TG_TABLE_NAME = 'users' THEN
    UPDATE stix_objects SET added_by = NULL WHERE added_by IN (SELECT id FROM parent_rows);
  ELSIF TG_TABLE_NAME = 'shared_items' THEN
    UPDATE stix_objects SET shared_item_id = NULL WHERE shared_item_id IN (SELECT id FROM parent_rows);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER stix_objects_communities_deleted AFTER DELETE ON communities REFERENCING OLD TABLE AS parent_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_parent_deleted();--> statement-breakpoint
CREATE TRIGGER stix_objects_organisations_deleted AFTER DELETE ON organisations REFERENCING OLD TABLE AS parent_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_parent_deleted();--> statement-breakpoint
CREATE TRIGGER stix_objects_users_deleted AFTER DELETE ON users REFERENCING OLD TABLE AS parent_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_parent_deleted();--> statement-breakpoint
CREATE TRIGGER stix_objects_shared_items_deleted AFTER DELETE ON shared_items REFERENCING OLD TABLE AS parent_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_parent_deleted();--> statement-breakpoint
CREATE FUNCTION stix_objects_parent_key_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    -- After the whole TRUNCATE: fine when stix_objects was truncated with it (a restore).
    IF EXISTS (SELECT 1 FROM stix_objects) THEN
      RAISE EXCEPTION 'cannot truncate table "%" referenced by stix_objects', TG_TABLE_NAME
        USING ERRCODE = 'feature_not_supported', HINT = 'Truncate table "stix_objects" at the same time.';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM stix_objects WHERE OLD.id = CASE TG_TABLE_NAME WHEN 'communities' THEN collection_id
      WHEN 'organisations' THEN owner_organisation_id WHEN 'users' THEN added_by ELSE shared_item_id END) THEN
    RAISE EXCEPTION 'update on table "%" violates a foreign key of table "stix_objects"', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER stix_objects_communities_key AFTER UPDATE OF id ON communities FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION stix_objects_parent_key_kept();--> statement-breakpoint
CREATE TRIGGER stix_objects_organisations_key AFTER UPDATE OF id ON organisations FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION stix_objects_parent_key_kept();--> statement-breakpoint
CREATE TRIGGER stix_objects_users_key AFTER UPDATE OF id ON users FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION stix_objects_parent_key_kept();--> statement-breakpoint
CREATE TRIGGER stix_objects_shared_items_key AFTER UPDATE OF id ON shared_items FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION stix_objects_parent_key_kept();--> statement-breakpoint
CREATE TRIGGER stix_objects_communities_truncated AFTER TRUNCATE ON communities
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_parent_key_kept();--> statement-breakpoint
CREATE TRIGGER stix_objects_organisations_truncated AFTER TRUNCATE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_parent_key_kept();--> statement-breakpoint
CREATE TRIGGER stix_objects_users_truncated AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_parent_key_kept();--> statement-breakpoint
CREATE TRIGGER stix_objects_shared_items_truncated AFTER TRUNCATE ON shared_items
  FOR EACH STATEMENT EXECUTE FUNCTION stix_objects_parent_key_kept();
--> statement-breakpoint
-- hand-written: ANALYZE skips the objects themselves (no query's plan depends on the statistics of
-- the jsonb column; sorting a sample of them was 40% of the ANALYZE after each large import).
ALTER TABLE stix_objects ALTER COLUMN object SET STATISTICS 0;
