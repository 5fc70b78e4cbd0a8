ALTER TABLE "shared_items" ADD COLUMN "warning" jsonb;--> statement-breakpoint
ALTER TABLE "shared_items" ADD COLUMN "cap_sent" timestamp (3) with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL;--> statement-breakpoint
-- hand-written: cap-alerts
-- Alerts already out have sent their CAP Alert when they were published, and their Cancel when
-- withdrawn (updated_at: a withdrawn item changes no more, short of a personal-data purge).
UPDATE "shared_items" SET "cap_sent" = ARRAY["published_at"]
  || CASE WHEN "status" = 'withdrawn' THEN ARRAY["updated_at"] ELSE '{}'::timestamptz[] END
  WHERE "type" = 'alert' AND "published_at" IS NOT NULL;
