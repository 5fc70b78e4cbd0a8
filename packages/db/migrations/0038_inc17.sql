ALTER TABLE "incidents" ADD COLUMN "severity" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "severity_assessed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_severity_check" CHECK ("incidents"."severity" is null or "incidents"."severity" in ('minor', 'significant', 'major', 'critical'));