CREATE TABLE "incident_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "incident_assets_status_check" CHECK ("incident_assets"."status" in ('down', 'degraded', 'restored'))
);
--> statement-breakpoint
CREATE TABLE "incident_audience" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"community_id" uuid,
	"organisation_id" uuid,
	"user_id" uuid,
	CONSTRAINT "incident_audience_one_check" CHECK (num_nonnulls("incident_audience"."community_id", "incident_audience"."organisation_id", "incident_audience"."user_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "incident_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"from_incident_id" uuid NOT NULL,
	"filer_id" uuid NOT NULL,
	"filer_organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"tlp" text NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"merged_at" timestamp (3) with time zone,
	"merged_by" uuid
);
--> statement-breakpoint
CREATE TABLE "incident_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"report" text NOT NULL,
	"body" text NOT NULL,
	"filer_id" uuid NOT NULL,
	"filer_organisation_id" uuid NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_state_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"state" text NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	"regime" text NOT NULL,
	"tlp" text NOT NULL,
	"filer_id" uuid NOT NULL,
	"filer_organisation_id" uuid NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"aware_at" timestamp (3) with time zone NOT NULL,
	"suspected_cause" text NOT NULL,
	"threat_family" text,
	"cause_details" text DEFAULT '' NOT NULL,
	"services_affected" text[] DEFAULT '{}'::text[] NOT NULL,
	"people_affected" bigint,
	"effects_abroad" text[] DEFAULT '{}'::text[] NOT NULL,
	"effects_abroad_details" text DEFAULT '' NOT NULL,
	"merged_into_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	CONSTRAINT "incidents_tlp_check" CHECK ("incidents"."tlp" in ('clear', 'green', 'amber', 'amber+strict', 'red')),
	CONSTRAINT "incidents_state_check" CHECK ("incidents"."state" in ('reported', 'acknowledged', 'responding', 'recovering', 'closed')),
	CONSTRAINT "incidents_cause_check" CHECK (("incidents"."suspected_cause" = 'attack') = ("incidents"."threat_family" is not null))
);
--> statement-breakpoint
ALTER TABLE "incident_assets" ADD CONSTRAINT "incident_assets_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_assets" ADD CONSTRAINT "incident_assets_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_audience" ADD CONSTRAINT "incident_audience_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_audience" ADD CONSTRAINT "incident_audience_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_audience" ADD CONSTRAINT "incident_audience_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_audience" ADD CONSTRAINT "incident_audience_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notices" ADD CONSTRAINT "incident_notices_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notices" ADD CONSTRAINT "incident_notices_filer_id_users_id_fk" FOREIGN KEY ("filer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notices" ADD CONSTRAINT "incident_notices_filer_organisation_id_organisations_id_fk" FOREIGN KEY ("filer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_notices" ADD CONSTRAINT "incident_notices_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reports" ADD CONSTRAINT "incident_reports_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reports" ADD CONSTRAINT "incident_reports_filer_id_users_id_fk" FOREIGN KEY ("filer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reports" ADD CONSTRAINT "incident_reports_filer_organisation_id_organisations_id_fk" FOREIGN KEY ("filer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_state_changes" ADD CONSTRAINT "incident_state_changes_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_state_changes" ADD CONSTRAINT "incident_state_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_filer_id_users_id_fk" FOREIGN KEY ("filer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_filer_organisation_id_organisations_id_fk" FOREIGN KEY ("filer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_assets_incident_idx" ON "incident_assets" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "incident_assets_asset_idx" ON "incident_assets" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "incident_audience_incident_idx" ON "incident_audience" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_audience_organisation_idx" ON "incident_audience" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "incident_audience_community_idx" ON "incident_audience" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "incident_audience_user_idx" ON "incident_audience" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "incident_notices_incident_idx" ON "incident_notices" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_notices_organisation_idx" ON "incident_notices" USING btree ("filer_organisation_id");--> statement-breakpoint
CREATE INDEX "incident_reports_incident_idx" ON "incident_reports" USING btree ("incident_id","filed_at");--> statement-breakpoint
CREATE INDEX "incident_state_changes_incident_idx" ON "incident_state_changes" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "incidents_filer_org_idx" ON "incidents" USING btree ("filer_organisation_id");--> statement-breakpoint
CREATE INDEX "incidents_state_idx" ON "incidents" USING btree ("state");