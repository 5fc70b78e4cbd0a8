CREATE TABLE "sitrep_schedules" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"every_hours" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"since" timestamp (3) with time zone NOT NULL,
	"set_by" uuid NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "sitrep_schedules_every_check" CHECK ("sitrep_schedules"."every_hours" between 1 and 168)
);
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_subject_check";--> statement-breakpoint
ALTER TABLE "sitrep_schedules" ADD CONSTRAINT "sitrep_schedules_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitrep_schedules" ADD CONSTRAINT "sitrep_schedules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitrep_schedules" ADD CONSTRAINT "sitrep_schedules_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_subject_check" CHECK (("notifications"."post_id" is not null) or ("notifications"."subject_type" in ('shared-item', 'event-action', 'risk-assessment', 'compendium-proposal', 'community-invitation', 'incident', 'incident-task') and "notifications"."subject_id" is not null));--> statement-breakpoint
-- hand-written: board18
-- The audit chain's lock and its last link in one round trip (appendAudit): every writer of every
-- process waits on this lock until the holder commits, so each round trip made while holding it is
-- paid by all who wait. VOLATILE, so the read after the lock takes a fresh snapshot and sees the
-- link the previous holder committed (one plain statement would read under a snapshot taken
-- before the lock was granted, and fork the chain).
CREATE FUNCTION audit_chain_lock_last(OUT last_seq bigint, OUT last_hash text) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7236423472);
  SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log AS a ORDER BY a.seq DESC LIMIT 1;
END
$$;
