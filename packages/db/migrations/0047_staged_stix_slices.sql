CREATE TABLE "staged_stix_slices" (
	"import_id" uuid NOT NULL,
	"collection_id" uuid NOT NULL,
	"first_added" timestamp (6) with time zone NOT NULL,
	"last_added" timestamp (6) with time zone NOT NULL,
	CONSTRAINT "staged_stix_slices_import_id_first_added_pk" PRIMARY KEY("import_id","first_added")
);
--> statement-breakpoint
ALTER TABLE "staged_stix_slices" ADD CONSTRAINT "staged_stix_slices_import_id_staged_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."staged_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staged_stix_slices" ADD CONSTRAINT "staged_stix_slices_collection_id_communities_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staged_stix_slices_collection_idx" ON "staged_stix_slices" USING btree ("collection_id","first_added");