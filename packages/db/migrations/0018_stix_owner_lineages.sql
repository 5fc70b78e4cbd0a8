DROP INDEX "stix_objects_version_key";--> statement-breakpoint
CREATE INDEX "stix_objects_lineage_idx" ON "stix_objects" USING btree ("collection_id","stix_id","date_added");--> statement-breakpoint
CREATE UNIQUE INDEX "stix_objects_version_key" ON "stix_objects" USING btree ("collection_id","stix_id","owner_organisation_id","version");