-- hand-written (ADR 0058): the check of stix_objects' parents (migration 0044, ADR 0038) reads the
-- statement's rows once instead of eight times. It read the transition table twice per parent
-- (the count of distinct values, then the values to look up), eight reads of a 5,000-row import
-- slice that no longer fits in memory and is read back from a temporary file: about a sixth of the
-- slice's insert. Same parents locked FOR KEY SHARE, in the same order, same refusals.
CREATE OR REPLACE FUNCTION stix_objects_check_parents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  collections uuid[];
  owners uuid[];
  adders uuid[];
  items uuid[];
BEGIN
  SELECT array_agg(DISTINCT collection_id) FILTER (WHERE collection_id IS NOT NULL),
      array_agg(DISTINCT owner_organisation_id) FILTER (WHERE owner_organisation_id IS NOT NULL),
      array_agg(DISTINCT added_by) FILTER (WHERE added_by IS NOT NULL),
      array_agg(DISTINCT shared_item_id) FILTER (WHERE shared_item_id IS NOT NULL)
    INTO collections, owners, adders, items FROM stix_rows;
  IF coalesce(cardinality(collections), 0) <> (SELECT count(*) FROM (SELECT 1 FROM communities
      WHERE id = ANY (collections) FOR KEY SHARE) AS held) THEN
    PERFORM stix_objects_missing_parent('stix_objects_collection_id_communities_id_fk', 'communities');
  END IF;
  IF coalesce(cardinality(owners), 0) <> (SELECT count(*) FROM (SELECT 1 FROM organisations
      WHERE id = ANY (owners) FOR KEY SHARE) AS held) THEN
    PERFORM stix_objects_missing_parent('stix_objects_owner_organisation_id_organisations_id_fk', 'organisations');
  END IF;
  IF coalesce(cardinality(adders), 0) <> (SELECT count(*) FROM (SELECT 1 FROM users
      WHERE id = ANY (adders) FOR KEY SHARE) AS held) THEN
    PERFORM stix_objects_missing_parent('stix_objects_added_by_users_id_fk', 'users');
  END IF;
  IF coalesce(cardinality(items), 0) <> (SELECT count(*) FROM (SELECT 1 FROM shared_items
      WHERE id = ANY (items) FOR KEY SHARE) AS held) THEN
    PERFORM stix_objects_missing_parent('stix_objects_shared_item_id_shared_items_id_fk', 'shared_items');
  END IF;
  RETURN NULL;
END
$$;
