CREATE TABLE "risk_assessment_versions" (
	"assessment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"score" integer NOT NULL,
	"record" jsonb NOT NULL,
	"author_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "risk_assessment_versions_assessment_id_version_pk" PRIMARY KEY("assessment_id","version")
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"scenario_id" uuid NOT NULL,
	"sector" text NOT NULL,
	"asset_ids" uuid[] NOT NULL,
	"title" text NOT NULL,
	"marking" text NOT NULL,
	"community_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"version" integer NOT NULL,
	"likelihood" integer NOT NULL,
	"vulnerability" integer NOT NULL,
	"consequence" integer NOT NULL,
	"score" integer NOT NULL,
	"exposure" integer NOT NULL,
	"band" text NOT NULL,
	"above_appetite" boolean NOT NULL,
	"residual_score" integer NOT NULL,
	"review_date" date NOT NULL,
	"record" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_methodologies" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"content" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"organisation_id" uuid,
	"family" text NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risk_assessment_versions" ADD CONSTRAINT "risk_assessment_versions_assessment_id_risk_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."risk_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessment_versions" ADD CONSTRAINT "risk_assessment_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_scenario_id_risk_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."risk_scenarios"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_methodologies" ADD CONSTRAINT "risk_methodologies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_methodologies" ADD CONSTRAINT "risk_methodologies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_scenarios" ADD CONSTRAINT "risk_scenarios_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_assessments_organisation_idx" ON "risk_assessments" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "risk_assessments_sector_idx" ON "risk_assessments" USING btree ("sector");--> statement-breakpoint
CREATE INDEX "risk_assessments_review_idx" ON "risk_assessments" USING btree ("review_date");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_scenarios_slug_key" ON "risk_scenarios" USING btree ("slug");