CREATE TABLE "self_assessment_answers" (
	"run_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"value" jsonb,
	"note" text,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assignee_id" uuid,
	"version" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "self_assessment_answers_run_id_question_id_pk" PRIMARY KEY("run_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "self_assessment_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "self_assessment_frameworks" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"loaded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "self_assessment_frameworks_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "self_assessment_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"framework_version" integer NOT NULL,
	"title" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"consent" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"submitted_at" timestamp (3) with time zone,
	CONSTRAINT "self_assessment_runs_state_check" CHECK ("self_assessment_runs"."state" in ('draft', 'submitted')),
	CONSTRAINT "self_assessment_runs_submitted_check" CHECK (("self_assessment_runs"."state" = 'submitted') = ("self_assessment_runs"."submitted_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "self_assessment_answers" ADD CONSTRAINT "self_assessment_answers_run_id_self_assessment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."self_assessment_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_answers" ADD CONSTRAINT "self_assessment_answers_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_answers" ADD CONSTRAINT "self_assessment_answers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_comments" ADD CONSTRAINT "self_assessment_comments_run_id_self_assessment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."self_assessment_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_comments" ADD CONSTRAINT "self_assessment_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_runs" ADD CONSTRAINT "self_assessment_runs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_runs" ADD CONSTRAINT "self_assessment_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment_runs" ADD CONSTRAINT "self_assessment_runs_framework_fk" FOREIGN KEY ("framework_id","framework_version") REFERENCES "public"."self_assessment_frameworks"("id","version") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "self_assessment_comments_run_idx" ON "self_assessment_comments" USING btree ("run_id","created_at");--> statement-breakpoint
CREATE INDEX "self_assessment_runs_organisation_idx" ON "self_assessment_runs" USING btree ("organisation_id","framework_id");--> statement-breakpoint
-- hand-written: self-assessment
-- A submitted run is read-only: its row, its answers and its comments no longer change, whatever
-- the application does (deleting the organisation still removes them, by cascade).
CREATE FUNCTION self_assessment_refuse_submitted_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'submitted' THEN
    RAISE EXCEPTION 'self-assessment run % was submitted and is read-only', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER self_assessment_runs_read_only BEFORE UPDATE ON self_assessment_runs
  FOR EACH ROW EXECUTE FUNCTION self_assessment_refuse_submitted_run();--> statement-breakpoint
CREATE FUNCTION self_assessment_refuse_submitted_part() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM self_assessment_runs WHERE id = NEW.run_id AND state = 'submitted') THEN
    RAISE EXCEPTION 'self-assessment run % was submitted and is read-only', NEW.run_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER self_assessment_answers_read_only BEFORE INSERT OR UPDATE ON self_assessment_answers
  FOR EACH ROW EXECUTE FUNCTION self_assessment_refuse_submitted_part();--> statement-breakpoint
CREATE TRIGGER self_assessment_comments_read_only BEFORE INSERT OR UPDATE ON self_assessment_comments
  FOR EACH ROW EXECUTE FUNCTION self_assessment_refuse_submitted_part();
