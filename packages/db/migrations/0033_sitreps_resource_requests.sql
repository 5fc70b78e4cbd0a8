CREATE TABLE "resource_request_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"state" text NOT NULL,
	"note" text NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resource_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid,
	"what" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit" text NOT NULL,
	"deliver_to" text NOT NULL,
	"needed_by" timestamp (3) with time zone NOT NULL,
	"priority" text NOT NULL,
	"details" text NOT NULL,
	"from_organisation_id" uuid NOT NULL,
	"to_organisation_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "resource_requests_state_check" CHECK ("resource_requests"."state" in ('requested', 'approved', 'assigned', 'delivered', 'declined', 'cancelled')),
	CONSTRAINT "resource_requests_priority_check" CHECK ("resource_requests"."priority" in ('urgent', 'high', 'routine', 'low')),
	CONSTRAINT "resource_requests_quantity_check" CHECK ("resource_requests"."quantity" > 0),
	CONSTRAINT "resource_requests_sides_check" CHECK ("resource_requests"."from_organisation_id" <> "resource_requests"."to_organisation_id")
);
--> statement-breakpoint
CREATE TABLE "sitreps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"as_of" timestamp (3) with time zone NOT NULL,
	"situation" text NOT NULL,
	"actions" text NOT NULL,
	"resources" text NOT NULL,
	"next_steps" text NOT NULL,
	"tlp" text NOT NULL,
	"audience" jsonb NOT NULL,
	"author_id" uuid NOT NULL,
	"author_organisation_id" uuid NOT NULL,
	"approver_id" uuid,
	"approved_at" timestamp (3) with time zone,
	"shared_item_id" uuid,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "sitreps_status_check" CHECK ("sitreps"."status" in ('draft', 'approved', 'sent')),
	CONSTRAINT "sitreps_tlp_check" CHECK ("sitreps"."tlp" in ('clear', 'green', 'amber', 'amber+strict', 'red')),
	CONSTRAINT "sitreps_sent_check" CHECK (("sitreps"."status" = 'sent') = ("sitreps"."shared_item_id" is not null)),
	CONSTRAINT "sitreps_approved_check" CHECK (("sitreps"."status" = 'draft') = ("sitreps"."approver_id" is null) and "sitreps"."approver_id" is distinct from "sitreps"."author_id")
);
--> statement-breakpoint
ALTER TABLE "resource_request_changes" ADD CONSTRAINT "resource_request_changes_request_id_resource_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."resource_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_request_changes" ADD CONSTRAINT "resource_request_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_from_organisation_id_organisations_id_fk" FOREIGN KEY ("from_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_to_organisation_id_organisations_id_fk" FOREIGN KEY ("to_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_requests" ADD CONSTRAINT "resource_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitreps" ADD CONSTRAINT "sitreps_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitreps" ADD CONSTRAINT "sitreps_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitreps" ADD CONSTRAINT "sitreps_author_organisation_id_organisations_id_fk" FOREIGN KEY ("author_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitreps" ADD CONSTRAINT "sitreps_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitreps" ADD CONSTRAINT "sitreps_shared_item_id_shared_items_id_fk" FOREIGN KEY ("shared_item_id") REFERENCES "public"."shared_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_request_changes_request_idx" ON "resource_request_changes" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "resource_requests_incident_idx" ON "resource_requests" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "resource_requests_from_idx" ON "resource_requests" USING btree ("from_organisation_id");--> statement-breakpoint
CREATE INDEX "resource_requests_to_idx" ON "resource_requests" USING btree ("to_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sitreps_incident_number_idx" ON "sitreps" USING btree ("incident_id","number");--> statement-breakpoint
CREATE INDEX "sitreps_shared_item_idx" ON "sitreps" USING btree ("shared_item_id");