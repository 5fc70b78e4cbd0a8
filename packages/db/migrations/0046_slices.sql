CREATE TABLE "staged_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"touched_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "import_id" uuid;--> statement-breakpoint
CREATE INDEX "assets_import_idx" ON "assets" USING btree ("import_id") WHERE "assets"."import_id" is not null;