CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"name" text NOT NULL,
	"sector" text NOT NULL,
	"subsector" text,
	"operator_id" uuid NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"area" jsonb,
	"status" text DEFAULT 'operational' NOT NULL,
	"population_served" bigint DEFAULT 0 NOT NULL,
	"capacity" double precision,
	"capacity_unit" text,
	"marking" text DEFAULT 'amber' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dependencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dependent_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"service" text NOT NULL,
	"kind" text DEFAULT 'physical' NOT NULL,
	"k" integer DEFAULT 1 NOT NULL,
	"buffer_hours" double precision DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_operator_id_organisations_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dependencies" ADD CONSTRAINT "dependencies_dependent_id_assets_id_fk" FOREIGN KEY ("dependent_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dependencies" ADD CONSTRAINT "dependencies_supplier_id_assets_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assets_ref_key" ON "assets" USING btree ("ref");--> statement-breakpoint
CREATE INDEX "assets_operator_idx" ON "assets" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "assets_sector_idx" ON "assets" USING btree ("sector");--> statement-breakpoint
CREATE UNIQUE INDEX "dependencies_edge_key" ON "dependencies" USING btree ("dependent_id","supplier_id","service");--> statement-breakpoint
CREATE INDEX "dependencies_supplier_idx" ON "dependencies" USING btree ("supplier_id");