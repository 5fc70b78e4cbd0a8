-- hand-written: live updates of shared items (issue 17, ADR 0025). Every change to a shared item
-- that a reader's list shows (created, a new status, revised, a new marking) and every change to
-- its audience tells every server process on the channel bulwark_sharing, in the changing
-- transaction (delivered at commit, never for a rolled-back change). The payload carries the item's
-- id only: each process asks the database, under each reader's scope, who may hear of it.
-- PostgreSQL sends one notification per distinct payload in a transaction, so an item changed in
-- several statements is announced once. Work that changes no visible field (new pseudonyms, which
-- keep updated_at) says nothing.
CREATE FUNCTION shared_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'shared_items' THEN
    PERFORM pg_notify('bulwark_sharing', json_build_object('id', NEW.id)::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('bulwark_sharing', json_build_object('id', OLD.item_id)::text);
  ELSE
    PERFORM pg_notify('bulwark_sharing', json_build_object('id', NEW.item_id)::text);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER shared_item_created AFTER INSERT ON shared_items
  FOR EACH ROW EXECUTE FUNCTION shared_item_changed();--> statement-breakpoint
CREATE TRIGGER shared_item_updated AFTER UPDATE ON shared_items
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
    OR OLD.tlp IS DISTINCT FROM NEW.tlp OR OLD.approver_id IS DISTINCT FROM NEW.approver_id)
  EXECUTE FUNCTION shared_item_changed();--> statement-breakpoint
CREATE TRIGGER shared_item_audience_changed AFTER INSERT OR DELETE ON shared_item_audience
  FOR EACH ROW EXECUTE FUNCTION shared_item_changed();
