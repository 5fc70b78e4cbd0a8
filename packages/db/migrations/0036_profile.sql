CREATE TABLE "implementation_profile_share_audience" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"share_id" uuid NOT NULL,
	"community_id" uuid,
	"organisation_id" uuid,
	"user_id" uuid,
	CONSTRAINT "implementation_profile_share_audience_one_check" CHECK (num_nonnulls("implementation_profile_share_audience"."community_id", "implementation_profile_share_audience"."organisation_id", "implementation_profile_share_audience"."user_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "implementation_profile_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"shared_by" uuid NOT NULL,
	"tlp" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "implementation_profile_shares_tlp_check" CHECK ("implementation_profile_shares"."tlp" in ('clear', 'green', 'amber', 'amber+strict', 'red'))
);
--> statement-breakpoint
ALTER TABLE "implementation_profile_share_audience" ADD CONSTRAINT "implementation_profile_share_audience_share_id_implementation_profile_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."implementation_profile_shares"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_profile_share_audience" ADD CONSTRAINT "implementation_profile_share_audience_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_profile_share_audience" ADD CONSTRAINT "implementation_profile_share_audience_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_profile_share_audience" ADD CONSTRAINT "implementation_profile_share_audience_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_profile_shares" ADD CONSTRAINT "implementation_profile_shares_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_profile_shares" ADD CONSTRAINT "implementation_profile_shares_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "implementation_profile_share_audience_share_idx" ON "implementation_profile_share_audience" USING btree ("share_id");--> statement-breakpoint
CREATE UNIQUE INDEX "implementation_profile_shares_country_key" ON "implementation_profile_shares" USING btree ("country");