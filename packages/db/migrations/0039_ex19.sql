CREATE TABLE "exercise_incidents" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"exercise_id" uuid NOT NULL,
	"inject_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exercise_incidents" ADD CONSTRAINT "exercise_incidents_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_incidents" ADD CONSTRAINT "exercise_incidents_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_incidents" ADD CONSTRAINT "exercise_incidents_inject_id_exercise_injects_id_fk" FOREIGN KEY ("inject_id") REFERENCES "public"."exercise_injects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exercise_incidents_exercise_idx" ON "exercise_incidents" USING btree ("exercise_id");