CREATE TABLE "assistance_engagements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"offer_id" uuid,
	"state_organisation_id" uuid NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"proposed_by" uuid,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome_consent" boolean DEFAULT false NOT NULL,
	"baseline_run_id" uuid,
	"follow_up_run_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"started_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	CONSTRAINT "assistance_engagements_status_check" CHECK ("assistance_engagements"."status" in ('proposed', 'active', 'completed', 'declined', 'withdrawn')),
	CONSTRAINT "assistance_engagements_parties_check" CHECK ("assistance_engagements"."state_organisation_id" <> "assistance_engagements"."provider_organisation_id")
);
--> statement-breakpoint
CREATE TABLE "assistance_need_audience" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"community_id" uuid,
	"organisation_id" uuid,
	"user_id" uuid,
	CONSTRAINT "assistance_need_audience_one_check" CHECK (num_nonnulls("assistance_need_audience"."community_id", "assistance_need_audience"."organisation_id", "assistance_need_audience"."user_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "assistance_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"recorder_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"theme" text NOT NULL,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"section" text,
	"urgency" text NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"modality" text NOT NULL,
	"needed_by" date,
	"status" text DEFAULT 'open' NOT NULL,
	"tlp" text NOT NULL,
	"source_run_id" uuid,
	"source_question_id" text,
	"source_action_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "assistance_needs_tlp_check" CHECK (tlp in ('clear', 'green', 'amber', 'amber+strict', 'red')),
	CONSTRAINT "assistance_needs_status_check" CHECK ("assistance_needs"."status" in ('open', 'engaged', 'closed')),
	CONSTRAINT "assistance_needs_urgency_check" CHECK ("assistance_needs"."urgency" in ('low', 'medium', 'high'))
);
--> statement-breakpoint
CREATE TABLE "assistance_offer_audience" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"community_id" uuid,
	"organisation_id" uuid,
	"user_id" uuid,
	CONSTRAINT "assistance_offer_audience_one_check" CHECK (num_nonnulls("assistance_offer_audience"."community_id", "assistance_offer_audience"."organisation_id", "assistance_offer_audience"."user_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "assistance_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"recorder_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"themes" text[] NOT NULL,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"modalities" text[] NOT NULL,
	"capacity" integer,
	"available_from" date,
	"available_until" date,
	"status" text DEFAULT 'open' NOT NULL,
	"tlp" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "assistance_offers_tlp_check" CHECK (tlp in ('clear', 'green', 'amber', 'amber+strict', 'red')),
	CONSTRAINT "assistance_offers_status_check" CHECK ("assistance_offers"."status" in ('open', 'closed')),
	CONSTRAINT "assistance_offers_window_check" CHECK ("assistance_offers"."available_from" is null or "assistance_offers"."available_until" is null or "assistance_offers"."available_from" <= "assistance_offers"."available_until")
);
--> statement-breakpoint
ALTER TABLE "assistance_engagements" ADD CONSTRAINT "assistance_engagements_need_id_assistance_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."assistance_needs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_engagements" ADD CONSTRAINT "assistance_engagements_offer_id_assistance_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."assistance_offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_engagements" ADD CONSTRAINT "assistance_engagements_state_organisation_id_organisations_id_fk" FOREIGN KEY ("state_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_engagements" ADD CONSTRAINT "assistance_engagements_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_engagements" ADD CONSTRAINT "assistance_engagements_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_engagements" ADD CONSTRAINT "assistance_engagements_baseline_run_id_self_assessment_runs_id_fk" FOREIGN KEY ("baseline_run_id") REFERENCES "public"."self_assessment_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_engagements" ADD CONSTRAINT "assistance_engagements_follow_up_run_id_self_assessment_runs_id_fk" FOREIGN KEY ("follow_up_run_id") REFERENCES "public"."self_assessment_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_need_audience" ADD CONSTRAINT "assistance_need_audience_need_id_assistance_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."assistance_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_need_audience" ADD CONSTRAINT "assistance_need_audience_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_need_audience" ADD CONSTRAINT "assistance_need_audience_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_need_audience" ADD CONSTRAINT "assistance_need_audience_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_needs" ADD CONSTRAINT "assistance_needs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_needs" ADD CONSTRAINT "assistance_needs_recorder_id_users_id_fk" FOREIGN KEY ("recorder_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_needs" ADD CONSTRAINT "assistance_needs_source_run_id_self_assessment_runs_id_fk" FOREIGN KEY ("source_run_id") REFERENCES "public"."self_assessment_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_needs" ADD CONSTRAINT "assistance_needs_source_action_id_event_actions_id_fk" FOREIGN KEY ("source_action_id") REFERENCES "public"."event_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_offer_audience" ADD CONSTRAINT "assistance_offer_audience_offer_id_assistance_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."assistance_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_offer_audience" ADD CONSTRAINT "assistance_offer_audience_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_offer_audience" ADD CONSTRAINT "assistance_offer_audience_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_offer_audience" ADD CONSTRAINT "assistance_offer_audience_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_offers" ADD CONSTRAINT "assistance_offers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_offers" ADD CONSTRAINT "assistance_offers_recorder_id_users_id_fk" FOREIGN KEY ("recorder_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistance_engagements_need_idx" ON "assistance_engagements" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "assistance_engagements_state_idx" ON "assistance_engagements" USING btree ("state_organisation_id");--> statement-breakpoint
CREATE INDEX "assistance_engagements_provider_idx" ON "assistance_engagements" USING btree ("provider_organisation_id");--> statement-breakpoint
CREATE INDEX "assistance_engagements_offer_idx" ON "assistance_engagements" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "assistance_need_audience_need_idx" ON "assistance_need_audience" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "assistance_need_audience_organisation_idx" ON "assistance_need_audience" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "assistance_need_audience_community_idx" ON "assistance_need_audience" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "assistance_need_audience_user_idx" ON "assistance_need_audience" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "assistance_needs_organisation_idx" ON "assistance_needs" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "assistance_needs_theme_idx" ON "assistance_needs" USING btree ("theme","status");--> statement-breakpoint
CREATE INDEX "assistance_offer_audience_offer_idx" ON "assistance_offer_audience" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "assistance_offer_audience_organisation_idx" ON "assistance_offer_audience" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "assistance_offer_audience_community_idx" ON "assistance_offer_audience" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "assistance_offer_audience_user_idx" ON "assistance_offer_audience" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "assistance_offers_organisation_idx" ON "assistance_offers" USING btree ("organisation_id");