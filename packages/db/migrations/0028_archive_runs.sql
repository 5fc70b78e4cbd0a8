ALTER TABLE "self_assessment_runs" ADD COLUMN "archived_at" timestamp (3) with time zone;--> statement-breakpoint
-- hand-written: archive runs
-- A submitted run stays read-only, except that its organisation may put it away or bring it back:
-- an update that changes anything beside archived_at is still refused.
CREATE OR REPLACE FUNCTION self_assessment_refuse_submitted_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'submitted' AND (to_jsonb(NEW) - 'archived_at') IS DISTINCT FROM (to_jsonb(OLD) - 'archived_at') THEN
    RAISE EXCEPTION 'self-assessment run % was submitted and is read-only', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
