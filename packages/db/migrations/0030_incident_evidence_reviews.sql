CREATE TABLE "incident_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"description" text NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text DEFAULT '' NOT NULL,
	"file_size" bigint,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "incident_evidence_sha256_check" CHECK ("incident_evidence"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "incident_evidence_custody" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"from_holder" text NOT NULL,
	"to_holder" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"item" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "incident_evidence_custody_kind_check" CHECK ("incident_evidence_custody"."kind" in ('collected', 'transfer'))
);
--> statement-breakpoint
CREATE TABLE "incident_evidence_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"shared_by" uuid NOT NULL,
	"shared_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_review_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "incident_review_actions_status_check" CHECK ("incident_review_actions"."status" in ('open', 'in-progress', 'done', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "incident_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"went_well" text NOT NULL,
	"to_improve" text NOT NULL,
	"author_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"proposal_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_evidence" ADD CONSTRAINT "incident_evidence_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_evidence" ADD CONSTRAINT "incident_evidence_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_evidence" ADD CONSTRAINT "incident_evidence_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_evidence_custody" ADD CONSTRAINT "incident_evidence_custody_evidence_id_incident_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."incident_evidence"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_evidence_custody" ADD CONSTRAINT "incident_evidence_custody_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_evidence_shares" ADD CONSTRAINT "incident_evidence_shares_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_evidence_shares" ADD CONSTRAINT "incident_evidence_shares_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_evidence_shares" ADD CONSTRAINT "incident_evidence_shares_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_review_actions" ADD CONSTRAINT "incident_review_actions_review_id_incident_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."incident_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_review_actions" ADD CONSTRAINT "incident_review_actions_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_proposal_id_compendium_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."compendium_proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_evidence_number_key" ON "incident_evidence" USING btree ("incident_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_evidence_custody_seq_key" ON "incident_evidence_custody" USING btree ("evidence_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_evidence_shares_key" ON "incident_evidence_shares" USING btree ("incident_id","organisation_id");--> statement-breakpoint
CREATE INDEX "incident_evidence_shares_organisation_idx" ON "incident_evidence_shares" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "incident_review_actions_review_idx" ON "incident_review_actions" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "incident_review_actions_owner_idx" ON "incident_review_actions" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_reviews_incident_key" ON "incident_reviews" USING btree ("incident_id");