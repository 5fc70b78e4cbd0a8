CREATE TABLE "federation_consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"recorded_by" uuid NOT NULL,
	"hub_url" text NOT NULL,
	"hub_token" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"withdrawn_at" timestamp (3) with time zone,
	"withdrawn_by" uuid,
	"last_sent_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "federation_peers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"public_key" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	CONSTRAINT "federation_peers_country_check" CHECK ("federation_peers"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "federation_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"peer_id" uuid NOT NULL,
	"nonce" uuid NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"country" text NOT NULL,
	"k" integer NOT NULL,
	"cells" jsonb NOT NULL,
	"dropped" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "federation_consents" ADD CONSTRAINT "federation_consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_consents" ADD CONSTRAINT "federation_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_consents" ADD CONSTRAINT "federation_consents_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_peers" ADD CONSTRAINT "federation_peers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_receipts" ADD CONSTRAINT "federation_receipts_peer_id_federation_peers_id_fk" FOREIGN KEY ("peer_id") REFERENCES "public"."federation_peers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "federation_consents_organisation_idx" ON "federation_consents" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "federation_consents_current_idx" ON "federation_consents" USING btree ((true)) WHERE "federation_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "federation_peers_token_idx" ON "federation_peers" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "federation_peers_key_idx" ON "federation_peers" USING btree ("public_key");--> statement-breakpoint
CREATE UNIQUE INDEX "federation_receipts_nonce_idx" ON "federation_receipts" USING btree ("peer_id","nonce");--> statement-breakpoint
CREATE INDEX "federation_receipts_peer_idx" ON "federation_receipts" USING btree ("peer_id","sent_at");