CREATE TABLE "shared_item_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea",
	"personal" boolean DEFAULT false NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL,
	"purged_at" timestamp (3) with time zone,
	CONSTRAINT "shared_item_attachments_size_check" CHECK ("shared_item_attachments"."size" > 0),
	CONSTRAINT "shared_item_attachments_purged_check" CHECK (("shared_item_attachments"."content" is null) = ("shared_item_attachments"."purged_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "shared_items" ADD COLUMN "public_title" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "shared_item_attachments" ADD CONSTRAINT "shared_item_attachments_item_id_shared_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."shared_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_attachments" ADD CONSTRAINT "shared_item_attachments_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shared_item_attachments_item_idx" ON "shared_item_attachments" USING btree ("item_id");