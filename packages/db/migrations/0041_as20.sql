CREATE TABLE "federation_sendings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consent_id" uuid NOT NULL,
	"hub_url" text NOT NULL,
	"sent_by" uuid,
	"trigger" text NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"result" text NOT NULL,
	"status" integer,
	"detail" text DEFAULT '' NOT NULL,
	"cells" jsonb NOT NULL,
	"received" jsonb,
	CONSTRAINT "federation_sendings_trigger_check" CHECK ("federation_sendings"."trigger" in ('manual', 'schedule')),
	CONSTRAINT "federation_sendings_result_check" CHECK ("federation_sendings"."result" in ('sent', 'refused', 'unreachable'))
);
--> statement-breakpoint
ALTER TABLE "assistance_engagements" ADD COLUMN "linked_event_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "assistance_engagements" ADD COLUMN "linked_entry_slugs" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "federation_sendings" ADD CONSTRAINT "federation_sendings_consent_id_federation_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."federation_consents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_sendings" ADD CONSTRAINT "federation_sendings_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "federation_sendings_sent_idx" ON "federation_sendings" USING btree ("sent_at");