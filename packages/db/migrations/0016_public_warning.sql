ALTER TABLE "shared_items" ADD COLUMN "public_warning" jsonb;--> statement-breakpoint
ALTER TABLE "shared_items" ADD COLUMN "public_texts_version" integer DEFAULT 1 NOT NULL;