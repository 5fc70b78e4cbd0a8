DROP INDEX "assets_ref_key";--> statement-breakpoint
CREATE UNIQUE INDEX "assets_operator_ref_key" ON "assets" USING btree ("operator_id","ref");