CREATE TABLE "taxii_statuses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"collection_id" uuid NOT NULL,
	"requested_at" timestamp (6) with time zone NOT NULL,
	"resource" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taxii_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"name" text NOT NULL,
	"api_root_url" text NOT NULL,
	"collection_id" text NOT NULL,
	"auth_kind" text NOT NULL,
	"credentials" text,
	"default_tlp" text DEFAULT 'amber' NOT NULL,
	"interval_minutes" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"cursor" text,
	"next_run_at" timestamp (3) with time zone NOT NULL,
	"running_since" timestamp (3) with time zone,
	"last_run_at" timestamp (3) with time zone,
	"last_run_outcome" text,
	"last_run_received" integer DEFAULT 0 NOT NULL,
	"last_run_added" integer DEFAULT 0 NOT NULL,
	"last_run_duplicates" integer DEFAULT 0 NOT NULL,
	"last_run_refused" integer DEFAULT 0 NOT NULL,
	"last_run_error" text,
	"owner_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "taxii_subscriptions_auth_check" CHECK ("taxii_subscriptions"."auth_kind" in ('none', 'basic', 'bearer')),
	CONSTRAINT "taxii_subscriptions_credentials_check" CHECK (("taxii_subscriptions"."auth_kind" = 'none') = ("taxii_subscriptions"."credentials" is null)),
	CONSTRAINT "taxii_subscriptions_tlp_check" CHECK ("taxii_subscriptions"."default_tlp" in ('clear', 'green', 'amber', 'amber+strict')),
	CONSTRAINT "taxii_subscriptions_interval_check" CHECK ("taxii_subscriptions"."interval_minutes" between 5 and 10080),
	CONSTRAINT "taxii_subscriptions_outcome_check" CHECK ("taxii_subscriptions"."last_run_outcome" is null or "taxii_subscriptions"."last_run_outcome" in ('ok', 'capped', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "taxii_statuses" ADD CONSTRAINT "taxii_statuses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxii_statuses" ADD CONSTRAINT "taxii_statuses_collection_id_communities_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxii_subscriptions" ADD CONSTRAINT "taxii_subscriptions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taxii_subscriptions" ADD CONSTRAINT "taxii_subscriptions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "taxii_statuses_user_idx" ON "taxii_statuses" USING btree ("user_id","requested_at");--> statement-breakpoint
CREATE INDEX "taxii_subscriptions_community_idx" ON "taxii_subscriptions" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "taxii_subscriptions_due_idx" ON "taxii_subscriptions" USING btree ("next_run_at");