CREATE TABLE "shared_item_acknowledgements" (
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"state" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "shared_item_acknowledgements_item_id_user_id_pk" PRIMARY KEY("item_id","user_id"),
	CONSTRAINT "shared_item_acknowledgements_state_check" CHECK ("shared_item_acknowledgements"."state" in ('received', 'acted'))
);
--> statement-breakpoint
CREATE TABLE "shared_item_audience" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"community_id" uuid,
	"organisation_id" uuid,
	"user_id" uuid,
	"reshare_id" uuid,
	CONSTRAINT "shared_item_audience_one_check" CHECK (num_nonnulls("shared_item_audience"."community_id", "shared_item_audience"."organisation_id", "shared_item_audience"."user_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "shared_item_reads" (
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "shared_item_reads_user_id_item_id_pk" PRIMARY KEY("user_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "shared_item_reshares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shared_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"public_body" text NOT NULL,
	"personal_data_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"personal_data_purged_at" timestamp (3) with time zone,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"asset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"tlp" text NOT NULL,
	"author_id" uuid NOT NULL,
	"author_organisation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"approver_id" uuid,
	"reveal_audience" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"published_at" timestamp (3) with time zone,
	CONSTRAINT "shared_items_tlp_check" CHECK ("shared_items"."tlp" in ('clear', 'green', 'amber', 'amber+strict', 'red')),
	CONSTRAINT "shared_items_status_check" CHECK ("shared_items"."status" in ('draft', 'awaiting-approval', 'published', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "sharing_organisation_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"requires_four_eyes" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shared_item_acknowledgements" ADD CONSTRAINT "shared_item_acknowledgements_item_id_shared_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."shared_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_acknowledgements" ADD CONSTRAINT "shared_item_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_acknowledgements" ADD CONSTRAINT "shared_item_acknowledgements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_audience" ADD CONSTRAINT "shared_item_audience_item_id_shared_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."shared_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_audience" ADD CONSTRAINT "shared_item_audience_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_audience" ADD CONSTRAINT "shared_item_audience_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_audience" ADD CONSTRAINT "shared_item_audience_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_audience" ADD CONSTRAINT "shared_item_audience_reshare_id_shared_item_reshares_id_fk" FOREIGN KEY ("reshare_id") REFERENCES "public"."shared_item_reshares"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_reads" ADD CONSTRAINT "shared_item_reads_item_id_shared_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."shared_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_reads" ADD CONSTRAINT "shared_item_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_reshares" ADD CONSTRAINT "shared_item_reshares_item_id_shared_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."shared_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_reshares" ADD CONSTRAINT "shared_item_reshares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_item_reshares" ADD CONSTRAINT "shared_item_reshares_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_items" ADD CONSTRAINT "shared_items_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_items" ADD CONSTRAINT "shared_items_author_organisation_id_organisations_id_fk" FOREIGN KEY ("author_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_items" ADD CONSTRAINT "shared_items_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_organisation_settings" ADD CONSTRAINT "sharing_organisation_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shared_item_audience_item_idx" ON "shared_item_audience" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "shared_item_audience_community_idx" ON "shared_item_audience" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "shared_item_audience_organisation_idx" ON "shared_item_audience" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "shared_item_audience_user_idx" ON "shared_item_audience" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "shared_item_reshares_item_idx" ON "shared_item_reshares" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "shared_items_author_org_idx" ON "shared_items" USING btree ("author_organisation_id","status");--> statement-breakpoint
CREATE INDEX "shared_items_published_idx" ON "shared_items" USING btree ("published_at");