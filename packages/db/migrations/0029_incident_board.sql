CREATE TABLE "incident_log_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_organisation_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"text" text NOT NULL,
	"significant" boolean DEFAULT false NOT NULL,
	"tlp" text NOT NULL,
	CONSTRAINT "incident_log_entries_tlp_check" CHECK ("incident_log_entries"."tlp" in ('clear', 'green', 'amber', 'amber+strict', 'red'))
);
--> statement-breakpoint
CREATE TABLE "incident_log_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid,
	"community_id" uuid,
	CONSTRAINT "incident_log_recipients_people_check" CHECK ("incident_log_recipients"."organisation_id" is null and "incident_log_recipients"."community_id" is null)
);
--> statement-breakpoint
CREATE TABLE "incident_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"assignee_organisation_id" uuid,
	"assignee_user_id" uuid,
	"due_at" timestamp (3) with time zone,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_organisation_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"acknowledged_at" timestamp (3) with time zone,
	CONSTRAINT "incident_tasks_status_check" CHECK ("incident_tasks"."status" in ('open', 'acknowledged', 'in_progress', 'done', 'cancelled')),
	CONSTRAINT "incident_tasks_assignee_check" CHECK (num_nonnulls("incident_tasks"."assignee_organisation_id", "incident_tasks"."assignee_user_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "organisation_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"hours" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_log_entries" ADD CONSTRAINT "incident_log_entries_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_log_entries" ADD CONSTRAINT "incident_log_entries_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_log_entries" ADD CONSTRAINT "incident_log_entries_author_organisation_id_organisations_id_fk" FOREIGN KEY ("author_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_log_recipients" ADD CONSTRAINT "incident_log_recipients_entry_id_incident_log_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."incident_log_entries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_log_recipients" ADD CONSTRAINT "incident_log_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD CONSTRAINT "incident_tasks_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD CONSTRAINT "incident_tasks_assignee_organisation_id_organisations_id_fk" FOREIGN KEY ("assignee_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD CONSTRAINT "incident_tasks_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD CONSTRAINT "incident_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_tasks" ADD CONSTRAINT "incident_tasks_created_by_organisation_id_organisations_id_fk" FOREIGN KEY ("created_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_contacts" ADD CONSTRAINT "organisation_contacts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_log_entries_incident_idx" ON "incident_log_entries" USING btree ("incident_id","at");--> statement-breakpoint
CREATE INDEX "incident_log_recipients_entry_idx" ON "incident_log_recipients" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "incident_log_recipients_user_idx" ON "incident_log_recipients" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "incident_tasks_incident_idx" ON "incident_tasks" USING btree ("incident_id","due_at");--> statement-breakpoint
CREATE INDEX "incident_tasks_assignee_org_idx" ON "incident_tasks" USING btree ("assignee_organisation_id");--> statement-breakpoint
CREATE INDEX "incident_tasks_assignee_user_idx" ON "incident_tasks" USING btree ("assignee_user_id");--> statement-breakpoint
CREATE INDEX "organisation_contacts_organisation_idx" ON "organisation_contacts" USING btree ("organisation_id","position");--> statement-breakpoint
-- hand-written:
-- An incident's activity log is append-only (issue 18): a correction is a new entry. Its entries
-- and the people a RED entry names refuse every UPDATE and DELETE, whoever asks (a backup's restore
-- turns user triggers off while it replaces the rows, as for the audit trail).
CREATE FUNCTION incident_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the incident log is append-only: % is not allowed', TG_OP USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incident_log_entries_append_only BEFORE UPDATE OR DELETE ON incident_log_entries
  FOR EACH ROW EXECUTE FUNCTION incident_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER incident_log_recipients_append_only BEFORE UPDATE OR DELETE ON incident_log_recipients
  FOR EACH ROW EXECUTE FUNCTION incident_log_refuse_change();
