CREATE TABLE "exercise_corrective_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"exercise_id" uuid NOT NULL,
	"objective_id" uuid,
	"action_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exercise_injects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"exercise_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"offset_ms" bigint NOT NULL,
	"sender" text NOT NULL,
	"recipient_organisation_ids" uuid[] NOT NULL,
	"channel" text NOT NULL,
	"content" text NOT NULL,
	"expected_action" text DEFAULT '' NOT NULL,
	"objective_id" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "exercise_injects_offset_check" CHECK ("exercise_injects"."offset_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "exercise_objectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"exercise_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"section" text,
	"capability" text,
	CONSTRAINT "exercise_objectives_tie_check" CHECK (num_nonnulls("exercise_objectives"."section", "exercise_objectives"."capability") = 1)
);
--> statement-breakpoint
CREATE TABLE "exercise_observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"exercise_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"objective_id" uuid NOT NULL,
	"evaluator_id" uuid,
	"evaluator_organisation_id" uuid NOT NULL,
	"rating" text NOT NULL,
	"strengths" text[] DEFAULT '{}'::text[] NOT NULL,
	"areas_for_improvement" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"exercise_time_ms" bigint NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "exercise_observations_rating_check" CHECK ("exercise_observations"."rating" in ('P', 'S', 'M', 'U'))
);
--> statement-breakpoint
CREATE TABLE "exercise_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"exercise_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "exercise_participants_role_check" CHECK ("exercise_participants"."role" in ('player', 'controller', 'evaluator'))
);
--> statement-breakpoint
CREATE TABLE "exercises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'planning' NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"scenario_slug" text,
	"attacked_asset_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"clock_base_ms" bigint DEFAULT 0 NOT NULL,
	"clock_anchor" timestamp (3) with time zone,
	"speed" double precision DEFAULT 1 NOT NULL,
	"follow_up_event_id" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "exercises_type_check" CHECK ("exercises"."type" in ('seminar', 'workshop', 'tabletop', 'game', 'drill', 'functional', 'full-scale')),
	CONSTRAINT "exercises_status_check" CHECK ("exercises"."status" in ('planning', 'running', 'paused', 'completed')),
	CONSTRAINT "exercises_clock_check" CHECK (("exercises"."status" = 'running') = ("exercises"."clock_anchor" is not null)),
	CONSTRAINT "exercises_speed_check" CHECK ("exercises"."speed" >= 0.1 and "exercises"."speed" <= 1000)
);
--> statement-breakpoint
ALTER TABLE "exercise_corrective_actions" ADD CONSTRAINT "exercise_corrective_actions_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_corrective_actions" ADD CONSTRAINT "exercise_corrective_actions_objective_id_exercise_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."exercise_objectives"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_corrective_actions" ADD CONSTRAINT "exercise_corrective_actions_action_id_event_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."event_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_injects" ADD CONSTRAINT "exercise_injects_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_injects" ADD CONSTRAINT "exercise_injects_objective_id_exercise_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."exercise_objectives"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_injects" ADD CONSTRAINT "exercise_injects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_objectives" ADD CONSTRAINT "exercise_objectives_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_observations" ADD CONSTRAINT "exercise_observations_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_observations" ADD CONSTRAINT "exercise_observations_objective_id_exercise_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."exercise_objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_observations" ADD CONSTRAINT "exercise_observations_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_observations" ADD CONSTRAINT "exercise_observations_evaluator_organisation_id_organisations_id_fk" FOREIGN KEY ("evaluator_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_participants" ADD CONSTRAINT "exercise_participants_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_participants" ADD CONSTRAINT "exercise_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_follow_up_event_id_events_id_fk" FOREIGN KEY ("follow_up_event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exercise_corrective_actions_exercise_idx" ON "exercise_corrective_actions" USING btree ("exercise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exercise_corrective_actions_action_key" ON "exercise_corrective_actions" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exercise_injects_position_key" ON "exercise_injects" USING btree ("exercise_id","position");--> statement-breakpoint
CREATE INDEX "exercise_injects_due_idx" ON "exercise_injects" USING btree ("exercise_id","offset_ms","position");--> statement-breakpoint
CREATE UNIQUE INDEX "exercise_objectives_position_key" ON "exercise_objectives" USING btree ("exercise_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "exercise_observations_position_key" ON "exercise_observations" USING btree ("exercise_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "exercise_participants_key" ON "exercise_participants" USING btree ("exercise_id","organisation_id");--> statement-breakpoint
CREATE INDEX "exercise_participants_organisation_idx" ON "exercise_participants" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "exercises_owner_idx" ON "exercises" USING btree ("owner_organisation_id");